"""The JSON Schema is the one source of truth: the Arrow schema derives from it, the package copy is the
repository file, and the fast (draft-07) validator agrees with the 2020-12 reference validator."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.schema import arrow_schema, load_schema, reference_validator, rows_to_table, validation_error

REPO = Path(__file__).resolve().parents[2]

EXAMPLE = {
    "event_id": "0123456789abcdef0123", "article_id": "a1", "article_hash": "0" * 32, "source": None,
    "source_url": None, "published_date": "2020-06-05", "notes": "On Wednesday, Russia launched airstrikes.",
    "sentence_index": 3, "sentence_indices": [3, 9], "mentions": 2, "char_start": 10, "char_end": 20,
    "rule_id": "AIR-N-001", "trigger": "airstrikes", "coder_version": "0.1.0", "ruleset_version": "x",
    "event_family": "AIRSTRIKE", "cameo_code": "195", "cameo_root": "19", "quad_class": 4, "goldstein": -10.0,
    "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike", "plover_event": "ASSAULT", "plover_mode": "aerial",
    "event_date": "2020-06-03", "date_start": "2020-06-03", "date_end": "2020-06-03", "year": 2020,
    "time_precision": 1, "date_basis": "relative", "date_phrase": "On Wednesday",
    "actor1": "Military Forces of Russia (2000-)", "actor1_code": "RUSMIL", "inter1": 8,
    "assoc_actor_1": [], "assoc_actor_1_codes": [], "actor2": "Rebel groups (Syria)", "actor2_code": "SYRREB",
    "inter2": 2, "assoc_actor_2": [], "assoc_actor_2_codes": [], "interaction": 28, "country": "Syria",
    "iso": 760, "iso3": "SYR", "admin1": "Idlib", "admin1_code": "SY-ID", "admin2": None, "location": "Idlib",
    "latitude": 35.93, "longitude": 36.63, "geo_precision": 2, "geonames_id": 169389, "geo_evidence": None,
    "fatalities": 0, "flags": [],
}


def test_package_copy_is_the_repository_schema():
    assert json.loads((REPO / "schemas" / "event.schema.json").read_text()) == load_schema()


def test_arrow_schema_follows_the_json_schema():
    schema = arrow_schema()
    props = load_schema()["properties"]
    assert schema.names == list(props)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("iso").type == pa.int32()
    assert schema.field("assoc_actor_1_codes").type == pa.list_(pa.string())
    assert schema.field("cameo_code").type == pa.string()
    assert not schema.field("event_id").nullable and schema.field("actor2").nullable
    assert b"coder.schema" in schema.metadata


def test_example_row_is_valid_in_both_validators_and_converts():
    assert validation_error(EXAMPLE) is None
    assert not list(reference_validator().iter_errors(EXAMPLE))
    table = rows_to_table([EXAMPLE])
    assert table.schema == arrow_schema()
    assert table.column("event_date").to_pylist()[0].isoformat() == "2020-06-03"


def test_invalid_rows_name_the_field():
    bad = dict(EXAMPLE, cameo_code="19x")
    assert "cameo_code" in validation_error(bad)
    assert "event_date" in validation_error(dict(EXAMPLE, event_date="2020-02-30"))
    assert validation_error(dict(EXAMPLE, extra=1)) is not None
    assert validation_error({k: v for k, v in EXAMPLE.items() if k != "trigger"}) is not None


_mutations = st.fixed_dictionaries({}, optional={
    "cameo_code": st.one_of(st.text(max_size=5), st.none(), st.integers()),
    "quad_class": st.one_of(st.integers(-2, 7), st.none(), st.text(max_size=2)),
    "time_precision": st.one_of(st.integers(-1, 5), st.none()),
    "iso3": st.one_of(st.text(max_size=4), st.none()),
    "latitude": st.one_of(st.floats(-200, 200, allow_nan=False), st.none(), st.text(max_size=3)),
    "assoc_actor_1": st.one_of(st.lists(st.text(max_size=5), max_size=2), st.none(),
                               st.lists(st.integers(), max_size=2)),
    "event_family": st.sampled_from(["AIRSTRIKE", "CEASEFIRE", "OTHER", None]),
    "date_basis": st.sampled_from(["stated", "publication", "guess", None]),
    "mentions": st.one_of(st.integers(-1, 3), st.floats(0, 3)),
    "admin1_code": st.one_of(st.text(max_size=6), st.just("SY-ID"), st.none()),
})


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations)
def test_fast_validator_agrees_with_reference(mut):
    row = dict(EXAMPLE, **mut)
    ref_ok = not list(reference_validator().iter_errors(row))
    fast_ok = validation_error(row) is None
    assert ref_ok == fast_ok, (mut, validation_error(row), [e.message for e in reference_validator().iter_errors(row)])
