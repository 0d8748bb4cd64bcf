"""rows_to_table builds its columns from Arrow buffers (so that writing rows never imports pandas); the table
must equal the one pyarrow's own converter makes (Table.from_pylist + cast), Parquet bytes included, for any
rows: nulls, non-ASCII text, empty strings and lists, extreme integers, and values the builder hands back
to pyarrow (a NUL in a string, an int in a float column, a str subclass, a missing key)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.schema import _staging_schema, arrow_schema, buffers_table, rows_to_table
from tests.core.test_schema import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


def _reference(rows):
    return pa.Table.from_pylist(rows, schema=_staging_schema()).cast(arrow_schema())


def _parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _same(rows, built: bool = True) -> None:
    """The buffer-built table (rows_to_table's when pandas is not loaded) is pyarrow's; `built`: it is made
    from buffers (not handed back to pyarrow)."""
    want = _reference(rows)
    got = buffers_table(rows)
    assert (got is not None) == built
    got = got if got is not None else rows_to_table(rows)
    assert got.schema == want.schema and got.schema.metadata == want.schema.metadata
    assert got.equals(want), (got.to_pylist(), want.to_pylist())
    assert _parquet(got) == _parquet(want)


def test_the_example_and_hand_written_corners():
    _same([EXAMPLE])
    rows = [
        EXAMPLE,
        dict(EXAMPLE, source="Ünïcödé — “quotes” 日本語 🚀", notes="", actor1=None, actor1_code=None, inter1=None,
             assoc_actor_2=["Å", "", "b"], assoc_actor_2_codes=["X"], flags=["f1", "f2"], sentence_indices=[],
             geonames_id=2**63 - 1, char_start=0, latitude=-0.0, longitude=None, year=None, event_date=None,
             date_start=None, date_end=None, goldstein=0.1, iso=None),
        dict(EXAMPLE, quad_class=127, time_precision=None, interaction=None, admin2="", location=None),
    ]
    _same(rows)
    table = rows_to_table(rows)
    assert table.column("source").to_pylist() == [None, "Ünïcödé — “quotes” 日本語 🚀", None]
    assert table.column("assoc_actor_2").to_pylist() == [[], ["Å", "", "b"], []]
    assert table.column("event_date").to_pylist()[1] is None
    assert table.column("geonames_id").null_count == 0 and table.column("iso").null_count == 1


def test_values_left_to_pyarrow_give_the_same_table():
    class Name(str):
        pass

    _same([dict(EXAMPLE, notes="a\0b")], built=False)  # a NUL would break the separator
    _same([dict(EXAMPLE, goldstein=-10)], built=False)  # an int in a float column
    _same([dict(EXAMPLE, mentions=2.0)], built=False)  # an integral float is an integer (2020-12)
    bad = [dict(EXAMPLE, quad_class=300)]  # out of int8: pyarrow's own error, as before
    assert buffers_table(bad) is None
    with pytest.raises(pa.ArrowInvalid):
        rows_to_table(bad)
    _same([{k: v for k, v in EXAMPLE.items() if k != "admin2"}], built=False)  # a missing key is null
    _same([dict(EXAMPLE, actor1=Name("x"))])  # a str subclass is a string


_text = st.one_of(st.none(), st.text(max_size=6), st.sampled_from(["", "é", "日本", "🚀x"]))
_columns = st.fixed_dictionaries({}, optional={
    "source": _text, "notes": st.text(max_size=8), "actor1": _text, "admin2": _text, "geo_evidence": _text,
    "inter1": st.one_of(st.none(), st.integers(-128, 127)), "quad_class": st.integers(-128, 127),
    "iso": st.one_of(st.none(), st.integers(-2**31, 2**31 - 1)),
    "geonames_id": st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)),
    "goldstein": st.floats(-10, 10, width=64), "latitude": st.one_of(st.none(), st.floats(-90, 90)),
    "assoc_actor_1": st.lists(st.text(max_size=4), max_size=3), "flags": st.lists(st.text(max_size=3), max_size=2),
    "sentence_indices": st.lists(st.integers(0, 2**31 - 1), max_size=3),
    "event_date": st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
})


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_columns, min_size=1, max_size=6))
def test_any_rows_give_pyarrows_table(changes):
    rows = [dict(EXAMPLE, **c) for c in changes]
    _same(rows, built=not any("\0" in (r[k] or "") for r in rows for k in ("source", "notes", "actor1", "admin2",
                                                                           "geo_evidence"))
          and not any("\0" in x for r in rows for x in r["assoc_actor_1"] + r["flags"]))


def test_writing_rows_does_not_import_pandas():
    code = ("import sys; from coder.schema import rows_to_table; from tests.core.test_schema import EXAMPLE; "
            "rows_to_table([EXAMPLE, dict(EXAMPLE, source='x', actor2=None)]); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_to_array_is_pa_array():
    from coder.schema import to_array

    for values, typ in [(["a", None, "é"], pa.string()), ([], pa.string()), ([1, None, -5], pa.int32()),
                        ([0.5, None], pa.float64()), ([["x"], [], ["y", "z"]], pa.list_(pa.string())),
                        (["a\0"], pa.string()), ([300], pa.int32()), ((1, 2), pa.int64())]:
        assert to_array(values, typ).equals(pa.array(values, typ)), (values, typ)
