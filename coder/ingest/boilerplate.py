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
from typing import Any, Iterator

from coder.ingest.dates import parse_header_date
from coder.yamlfile import load_yaml

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
    gate: "FirstCharGate | None" = None  # the alternation of only the patterns that may start with a character
    needles: Any = None  # finds any `requires` string in a lowered line (an Aho-Corasick automaton)


class FirstCharGate:
    """The unguarded patterns a line can match, by the line's first character.

    Most lines are body text whose first character only a few patterns can start with ("O" of "On Monday":
    "our correspondent", "our standards", and "social-handle", whose last branch starts with any non-blank):
    one dict lookup gives the alternation of only those patterns (in their order, with their group names), or
    None when no pattern can start with the character. Which patterns may start with which
    characters is derived from the regexes themselves (`_first_set`); a pattern whose start the analysis does
    not understand is tried on every line. The alternation per character is made on first use (a load cache).
    """

    _MAX_CHARS = 4096  # distinct first characters remembered (beyond: computed each time)

    def __init__(self, alternatives: list[tuple[str, str, re.Pattern[str] | None]]):
        # (group name, "(?P<name>body)", the first-character test or None: any character)
        self._alternatives = alternatives
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        self._by_names: dict[tuple[str, ...], re.Pattern[str]] = {}

    def regex_for(self, first: str) -> re.Pattern[str] | None:
        """The alternation of the patterns that may match a line starting with `first` (None: no pattern)."""
        try:
            return self._by_char[first]
        except KeyError:
            pass
        parts = [(name, part) for name, part, test in self._alternatives if test is None or test.match(first)]
        rx = None
        if parts:
            key = tuple(name for name, _ in parts)
            rx = self._by_names.get(key)
            if rx is None:
                rx = self._by_names[key] = re.compile("|".join(part for _, part in parts))
        if len(self._by_char) < self._MAX_CHARS:
            self._by_char[first] = rx
        return rx


_CATEGORY_CLASSES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                     "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


class _AnyStart(Exception):
    """The analysis cannot bound the first character of a pattern (it may start with anything)."""


def _first_set(regex: str) -> re.Pattern[str] | None:
    """A one-character regex that matches every character a match of `regex` can start with (a superset),
    or None when that is any character. Made from the regex's parse tree (the standard library's parser):
    literals and character classes at the start, through groups, alternatives, optional and repeated parts
    and zero-width assertions (which are skipped: that only widens the set)."""
    from re import _constants as C, _parser

    try:
        tree = _parser.parse(regex)
        if tree.state.flags & ~(re.IGNORECASE | re.UNICODE):
            raise _AnyStart
        pieces: list[str] = []
        if _seq_first(list(tree), bool(tree.state.flags & re.IGNORECASE), pieces, C):
            raise _AnyStart  # the whole pattern may match the empty string
    except Exception:  # _AnyStart, or a construct the parser or this analysis does not know
        return None
    return re.compile("|".join(pieces)) if pieces else None


def _seq_first(items: list, ignore_case: bool, out: list[str], C) -> bool:
    """Add the first-character pieces of a sequence to `out`; True when the sequence may match nothing."""
    for op, av in items:
        if not _node_first(op, av, ignore_case, out, C):
            return False
    return True


def _node_first(op, av, ignore_case: bool, out: list[str], C) -> bool:
    """Add the first-character pieces of one parse node to `out`; True when it may match nothing."""
    def add(cls: str) -> None:
        out.append(f"(?i:{cls})" if ignore_case else f"(?-i:{cls})")

    if op is C.LITERAL:
        add(re.escape(chr(av)))
        return False
    if op is C.IN:
        parts = []
        for iop, iav in av:
            if iop is C.LITERAL:
                parts.append(re.escape(chr(iav)))
            elif iop is C.RANGE:
                parts.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
            elif iop is C.CATEGORY and str(iav) in _CATEGORY_CLASSES:
                parts.append(_CATEGORY_CLASSES[str(iav)])
            else:  # NEGATE and the rest
                raise _AnyStart
        add("[" + "".join(parts) + "]")
        return False
    if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
        return True  # zero-width: the next node gives the first character
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & ~re.IGNORECASE:
            raise _AnyStart
        ic = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _seq_first(list(sub), ic, out, C)
    if op is C.BRANCH:
        empty = False
        for alt in av[1]:
            empty |= _seq_first(list(alt), ignore_case, out, C)
        return empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return _seq_first(list(sub), ignore_case, out, C) or lo == 0
    if op is C.ATOMIC_GROUP:
        return _seq_first(list(av), ignore_case, out, C)
    raise _AnyStart


def load_rules_text(text: str, where: str = _DATA_FILE) -> BoilerplateRules:
    """Validate and compile boilerplate rules from YAML text (separate from the file for tests)."""
    data = load_yaml(text)
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
    parts, groups, guarded, alternatives = [], {}, [], []
    for p in patterns:
        body = f"(?i:{p.regex})" if p.ignore_case else p.regex
        if p.requires:
            guarded.append((p.requires, re.compile(body), p))
            continue
        name = "p_" + p.id.replace("-", "_")
        groups[name] = p
        parts.append(f"(?P<{name}>{body})")
        alternatives.append((name, parts[-1], _first_set(body)))
    combined = re.compile("|".join(parts) or "(?!)")
    needles = sorted({n for requires, _, _ in guarded for n in requires})
    return BoilerplateRules(tuple(patterns), max_len, combined, groups, tuple(guarded),
                            FirstCharGate(alternatives), _needle_finder(needles) if needles else None)


def _needle_finder(needles: list[str]) -> Any:
    """One automaton for every `requires` string: a lowered line in which it finds none needs no guarded
    pattern (one C call instead of a `needle in line` test per needle)."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(needles)


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
    return _classify_stripped(s, r)


def _classify_stripped(s: str, r: BoilerplateRules) -> BoilerplatePattern | str | None:
    """classify_line of a stripped, non-empty line no longer than max_line_length."""
    rx = r.gate.regex_for(s[0]) if r.gate is not None else r.combined
    if rx is not None:
        m = rx.fullmatch(s)
        if m is not None:
            return r.group_to_pattern[m.lastgroup]  # type: ignore[index]
    if r.guarded:
        low = s.lower()
        # one automaton call says whether any `requires` string is in the line: most often none is
        if r.needles is None or r.needles.find_matches_as_indexes(low):
            for requires, grx, pattern in r.guarded:
                for needle in requires:
                    if needle in low:
                        if grx.fullmatch(s):
                            return pattern
                        break
    if parse_header_date(s) is not None:
        return DATE_LINE_ID
    return None


LINK_TITLE_ID = "link-title"  # the line after a link-list heading ("Read more" / a headline)
_LINK_TITLE_MAX = 150
_LINK_LIST_MAX = 6  # at most this many link titles follow one heading


def is_link_title(line: str) -> bool:
    """A short line that does not end like a sentence: the title of a linked story."""
    s = line.strip()
    return 0 < len(s) <= _LINK_TITLE_MAX and s[-1] not in ".!\"”'’:;,"


def classify_lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str | BoilerplatePattern | None]]:
    """(start, end, hit) for each non-blank line from `start`: hit is the pattern, DATE_LINE_ID,
    LINK_TITLE_ID or None (body text); a line ends at \\n (or \\r\\n), its end excludes the break. One split of
    the text, not a find per line."""
    rules = load_rules()
    max_len = rules.max_line_length
    links_left = 0  # link titles still expected after a link-list heading
    pos = start
    for line in (text[start:] if start else text).split("\n"):
        s = pos
        e = pos = s + len(line)
        pos += 1
        if line and line[-1] == "\r":
            e -= 1
            line = line[:-1]
        if s == e:
            continue
        hit: str | BoilerplatePattern | None = None
        if e - s <= max_len + 200:
            stripped = line.strip()
            if not stripped:
                continue
            if len(stripped) <= max_len:
                hit = _classify_stripped(stripped, rules)
            if hit is None and links_left and is_link_title(line):
                hit = LINK_TITLE_ID
        elif line.isspace():  # longer lines are body unless blank (no strip() copy of them)
            continue
        links_left = 0 if hit is None else links_after(hit, links_left)  # (body lines, the usual case, first)
        yield s, e, hit


def links_after(hit: str | BoilerplatePattern | None, links_left: int) -> int:
    """Link titles still expected after a boilerplate line: a link-list heading opens a list of up to
    _LINK_LIST_MAX, a link title uses one up, any other line (body text included) ends the list."""
    if isinstance(hit, BoilerplatePattern) and hit.skip_next:
        return _LINK_LIST_MAX
    return links_left - 1 if hit == LINK_TITLE_ID else 0


def boilerplate_lines(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, pattern id) of every boilerplate line of `text` from offset `start`."""
    return [(s, e, h if isinstance(h, str) else h.id) for s, e, h in classify_lines(text, start)
            if h is not None]


def boilerplate_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) code-point spans of the boilerplate lines of `text` from offset `start`, in order."""
    return [(s, e) for s, e, _ in boilerplate_lines(text, start)]
