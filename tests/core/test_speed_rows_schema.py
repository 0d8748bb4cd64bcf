"""The generated row checker (coder.schema.fast_check) agrees with the jsonschema 2020-12 reference validator,
including the corners where draft-07 tools differ: 2.0 is an integer, True is not, dates are calendar dates
with ASCII digits, `$` in a pattern accepts a trailing newline, and no key may be missing or extra."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.schema import checker_source, fast_check, load_schema, reference_validator, validation_error
from tests.core.test_schema import EXAMPLE

_REF = reference_validator()


def _ref_ok(row) -> bool:
    return not list(_REF.iter_errors(row))


_any_scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True),
                        st.text(max_size=4))
_dates = st.one_of(st.sampled_from(["2020-06-03", "2020-02-30", "2020-6-3", "2020-06-03\n", "２０２０-06-03",
                                    "20200603", "0000-01-01", "2024-02-29", "2023-02-29"]), st.none(),
                   st.integers(), st.text(max_size=10))
_codes = st.one_of(st.sampled_from(["SYRMIL", "SYR", "SY-ID", "SYR\n", "syr", "19", "195", "1955x", ""]),
                   st.text(max_size=5), st.none(), st.integers())
_ints = st.one_of(st.integers(-3, 3000), st.sampled_from([1.0, 2.0, 2.5, 0.0, -1.0, True, False]),
                  st.floats(allow_nan=False), st.none(), st.text(max_size=2))
_lists = st.one_of(st.lists(_any_scalar, max_size=3), st.lists(st.text(max_size=3), max_size=3), st.none(),
                   st.text(max_size=2), st.tuples(st.text(max_size=2)))

_mutations = st.fixed_dictionaries({}, optional={
    "event_id": st.one_of(st.sampled_from(["0123456789abcdef0123", "0123456789abcdef0123\n",
                                           "0123456789ABCDEF0123"]), st.text(max_size=3)),
    "article_id": st.one_of(st.text(max_size=2), st.none()),
    "published_date": _dates, "event_date": _dates, "date_start": _dates, "date_end": _dates,
    "sentence_index": _ints, "mentions": _ints, "year": _ints, "time_precision": _ints, "inter1": _ints,
    "interaction": _ints, "iso": _ints, "geonames_id": _ints, "fatalities": _ints, "quad_class": _ints,
    "goldstein": st.one_of(st.floats(-20, 20), st.integers(-12, 12), st.booleans(), st.none(), st.text(max_size=2)),
    "latitude": st.one_of(st.floats(allow_nan=True), st.integers(-100, 100), st.none(), st.booleans()),
    "sentence_indices": st.one_of(st.lists(_ints, max_size=3), st.none()),
    "cameo_code": _codes, "cameo_root": _codes, "actor1_code": _codes, "iso3": _codes, "admin1_code": _codes,
    "assoc_actor_1": _lists, "assoc_actor_2_codes": _lists, "flags": _lists,
    "event_family": st.one_of(st.sampled_from(["AIRSTRIKE", "CEASEFIRE", "OTHER", ""]), st.none(), st.integers()),
    "date_basis": st.one_of(st.sampled_from(["stated", "publication", "guess"]), st.none(), st.booleans()),
    "notes": st.one_of(st.text(max_size=3), st.none()),
    "source": _any_scalar,
})


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations, st.sets(st.sampled_from(sorted(EXAMPLE)), max_size=2),
       st.dictionaries(st.sampled_from(["extra", "Event_id", ""]), _any_scalar, max_size=1))
def test_generated_checker_agrees_with_reference(mut, dropped, extra):
    row = {k: v for k, v in dict(EXAMPLE, **mut).items() if k not in dropped}
    row.update(extra)
    ref = _ref_ok(row)
    assert fast_check()(row) == ref, (mut, dropped, extra, [e.message for e in _REF.iter_errors(row)])
    # and validation_error, which answers from the checker when valid and from fastjsonschema otherwise
    assert (validation_error(row) is None) == ref, (mut, dropped, extra, validation_error(row))


def test_valid_example_and_named_errors():
    assert fast_check()(EXAMPLE) is True
    assert fast_check()(dict(EXAMPLE, mentions=2.0)) is True  # 2020-12: an integral float is an integer
    assert fast_check()(dict(EXAMPLE, mentions=True)) is False
    assert fast_check()(dict(EXAMPLE, event_date="2023-02-29")) is False
    assert fast_check()(dict(EXAMPLE, iso3="SYR\n")) is True  # re.search: "$" matches before a final newline
    assert fast_check()([EXAMPLE]) is False
    assert validation_error(dict(EXAMPLE, cameo_code="19x")) == "data.cameo_code: data.cameo_code must match pattern ^[0-9]{2,4}$"
    assert validation_error(dict(EXAMPLE, flags=("x",))) == "data.flags: ('x',) is not of type 'array'"
    assert validation_error(dict(EXAMPLE, event_date="2020-02-30")) == "data.event_date: '2020-02-30' is not a calendar date"


def test_checker_refuses_keywords_it_does_not_implement():
    schema = dict(load_schema())
    schema["properties"] = dict(schema["properties"], notes={"type": "string", "maxLength": 5})
    with pytest.raises(ValueError, match=r"schema\.notes uses \['maxLength'\]"):
        checker_source(schema)
