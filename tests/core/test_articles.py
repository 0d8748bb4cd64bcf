"""Whole news articles (written for these tests in the layouts of real outlets): the events they report,
and none of the background, habitual, conditional, denied, planned or quoted-threat statements around them."""
from __future__ import annotations

from pathlib import Path

import pytest

from coder.ingest import parse_txt
from coder.pipeline import code_article

DIR = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def rows_of(name: str) -> list[dict]:
    path = DIR / name
    return code_article(parse_txt(path.read_text(encoding="utf-8"), path.stem, str(path))).rows


def pick(rows, **want):
    return [r for r in rows if all(r[k] == v for k, v in want.items())]


def test_yemen_strikes_appeal_and_non_events():
    rows = rows_of("001_yemen.txt")
    assert sorted((r["event_family"], r["cameo_code"]) for r in rows) == [("AIRSTRIKE", "195"), ("CEASEFIRE", "0256")]
    (air,) = pick(rows, event_family="AIRSTRIKE")
    assert (air["event_date"], air["time_precision"]) == ("2023-03-13", 1)  # Monday night, published Tuesday
    assert air["iso3"] == "YEM"
    assert air["actor1"] == "Operation Restoring Hope" and air["actor2_code"].startswith("YEM")  # ACLED's name
    (appeal,) = pick(rows, event_family="CEASEFIRE")
    assert appeal["actor1_code"].startswith("IGO") and appeal["event_type"] is None


def test_sahel_deployment_merged_and_airstrike_by_the_speaker():
    rows = rows_of("002_sahel.txt")
    (dep,) = pick(rows, event_family="TROOP_DEPLOYMENT")
    assert (dep["actor1_code"], dep["cameo_code"], dep["event_date"], dep["iso3"]) == ("MLIMIL", "154", "2023-06-03",
                                                                                     "MLI")
    assert dep["mentions"] == 2 and dep["actor2"] is None
    (air,) = pick(rows, event_family="AIRSTRIKE")
    assert (air["actor1_code"], air["event_date"], air["iso3"], air["fatalities"]) == ("MLIMIL", "2023-06-02", "MLI", 3)
    assert len(rows) == 2


def test_kenya_road_blockade_by_rioters_one_row():
    rows = rows_of("003_kenya.txt")
    (rb,) = rows
    assert (rb["event_family"], rb["cameo_code"], rb["sub_event_type"]) == ("ROAD_BLOCKADE", "144",
                                                                          "Violent demonstration")
    assert (rb["actor1"], rb["inter1"], rb["interaction"]) == ("Rioters (Kenya)", 5, 50)
    assert (rb["event_date"], rb["mentions"], rb["iso3"]) == ("2023-07-11", 2, "KEN")


def test_ukraine_drone_strikes_both_ways():
    rows = rows_of("004_ukraine.txt")
    assert len(rows) == 2
    (odesa,) = pick(rows, actor1_code="RUSMIL")
    assert (odesa["cameo_code"], odesa["iso3"], odesa["event_date"], odesa["fatalities"]) == ("1952", "UKR",
                                                                                             "2023-07-23", 1)
    (kursk,) = pick(rows, actor1_code="UKRMIL")
    assert (kursk["cameo_code"], kursk["iso3"], kursk["event_date"]) == ("1952", "RUS", "2023-07-23")


def test_analysis_piece_codes_only_the_new_events():
    rows = rows_of("005_analysis.txt")
    got = sorted((r["event_family"], r["cameo_code"], r["event_date"]) for r in rows)
    # not coded: previous truces that collapsed, "since December ... hundreds of strikes", troops deployed
    # "since February" (period summaries), warnings, a quoted conditional threat
    assert got == [("AIRSTRIKE", "1952", "2020-03-06"), ("CEASEFIRE", "0871", "2020-03-05"),
                   ("ROAD_BLOCKADE", "144", "2020-03-06")]
    (cf,) = pick(rows, event_family="CEASEFIRE")
    assert {cf["actor1_code"], cf["actor2_code"]} == {"RUSGOV", "TURGOV"}
    (rb,) = pick(rows, event_family="ROAD_BLOCKADE")
    assert (rb["iso3"], rb["admin1"]) == ("SYR", "Idlib")
