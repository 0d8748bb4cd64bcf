"""Ceasefire sentences of our own (the dev data has few): declared, agreed, signed, took effect, holding,
violated, collapsed, extended, called for, demanded, rejected, intent, and statements that are not events."""
from __future__ import annotations

import pytest

from tests.core.conftest import code_text

CEASEFIRE_POS = [
    # declared / agreed / signed / in force: 0871
    ("The March 5 2020 agreement between Turkey and Russia which established a ceasefire agreement in Idlib province said nothing about patrols.", "0871"),
    ("Israel and Hamas agreed to a ceasefire on Thursday after eleven days of fighting.", "0871"),
    ("The army declared a unilateral ceasefire in Kachin State on Sunday.", "0871"),
    ("Representatives of the Myanmar government and ethnic armed groups signed a draft ceasefire agreement.", "0871"),
    ("A ceasefire brokered by Qatar took effect at midnight in Gaza.", "0871"),
    ("The truce between the government and the ELN came into force on Monday.", "0871"),
    ("The MNDAA has announced a unilateral ceasefire effective June 11.", "0871"),
    ("Russia and Ukraine agreed a 30-day ceasefire on energy infrastructure.", "0871"),
    ("The warring parties in Sudan signed a one-week humanitarian truce in Jeddah.", "0871"),
    ("The ceasefire in Nagorno-Karabakh was holding on Tuesday, officials said.", "0871"),
    ("The two sides extended the truce by another 48 hours.", "0871"),
    ("Colombia's government and the rebels reached a bilateral ceasefire deal in Havana.", "0871"),
    ("The Houthis and the Saudi-led coalition renewed the truce for two more months.", "0871"),
    ("A ceasefire was declared in Tripoli after mediation by the UN mission.", "0871"),
    ("The Taliban announced a three-day ceasefire for Eid.", "0871"),
    # intent: 0356
    ("The Taliban said it would observe a ceasefire during the Eid holiday.", "0356"),
    ("The rebels offered a ceasefire to allow aid deliveries into the city.", "0356"),
    ("The government said it is ready to declare a ceasefire if talks resume in good faith next week.", None),
    ("Armenia said it was willing to respect a ceasefire proposed by Moscow.", "0356"),
    # appeal: 0256
    ("The UN Secretary-General called for an immediate ceasefire in Gaza.", "0256"),
    ("Pope Francis urged a truce in Ukraine for Christmas.", "0256"),
    ("The African Union appealed for a ceasefire between the army and the RSF.", "0256"),
    # demand: 1056
    ("Protesters demanded a ceasefire outside the parliament building.", "1056"),
    ("The Security Council demanded an immediate cessation of hostilities in Tigray.", "1056"),
    # refusal: 1246
    ("Israel rejected calls for a ceasefire in Gaza on Monday.", "1246"),
    ("The RSF refused a truce proposed by the Sudanese army.", "1246"),
    ("Hamas turned down the ceasefire offer, officials said.", "1246"),
    # violation: 196
    ("Pakistani Rangers violated the ceasefire and fired on border outposts in Samba.", "196"),
    ("Both sides accused each other of breaching the truce on Wednesday.", "196"),
    ("The ceasefire collapsed after rebels attacked a military base near Goma.", "196"),
    ("Azerbaijani forces broke the ceasefire with artillery fire, Armenia said.", "196"),
    ("Israel's security cabinet approved a ceasefire deal with Hamas late on Thursday.", "0871"),
    ("The truce between the two militias broke down on Sunday after a week of calm.", "196"),
]

CEASEFIRE_NEG = [
    "Residents of Idlib are preparing for a new conflict following three months of ceasefire.",
    "Before the March 5 ceasefire Turkey managed to stall a regime offensive in Idlib.",
    "Since the truce, thousands of families have returned to their homes.",
    "During the ceasefire, aid trucks reached the city every day.",
    "The talks on a possible ceasefire were postponed to next month.",
    "Would a ceasefire hold if the militias refuse to withdraw?",
    "The ceasefire talks in Doha ended without a result.",
    "Fighting continued despite the ceasefire announced last month.",
    "The army denied violating the ceasefire.",
    "No ceasefire is expected before the elections.",
    "The anniversary of the armistice was marked with a parade.",
    "Analysts say the truce remains fragile amid mutual accusations.",
    "Both sides had previously announced several truces that failed to hold.",
    "A six-month truce brokered by the UN expired in October.",
]


@pytest.mark.parametrize("text,cameo", CEASEFIRE_POS)
def test_ceasefire_positive(text, cameo):
    rows = [r for r in code_text(text) if r["event_family"] == "CEASEFIRE"]
    if cameo is None:  # conditional intent: not an event
        assert rows == [], code_text.explain(text)
        return
    assert len(rows) == 1, code_text.explain(text)
    assert rows[0]["cameo_code"] == cameo, code_text.explain(text)


@pytest.mark.parametrize("text", CEASEFIRE_NEG)
def test_ceasefire_negative(text):
    assert [r for r in code_text(text) if r["event_family"] == "CEASEFIRE"] == [], code_text.explain(text)


def test_appeal_demand_refusal_have_no_acled_type():
    for text in ("The UN called for an immediate ceasefire in Gaza.",
                 "Protesters demanded a ceasefire outside parliament.",
                 "Israel rejected calls for a ceasefire in Gaza."):
        (row,) = [r for r in code_text(text) if r["event_family"] == "CEASEFIRE"]
        assert row["event_type"] is None and row["sub_event_type"] is None and row["disorder_type"] is None


def test_agreement_is_acled_agreement_with_goldstein():
    (row,) = code_text("Israel and Hamas agreed to a ceasefire on Thursday.", published="2021-05-21")
    assert (row["event_type"], row["sub_event_type"], row["goldstein"], row["quad_class"]) == (
        "Strategic developments", "Agreement", 9.0, 2)
    assert row["event_date"] == "2021-05-20"


def test_the_accused_violated_the_ceasefire():
    (row,) = code_text("The RSF accused the Sudanese army of violating the ceasefire in Omdurman on Monday.")
    assert (row["cameo_code"], row["actor1_code"][:6], row["actor2_code"]) == ("196", "SDNMIL", None)
