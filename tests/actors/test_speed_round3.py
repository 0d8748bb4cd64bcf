"""Round-3 speed paths of coder.actors give exactly what the plain code gives.

units() searches ASCII text as padded bytes (whole words only); is_place() reads the word before a phrase
with a reversed regex; negated() tests the word's ending before its regex; groups and leaders are resolved
once per epoch of dates.
"""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.actors import ActorDictionary
from coder.actors.compose import _PREV_WORD, _PREV_WORD_REVERSED
from coder.actors.lexicon import Lexicon, fold
from tests.actors.test_fast_paths import _units_reference  # the plain algorithm over the str matcher

D = ActorDictionary.load()
LEX: Lexicon = D._lexicon

# ASCII words and punctuation that meet keys with dots, spaces and brackets ("u.s.", "saudi led coalition",
# "arakan army (aa)") and keys inside longer words ("is" in "this", "us" in "Venus")
ASCII_WORDS = ["U.S.", "U.S", "US", "U.S.A.", "Saudi-led", "Saudi", "led", "coalition", "Arakan", "Army", "(AA)",
               "(", ")", "AA", "this", "is", "IS", "Venus", "forces", "troops", ",", ".", "'s", "Syria", "Syrian",
               "regime", "and", "in", "the", "US-led", "Turkish", "drones", "x", "9", "air", "force", "_", "UN",
               "pro", "anti", "Russian"]


def test_the_ascii_path_is_on() -> None:
    assert LEX._word_ac is not None  # every key has its own padded pattern


@settings(max_examples=400)
@given(st.lists(st.sampled_from(ASCII_WORDS), max_size=12), st.sampled_from([" ", "", "-", ", ", "  "]))
def test_ascii_units_equal_the_plain_algorithm(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert text.isascii()
    assert [(u.start, u.end, u.entries) for u in LEX.units(text)] == _units_reference(text)


def test_ascii_units_whole_words_and_punctuated_keys() -> None:
    def spans(text: str) -> list[str]:
        return [text[u.start:u.end] for u in LEX.units(text)]

    assert spans("Venus forces said this is US-led.") == ["forces", "US"]
    assert spans("The Saudi-led coalition and U.S. troops") == ["Saudi-led coalition", "U.S.", "troops"]
    assert spans("The Saudi, led coalition") == ["Saudi", "coalition"]  # "saudi led coalition" needs a space
    assert spans("Arakan Army (AA) fighters") == ["Arakan Army (AA)", "fighters"]


def _prev_word_reversed(low: str, s: int) -> str | None:
    m = _PREV_WORD_REVERSED.match(low[max(0, s - 30):s][::-1])
    return m.group(1)[::-1] if m else None


def _prev_word(low: str, s: int) -> str | None:
    m = _PREV_WORD.search(low, max(0, s - 30), s)
    return m.group(1) if m else None


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(["in", "the", "a", "an", "near", "x", " ", ",", "\n", "\u00a0", "\u00e9", "1",
                                 "'", "of the", "at a"]), max_size=16), st.integers(0, 60))
def test_reversed_prev_word_equals_the_search(parts: list[str], cut: int) -> None:
    low = "".join(parts)
    s = min(cut, len(low))
    assert _prev_word_reversed(low, s) == _prev_word(low, s)


def test_reversed_prev_word_examples() -> None:
    low = "strikes hit targets in the north of syria"
    assert _prev_word_reversed(low, low.index("syria")) == "of"
    assert _prev_word_reversed(low, low.index("north")) == "in"  # "in the": the word before the article
    assert _prev_word_reversed("x, an ", 6) == "x"
    assert _prev_word_reversed("in 1 ", 5) is None


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["pro", "anti", "non", "ex", "former", "annex", "x", "_", " ", "  ", "\t", ",",
                                 "Russian", "9"]), max_size=8))
def test_negated_equals_the_regex(parts: list[str]) -> None:
    comp = D._composer
    text = "".join(parts) + " Russian troops"
    low = fold(text)
    s = len(text) - len("Russian troops")
    u = next(u for u in LEX.units(text) if u.start == s)
    item = comp.resolve(u, low, None, None)
    want = low[s - 1].isspace() and bool(comp.negating.search(low, max(0, s - 8), s))
    assert comp.negated(low, item) == want


def test_negated_examples() -> None:
    comp = D._composer
    for text, want in (("pro Russian troops", True), ("ex  Russian troops", True), ("annex Russian troops", False),
                       ("pro, Russian troops", False), ("formerly Russian troops", False)):
        low = fold(text)
        u = next(u for u in LEX.units(text) if text[u.start:u.end] == "Russian")
        assert comp.negated(low, comp.resolve(u, low, None, None)) is want, text


def test_fold_ascii_path_covers_every_ascii_pair() -> None:
    from coder.actors.lexicon import _FOLD_PAIRS

    for a, b in _FOLD_PAIRS:
        if a.isascii():  # on an ASCII text, as in a sentence
            assert fold(f"Pro{a}Assad") == f"pro{b}assad"
    assert fold("Pro-Assad `rebels`") == "pro assad 'rebels'"


_DATED_UIDS = [uid for uid, (entries, _) in enumerate(LEX.sets)
               if any(e.kind in ("group", "leader") for e in entries)]
_EDGES = D._composer._row_bounds


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATED_UIDS),
                          st.one_of(st.none(), st.dates(date(1970, 1, 1), date(2035, 12, 31)),
                                    st.sampled_from(_EDGES).map(lambda d: d - timedelta(days=1)),
                                    st.sampled_from(_EDGES)),
                          st.sampled_from([None, "AFG", "SYR", "NGA", "SOM"])), min_size=1, max_size=20))
def test_proto_memoised_per_epoch_equals_proto(asks: list) -> None:
    # any order of dates (a row's first and last day, the day before and after) gives what proto() gives
    comp = D._composer
    for uid, when, ctx in asks:
        assert comp.resolved(uid, when, ctx) == comp.proto(uid, when, ctx)


_REGIME_EDGES = D._composer._regime_bounds
_ISOS = sorted({r.iso3 for r in D.data.regimes})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ISOS), st.sampled_from(["MIL", "GOV", "COP"]),
                          st.sampled_from(["state", "civilian", "rebel"]),
                          st.one_of(st.none(), st.dates(date(1970, 1, 1), date(2035, 12, 31)),
                                    st.sampled_from(_REGIME_EDGES).map(lambda d: d - timedelta(days=1)),
                                    st.sampled_from(_REGIME_EDGES))), min_size=1, max_size=20))
def test_actor_templates_memoised_per_regime_epoch_follow_naming(asks: list) -> None:
    # make() keeps one template per (country, role, kind, regime epoch): any order of dates gives the
    # code, inter and name that naming() gives on that date
    comp = D._composer
    for iso, role, kind, when in asks:
        c = D.countries[iso]
        a = comp.make("Syria", c, role, kind, 0, 5, when, ("x",))
        assert (a.code, a.inter, a.name) == comp.naming(c, role, kind, when)
        assert (a.country, a.role, a.kind, a.start, a.end, a.text, a.entry_ids) == \
            (iso, role, kind, 0, 5, "Syria", ("x",))


def test_leader_is_no_actor_the_day_after_leaving_office() -> None:
    ld = next(ld for ld in D.data.leaders if ld.end is not None and any(" " in f for f in ld.forms))
    form = next(f for f in ld.forms if " " in f)
    text = f"{form} said the talks failed."
    last_day, next_day = ld.end, ld.end + timedelta(days=1)
    got = [[a.code for a in D.find(text, d)] for d in (last_day, next_day, last_day, next_day)]
    assert got[0] == got[2] and got[1] == got[3] and got[0] != got[1]
