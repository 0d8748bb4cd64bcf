"""Properties: arbitrary text never crashes the coder and every row it makes is valid with exact offsets;
any valid record survives a Parquet write and read unchanged (pyarrow, pandas, DuckDB, Polars)."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.models import Article
from coder.pipeline import code_article
from coder.schema import load_schema, rows_to_table, validation_error

WORDS = ["airstrikes", "Russian", "jets", "struck", "Idlib", "on", "Wednesday", "deployed", "troops", "would",
         "if", "not", "ceasefire", "agreed", "protesters", "blocked", "the", "road", "in", "Kabul", "Taliban",
         ",", ".", "\n\n", "İstanbul", "’s", "called", "for", "a", "March", "5", "2020", "killed", "12", "by"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=60),
       st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_arbitrary_text_never_crashes_and_rows_are_valid(words, published):
    text = " ".join(words)
    result = code_article(Article(id="p", text=text, published=published))
    assert result.rejects == []
    for r in result.rows:
        assert validation_error(r) is None
        assert text[r["char_start"]:r["char_end"]] == r["trigger"]
        if r["event_date"] and published:
            assert r["date_start"] <= r["event_date"] <= r["date_end"] <= published.isoformat()


def _strategy(prop: dict):
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    base = next(t for t in types if t != "null")
    if prop.get("format") == "date":
        s = st.dates(date(1950, 1, 1), date(2100, 12, 31)).map(date.isoformat)
    elif "enum" in prop:
        s = st.sampled_from([v for v in prop["enum"] if v is not None])
    elif "pattern" in prop:
        s = st.from_regex(prop["pattern"], fullmatch=True)
    elif base == "string":
        s = st.text(min_size=prop.get("minLength", 0), max_size=20)
    elif base == "integer":
        lo, hi = prop.get("minimum", -(2 ** 31)), prop.get("maximum", 2 ** 31 - 1)
        s = st.integers(lo, hi)
    elif base == "number":
        if prop.get("x-arrow-type") == "float32":  # float32 columns hold float32 values
            s = st.floats(prop.get("minimum", -1e6), prop.get("maximum", 1e6), width=32)
        else:
            s = st.floats(prop.get("minimum", -1e6), prop.get("maximum", 1e6), allow_nan=False)
    elif base == "array":
        item = prop["items"]
        s = st.lists(st.integers(0, 1000) if item["type"] == "integer" else st.text(max_size=10), max_size=3)
    else:
        raise AssertionError(base)
    return st.one_of(st.none(), s) if "null" in types else s


ROWS = st.fixed_dictionaries({k: _strategy(v) for k, v in load_schema()["properties"].items()})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROWS, min_size=1, max_size=4))
def test_valid_records_survive_write_and_read(tmp_path_factory, rows):
    rows = [r for r in rows if validation_error(r) is None]
    if not rows:
        return
    path = tmp_path_factory.mktemp("pq") / "rows.parquet"
    table = rows_to_table(rows)
    pq.write_table(table, path)
    back = pq.read_table(path)
    assert back.schema.equals(table.schema) and back.to_pylist() == table.to_pylist()
    as_json = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()} for r in back.to_pylist()]
    assert as_json == rows
    df = pd.read_parquet(path, dtype_backend="pyarrow")
    assert pa.Table.from_pandas(df, preserve_index=False).to_pylist() == back.to_pylist()
    assert pl.read_parquet(path).to_arrow().cast(back.schema).to_pylist() == back.to_pylist()
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0]
    assert n == len(rows)
