"""dyads.choose on hand-tokenised sentences: the subject search, report sources and passive targets, with
exact actors (the paths rewritten for speed: one backward loop for the subject, index tests for
'according to', set tests for passive windows)."""
from __future__ import annotations

import re
from datetime import date

from coder.actors import ActorDictionary
from coder.dyads import _is_source, choose

D = ActorDictionary.load()
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _dyad(text: str, trigger: str, pos: str = "verb", actor2: str | None = "target") -> tuple:
    toks = list(_TOKEN.finditer(text))
    lows, ends = [t.group().lower() for t in toks], [t.end() for t in toks]
    ts = lows.index(trigger)
    actors = D.find(text, date(2020, 6, 1))
    dy = choose(actors, None, ts, ts + 1, pos, {"actor2": actor2}, lows, ends)
    return (dy.actor1.text if dy.actor1 else None, dy.actor2.text if dy.actor2 else None, dy.why)


def test_subject_is_the_nearest_actor_a_verb_follows() -> None:
    # "Turkey" is followed by a verb; "the Kurds" (nearer, after 'against') is not free
    assert _dyad("Turkey has moved against the Kurds by bombing their positions.", "bombing") == \
        ("Turkey", None, "subject before the trigger")
    # no verb after either free actor: the nearest free one
    assert _dyad("Syrian troops ; Russian jets there bombed the town.", "bombed") == \
        ("Russian jets", None, "subject before the trigger")
    # the only free actor ("Russian jets" follows 'near') has no verb after it: still the subject
    assert _dyad("Syrian troops near Russian jets there bombed the town.", "bombed") == \
        ("Syrian troops", None, "subject before the trigger")


def test_a_source_after_the_trigger_is_no_party() -> None:
    assert _dyad("Jets bombed the town , according to the army .", "bombed")[1] is None
    assert _dyad("Jets bombed the town , according to police .", "bombed")[1] is None
    assert _dyad("Jets bombed the town near police .", "bombed")[1] == "police"


def test_is_source_by_index() -> None:
    lows = ["according", "to", "the", "army", "said", "x"]
    assert _is_source(lows, 3, 4)  # "army" followed by "said"
    assert _is_source(lows, 2, 3)  # right after "according to"
    assert _is_source(["according", "to", "the", "army"], 3, 4)  # "according to the army"
    assert not _is_source(["the", "army", "left"], 1, 2)
    assert not _is_source(["to", "army"], 1, 2)


def test_passive_victim_before_the_trigger_is_the_target() -> None:
    assert _dyad("Protesters were killed when Syrian jets bombed the town.", "bombed") == \
        ("Syrian jets", "Protesters", "subject before the trigger")
    # no passive auxiliary in the window: no target
    assert _dyad("Protesters fled when Syrian jets bombed the town.", "bombed")[1] is None
