"""The speed paths of resolution and rows give exactly what the plain code gives: Mentions built without the
dataclass __init__, the dyad chooser with the caller's token lists, memoised names for military_of /
localized / participants, and the actor calls the resolver skips because they would change nothing."""
from __future__ import annotations

import pickle
from dataclasses import fields, replace
from datetime import date

from coder.actors import ActorDictionary
from coder.actors.names import actor_code, actor_name
from coder.dyads import choose, reporter_of
from coder.events import Mention, new_mention
from coder.rules import CodeInfo
from coder.sentences import tokenize

D = ActorDictionary.load()
PUB = date(2020, 6, 5)


def test_new_mention_equals_the_dataclass() -> None:
    code = CodeInfo(key="195", cameo_code="195", name="Employ aerial weapons", goldstein=-10.0, quad_class=4,
                    disorder_type="Political violence", event_type="Explosions/Remote violence",
                    sub_event_type="Air/drone strike", plover_event="ASSAULT", plover_mode="aerial")
    actor = D.find("Russian jets", PUB)[0]
    values = dict(family="AIRSTRIKE", code=code, rule_id="AIR-N-001", trigger="airstrikes", char_start=10,
                  char_end=20, sentence_index=3, sentence="Russian jets carried out airstrikes.", actor1=actor,
                  actor2=None, location=None, date=None, fatalities=2, why="subject before the trigger",
                  flags=("no-date",), names_actor=True, own_place=False)
    fast, slow = new_mention(**values), Mention(**values)
    assert fast == slow and repr(fast) == repr(slow)
    assert list(values) == [f.name for f in fields(Mention)]  # new_mention covers every field, in order
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert replace(fast, fatalities=0) == replace(slow, fatalities=0)


def _dyad(text: str, trigger: str, roles: dict, pos: str = "noun", **kw):
    tokens = tokenize(text)
    lows = [t.low for t in tokens]
    ts = lows.index(trigger)
    found = D.find(text, PUB)
    return choose(found, tokens, ts, ts + 1, pos, roles, **kw), (found, tokens, lows)


def test_choose_with_the_callers_token_lists_is_the_same() -> None:
    text = "Syrian regime troops and allied Iranian militias massed near Saraqib, while Turkish drones bombed them."
    for trigger, roles in (("massed", {}), ("bombed", {"actor2": "target"})):
        plain, (found, tokens, lows) = _dyad(text, trigger, roles, pos="verb")
        fast = choose(found, tokens, lows.index(trigger), lows.index(trigger) + 1, "verb", roles, lows,
                      [t.end for t in tokens])
        assert fast == plain
    massed, _ = _dyad(text, "massed", {}, pos="verb")
    assert (massed.actor1.code, [a.code for a in massed.actor1.assoc], massed.why) == \
        ("SYRMIL", ["IRNMLT"], "subject before the trigger")
    bombed, _ = _dyad(text, "bombed", {}, pos="verb")
    assert (bombed.actor1.code, bombed.why) == ("TURMIL", "subject before the trigger")


def test_reporter_with_token_ends_is_the_same() -> None:
    text = "The army said its aircraft had struck the camp."
    tokens = tokenize(text)
    lows = [t.low for t in tokens]
    found = D.find(text, PUB)
    ca = lows.index("its")
    plain = reporter_of(found, lows, tokens, ca, len(tokens))
    assert plain is not None and plain.text == "army"
    assert reporter_of(found, lows, tokens, ca, len(tokens), [t.end for t in tokens]) is plain


def test_memoised_names_equal_the_plain_functions() -> None:
    syr, ken = D.countries["SYR"], D.countries["KEN"]
    regimes = D._composer.regimes.get("SYR", ())
    for when in (date(2020, 1, 1), date(2025, 1, 1), None, date(2020, 1, 1)):
        assert D._composer.naming(syr, "MIL", "state", when) == (
            actor_code(syr, "MIL"), 1, actor_name(syr, "MIL", "state", regimes, when))
    assert D._composer.naming(ken, "OPP", "rioter", PUB) == ("KENOPP", 5, "Rioters (Kenya)")
    gov = D.find("Syria said it would respond.", date(2020, 1, 1))[0]
    assert (gov.code, gov.role) == ("SYRGOV", "GOV")
    mil = D.military_of(gov, date(2020, 1, 1))
    assert (mil.code, mil.name, mil.role) == ("SYRMIL", "Military Forces of Syria (2000-2024)", "MIL")
    crowd = D.find("Protesters blocked the road.", PUB)[0]
    assert crowd.country is None
    local = D.localized(crowd, "KEN", PUB)
    assert (local.code, local.name, local.country) == ("KENOPP", "Protesters (Kenya)", "KEN")
    rioters = D.participants(None, "rioter", "KEN", published=PUB)
    assert (rioters.code, rioters.name, rioters.inter, rioters.country) == ("KENOPP", "Rioters (Kenya)", 5, "KEN")


def test_skipped_actor_calls_would_change_nothing() -> None:
    # the resolver calls localized only for actors without a country or with associates, military_of only
    # for GOV actors, with_event_country only for states and actors with associates
    from coder.actors import with_event_country

    for text in ("Taliban militants blocked the road.", "Kenyan police blocked the road.",
                 "Russian jets struck.", "Protesters blocked the road."):
        for a in D.find(text, PUB):
            if not a.assoc and a.country is not None:
                assert D.localized(a, "SYR", PUB) is a
            if a.role != "GOV":
                assert D.military_of(a, PUB) is a
            if not a.assoc and a.kind != "state":
                assert with_event_country(a, "SYR") is a
