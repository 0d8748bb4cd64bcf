"""ACLED rules around actors: inter 8 abroad, interaction codes, GOV->MIL, civilians as protesters,
and the mapping of gold ACLED actor names to (country, kind)."""
from __future__ import annotations

from datetime import date

import pytest

from coder.actors import ActorDictionary, acled_actor_key, actor_key, interaction, with_event_country

D = ActorDictionary.load()


def _one(text, ctx=None, when=date(2020, 3, 1)):
    (a,) = D.find(text, published=when, context_country=ctx)
    return a


@pytest.mark.parametrize("i1,i2,expected", [
    (1, 2, 12), (2, 1, 12), (1, None, 10), (None, 6, 60), (8, 7, 78), (1, 1, 11), (None, None, None)])
def test_interaction(i1, i2, expected):
    assert interaction(i1, i2) == expected


def test_state_forces_abroad_are_external_with_their_assoc():
    a = _one("Russian and regime planes bombed.", "SYR")
    abroad = with_event_country(a, "SYR")
    assert (abroad.inter, abroad.assoc[0].inter) == (8, 1)
    assert with_event_country(a, "RUS").assoc[0].inter == 8
    assert with_event_country(a, None) is a
    rebels = _one("Rebels attacked.", "SYR")
    assert with_event_country(rebels, "TUR") is rebels  # only state forces change
    assert actor_key(abroad) == ("RUS", "state")  # the kind stays "state"


def test_military_of_government():
    gov = _one("Russia launched strikes.")
    mil = D.military_of(gov, date(2020, 3, 1))
    assert (mil.code, mil.name, mil.role, mil.text) == ("RUSMIL", "Military Forces of Russia (2000-)", "MIL", "Russia")
    rebels = _one("Rebels attacked.", "SYR")
    assert D.military_of(rebels) is rebels


def test_civilians_blocking_roads_become_protesters_or_rioters():
    res = _one("Residents blocked the road.", "KEN")
    assert (res.code, res.name, res.inter) == ("KENCVL", "Civilians (Kenya)", 7)
    p = D.protesters_of(res)
    assert (p.code, p.name, p.inter, p.kind) == ("KENOPP", "Protesters (Kenya)", 6, "protester")
    r = D.protesters_of(res, rioters=True)
    assert (r.code, r.name, r.inter, r.kind) == ("KENOPP", "Rioters (Kenya)", 5, "rioter")


@pytest.mark.parametrize("name,key", [
    ("Military Forces of Afghanistan (2014-)", ("AFG", "state")),
    ("Military Forces of Libya (2014-) Haftar Faction", ("LBY", "state")),
    ("Government of the Democratic Republic of Congo (2019-)", ("COD", "state")),
    ("Military Forces of the United States (2017-)", ("USA", "state")),
    ("Police Forces of India", ("IND", "state")),
    ("Unidentified Military Forces", (None, "state")),
    ("Taliban", ("AFG", "rebel")),
    ("Islamic State (Afghanistan)", ("AFG", "rebel")),
    ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)", ("MLI", "rebel")),
    ("NATO: North Atlantic Treaty Organization", (None, "external")),
    ("Operation Restoring Hope", ("SAU", "external")),
    ("Protesters (Kenya)", ("KEN", "protester")),
    ("Rioters (Burkina Faso)", ("BFA", "rioter")),
    ("Civilians (International)", (None, "civilian")),
    ("Unidentified Armed Group (Somalia)", ("SOM", "militia")),
    ("Maasai Ethnic Militia (Kenya)", ("KEN", "militia")),
    ("Baloch Separatists (Pakistan)", ("PAK", "rebel")),
    ("Rebel groups", (None, "rebel")),
    ("Turkish government", ("TUR", "state")),
    ("Israeli troops", ("ISR", "state")),
    ("Palestinians", ("PSE", "civilian")),
    ("Gaza Strip", (None, "")),
])
def test_acled_actor_key(name, key):
    assert acled_actor_key(name) == key


def test_our_names_map_back_to_our_keys():
    for text, ctx in [("Kenyan police fired.", "KEN"), ("Protesters marched.", "IND"), ("Afghan troops.", "AFG"),
                      ("Unknown gunmen shot.", "NGA"), ("Civilians fled.", "SYR"), ("Rioters burned tyres.", "BGD")]:
        a = _one(text, ctx)
        assert acled_actor_key(a.name) == actor_key(a), text
