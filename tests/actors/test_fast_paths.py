"""The speed paths of coder.actors give exactly what the plain code gives.

fold() uses replace() instead of str.translate; units() picks precomputed entry tuples; actors are
built without the dataclass __init__; resolve() uses per-hit plans; names are memoised per date.
"""
from __future__ import annotations

import pickle
from dataclasses import fields, replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.actors import Actor, ActorDictionary
from coder.actors.lexicon import Lexicon, fold
from coder.actors.model import actor_template, evolve, placed

D = ActorDictionary.load()
LEX: Lexicon = D._lexicon

_TABLE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "-": " ", "\u2010": " ",
                        "\u2011": " ", "\u2013": " ", "\u2014": " ", "\u00a0": " "})
SPECIAL = "\u2019\u2018\u02bc`-\u2010\u2011\u2013\u2014\u00a0İ'"
WORDS = ["Russian", "and", "regime", "planes", "Turkish", "drones", "in", "Syria", "'s", "air force", "IS",
         "is", "fighters", "US", "us", "Us", "protesters", "the", "Taliban", "militants", ",", "-", "Moscow",
         "Niger", "Nigeria", "İstanbul", "—", "unknown", "gunmen", "pro-", "Kenyan", "police", "Assad", "this",
         "discussed", "Syrian", "Syrians", "Congolese", "troops", "DRC", "drc", "Hezbollah", "fighters’", "UN"]


def _fold_reference(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_TABLE)


def _units_reference(text: str) -> list[tuple[int, int, tuple]]:
    """The plain algorithm: every entry's case rule checked one by one, then leftmost-longest."""
    low = fold(text)
    n = len(text)
    cands = []
    for idx, s, e in LEX._ac.find_matches_as_indexes(low, overlapping=True):
        if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalnum()):
            continue
        ents = tuple(ent for ent, pos in LEX.values[idx] if all(text[s + i].isupper() for i in pos))
        if ents:
            cands.append((s, -e, ents))
    cands.sort(key=lambda c: (c[0], c[1]))
    out, last = [], -1
    for s, ne, ents in cands:
        if s >= last:
            out.append((s, -ne, ents))
            last = -ne
    return out


@given(st.text(alphabet=st.sampled_from(list(SPECIAL) + list("aAzZ 1.,\u00e9\u00c9")), max_size=40))
def test_fold_equals_translate(text: str) -> None:
    assert fold(text) == _fold_reference(text)


@given(st.text())
def test_fold_equals_translate_on_any_text(text: str) -> None:
    assert fold(text) == _fold_reference(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from([" ", "", "-"]))
def test_units_equal_the_plain_algorithm(words: list[str], sep: str) -> None:
    text = sep.join(words) if sep else " ".join(words).replace(" ,", ",")
    units = LEX.units(text)
    assert [(u.start, u.end, u.entries) for u in units] == _units_reference(text)
    assert all(LEX.sets[u.uid][0] is u.entries and LEX.sets[u.uid][1] == fold(text)[u.start:u.end] for u in units)


def test_case_rules_pick_the_entries() -> None:
    # "US" is the country; "us" is no actor; "IS" is the group, "is" is nothing
    assert [a.code for a in D.find("US troops and IS fighters said it is on us.", date(2020, 6, 5))] == \
        ["USAMIL", "IMGREBISI"]


def test_placed_and_evolve_equal_the_dataclass() -> None:
    values = dict(code="SYRMIL", name="Military Forces of Syria (2000-2024)", inter=1, country="SYR", role="MIL",
                  start=3, end=17, text="Syrian troops", entry_ids=("country:SYR", "agent:troops"), assoc=(),
                  kind="state")
    template = actor_template("SYRMIL", "Military Forces of Syria (2000-2024)", 1, "SYR", "MIL", "state")
    fast, slow = placed(template, 3, 17, "Syrian troops", ("country:SYR", "agent:troops")), Actor(**values)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert list(fast.__dict__) == list(slow.__dict__) == [f.name for f in fields(Actor)]  # every field, in order
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert template["start"] == 0 and template["text"] == ""  # placing copies: the template is unchanged
    assert evolve(fast, assoc=(slow,), inter=8) == replace(slow, assoc=(slow,), inter=8)
    assert fast.assoc == ()  # evolve copies, the original is unchanged


def test_shared_demonym_follows_context_then_preference() -> None:
    assert D.find("Congolese troops fired.")[0].code == "CODMIL"
    assert D.find("Congolese troops fired.", context_country="COG")[0].code == "COGMIL"
    assert D.find("Congolese troops fired.", context_country="KEN")[0].code == "CODMIL"


def test_names_follow_the_date_after_memoising() -> None:
    text = "Syrian troops advanced."
    names = [D.find(text, published=d)[0].name for d in (date(2020, 1, 1), date(2025, 1, 1), date(2020, 1, 1))]
    assert names == ["Military Forces of Syria (2000-2024)", "Military Forces of Syria (2024-)",
                     "Military Forces of Syria (2000-2024)"]


def test_resolved_units_follow_date_and_context_after_memoising() -> None:
    # compose() memoises what an entry tuple resolves to per (date, context): a leader in office in 2018 is
    # no actor in 2022, and "IS" is the Afghan branch only in an Afghan context, however often asked
    text = "Trump said IS fighters attacked."
    codes = [[a.code for a in D.find(text, d, ctx)]
             for d, ctx in ((date(2018, 1, 1), None), (date(2022, 1, 1), None), (date(2018, 1, 1), "AFG"),
                            (date(2018, 1, 1), None))]
    assert codes == [["USAGOV", "IMGREBISI"], ["IMGREBISI"], ["USAGOV", "AFGREBISK"], ["USAGOV", "IMGREBISI"]]


_REGIME_ISOS = sorted({r.iso3 for r in D.data.regimes})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_REGIME_ISOS), st.sampled_from(["MIL", "GOV", "COP", "SPY"]),
       st.sampled_from(["state", "protester", "civilian"]),
       st.lists(st.one_of(st.none(), st.dates(date(1980, 1, 1), date(2035, 12, 31))), min_size=1, max_size=6))
def test_names_memoised_per_regime_row_equal_actor_name(iso3: str, role: str, kind: str, whens: list) -> None:
    # naming() memoises a state's name per regime row (and others' once): any sequence of dates gives
    # what actor_name gives for each date
    from coder.actors.names import actor_code, actor_name, inter_of

    c = D.countries[iso3]
    regimes = tuple(r for r in D.data.regimes if r.iso3 == iso3)
    for when in whens:
        assert D._composer.naming(c, role, kind, when) == (actor_code(c, role), inter_of(kind),
                                                           actor_name(c, role, kind, regimes, when))


def test_state_names_change_at_the_regime_boundary() -> None:
    syr = D.countries["SYR"]
    names = [D._composer.naming(syr, "MIL", "state", d)[2]
             for d in (date(2024, 12, 7), date(2024, 12, 9), None, date(2010, 1, 1))]
    assert names == ["Military Forces of Syria (2000-2024)", "Military Forces of Syria (2024-)",
                     "Military Forces of Syria (2024-)", "Military Forces of Syria (2000-2024)"]
