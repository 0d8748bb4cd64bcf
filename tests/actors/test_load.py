"""The data files load, and a broken file is reported with file, line and field."""
from __future__ import annotations

import shutil

import pytest

from coder.actors.load import DATA, ActorDataError, load_data


def test_data_files_load_with_enough_groups():
    d = load_data()
    assert len([g for g in d.groups if g.kind in ("rebel", "militia", "external", "org")]) >= 100
    assert len({g.id for g in d.groups}) == len(d.groups)


def test_broken_rows_are_all_reported(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    groups = tmp_path / "data" / "groups.tsv"
    lines = groups.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("id\t"))
    lines.insert(header + 1, "bad\tXXX\tBad Group\t9\tpirates\tREB\tZZZ\t\t\t\tBad")
    lines.insert(header + 2, "short\tonly three")
    groups.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ActorDataError) as err:
        load_data(tmp_path / "data")
    msg = str(err.value)
    line = header + 2  # 1-based line of the inserted "bad" row
    assert f"groups.tsv:{line}: kind: 'pirates' is not one of" in msg
    assert f"groups.tsv:{line}: country/where: 'ZZZ' is not an ISO3 code" in msg
    assert f"groups.tsv:{line}: inter: '9' must be 1..8" in msg
    assert f"groups.tsv:{line + 1}: has 2 cells, the header has 11" in msg
