"""split_by_year: each partition gets its year's rows, in input order, with `year` dropped; years ascending, null last."""
from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from coder.store.files import split_by_year


def table(years):
    return pa.table({"year": pa.array(years, pa.int32()), "event_id": [f"e{i}" for i in range(len(years))]})


def test_years_ascending_null_last_rows_in_input_order():
    parts = split_by_year(table([2021, None, 2019, 2021, 2019, None]))
    assert [(y, t.column_names, t["event_id"].to_pylist()) for y, t in parts] == [
        (2019, ["event_id"], ["e2", "e4"]), (2021, ["event_id"], ["e0", "e3"]), (None, ["event_id"], ["e1", "e5"])]


def test_one_year_and_no_rows():
    assert [(y, t["event_id"].to_pylist()) for y, t in split_by_year(table([2020, 2020]))] == [(2020, ["e0", "e1"])]
    assert [(y, t.num_rows) for y, t in split_by_year(table([None]))] == [(None, 1)]
    assert split_by_year(table([])) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(1990, 2030)), max_size=60))
def test_partitions_are_the_rows_of_each_year(years):
    parts = split_by_year(table(years))
    expect = sorted({y for y in years if y is not None}) + ([None] if None in years else [])
    assert [y for y, _ in parts] == expect
    for y, t in parts:
        assert t["event_id"].to_pylist() == [f"e{i}" for i, v in enumerate(years) if v == y]
