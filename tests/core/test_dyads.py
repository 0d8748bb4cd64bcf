"""Who did it to whom, with exact codes: active and passive voice, prepositional targets, possessives,
demonym modifiers, compound subjects, sole actions and the inter codes of forces abroad."""
from __future__ import annotations

import pytest

from tests.core.conftest import code_text

CASES = [
    # (sentence, family, actor1_code, actor2_code or None, assoc codes of actor1)
    ("On Wednesday, Russia launched its first airstrikes in three months on a rebel-held area of northwestern Syria.",
     "AIRSTRIKE", "RUSMIL", "SYRREB", []),
    ("Seven civilians were killed by Afghan military airstrikes in Helmand on Monday.",
     "AIRSTRIKE", "AFGMIL", "AFGCVL", []),
    ("An airstrike by Afghan military forces killed 5 Taliban militants in Nad Ali district, Helmand.",
     "AIRSTRIKE", "AFGMIL", "AFGREBTAL", []),
    ("Russia's air force struck rebel positions near Idlib city.", "AIRSTRIKE", "RUSMIL", "SYRREB", []),
    ("Turkish drones bombed regime positions near Saraqib.", "AIRSTRIKE", "TURMIL", "SYRMIL", []),
    ("Russian and regime planes bombed the town of Ariha.", "AIRSTRIKE", "RUSMIL", None, ["SYRMIL"]),
    ("Israeli warplanes carried out strikes against Hezbollah targets in southern Lebanon.",
     "AIRSTRIKE", "ISRMIL", "LBNMLTHZB", []),
    ("Al-Shabaab positions near Jilib were hit by US drone strikes, the US Africa Command said.",
     "AIRSTRIKE", "USAMIL", None, []),
    ("On Thursday, the Turkish army set up four new positions in villages in Idlib province.",
     "TROOP_DEPLOYMENT", "TURMIL", None, []),
    ("Syrian regime troops and allied Iranian militias massed near Saraqib.",
     "TROOP_DEPLOYMENT", "SYRMIL", None, ["IRNMLT"]),
    ("Kenya Defence Forces were deployed to Lamu county.", "TROOP_DEPLOYMENT", "KENMIL", None, []),
    ("Protesters blocked the Nairobi-Mombasa highway in Mlolongo on Monday.", "ROAD_BLOCKADE", "KENOPP", None, []),
    ("Al-Shabaab militants blocked the main road between Baidoa and Mogadishu.",
     "ROAD_BLOCKADE", "SOMREBSHB", None, []),
    ("Israel and Hamas agreed to a ceasefire on Thursday after eleven days of fighting.",
     "CEASEFIRE", "ISRGOV", "PSEREBHMS", []),
]


@pytest.mark.parametrize("text,family,a1,a2,assoc", CASES)
def test_dyad(text, family, a1, a2, assoc):
    rows = [r for r in code_text(text) if r["event_family"] == family]
    assert len(rows) == 1, code_text.explain(text)
    r = rows[0]
    got = (r["actor1_code"], r["actor2_code"], r["assoc_actor_1_codes"])
    if family == "CEASEFIRE":
        assert {got[0], got[1]} == {a1, a2}, code_text.explain(text)
    else:
        assert got == (a1, a2, assoc), code_text.explain(text)


def test_inter_codes_and_interaction_follow_acled():
    (r,) = code_text("On Wednesday, Russia launched airstrikes on rebel positions in Idlib province.")
    # Russia's forces acting in Syria are external forces (8); rebels are 2; interaction lower first
    assert (r["inter1"], r["inter2"], r["interaction"]) == (8, 2, 28)
    assert r["actor1"] == "Military Forces of Russia (2000-)"
    (r,) = code_text("Kenya Defence Forces were deployed to Lamu county.")
    assert (r["inter1"], r["inter2"], r["interaction"]) == (1, None, 10)


def test_sole_action_has_no_target():
    (r,) = code_text("The Pentagon deployed 3,000 additional troops to Poland on Friday.")
    assert r["actor2"] is None and r["actor2_code"] is None
