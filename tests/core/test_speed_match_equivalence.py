"""The fast paths of matching give exactly what the plain definitions give: the trigger prefilter, the
sentence splitter, the token columns, and the per-sentence word positions that conditions and checks use."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.match import Words, clause_bounds
from coder.rules import WHITESPACE, SeqIndex, load_ruleset
from coder.sentences import Token, split_sentences, token_columns, tokenize, tokens_of

# --- reference implementations (the definitions the fast code replaced) ---------------------------------

_OLD_BOUNDARY = re.compile(r"""([.!?]+["'”’)\]]*)(\s+)(?=\S)|(\n[ \t]*\n\s*)|(\n)(?=[ \t]*[A-Z0-9"'“‘\[(])""")
_OLD_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)


def _old_split(text: str) -> list[tuple[int, int]]:
    from coder.sentences import _is_abbreviation

    out, cur = [], 0

    def append(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))

    for m in _OLD_BOUNDARY.finditer(text):
        if m.group(1):
            cut = m.end(1)
            if m.group(1) == "." and _is_abbreviation(text, m.start(1), cut, m.end()):
                continue
        elif m.group(3):
            cut = m.start(3)
        else:
            cut = m.start(4)
        append(cur, cut)
        cur = m.end()
    append(cur, len(text))
    return out


def _old_tokens(text: str) -> list[tuple[int, int, str, str]]:
    return [(m.start(), m.end(), m.group(), m.group().lower().replace("’", "'")) for m in _OLD_TOKEN.finditer(text)]


def _old_starts(lows: list[str], index: SeqIndex) -> list[int]:
    return [i for i, w in enumerate(lows) if index.at(w)]


# --- text generators: trigger words, separators and the characters where lower() is special ----------

_RS = load_ruleset()
_PIECES = sorted({w for p in _RS.phrase_rules for w in p.split()})[:120] + [
    "on", "re", "alert", "the", "and", "US", "Mr", "J", "didn't", "won't", "Ceasefire", "AIRSTRIKES"]
_SEPS = [" ", "  ", "-", " - ", "\n", "\n\n", ". ", "? ", "! ", ".\" ", ", ", "’", "'", "\t", "\xa0", "\u2003",
         "ı", "ſ", "İ", "K", "_", "3", "x"]
texts = st.lists(st.sampled_from(_PIECES + _SEPS), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_find_triggers_is_exactly_the_trigger_regex(text):
    expect = [(m.start(), m.end(), m.group()) for m in _RS.trigger_regex.finditer(text)]
    assert [(m.start(), m.end(), m.group()) for m in _RS.find_triggers(text)] == expect


def test_find_triggers_known_cases():
    text = "Jets struck; an air-strike hit. On alert: on  high alert, re-deployed. Dragon on maximum alert"
    got = [m.group() for m in _RS.find_triggers(text)]
    assert got == [m.group() for m in _RS.trigger_regex.finditer(text)]
    assert "air-strike" in got and "re-deployed" in got and "on  high alert" in got


def test_whitespace_list_is_what_the_regex_calls_space():
    assert WHITESPACE == "".join(chr(c) for c in range(0x3001) if re.match(r"\s", chr(c)))


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(alphabet='aA. !?\n\t"\'”’)]([“‘Z1J\xa0', max_size=60)))
def test_split_is_the_old_splitter(text):
    assert [(s.start, s.end) for s in split_sentences(text)] == _old_split(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=60)))
def test_token_columns_and_tokens_are_the_old_tokens(text):
    starts, ends, lows = token_columns(text)
    old = _old_tokens(text)
    assert list(zip(starts, ends, lows)) == [(s, e, lo) for s, e, _, lo in old]
    toks = tokens_of(text, starts, ends, lows)
    assert toks == tokenize(text) and [tuple(t) for t in toks] == old and all(type(t) is Token for t in toks)


def test_tokens_where_lower_changes_length():
    assert [t.low for t in tokenize("İstanbul’s air-strikes")] == ["i̇stanbul's", "air-strikes"]
    assert token_columns("İD didn’t") == ([0, 3], [2, 9], ["i̇d", "didn't"])


@settings(max_examples=200, deadline=None)
@given(texts)
def test_word_positions_are_where_lists_may_start(text):
    lows = [t.low for t in tokenize(text)]
    words = Words(lows, _RS)
    indexes = [c.seqs for c in _RS.checks] + [c.seqs for r in _RS.rules for c in r.requires_any + r.forbids]
    for index in indexes:
        assert list(words.starts(index)) == _old_starts(lows, index)
    outside = SeqIndex([("n't", "stop"), ("on", "alert"), ("the",)])  # not registered in the rule set
    assert list(words.starts(outside)) == _old_starts(lows, outside)
    for ts in range(len(lows)):
        for breaks in (_RS.weak_breaks, _RS.strong_breaks, frozenset({"and", ","})):
            assert words.clause(ts, ts + 1, breaks) == clause_bounds(lows, ts, ts + 1, breaks)


def test_clitic_lists_start_at_tokens_ending_with_the_clitic():
    index = SeqIndex([("n't",), ("will", "not")])
    words = Words(["they", "didn't", "n't", "will", "not", "won't"])
    assert list(words.starts(index)) == [1, 2, 3, 5]


def test_sequences_by_last_token_keep_file_order():
    index = SeqIndex([("days", "of"), ("ahead", "of"), ("after",), ("n't",)])
    assert index.ending_with("of") == (("days", "of"), ("ahead", "of"))
    assert index.ending_with("after") == (("after",),)
    assert index.ending_with("didn't") == (("n't",),)
    assert index.ending_with("before") == ()


def test_lower_keeps_every_character_in_its_token_class():
    classes = [re.compile(p) for p in (r"\d", r"\w", r"\s", r"[.,]", r"['’\-]")]
    for cp in range(0x110000):
        c = chr(cp)
        low = c.lower().replace("’", "'")
        if len(low) == 1 and low != c:
            assert all(bool(rx.match(c)) == bool(rx.match(low)) for rx in classes), hex(cp)


def test_clitic_positions_in_the_rule_set_lists():
    neg = next(c.seqs for c in _RS.checks if c.seqs.suffixes)
    for lows in (["they", "didn't", "not", "n't", "stop", "won't"], ["no", "never", "not"], ["didn't"]):
        assert list(Words(lows, _RS).starts(neg)) == _old_starts(lows, neg)
    assert list(Words(["they", "didn't", "stop"], _RS).starts(neg))[:1] == [1]
