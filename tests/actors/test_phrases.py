"""Table tests: a phrase in a sentence -> exact span, code, ACLED name, inter, kind and associated codes."""
from __future__ import annotations

from datetime import date

import pytest

from coder.actors import ActorDictionary

D = ActorDictionary.load()
DAY = date(2020, 3, 1)

# (sentence, context country, [(span text, code, ACLED name, inter, kind, assoc codes), ...])
CASES = [
    ("Turkish drones hit a convoy near Saraqib.", "SYR",
     [("Turkish drones", "TURMIL", "Military Forces of Turkey (2016-)", 1, "state", ())]),
    ("Russia's air force bombed Maarat al-Numan.", "SYR",
     [("Russia's air force", "RUSMIL", "Military Forces of Russia (2000-)", 1, "state", ())]),
    ("Russian and regime planes struck Idlib.", "SYR",
     [("Russian and regime planes", "RUSMIL", "Military Forces of Russia (2000-)", 1, "state", ("SYRMIL",))]),
    ("Syrian and Russian jets pounded the town.", "SYR",
     [("Syrian and Russian jets", "SYRMIL", "Military Forces of Syria (2000-2024)", 1, "state", ("RUSMIL",))]),
    ("Syrian regime and Russian warplanes bombed Idlib.", "SYR",
     [("Syrian regime and Russian warplanes", "SYRMIL", "Military Forces of Syria (2000-2024)", 1, "state",
       ("RUSMIL",))]),
    ("The Syrian government and Russia agreed a truce.", "SYR",
     [("Syrian government", "SYRGOV", "Government of Syria (2000-2024)", 1, "state", ()),
      ("Russia", "RUSGOV", "Government of Russia (2000-)", 1, "state", ())]),
    ("Syrian regime troops advanced on the town.", "SYR",
     [("Syrian regime troops", "SYRMIL", "Military Forces of Syria (2000-2024)", 1, "state", ())]),
    ("Later the regime shelled the area.", "SYR",
     [("regime", "SYRGOV", "Government of Syria (2000-2024)", 1, "state", ())]),
    ("Afghan military forces killed 5 Taliban militants in Helmand.", "AFG",
     [("Afghan military forces", "AFGMIL", "Military Forces of Afghanistan (2014-)", 1, "state", ()),
      ("Taliban militants", "AFGREBTAL", "Taliban", 2, "rebel", ())]),
    ("42 IS fighters surrendered.", "AFG",
     [("IS fighters", "AFGREBISK", "Islamic State (Afghanistan)", 2, "rebel", ())]),
    ("The US-led coalition carried out strikes.", "SYR",
     [("US-led coalition", "IMGIMGGCA", "Global Coalition Against Daesh", 8, "external", ())]),
    ("Saudi-led coalition airstrikes targeted Sanaa.", "YEM",
     [("Saudi-led coalition airstrikes", "IMGIMGORH", "Operation Restoring Hope", 8, "external", ())]),
    ("Protesters, believed to be linked to HTS, blocked the M5.", "SYR",
     [("Protesters", "SYROPP", "Protesters (Syria)", 6, "protester", ()),
      ("HTS", "SYRREBHTS", "HTS: Hayat Tahrir al Sham", 2, "rebel", ())]),
    ("Russia launched strikes in Syria.", "SYR",
     [("Russia", "RUSGOV", "Government of Russia (2000-)", 1, "state", ())]),
    ("Shelling hit a rebel-held area.", "SYR",
     [("rebel", "SYRREB", "Rebel groups (Syria)", 2, "rebel", ())]),
    ("Rioters burned tyres on the Nairobi-Mombasa highway.", "KEN",
     [("Rioters", "KENOPP", "Rioters (Kenya)", 5, "rioter", ())]),
    ("Pro-Russian separatists shelled Mariupol.", "UKR",
     [("Pro-Russian separatists", "UKRREBNAF", "NAF: United Armed Forces of Novorossiya", 2, "rebel", ())]),
    ("Unknown militants in Mardan gunned down 2 policemen.", "PAK",
     [("Unknown militants", "PAKMLT", "Unidentified Armed Group (Pakistan)", 3, "militia", ()),
      ("policemen", "PAKCOP", "Police Forces of Pakistan (2018-2022)", 1, "state", ())]),
    ("Unidentified aircraft bombed the market, killing civilians.", "LBY",
     [("Unidentified aircraft", "MIL", "Unidentified Military Forces", 1, "state", ()),
      ("civilians", "LBYCVL", "Civilians (Libya)", 7, "civilian", ())]),
    ("Moscow and Ankara agreed a ceasefire.", None,
     [("Moscow", "RUSGOV", "Government of Russia (2000-)", 1, "state", ()),
      ("Ankara", "TURGOV", "Government of Turkey (2016-)", 1, "state", ())]),
    ("Pakistani Taliban attacked a checkpoint.", "PAK",
     [("Pakistani Taliban", "PAKREBTTP", "TTP: Tehreek-i-Taliban Pakistan", 2, "rebel", ())]),
    ("Houthi fighters fired a drone.", "YEM",
     [("Houthi fighters", "YEMMILHTH", "Military Forces of Yemen (2016-) Supreme Political Council", 1, "state", ())]),
    ("Hezbollah's fighters crossed the border.", "LBN",
     [("Hezbollah's fighters", "LBNMLTHZB", "Hezbollah", 3, "militia", ())]),
    ("The Military Forces were deployed by the Kenyan police.", "KEN",
     [("Military Forces", "KENMIL", "Military Forces of Kenya (2013-2022)", 1, "state", ()),
      ("Kenyan police", "KENCOP", "Police Forces of Kenya (2013-2022)", 1, "state", ())]),
    ("Palestinians marched in Ramallah.", None,
     [("Palestinians", "PSECVL", "Civilians (Palestine)", 7, "civilian", ())]),
    ("Police officers and soldiers blocked the road.", "BFA",
     [("Police officers", "BFACOP", "Police Forces of Burkina Faso (2015-)", 1, "state", ()),
      ("soldiers", "BFAMIL", "Military Forces of Burkina Faso (2015-)", 1, "state", ())]),
]


@pytest.mark.parametrize("sentence,ctx,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_phrase_codes(sentence, ctx, expected):
    found = D.find(sentence, published=DAY, context_country=ctx)
    assert [(a.text, a.code, a.name, a.inter, a.kind, a.assoc_codes) for a in found] == expected
    for a in found:
        assert sentence[a.start:a.end] == a.text


@pytest.mark.parametrize("sentence", [
    "Airstrikes hit Idlib in Syria.",       # country after a locative preposition is a place
    "Fighting near Syria's Idlib province.",  # possessive before a proper noun is a place
    "Traffic in Kabul city was halted.",
    "It was a quiet Turkey Day in Latin America.",
    "The unrest reached the Niger Delta.",
])
def test_places_and_stop_forms_are_not_actors(sentence):
    assert D.find(sentence, published=DAY) == []


def test_leaders_are_government_only_in_office():
    assert [(a.code, a.entry_ids) for a in D.find("Assad ordered an offensive.", published=date(2019, 5, 1))] == [
        ("SYRGOV", ("leader:assad",))]
    assert D.find("Assad ordered an offensive.", published=date(2025, 5, 1)) == []
    assert D.find("Trump spoke.", published=date(2015, 1, 1)) == []
    assert D.find("Trump spoke.", published=date(2018, 1, 1))[0].name == "Government of the United States (2017-2021)"


def test_group_rows_follow_date_and_context():
    assert D.find("The Taliban captured Kunduz.", published=date(2020, 1, 1))[0].kind == "rebel"
    after = D.find("The Taliban deployed troops.", published=date(2022, 1, 1))[0]
    assert (after.code, after.name, after.kind) == ("AFGMILTAL", "Military Forces of Afghanistan (2021-)", "state")
    assert D.find("IS claimed it.", context_country="EGY")[0].name == "Islamic State (Egypt)"
    assert D.find("IS claimed it.", context_country="NER")[0].name == "Islamic State (Greater Sahara)"
    assert D.find("IS claimed it.")[0].name == "Islamic State"
    assert D.find("The coalition struck.", context_country="KEN") == []  # bare "coalition" needs YEM/SYR/IRQ


def test_case_rules():
    assert [a.code for a in D.find("IS fighters attacked.", context_country="IRQ")] == ["IRQREBISI"]
    assert [a.code for a in D.find("This is fighters' talk.")] == ["REB"]  # "is" is not IS; bare fighters
    assert [a.code for a in D.find("PDF fighters advanced.", context_country="MMR")] == ["MMRREBPDF"]
    assert [a.code for a in D.find("Download the pdf file.")] == []
    assert [a.text for a in D.find("TURKISH DRONES STRUCK")] == ["TURKISH DRONES"]


def test_provenance_entry_ids():
    (a,) = D.find("Russia's air force bombed the town.", published=DAY)
    assert a.entry_ids == ("country:RUS", "agent:air")
    assert len(D.version) == 16


def test_title_before_leader_is_the_leaders_government():
    (a,) = D.find("The prime minister Andreas Papandreou spoke.", published=date(1985, 2, 1))
    assert (a.text, a.code, a.entry_ids) == ("prime minister Andreas Papandreou", "GRCGOV",
                                             ("agent:gov", "leader:papandreou"))
    (b,) = D.find("The prime minister Andreas Papandreou spoke.", published=date(1995, 2, 1))
    assert (b.text, b.code) == ("prime minister", "GOV")  # out of office: only the title, no country
