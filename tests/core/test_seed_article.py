"""The seed article against its hand-written expectation (tests/fixtures/seed_article.expected.yaml, a copy of
the project's gold annotation): every `must` event is found with its family, code, actors, date and place;
no `must_not` statement yields a row; the two mentions of the March 5 agreement are one row."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from coder.ingest import parse_txt
from coder.pipeline import code_article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_15724484db3c7ef9.txt"
GOLD = yaml.safe_load((ROOT / "tests" / "fixtures" / "seed_article.expected.yaml").read_text())


@pytest.fixture(scope="module")
def coded():
    text = SEED.read_text(encoding="utf-8")
    return text, code_article(parse_txt(text, SEED.stem, str(SEED))).rows


def _span(text: str, evidence: str) -> tuple[int, int]:
    """Where an evidence string ('...' marks elided words) lies in the article."""
    parts = [p.strip() for p in evidence.split("...")]
    start = text.index(parts[0])
    end = start + len(parts[0])
    for p in parts[1:]:
        end = text.index(p, end) + len(p)
    return start, end


def _row_for(text, rows, must):
    s, e = _span(text, must["evidence"])
    hits = [r for r in rows if r["event_family"] == must["family"] and s <= r["char_start"] < e]
    assert hits, f"{must['id']}: no {must['family']} row with its trigger in {must['evidence']!r}"
    return hits[0]


def _country_role(code):
    return (code[:3], code[3:6]) if code else (None, None)


@pytest.mark.parametrize("must", GOLD["must"], ids=[m["id"] for m in GOLD["must"]])
def test_must_events(coded, must):
    text, rows = coded
    r = _row_for(text, rows, must)
    assert r["cameo_code"] == must["cameo"]
    a1 = must["actor1"]
    actors = [_country_role(r["actor1_code"]), _country_role(r["actor2_code"])]
    if must["family"] == "CEASEFIRE":  # the dyad of an agreement may be in either order
        assert {c for c, _ in actors} == {a1["country"], must["actor2"]["country"]}
    else:
        assert actors[0][0] == a1["country"] and actors[0][1] == a1["role"]
        if "actor2" in must:
            assert actors[1] == (must["actor2"]["country"], must["actor2"]["role"])
    if "associated_actor1" in must:
        assert [c[:3] for c in r["assoc_actor_1_codes"]] == [must["associated_actor1"]["country"]]
    if "event_date" in must:
        assert r["event_date"] == must["event_date"].isoformat()
        assert r["time_precision"] == must["time_precision"]
    if "event_date_between" in must:
        lo, hi = must["event_date_between"]
        assert lo.isoformat() <= r["event_date"] <= hi.isoformat()
    if "event_date_before" in must:
        assert r["event_date"] < must["event_date_before"].isoformat()
        assert r["date_end"] < must["event_date_before"].isoformat()
        assert r["time_precision"] == must["time_precision"] and r["date_basis"] == "anchored"
    loc = must["location"]
    assert r["iso3"] == loc.get("iso3", "SYR")
    if "admin1" in loc:
        assert r["admin1"] == loc["admin1"]
    if "geo_precision" in must:
        assert r["geo_precision"] in must["geo_precision"]


@pytest.mark.parametrize("bad", GOLD["must_not"], ids=[b["why"][:40] for b in GOLD["must_not"]])
def test_must_not_statements_yield_no_row(coded, bad):
    text, rows = coded
    s, e = _span(text, bad["evidence"])
    assert [r for r in rows if s <= r["char_start"] < e] == []


def test_one_merged_ceasefire_row(coded):
    text, rows = coded
    (cf,) = [r for r in rows if r["event_family"] == "CEASEFIRE"]
    assert cf["mentions"] == 2 and cf["sentence_indices"] == [10, 21]
    assert (cf["event_date"], cf["time_precision"], cf["admin1_code"]) == ("2020-03-05", 1, "SY-ID")
    assert (cf["sub_event_type"], cf["goldstein"]) == ("Agreement", 9.0)


def test_rows_carry_provenance(coded):
    text, rows = coded
    for r in rows:
        assert text[r["char_start"]:r["char_end"]] == r["trigger"]
        assert r["trigger"] in r["notes"] and r["rule_id"] and r["article_id"] == SEED.stem
        assert r["published_date"] == "2020-06-05"
    assert len(rows) == 7
