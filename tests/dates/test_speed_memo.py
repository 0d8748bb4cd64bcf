"""find_dates' speed paths give what the plain code gives.

Cores come from one Aho-Corasick pass (checked against the cased regex plus a str.find per core word, the
implementation before); the patterns of a word and the mention of a phrase are memoised (checked against
the full alternation scan, with the memo warm from other texts, and with the look-behind context that
makes one phrase differ from the same words elsewhere).
"""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from coder.dates import find_dates
from coder.dates.find import MAX_CHARS_BEFORE, MAX_WORDS_BEFORE, _core_positions, _mention
from coder.dates.firstwords import DIGIT
from coder.dates.firstwords import lookbehind
from coder.dates.lexicon import Lexicon, full_scan_regex, load
from coder.dates.model import DateMention, moved


def _full_scan(text: str) -> list[DateMention]:
    """The reference finder: scan with the whole alternation, no memo."""
    lex = load()
    out = []
    for m in full_scan_regex(lex).finditer(text):
        found = _mention(lex, lex.group_to_pattern[m.lastgroup], text, m.start(), m.end())  # type: ignore[index]
        if found is not None:
            out.append(found)
    return out


def old_core_positions(lex: Lexicon, text: str) -> list[int]:
    """_core_positions before the Aho-Corasick pass."""
    hits = [m.start() for m in lex.cased_cores.finditer(text)]
    low = text.lower()
    if len(low) != len(text):
        low = text
    for core in lex.cores:
        i = low.find(core)
        while i >= 0:
            hits.append(i)
            i = low.find(core, i + 1)
    hits.sort()
    return hits


CORE_BITS = ["day", "DAY", "Day", "night", "week", "Weekend", "month", "YEAR", "years", "morning", "afternoon",
             "evening", "tomorrow", "today", "Jan", "jan", "JAN", "January", "Mar", "march", "May", "may", "Dec",
             "Sept", "Sep", "1", "12", "2020", "05", "\u0663", "1\u06632", "dayear", "Mayear", "weekday", "Mayday",
             " ", " ", ", ", "-", "/", "x", "on", "İ", "ı", "ſ", "\u212a", "ß", "ﬁ", "Σ", "é", "\U0001d518"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CORE_BITS), max_size=14))
def test_core_positions_equal_the_regex_and_find_pass(parts: list[str]) -> None:
    text = "".join(parts)
    if len(text.lower()) == len(text):  # the old search looked for core words in such texts unlowered: "İ Week"
        assert _core_positions(load(), text) == old_core_positions(load(), text)
    assert _core_positions(load(), text) == sorted(set(_core_positions(load(), text)))


def test_core_positions_by_hand() -> None:
    lex = load()
    assert _core_positions(lex, "On 12 March 2020, a Monday") == [3, 6, 12, 23]   # 12, Mar, 2020, (Mon)day
    assert _core_positions(lex, "dayear") == [0, 2]                               # overlapping core words
    assert _core_positions(lex, "MARCH march Mar") == [12]                        # month prefixes keep case
    assert _core_positions(lex, "İ 5 May day") == [2, 4, 8]                       # lower() moves offsets
    assert _core_positions(lex, "İ last Week") == [7]                             # ... and core words still count


WORDS = ["on", "On", "ON", "the", "last", "week", "Last", "Week", "Friday", "friday", "5", "12", "March", "May",
         "2020", "in", "early", "since", "before", "the", "ceasefire", "truce", "of", "ago", "two", "days",
         "night", "this", "month", "between", "and", "to", "-", ",", ".", "İ", "\u212a", "ſ", "x", "said"]
SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", "-", ""]


def old_find_dates(text: str) -> list[DateMention]:
    """find_dates before the speed work: no memo, cores by old_core_positions."""
    lex = load()
    cores = old_core_positions(lex, text)
    out: list[DateMention] = []
    done, tried = 0, -1
    for c in cores:
        if c < done:
            continue
        words = list(re.finditer(r"\b\w+", text[:c + 1]))
        words = [w for w in words if w.start() >= max(done, tried + 1, c - MAX_CHARS_BEFORE)]
        for w in words[-MAX_WORDS_BEFORE:]:
            s = w.start()
            tried = s
            word = re.match(r"\w+", text[s:]).group()  # type: ignore[union-attr]
            key = lex.starts.get(DIGIT if word[0].isdigit() else word.lower())
            if key is None:
                continue
            m = lex.alternation(key).match(text, s)
            if m is None or m.end() <= c:
                continue
            found = _mention(lex, lex.group_to_pattern[m.lastgroup], text, s, m.end())  # type: ignore[index]
            if found is not None:
                out.append(found)
                done = m.end()
                break
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=14))
@example(parts=[("İ", " "), ("last", " "), ("Week", " ")])  # found by CI: the old finder missed this date
def test_memoised_finder_equals_the_plain_finder(parts: list[tuple[str, str]]) -> None:
    # the memo is warm from earlier examples: the same phrases at other offsets, after other words
    text = "".join(w + sep for w, sep in parts)
    if len(text.lower()) == len(text):  # the old finder missed capitalised core words after an "İ"
        assert find_dates(text) == old_find_dates(text)
    if "" not in [sep for _, sep in parts]:  # glued words ("onFriday") are where the finder and full scan differ
        assert find_dates(text) == _full_scan(text)


def test_a_letter_that_lowers_to_two_does_not_hide_a_date() -> None:
    (m,) = find_dates("İstanbul last Week")
    assert (m.start, m.end, m.kind, m.pattern_id) == (9, 18, "week", "week.last")


def test_a_memoised_phrase_keeps_its_context() -> None:
    full_scan_regex(load())
    # "last week" is a phrase, "the last week" is not ((?<!the\s)last): the memo keys on the text before
    for text in ("Troops left last week.", "It was the last week.", "xthe last week", "the last week",
                 "On 5 March troops left.", "They came on 5 March.", "Jets struck on Friday. On Friday they left."):
        assert find_dates(text) == _full_scan(text) == old_find_dates(text), text
    (a,) = find_dates("Troops left last week.")
    (b,) = find_dates("So they left last week.")
    assert (a.start, a.end, a.text) == (12, 21, "last week") and (b.start, b.end, b.text) == (13, 22, "last week")


def test_memoised_anchor_moves_its_inner_phrase() -> None:
    for text in ("Troops massed before the March 5 ceasefire.", "They massed before the March 5 ceasefire."):
        (m,) = find_dates(text)
        assert m.inner is not None and text[m.inner.start:m.inner.end] == m.inner.text == "March 5"
        assert text[m.start:m.end] == m.text


def test_moved_shifts_every_offset() -> None:
    inner = DateMention(start=3, end=8, text="March", kind="month", pattern_id="month.bare", month=3)
    m = DateMention(start=1, end=30, text="before the March truce", kind="anchor_before", pattern_id="anchor.x",
                    inner=inner)
    assert moved(m, 10) == DateMention(start=11, end=40, text="before the March truce", kind="anchor_before",
                                       pattern_id="anchor.x",
                                       inner=DateMention(start=13, end=18, text="March", kind="month",
                                                         pattern_id="month.bare", month=3))
    assert moved(moved(m, 10), -10) == m and m.start == 1


def test_lookbehind_widths() -> None:
    assert lookbehind(r"(?<!the\s)last") == 4
    assert lookbehind(r"a(?:b|(?<=xyz)c)+") == 3
    assert lookbehind(r"(?=(?<!ab)c)") == 2
    assert lookbehind(r"\blast(?![-/]\d)") == 0
    assert lookbehind("[\x04-\x09]x|[\x05]") == 0  # (4, 9) and 5 are no look-behind op codes
    lex = load()
    context = {lex.group_to_pattern[g].id: n for g, n in lex.context.items()}
    assert context["week.last"] == 5      # \b reads one character back, (?<!the\s) four more
    assert context["day.dm"] == 1
    assert context["anchor.bare"] == 5    # the widest: its inner phrase may be a "last week"
    assert max(lookbehind(p.source) for p in lex.patterns) == 4
