"""Boilerplate lines (captions, credits, bylines, promotions, copyright) that never yield events.

The patterns are data (`boilerplate.yaml`, stable ids); they are compiled once per process into a
single alternation so that a line costs one regex call. A line is classified as a whole: lines
longer than `max_line_length` are always body text, which keeps the scan linear in text length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

import yaml

from coder.ingest.dates import parse_header_date

DATE_LINE_ID = "date-line"  # a line that is only a date stamp, found by the date matcher, not by a regex
_DATA_FILE = "boilerplate.yaml"


class BoilerplateDataError(ValueError):
    """The boilerplate pattern file is malformed; the message says where and what to fix."""


@dataclass(frozen=True)
class BoilerplatePattern:
    id: str
    regex: str
    ignore_case: bool = True
    source: str | None = None
    examples: tuple[str, ...] = ()
    not_examples: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    header: bool = False  # may extend a .txt header past its date line
    skip_next: bool = False  # a link-list heading: the short lines after it are link titles


@dataclass(frozen=True)
class BoilerplateRules:
    patterns: tuple[BoilerplatePattern, ...]
    max_line_length: int
    combined: re.Pattern[str]  # all patterns without a `requires` guard, one alternation
    group_to_pattern: dict[str, BoilerplatePattern]
    guarded: tuple[tuple[tuple[str, ...], re.Pattern[str], BoilerplatePattern], ...]


def load_rules_text(text: str, where: str = _DATA_FILE) -> BoilerplateRules:
    """Validate and compile boilerplate rules from YAML text (separate from the file for tests)."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise BoilerplateDataError(f"{where}: expected a mapping with a 'patterns' list")
    max_len = data.get("max_line_length", 400)
    if not isinstance(max_len, int) or max_len <= 0:
        raise BoilerplateDataError(f"{where}: max_line_length must be a positive integer, got {max_len!r}")
    patterns: list[BoilerplatePattern] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["patterns"]):
        at = f"{where}: patterns[{i}]"
        if not isinstance(entry, dict):
            raise BoilerplateDataError(f"{at}: expected a mapping with 'id' and 'regex'")
        pid, rx = entry.get("id"), entry.get("regex")
        if not isinstance(pid, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pid):
            raise BoilerplateDataError(f"{at}: 'id' must be a kebab-case string, got {pid!r}")
        if pid in seen or pid == DATE_LINE_ID:
            raise BoilerplateDataError(f"{at}: duplicate id {pid!r}; ids must be unique")
        seen.add(pid)
        unknown = set(entry) - {"id", "regex", "ignore_case", "source", "examples", "not", "requires", "header",
                                "skip_next"}
        if unknown:
            raise BoilerplateDataError(f"{at} ({pid}): unknown field(s) {sorted(unknown)}")
        if not isinstance(rx, str) or not rx:
            raise BoilerplateDataError(f"{at} ({pid}): 'regex' must be a non-empty string")
        try:
            compiled = re.compile(rx)
        except re.error as exc:
            raise BoilerplateDataError(f"{at} ({pid}): bad regex: {exc}") from exc
        if compiled.groupindex:
            raise BoilerplateDataError(f"{at} ({pid}): named groups are not allowed; use (?:...)")
        requires = entry.get("requires") or []
        if not isinstance(requires, list) or not all(isinstance(x, str) and x and x == x.lower() for x in requires):
            raise BoilerplateDataError(f"{at} ({pid}): 'requires' must be a list of lowercase strings")
        patterns.append(BoilerplatePattern(
            id=pid, regex=rx, ignore_case=bool(entry.get("ignore_case", True)),
            source=entry.get("source"), examples=tuple(entry.get("examples") or ()),
            not_examples=tuple(entry.get("not") or ()), requires=tuple(requires),
            header=bool(entry.get("header", False)), skip_next=bool(entry.get("skip_next", False)),
        ))
    parts, groups, guarded = [], {}, []
    for p in patterns:
        body = f"(?i:{p.regex})" if p.ignore_case else p.regex
        if p.requires:
            guarded.append((p.requires, re.compile(body), p))
            continue
        name = "p_" + p.id.replace("-", "_")
        groups[name] = p
        parts.append(f"(?P<{name}>{body})")
    combined = re.compile("|".join(parts) or "(?!)")
    return BoilerplateRules(tuple(patterns), max_len, combined, groups, tuple(guarded))


@lru_cache(maxsize=1)
def load_rules() -> BoilerplateRules:
    """The shipped rules, loaded once per process."""
    text = resources.files("coder.ingest").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    return load_rules_text(text, f"coder/ingest/{_DATA_FILE}")


def classify_line(line: str, rules: BoilerplateRules | None = None) -> BoilerplatePattern | str | None:
    """The pattern a line matches (or DATE_LINE_ID for a bare date stamp), None for body text."""
    r = rules or load_rules()
    s = line.strip()
    if not s or len(s) > r.max_line_length:
        return None
    m = r.combined.fullmatch(s)
    if m is not None:
        return r.group_to_pattern[m.lastgroup]  # type: ignore[index]
    low = s.lower()
    for requires, rx, pattern in r.guarded:
        for needle in requires:
            if needle in low:
                if rx.fullmatch(s):
                    return pattern
                break
    if parse_header_date(s) is not None:
        return DATE_LINE_ID
    return None


def iter_lines(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from `start`, end excluding the line break (\\n, \\r\\n or \\r)."""
    n = len(text)
    pos = start
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        yield pos, line_end
        pos = end + 1 if nl >= 0 else n


LINK_TITLE_ID = "link-title"  # the line after a link-list heading ("Read more" / a headline)
_LINK_TITLE_MAX = 150
_LINK_LIST_MAX = 6  # at most this many link titles follow one heading


def is_link_title(line: str) -> bool:
    """A short line that does not end like a sentence: the title of a linked story."""
    s = line.strip()
    return 0 < len(s) <= _LINK_TITLE_MAX and s[-1] not in ".!\"”'’:;,"


def classify_lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str | BoilerplatePattern | None]]:
    """(start, end, hit) for each non-blank line from `start`: hit is the pattern, DATE_LINE_ID,
    LINK_TITLE_ID or None (body text)."""
    rules = load_rules()
    links_left = 0  # link titles still expected after a link-list heading
    for s, e in iter_lines(text, start):
        if s == e or text[s:e].isspace():
            continue
        hit: str | BoilerplatePattern | None = None
        if e - s <= rules.max_line_length + 200:  # longer: surely body; skip the strip() copy
            hit = classify_line(text[s:e], rules)
            if hit is None and links_left and is_link_title(text[s:e]):
                hit = LINK_TITLE_ID
        if isinstance(hit, BoilerplatePattern) and hit.skip_next:
            links_left = _LINK_LIST_MAX
        elif hit == LINK_TITLE_ID:
            links_left -= 1
        else:
            links_left = 0
        yield s, e, hit


def boilerplate_lines(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, pattern id) of every boilerplate line of `text` from offset `start`."""
    return [(s, e, h if isinstance(h, str) else h.id) for s, e, h in classify_lines(text, start)
            if h is not None]


def boilerplate_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) code-point spans of the boilerplate lines of `text` from offset `start`, in order."""
    return [(s, e) for s, e, _ in boilerplate_lines(text, start)]
