"""Metamorphic test: the seed article recoded with countries, places and the publication date substituted
gives the same events with the substituted fields, so the rules are not keyed to the seed's words."""
from __future__ import annotations

from pathlib import Path

import pytest

from coder.ingest import parse_txt
from coder.pipeline import code_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_15724484db3c7ef9.txt"


def _code(subs):
    text = SEED.read_text(encoding="utf-8")
    for a, b in subs:
        text = text.replace(a, b)
    rows = code_article(parse_txt(text, "variant", "variant.txt")).rows
    return {r["trigger"]: r for r in rows}


@pytest.fixture(scope="module")
def original():
    return _code([])


@pytest.fixture(scope="module")
def egypt_sinai_2021():
    # 2021-02-12 is a Friday, like 2020-06-05
    return _code([("Turkey’s", "Egypt’s"), ("Turkey", "Egypt"), ("Turkish", "Egyptian"), ("Idlib", "Sinai"),
                  ("05 June, 2020", "12 February, 2021")])


def test_same_events(original, egypt_sinai_2021):
    def shape(rows):
        return sorted((t, r["event_family"], r["cameo_code"], r["mentions"]) for t, r in rows.items())
    assert shape(original) == shape(egypt_sinai_2021)


def test_relative_dates_follow_the_publication_date(egypt_sinai_2021):
    rows = egypt_sinai_2021
    assert rows["airstrikes"]["event_date"] == "2021-02-10"      # On Wednesday
    assert rows["set up"]["event_date"] == "2021-02-11"          # On Thursday
    assert rows["reinforcing"]["event_date"] == "2021-02-12"     # no date: publication, precision 2
    assert rows["reinforcing"]["time_precision"] == 2
    # stated with a year: unchanged; "before the March 5 ceasefire": the latest March 5 before publication
    assert rows["ceasefire agreement"]["event_date"] == "2020-03-05"
    assert rows["bombing"]["event_date"] == "2020-03-04" and rows["bombing"]["date_basis"] == "anchored"


def test_actors_follow_the_substituted_country(original, egypt_sinai_2021):
    for trig in ("reinforcing", "set up", "bombing"):
        assert original[trig]["actor1_code"] == "TURMIL"
        assert egypt_sinai_2021[trig]["actor1_code"] == "EGYMIL"
    assert {original["ceasefire agreement"]["actor1_code"], original["ceasefire agreement"]["actor2_code"]} == {
        "TURGOV", "RUSGOV"}
    assert {egypt_sinai_2021["ceasefire agreement"]["actor1_code"],
            egypt_sinai_2021["ceasefire agreement"]["actor2_code"]} == {"EGYGOV", "RUSGOV"}
    assert egypt_sinai_2021["airstrikes"]["actor1_code"] == "RUSMIL"  # untouched words keep their actors


def test_places_follow_the_substituted_place(original, egypt_sinai_2021):
    for trig in ("ceasefire agreement", "blocked", "set up", "bombing"):
        assert (original[trig]["iso3"], original[trig]["admin1_code"]) == ("SYR", "SY-ID")
        assert egypt_sinai_2021[trig]["iso3"] == "EGY"
    # Jabal al-Zawiya stays in Syria whatever else the article says
    assert egypt_sinai_2021["reinforcing"]["iso3"] == "SYR"
