"""The word after a start word narrows the patterns find_dates tries there (firstwords.first_two_words,
Lexicon.narrow), without changing what matches: a dropped pattern is one that cannot match there."""
from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from coder.dates.find import _NEXT_WORD, _WORD
from coder.dates.firstwords import ANY_SECOND, DIGIT, first_two_words
from coder.dates.lexicon import _alt, _strip_groups, load
from tests.dates.reference import full_scan


def test_pairs_by_hand() -> None:
    assert first_two_words(r"on\s+(?:the\s+)?\d+\b") == {("on", "the"), ("on", DIGIT)}
    assert first_two_words(r"(?<!the\s)last\s+week\b") == {("last", "week")}
    assert first_two_words(r"last\s+week") == {("last", ANY_SECOND)}  # no \b: "last weekend" matches too
    assert first_two_words(r"tomorrow\b") == {("tomorrow", ANY_SECOND)}
    assert first_two_words(r"mid-(?:March|May)\b") == {("mid", "march"), ("mid", "may")}
    assert first_two_words(r"\d{1,2}(?:st|nd)?\s+(?:of\s+)?[A-Z]\w+") == {(DIGIT, "of"), (DIGIT, ANY_SECOND)}
    assert first_two_words(r"2020-\d\d\b") == {(DIGIT, DIGIT)}
    # "5 and 6", "5and 6" (one word, then "6"), "5and6" (one word)
    assert first_two_words(r"5\s*and\s*6") == {(DIGIT, "and"), (DIGIT, DIGIT), (DIGIT, ANY_SECOND)}
    assert first_two_words(r"on\s+\w+") == {("on", ANY_SECOND)}
    assert first_two_words(r"\w+\s+day") is None  # the first word cannot be told


def test_narrowed_patterns_by_hand() -> None:
    lex = load()
    ids = lambda key: key and [lex.patterns[k].id for k in key]  # noqa: E731
    assert ids(lex.narrow("on", "5")) == ["day.iso", "day.dm", "day.slash_dm"]
    assert ids(lex.narrow("on", "Sunday")) == ["day.wd_dm", "day.wd_md", "weekday.last_week", "weekday.on"]
    assert lex.narrow(DIGIT, "people") is None and lex.narrow("three", "soldiers") is None
    assert ids(lex.narrow("three", "weeks")) == ["week.ago"]
    assert lex.narrow("last", "") is None  # every "last ..." phrase has a second word
    # "ſ" matches "s" when case is ignored, but does not lower to it: every pattern is kept
    assert lex.narrow("on", "\u017funday") == lex.starts["on"]
    assert lex.narrow("on", "5") is lex.narrow("on", "12")  # one tuple per distinct set (compiled once)


@lru_cache(maxsize=None)
def _alternation(key: tuple[int, ...]) -> re.Pattern[str]:
    lex = load()
    return re.compile("|".join(f"(?P<p{k}>{_strip_groups(lex.patterns[k].source)})" for k in key), re.IGNORECASE)


WORDS = ["on", "On", "the", "last", "Last", "week", "weekend", "night", "in", "during", "March", "march", "May",
         "Sept", "5", "5th", "12", "2020", "2020-06-05", "18/06", "three", "a", "days", "months", "ago", "of",
         "early", "mid-", "Wednesday", "Friday", "morning", "this", "past", "since", "before", "after", "truce",
         "ceasefire", "'s", ",", ".", "-", "to", "and", "between", "from", "reported", "around", "or", "today",
         "yesterday", "people", "killed", "\u017f", "\u212aills", "İn", "ﬁve"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10), st.sampled_from([" ", "", "  "]))
def test_narrowed_alternation_matches_as_the_whole(parts: list[str], sep: str) -> None:
    lex = load()
    text = sep.join(parts)
    for w in _WORD.finditer(text):
        word = w.group()
        first = DIGIT if word[0].isdigit() else word.lower()
        if first not in lex.starts or not word.isascii():
            continue
        nx = _NEXT_WORD.match(text, w.end())
        key = lex.narrow(first, nx.group(1) if nx else "")
        want = _alternation(lex.starts[first]).match(text, w.start())
        got = None if key is None else lex.alternation(key).match(text, w.start())
        assert (got is None) == (want is None), (text, word)
        if got is not None and want is not None:
            assert (got.end(), got.lastgroup) == (want.end(), want.lastgroup), (text, word)


def _plain_alt(words: list[str]) -> str:
    """lexicon._alt before the trie: every word a branch, longest first."""
    ws = sorted({w.strip() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ws) + ")"


def test_trie_alternation_by_hand() -> None:
    assert _alt(["on", "on or around", "overnight", "late"]) == r"(?:(?:o(?:n(?:\s+or\s+around|)|vernight)|late))"
    assert _alt(["May", "may"]) == _plain_alt(["May", "may"])  # both match "MAY" when case is ignored
    assert _alt(["ſo", "so"]) == _plain_alt(["ſo", "so"])


ALT_WORDS = st.lists(st.text("aAbo n", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(ALT_WORDS, st.text("aAbo nx", max_size=12), st.sampled_from(["", r"\s+b", r"\s*x", r"a?\b"]),
       st.booleans())
def test_trie_alternation_matches_as_the_plain_one(words: list[str], text: str, tail: str, icase: bool) -> None:
    flags = re.IGNORECASE if icase else 0
    a = re.compile(_alt(words) + tail, flags).match(text)
    b = re.compile(_plain_alt(words) + tail, flags).match(text)
    assert (a and a.span()) == (b and b.span())


def test_ascii_classes_differ_only_by_the_four_separators() -> None:
    # find_dates matches plain ASCII texts with re.ASCII regexes: the same matches, if this holds
    every_ascii = "".join(map(chr, range(128)))
    for cls in (r"\s", r"\w", r"\d", r"\b."):
        got = set(re.findall(cls, every_ascii, re.ASCII))
        want = set(re.findall(cls, every_ascii))
        assert want - got == (set("\x1c\x1d\x1e\x1f") if cls == r"\s" else set()) and got <= want, cls
    for a in map(chr, range(128)):
        for b in map(chr, range(128)):
            same = re.fullmatch(re.escape(a), b, re.IGNORECASE)
            assert (same is None) == (re.fullmatch(re.escape(a), b, re.IGNORECASE | re.ASCII) is None)


def test_a_separator_that_unicode_reads_as_space_keeps_the_unicode_regexes() -> None:
    from coder.dates import find_dates
    (m,) = find_dates("Jets struck on\x1c5 March 2020.")
    assert (m.text, m.pattern_id) == ("on\x1c5 March 2020", "day.dm")
    (m,) = find_dates("Jets struck on 5 March 2020.")
    assert (m.text, m.pattern_id) == ("on 5 March 2020", "day.dm")


SEP_WORDS = [w for w in WORDS if w != "İn"] + ["\x1c", "\x1f", "\t", "\n", "before the", "the March 5 ceasefire"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SEP_WORDS), min_size=1, max_size=10), st.sampled_from([" ", "\x1d", "\n", " \x1f"]))
@example(["5", "-", "5", "March"], " ")  # "5 - 5 March" is no range, but "5 March" within it is a date
def test_find_dates_equals_the_full_scan_on_ascii_and_other_texts(parts: list[str], sep: str) -> None:
    # words stay apart (find_dates starts phrases at word starts: "ontoday" holds none, by design), and no
    # word lowers to two characters ("İn" is not the start word "in" for find_dates, as before)
    from coder.dates import find_dates
    text = sep.join(parts)
    want = full_scan(text)
    assert find_dates(text) == want
