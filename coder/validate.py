"""`coder validate DIR`: re-check a written dataset against the JSON Schema, file by file and row by row."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from coder.schema import arrow_schema, validation_error


@dataclass
class ValidationReport:
    files: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        head = f"{self.files} file(s), {self.rows} row(s): " + ("valid" if self.ok else
                                                                 f"{len(self.problems)} problem(s)")
        return "\n".join([head] + [f"- {p}" for p in self.problems[:200]])


def _json_value(v):
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def validate_dataset(out: Path) -> ValidationReport:
    root = out / "events" if (out / "events").exists() else out
    root = Path(os.path.realpath(root))
    report = ValidationReport()
    expected = arrow_schema()
    for path in sorted(root.rglob("*.parquet")):
        report.files += 1
        rel = path.relative_to(root)
        try:
            table = pq.read_table(path)
        except Exception as e:  # a corrupt file is a finding, not a crash
            report.problems.append(f"{rel}: unreadable Parquet file ({e})")
            continue
        want = [f for f in expected if f.name != "year" or "year" in table.column_names]
        got = {f.name: f.type for f in table.schema}
        for f in want:
            if f.name not in got:
                report.problems.append(f"{rel}: column {f.name} is missing")
            elif got[f.name] != f.type:
                report.problems.append(f"{rel}: column {f.name} has type {got[f.name]}, expected {f.type}")
        part_year = next((p.split("=", 1)[1] for p in rel.parts if p.startswith("year=")), None)
        for i, row in enumerate(table.to_pylist()):
            report.rows += 1
            rec = {k: _json_value(v) for k, v in row.items()}
            if "year" not in rec:
                rec["year"] = None if part_year in (None, "__HIVE_DEFAULT_PARTITION__") else int(part_year)
            err = validation_error(rec)
            if err:
                report.problems.append(f"{rel}: row {i}: {err}")
    return report
