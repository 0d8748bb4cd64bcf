"""The record layout: `schemas/event.schema.json` is the one source of truth.

Rows travel through the pipeline as JSON-native dicts (dates as ISO strings), are validated against the
JSON Schema, and become Arrow tables whose schema is derived here from the same file. The hot path is a
checker generated from the schema (`fast_check`, 2020-12 semantics, ~5 us a row); invalid rows, which are
rare, get their message from fastjsonschema (draft-07) or the jsonschema 2020-12 reference. The schema only
uses keywords that mean the same in draft-07 and 2020-12, and the tests check that all of them agree.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date
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
    """Validated rows -> an Arrow table with exactly the derived schema (dates parsed from ISO strings).

    The columns are built from Arrow buffers (`_column`): pyarrow's converter from Python lists
    (`Table.from_pylist`, `pa.array`) imports pandas on first use, ~0.35 s of CPU in every process that
    writes rows, although the coder never uses pandas. Values the buffer builder does not take (a type
    other than the usual one for the column, a value out of range) go through from_pylist as before, and so
    do all rows once something else has imported pandas (from_pylist is then ~1.5x faster)."""
    if rows and "pandas" not in sys.modules:  # once pandas is imported anyway, pyarrow's converter is faster
        table = buffers_table(rows)
        if table is not None:
            return table
    return pa.Table.from_pylist(rows, schema=_staging_schema()).cast(arrow_schema())


def buffers_table(rows: list[dict[str, Any]]) -> pa.Table | None:
    """rows_to_table(rows) built from Arrow buffers, or None when a value needs pyarrow's own converter."""
    target = arrow_schema()
    get, types, dates = _columns_plan()
    try:
        arrays = [_column(col, typ) for col, typ in zip(zip(*map(get, rows)), types)]
    except (KeyError, _Unusual, OverflowError, ValueError, UnicodeError):
        return None
    if not arrays:  # no rows
        return None
    for i in dates:
        arrays[i] = arrays[i].cast(target.field(i).type)
    return pa.Table.from_arrays(arrays, schema=target)


def to_array(values: list | tuple, typ: pa.DataType) -> pa.Array:
    """pa.array(values, typ), built from buffers as in rows_to_table when it can be (string, int, float and
    list columns of the usual value types): for writers outside this module that must not import pandas."""
    try:
        return _column(values, typ)
    except (_Unusual, OverflowError, ValueError, UnicodeError):
        return pa.array(values, typ)


class _Unusual(Exception):
    """A column value that the buffer builder leaves to pyarrow's own converter."""


@lru_cache(maxsize=1)
def _columns_plan() -> tuple[Callable[[dict[str, Any]], tuple], tuple[pa.DataType, ...], tuple[int, ...]]:
    """(row -> the values in column order, each column's staging type, the indices of the date columns)."""
    from operator import itemgetter

    staging = _staging_schema()
    names = staging.names
    get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    dates = tuple(i for i, f in enumerate(arrow_schema()) if pa.types.is_date32(f.type))
    return get, tuple(f.type for f in staging), dates


_NONE = type(None)
# Arrow's fixed-width types and the array module's type codes of the same width
_INT_CODES = {pa.int8(): "b", pa.int16(): "h", pa.int32(): "i", pa.int64(): "q"}
_FLOAT_CODES = {pa.float32(): "f", pa.float64(): "d"}


def _validity(values: tuple | list, n: int) -> tuple[pa.Buffer | None, int]:
    """Arrow's validity bitmap of `values` (None is null) and the null count; no bitmap without nulls."""
    if None not in values:
        return None, 0
    import numpy as np
    from itertools import repeat
    from operator import is_not

    valid = bytes(map(is_not, values, repeat(None)))  # one byte 0/1 a value
    bits = np.packbits(np.frombuffer(valid, np.uint8), bitorder="little")
    return pa.py_buffer(bits), n - valid.count(1)


def _offsets(lengths: Any) -> pa.Buffer:
    """Arrow's int32 offsets of items of these lengths: 0, then the running sums."""
    from array import array
    from itertools import accumulate

    offsets = array("i", accumulate(lengths, initial=0))  # OverflowError past 2**31
    if offsets.itemsize != 4:
        raise _Unusual
    return pa.py_buffer(offsets)


def _strings(values: tuple | list, n: int) -> pa.Array:
    """A string array of `values` (str or None) from its offsets and UTF-8 data.

    The strings are joined with NUL between them and encoded in one call; the NULs' byte positions (found
    by numpy) give the offsets, so no Python work is done per string unless there are nulls."""
    import numpy as np

    if not n:
        return pa.Array.from_buffers(pa.string(), 0, [None, _offsets(()), pa.py_buffer(b"")], 0)
    validity, nulls = None, 0
    try:
        joined = "\0".join(values)
    except TypeError:  # None (null) or a value that is not a string
        validity, nulls = _validity(values, n)
        try:
            joined = "\0".join([v if v is not None else "" for v in values])
        except TypeError:
            raise _Unusual from None
    if joined.count("\0") != n - 1:  # a string holds a NUL itself
        raise _Unusual
    data = joined.encode("utf-8")
    if len(data) >= 2**31:
        raise _Unusual
    ends = np.flatnonzero(np.frombuffer(data, np.uint8) == 0)  # the separators' byte positions
    offsets = np.empty(n + 1, np.int32)
    offsets[0] = 0
    offsets[1:n] = ends - np.arange(n - 1)  # minus the separators before each one
    offsets[n] = len(data) - (n - 1)
    return pa.Array.from_buffers(pa.string(), n, [validity, pa.py_buffer(offsets),
                                                  pa.py_buffer(data.replace(b"\0", b""))], nulls)


def _numbers(values: tuple | list, n: int, typ: pa.DataType) -> pa.Array:
    """An int or float array of `values` (None is null); ints only in int columns, floats in float ones."""
    from array import array

    code = _INT_CODES.get(typ)
    kind = int if code else float
    code = code or _FLOAT_CODES[typ]
    if not set(map(type, values)) <= {kind, _NONE}:
        raise _Unusual
    validity, nulls = _validity(values, n)
    if nulls:
        values = [0 if v is None else v for v in values]
    data = array(code, values)  # OverflowError for an int out of the column's range
    if data.itemsize != typ.bit_width // 8:
        raise _Unusual
    return pa.Array.from_buffers(typ, n, [validity, pa.py_buffer(data)], nulls)


def _column(values: tuple, typ: pa.DataType) -> pa.Array:
    """The Arrow array of one column's values, equal to pa.array(values, typ) for the usual value types."""
    n = len(values)
    if typ == pa.string():
        return _strings(values, n)
    if typ in _INT_CODES or typ in _FLOAT_CODES:
        return _numbers(values, n, typ)
    if pa.types.is_list(typ) and (typ.value_type == pa.string() or typ.value_type in _INT_CODES):
        from itertools import chain

        if not set(map(type, values)) <= {list}:  # no nulls: the list columns are required arrays
            raise _Unusual
        items = list(chain.from_iterable(values))
        child = (_strings(items, len(items)) if typ.value_type == pa.string()
                 else _numbers(items, len(items), typ.value_type))
        return pa.Array.from_buffers(typ, n, [None, _offsets(map(len, values))], 0, children=[child])
    raise _Unusual


@lru_cache(maxsize=1)
def _staging_schema() -> pa.Schema:
    """The Arrow schema with date columns as strings: rows carry ISO dates, cast to date32 afterwards."""
    return pa.schema([f.with_type(pa.string()) if pa.types.is_date32(f.type) else f for f in arrow_schema()])


@lru_cache(maxsize=1)
def fast_validator() -> Callable[[dict[str, Any]], Any]:
    """fastjsonschema compiled once per process; raises JsonSchemaValueException on the first error."""
    import fastjsonschema

    schema = dict(load_schema())
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema, formats={"date": r"^\d{4}-\d{2}-\d{2}$"})


# -- the generated checker -------------------------------------------------------------------------------
# Keywords the checker implements (each means the same in draft-07 and 2020-12) and those that only annotate.
_CHECKED = frozenset({"type", "properties", "required", "additionalProperties", "items", "enum", "pattern",
                      "minLength", "minimum", "maximum", "format"})
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description"})
_TYPE_TESTS = {  # the jsonschema 2020-12 type checker, as Python expressions over `v`
    "string": "isinstance(v, str)",
    "null": "v is None",
    "boolean": "isinstance(v, bool)",
    "integer": "(type(v) is int or (not isinstance(v, bool) and (isinstance(v, int) or "
               "(isinstance(v, float) and v.is_integer()))))",
    "number": "(type(v) is int or type(v) is float or (not isinstance(v, bool) and isinstance(v, _Number)))",
    "array": "isinstance(v, list)",
    "object": "isinstance(v, dict)",
}
_IS_NUMBER = "(type(v) is int or type(v) is float or (not isinstance(v, bool) and isinstance(v, _Number)))"
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # as jsonschema's "date" format checker


def _is_date(v: str) -> bool:
    """The 2020-12 "date" format: the ASCII shape and a real calendar date."""
    if not _DATE_SHAPE.fullmatch(v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _keep(seen: set[str], value: str) -> None:
    """Remember a string that passed a pattern or format check (bounded: the same codes and dates recur)."""
    if len(seen) >= 4096:
        seen.clear()
    seen.add(value)


def _gen_checks(schema: dict[str, Any], var: str, where: str, consts: dict[str, Any], depth: int) -> list[str]:
    """Python lines (at indent 0) that `return False` when `var` breaks `schema`; `where` names it in errors."""
    unknown = set(schema) - _CHECKED - _ANNOTATIONS - {k for k in schema if k.startswith("x-")}
    if unknown:
        raise ValueError(f"{SCHEMA_FILE}: {where} uses {sorted(unknown)}, which the generated checker does not "
                         "implement; add them to coder/schema.py (_gen_checks) or use the reference validator")
    out: list[str] = [f"v = {var}"]

    def const(value: Any) -> str:
        name = f"_c{len(consts)}"
        consts[name] = value
        return name

    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        out.append(f"if not ({' or '.join(_TYPE_TESTS[t] for t in types)}): return False")
    if "enum" in schema:
        values = schema["enum"]
        if not all(x is None or isinstance(x, str) for x in values):
            raise ValueError(f"{SCHEMA_FILE}: {where}: the generated checker supports enums of strings and null only")
        strs = const(frozenset(x for x in values if x is not None))
        test = f"(isinstance(v, str) and v in {strs})" + (" or v is None" if None in values else "")
        out.append(f"if not ({test}): return False")
    strings = []
    if "minLength" in schema:
        strings.append(f"if len(v) < {int(schema['minLength'])}: return False")
    # pattern and format are pure functions of the string: strings that passed are remembered (codes, dates)
    if "pattern" in schema:
        ok = const(set())
        strings += [f"if v not in {ok}:",
                    f"    if not {const(re.compile(schema['pattern']))}.search(v): return False",
                    f"    _keep({ok}, v)"]
    if schema.get("format") == "date":
        ok = const(set())
        strings += [f"if v not in {ok}:", "    if not _is_date(v): return False", f"    _keep({ok}, v)"]
    elif "format" in schema:
        raise ValueError(f"{SCHEMA_FILE}: {where}: format {schema['format']!r} is not implemented by the checker")
    types = set(schema["type"] if isinstance(schema.get("type"), list) else [schema["type"]]) \
        if "type" in schema else None

    def guarded(lines: list[str], kinds: set[str], test: str) -> None:
        """`lines` under `test`, or under a cheaper test when the type check above already narrowed `v`."""
        if types is not None and types <= kinds:
            out.extend(lines)
        elif types is not None and types <= kinds | {"null"}:
            out.append("if v is not None:")
            out.extend("    " + x for x in lines)
        else:
            out.append(f"if {test}:")
            out.extend("    " + x for x in lines)

    if strings:
        guarded(strings, {"string"}, "isinstance(v, str)")
    numbers = []
    if "minimum" in schema:
        numbers.append(f"if v < {schema['minimum']!r}: return False")
    if "maximum" in schema:
        numbers.append(f"if v > {schema['maximum']!r}: return False")
    if numbers:
        guarded(numbers, {"integer", "number"}, _IS_NUMBER)
    if "items" in schema:
        item = f"x{depth}"
        body = _gen_checks(schema["items"], item, f"{where}.items", consts, depth + 1)
        guarded([f"for {item} in v:"] + ["    " + x for x in body], {"array"}, "isinstance(v, list)")
    if "properties" in schema or "required" in schema or "additionalProperties" in schema:
        if depth:
            raise ValueError(f"{SCHEMA_FILE}: {where}: nested objects are not implemented by the checker")
        props = schema.get("properties", {})
        required = list(dict.fromkeys(schema.get("required", ())))
        closed = schema.get("additionalProperties", True)
        if closed not in (True, False):
            raise ValueError(f"{SCHEMA_FILE}: {where}: only additionalProperties true/false is implemented")
        if closed is False and not set(required) <= set(props):
            raise ValueError(f"{SCHEMA_FILE}: {where}: a required property is not in properties")
        # required properties are read with row[...] (a missing one raises KeyError: invalid); then, with
        # additionalProperties false, the row has no other key when its size is the number of known keys found
        out.append("if isinstance(v, dict):")
        out.append("    row = v")
        out.append("    try:")
        out.append(f"        found = {len(required)}")
        for name in required:
            if name not in props:
                out.append(f"        row[{name!r}]")
        for name, sub in props.items():
            body = _gen_checks(sub, f"row[{name!r}]", f"{where}.{name}", consts, depth + 1)
            if name in required:
                out += ["        " + x for x in body]
            else:
                out.append(f"        if {name!r} in row:")
                out.append("            found += 1")
                out += ["            " + x for x in body]
        out.append("    except KeyError:")
        out.append("        return False")
        if closed is False:
            out.append("    if len(row) != found: return False")
    return out


def checker_source(schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The Python source of `check(row) -> bool` for `schema`, and the constants it refers to."""
    consts: dict[str, Any] = {}
    body = _gen_checks(schema, "row", "schema", consts, 0)
    return "def check(row):\n" + "".join(f"    {x}\n" for x in body) + "    return True\n", consts


@lru_cache(maxsize=1)
def fast_check() -> Callable[[Any], bool]:
    """True when a row is valid by the schema with 2020-12 semantics (format "date" asserted), else False.

    Generated once per process from the schema itself (straight-line checks, ~10x faster than
    fastjsonschema); the tests check it agrees with the jsonschema 2020-12 reference validator.
    """
    import numbers

    src, consts = checker_source(load_schema())
    env: dict[str, Any] = {"_Number": numbers.Number, "_is_date": _is_date, "_keep": _keep, **consts}
    exec(compile(src, f"<generated from {SCHEMA_FILE}>", "exec"), env)
    return env["check"]


def validation_error(row: dict[str, Any]) -> str | None:
    """None when the row is valid, else a message naming the field and the problem.

    Valid rows (all but a few) are answered by the generated checker alone."""
    if fast_check()(row):
        return None
    # invalid (rare): fastjsonschema names the field and the problem
    import fastjsonschema

    try:
        fast_validator()(row)
    except fastjsonschema.JsonSchemaValueException as e:
        return f"{e.name}: {e.message}"
    # fastjsonschema checks the date shape only; check the calendar too.
    for key in ("published_date", "event_date", "date_start", "date_end"):
        v = row.get(key)
        if v is not None:
            try:
                date.fromisoformat(v)
            except ValueError:
                return f"data.{key}: {v!r} is not a calendar date"
    # what fastjsonschema lets through and 2020-12 does not (e.g. a tuple where an array is required)
    err = min(reference_validator().iter_errors(row), key=lambda e: list(e.absolute_path), default=None)
    where = ".".join(["data", *map(str, err.absolute_path)]) if err is not None else "data"
    return f"{where}: {err.message if err is not None else 'breaks the schema'}"


def reference_validator():
    """jsonschema Draft 2020-12 validator: the reference the tests compare fast_validator against."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_path_in_repo() -> Path:
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE
