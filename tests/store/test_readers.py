"""Readers get the same column types from a dataset the store writes, with the options the README documents."""
from __future__ import annotations

import datetime as dt
import os

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds

from coder.store import partitioning
from store_helpers import run_once


def make(tmp_path):
    run_once(tmp_path, "r1", [("a", "h", [2020, 2021]), ("b", "h", [None])])
    return os.path.realpath(tmp_path / "events")


def test_pyarrow_with_documented_partitioning(tmp_path):
    events = make(tmp_path)
    t = ds.dataset(events, format="parquet", partitioning=partitioning()).to_table()
    assert t.schema.field("year").type == pa.int32()
    assert t.schema.field("event_date").type == pa.date32()
    assert t.schema.field("fatalities").type == pa.int32()
    assert t.schema.field("tags").type == pa.list_(pa.string())
    assert sorted(t["year"].to_pylist(), key=repr) == [2020, 2021, None]


def test_pandas_with_pyarrow_dtypes(tmp_path):
    events = make(tmp_path)
    df = pd.read_parquet(events, partitioning=partitioning(), dtype_backend="pyarrow")
    assert str(df["year"].dtype) == "int32[pyarrow]"
    assert str(df["event_date"].dtype) == "date32[day][pyarrow]"
    assert str(df["fatalities"].dtype) == "int32[pyarrow]"
    assert str(df["latitude"].dtype) == "double[pyarrow]"
    years = df.sort_values("event_id")["year"]
    assert years.isna().tolist() == [False, False, True]
    assert years.dropna().tolist() == [2020, 2021]


def test_duckdb_with_hive_types(tmp_path):
    events = make(tmp_path)
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_parquet('{events}/**/*.parquet', hive_partitioning=true, "
                  "hive_types={'year': INTEGER}) ORDER BY event_id")
    types = dict(zip(rel.columns, (str(t) for t in rel.types)))
    assert (types["year"], types["event_date"], types["fatalities"], types["tags"]) == (
        "INTEGER", "DATE", "INTEGER", "VARCHAR[]")
    assert [r[0] for r in con.sql(f"SELECT year FROM read_parquet('{events}/**/*.parquet', hive_partitioning="
                                  "true, hive_types={'year': INTEGER}) ORDER BY event_id").fetchall()] == [
        2020, 2021, None]


def test_polars_with_hive_schema(tmp_path):
    events = make(tmp_path)
    df = pl.read_parquet(f"{events}/**/*.parquet", hive_partitioning=True, hive_schema={"year": pl.Int32})
    assert (df.schema["year"], df.schema["event_date"], df.schema["fatalities"], df.schema["tags"]) == (
        pl.Int32, pl.Date, pl.Int32, pl.List(pl.String))
    assert df.sort("event_id")["year"].to_list() == [2020, 2021, None]
    assert df.sort("event_id")["event_date"].to_list() == [dt.date(2020, 3, 1), dt.date(2021, 3, 2), None]
