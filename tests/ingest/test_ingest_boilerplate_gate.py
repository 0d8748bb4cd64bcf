"""The boilerplate scan's shortcuts give the answers of the plain scan: the first-character gate (only the
patterns that can start with a line's first character are tried), the automaton that skips the guarded
patterns when no `requires` string is in a line, and the line split of classify_lines."""
from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.ingest.boilerplate import (LINK_TITLE_ID, _first_set, links_after,
                                      classify_line, classify_lines, is_link_title, load_rules)
from coder.dates.dateline import parse_header_date

RULES = load_rules()


def _plain_line(line: str):
    """classify_line without shortcuts: the whole alternation, then every guarded pattern, then the date."""
    s = line.strip()
    if not s or len(s) > RULES.max_line_length:
        return None
    m = RULES.combined.fullmatch(s)
    if m is not None:
        return RULES.group_to_pattern[m.lastgroup]
    low = s.lower()
    for requires, rx, pattern in RULES.guarded:
        if any(n in low for n in requires):
            if rx.fullmatch(s):
                return pattern
            # the shipped scan tries a guarded pattern once, at its first needle found
    return "date-line" if parse_header_date(s) is not None else None


def _iter_lines(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from `start`, end excluding the line break (\\n or \\r\\n), found one by one."""
    n = len(text)
    pos = start
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        yield pos, line_end
        pos = end + 1 if nl >= 0 else n


def _plain_lines(text: str, start: int = 0):
    """classify_lines as it was: _iter_lines, a blank test and classify_line per line."""
    links_left = 0
    for s, e in _iter_lines(text, start):
        if s == e or text[s:e].isspace():
            continue
        hit = None
        if e - s <= RULES.max_line_length + 200:
            hit = _plain_line(text[s:e])
            if hit is None and links_left and is_link_title(text[s:e]):
                hit = LINK_TITLE_ID
        links_left = links_after(hit, links_left)
        yield s, e, hit


def test_first_sets_of_small_regexes():
    ab = _first_set("(?:ab|c?d)")
    assert [c for c in "abcdAB" if ab.match(c)] == ["a", "c", "d"]
    assert _first_set("x*") is None  # may match nothing: any first character
    assert _first_set("[^x]y") is None  # a negated class: not bounded
    by = _first_set(r"\(?(?i:by)\s")
    assert [c for c in "(bBy)" if by.match(c)] == ["(", "b", "B"]
    digits = _first_set(r"\b(?:reading\s+)?\d+")
    assert [c for c in "r7R x" if digits.match(c)] == ["r", "7"]  # case-sensitive


def test_every_example_passes_its_patterns_gate():
    for name, _, test in RULES.gate._alternatives:
        pattern = RULES.group_to_pattern[name]
        for ex in pattern.examples:
            assert test is None or test.match(ex.strip()[0]), (pattern.id, ex)


_pieces = [ex for p in RULES.patterns for ex in p.examples + p.not_examples] + [
    "On Monday, troops moved in.", "05 June, 2020", "Read more", "Story one", "İmage: x", "ſource: AFP",
    "PHOTOGRAPH: K", "[Getty]", "Photo credit: x (AP Photo)", "All rights reserved", "@handle", "\u2028", "\x0b",
    " ", "\r", "x" * 450, " " * 700, "Kelvin K reserved", "contrİbuted", "\u0130mage", "Follow us on X"]
_line = st.one_of(st.sampled_from(_pieces), st.text(max_size=12),
                  st.tuples(st.sampled_from(_pieces), st.text(max_size=4)).map("".join))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_line)
def test_classify_line_is_the_plain_scan(line):
    assert classify_line(line) == _plain_line(line)


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, max_size=10), st.sampled_from(["\n", "\r\n", "\n\n", "\r\r\n"]), st.integers(0, 30))
def test_classify_lines_is_the_plain_scan(lines, sep, start):
    text = sep.join(lines)
    start = min(start, len(text))
    assert list(classify_lines(text, start)) == list(_plain_lines(text, start))


def test_a_long_blank_line_is_not_a_line():
    text = "Read more\n" + " " * 700 + "\nStory one\n"
    assert [(text[s:e], h if isinstance(h, str) else h.id) for s, e, h in classify_lines(text)] == [
        ("Read more", "link-list-heading"), ("Story one", LINK_TITLE_ID)]


def test_the_shipped_file_reads_the_same_with_the_pure_python_loader():
    from importlib import resources

    import yaml

    text = resources.files("coder.ingest").joinpath("boilerplate.yaml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=getattr(yaml, "CSafeLoader",
                                                                                         yaml.SafeLoader))
