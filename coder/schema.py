"""The record layout: `schemas/event.schema.json` is the one source of truth.

Rows travel through the pipeline as JSON-native dicts (dates as ISO strings), are validated against the
JSON Schema, and become Arrow tables whose schema is derived here from the same file. The hot path uses
fastjsonschema (draft-07 semantics); the schema only uses keywords that mean the same in draft-07 and
2020-12, and the tests check that the two validators agree.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa

SCHEMA_FILE = "event.schema.json"

_ARROW_TYPES: dict[str, pa.DataType] = {
    "date32": pa.date32(),
    "int8": pa.int8(),
    "int16": pa.int16(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float32": pa.float32(),
    "float64": pa.float64(),
    "list<string>": pa.list_(pa.string()),
    "list<int32>": pa.list_(pa.int32()),
}
_JSON_DEFAULT_ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The event JSON Schema, from the installed package (a copy of schemas/event.schema.json)."""
    text = resources.files("coder").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def schema_text() -> str:
    return resources.files("coder").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")


def schema_version() -> str:
    return load_schema().get("x-schema-version", "0")


def columns() -> list[str]:
    return list(load_schema()["properties"])


def _arrow_type(prop: dict[str, Any]) -> tuple[pa.DataType, bool]:
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    nullable = "null" in types
    base = next(t for t in types if t != "null")
    if "x-arrow-type" in prop:
        return _ARROW_TYPES[prop["x-arrow-type"]], nullable
    return _JSON_DEFAULT_ARROW[base], nullable


@lru_cache(maxsize=1)
def arrow_schema() -> pa.Schema:
    """The Parquet/Arrow schema, derived field by field from the JSON Schema."""
    schema = load_schema()
    fields = []
    for name, prop in schema["properties"].items():
        typ, nullable = _arrow_type(prop)
        fields.append(pa.field(name, typ, nullable=nullable,
                               metadata={"description": prop.get("description", "")}))
    from coder import __version__

    return pa.schema(fields, metadata={
        "coder.schema": json.dumps(schema, separators=(",", ":")),
        "coder.schema_version": schema_version(),
        "coder.version": __version__,
    })


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Validated rows -> an Arrow table with exactly the derived schema (dates parsed from ISO strings)."""
    target = arrow_schema()
    arrays = []
    for f in target:
        values = [r.get(f.name) for r in rows]
        if pa.types.is_date32(f.type):
            arrays.append(pa.array(values, type=pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(arrays, schema=target)


@lru_cache(maxsize=1)
def fast_validator() -> Callable[[dict[str, Any]], Any]:
    """fastjsonschema compiled once per process; raises JsonSchemaValueException on the first error."""
    import fastjsonschema

    schema = dict(load_schema())
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema, formats={"date": r"^\d{4}-\d{2}-\d{2}$"})


def validation_error(row: dict[str, Any]) -> str | None:
    """None when the row is valid, else a message naming the field and the problem."""
    import fastjsonschema

    try:
        fast_validator()(row)
    except fastjsonschema.JsonSchemaValueException as e:
        return f"{e.name}: {e.message}"
    # fastjsonschema checks the date shape only; check the calendar too.
    from datetime import date

    for key in ("published_date", "event_date", "date_start", "date_end"):
        v = row.get(key)
        if v is not None:
            try:
                date.fromisoformat(v)
            except ValueError:
                return f"data.{key}: {v!r} is not a calendar date"
    return None


def reference_validator():
    """jsonschema Draft 2020-12 validator: the reference the tests compare fast_validator against."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_path_in_repo() -> Path:
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE
