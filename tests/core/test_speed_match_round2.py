"""Round-2 speed paths of sentences, matching and the pipeline equal the plain code they replace:
objects built without their dataclass __init__, the memoised abbreviation decision."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.match import Decision, _decision, _hit_at
from coder.models import Sentence
from coder.pipeline import Trace, _trace
from coder.rules import SeqIndex, load_ruleset
from coder.sentences import (_ABBREV, _is_abbreviation, _sentence, split_sentences, token_columns, token_table,
                             tokens_of)

_RS = load_ruleset()


def test_fast_decision_is_the_dataclass():
    rule = _RS.rules[0]
    fast = _decision(rule, True, "195", "coded", "coded: x 'y'", 3, 5)
    plain = Decision(rule, True, "195", "coded", "coded: x 'y'", 3, 5)
    assert fast == plain and repr(fast) == repr(plain)
    assert type(fast) is Decision and fast.tok_end == 5
    try:
        fast.coded = False
    except AttributeError:
        pass
    else:
        raise AssertionError("a Decision must stay frozen")


def test_fast_sentence_and_trace_are_the_dataclasses():
    s = _sentence(2, 10, 14, "Hi.")
    assert s == Sentence(index=2, start=10, end=14, text="Hi.") and hash(s) == hash(Sentence(2, 10, 14, "Hi."))
    t = _trace(s, "struck", 1, 7, None, "boilerplate", "dropped")
    assert t == Trace(s, "struck", 1, 7, None, "boilerplate", "dropped") and t.mention is None
    t.reason = "other"  # the resolver overwrites reason and detail
    assert t.reason == "other"


def _plain_is_abbreviation(text: str, dot: int, next_start: int) -> bool:
    wm = re.compile(r"([A-Za-z][A-Za-z.]*)$").search(text, max(0, dot - 12), dot)
    if not wm:
        return False
    word = wm.group(1).lower().rstrip(".")
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        return True
    nxt = text[next_start:next_start + 1]
    return bool(nxt) and nxt.islower()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ.Mr Gen.e.g J1 \n", max_size=40), st.data())
def test_memoised_abbreviation_is_the_plain_decision(text, data):
    for dot in [i for i, c in enumerate(text) if c == "."]:
        nxt = data.draw(st.integers(dot + 1, len(text) + 1))
        assert _is_abbreviation(text, dot, dot + 1, nxt) == _plain_is_abbreviation(text, dot, nxt)


def test_abbreviations_do_not_split():
    text = "Gen. Smith said U.S. jets struck approx. five sites. Mr. Jones left."
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Smith said U.S. jets struck approx. five sites.", "Mr. Jones left."]
    # the same word before a dot decides again with another next character
    assert [s.text for s in split_sentences("It fell by 5 pct. Then it rose. It fell by 5 pct. and rose.")] == [
        "It fell by 5 pct.", "Then it rose.", "It fell by 5 pct. and rose."]


# --- sequence hits: the exact-run comparison equals the token-by-token definition ------------------------

def _plain_seq_at(lows, i, seq, n):
    if i + len(seq) > n:
        return False
    return all(lows[i + k] == w or (w in SeqIndex.SUFFIXES and lows[i + k].endswith(w)) for k, w in enumerate(seq))


def _plain_hit_at(lows, i, index, hi, exclude, n):
    for seq in index.at(lows[i]):
        j = i + len(seq)
        if (hi is None or j <= hi) and j <= n and (j == i + 1 or _plain_seq_at(lows, i, seq, n)):
            if exclude and i < exclude[1] and j > exclude[0]:
                continue
            return i, j, seq
    return None


_INDEX = SeqIndex([("air", "strike"), ("air", "strike", "on"), ("air",), ("n't", "stop"), ("did", "n't"),
                   ("will", "not"), ("on",)])
_WORDS = ["air", "strike", "on", "didn't", "n't", "stop", "did", "will", "not", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.data())
def test_hit_at_is_the_plain_definition(lows, data):
    n = data.draw(st.integers(0, len(lows)))
    hi = data.draw(st.one_of(st.none(), st.integers(0, len(lows) + 1)))
    exclude = data.draw(st.one_of(st.none(), st.tuples(st.integers(0, 8), st.integers(0, 8))))
    for i in range(len(lows)):
        assert _hit_at(lows, i, _INDEX, hi, exclude, n) == _plain_hit_at(lows, i, _INDEX, hi, exclude, n)


def test_clitic_sequences_are_known():
    assert _INDEX.clitic_seqs == {("n't", "stop"), ("did", "n't")}
    assert _hit_at(["they", "didn't", "stop"], 1, _INDEX, None, None, 3) == (1, 3, ("n't", "stop"))
    assert _hit_at(["air", "strike", "on"], 0, _INDEX, None, None, 3) == (0, 3, ("air", "strike", "on"))
    assert _hit_at(["air", "strike", "on"], 0, _INDEX, 2, None, 3) == (0, 2, ("air", "strike"))


# --- token table: texts and per-token lowering from one split ---------------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)


def _plain_table(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    ms = list(_TOKEN.finditer(text))
    return ([m.start() for m in ms], [m.end() for m in ms], [m.group() for m in ms],
            [m.group().lower().replace("’", "'") for m in ms])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="ΣΑσ.'’İ- x1,", max_size=30)))
def test_token_table_is_the_plain_tokenizer(text):
    table = token_table(text)
    assert table == _plain_table(text)
    assert token_columns(text) == (table[0], table[1], table[3])
    assert tokens_of(text, table[0], table[1], table[3], table[2]) == tokens_of(text, table[0], table[1], table[3])


def test_token_table_known_cases():
    assert token_table("") == ([], [], [], [])
    assert token_table("  ") == ([], [], [], [])
    # each token is lowered on its own: a final sigma stays final before a full stop and another word
    assert token_table("ΟΔΟΣ.Α")[3] == ["οδος", ".", "α"]
    assert token_table("İD didn’t 50,000")[2:] == (["İD", "didn’t", "50,000"], ["i̇d", "didn't", "50,000"])


def test_trigger_starts_without_overlaps_find_what_the_regex_finds():
    # first words inside other words ("strike" in "airstrikes", "on" in "reon") and side by side
    text = "Airstrikes struck; reon alert, on-alert troops. A strike-airstrike on high alert. re-deployed"
    got = [(m.start(), m.group()) for m in _RS.find_triggers(text)]
    assert got == [(m.start(), m.group()) for m in _RS.trigger_regex.finditer(text)]
    assert got[0] == (0, "Airstrikes") and (19, "reon alert") not in got


def test_token_span_covers_the_trigger_tokens() -> None:
    from coder.match import token_span
    from coder.sentences import token_columns

    text = "Russian jets struck Idlib, killing 3."
    starts, ends, lows = token_columns(text)
    assert lows[:4] == ["russian", "jets", "struck", "idlib"]
    assert token_span(starts, ends, text.index("struck"), text.index("struck") + 6) == (2, 3)
    assert token_span(starts, ends, text.index("jets"), text.index("Idlib") + 5) == (1, 4)
    assert token_span(starts, ends, text.index("truck"), text.index("truck") + 2) == (2, 3)  # inside a token
