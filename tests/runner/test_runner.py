"""runner.run end to end with the real pipeline: incremental runs, rejects, summaries, engines."""
from __future__ import annotations

import json
import os

import pytest

from coder.runner import EXIT_FAILED, RunConfig, UsageError, run
from runner_helpers import cli, record, rows, run_proc, write_jsonl

N = 21


def cfg(inputs, out, **kw) -> RunConfig:
    return RunConfig(inputs=[str(i) for i in inputs], out=str(out), workers=1, batch_articles=4, **kw)


def snapshot(out):
    events = os.path.realpath(out / "events")
    return {os.path.relpath(os.path.join(d, f), events): open(os.path.join(d, f), "rb").read()
            for d, _, fs in os.walk(events) for f in fs}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("in")
    recs = [record(i) for i in range(N)]
    return {"all": write_jsonl(d / "all.jsonl", recs),
            "first": write_jsonl(d / "first.jsonl", recs[:10]),
            "second": write_jsonl(d / "second.jsonl", recs[10:]),
            "edited": write_jsonl(d / "edited.jsonl", [record(3, edit="Officials gave no details.")])}


def test_same_input_twice_gives_an_identical_dataset(tmp_path, inputs):
    s1 = run(cfg([inputs["all"]], tmp_path, run_id="one"))
    assert (s1.exit_code, s1.status, s1.counts["articles_read"], s1.counts["articles_coded"]) == (0, "completed", N, N)
    assert s1.counts["events"] > 0 and s1.counts["events"] == len(rows(tmp_path))
    before = snapshot(tmp_path)
    s2 = run(cfg([inputs["all"]], tmp_path, run_id="two"))
    assert (s2.exit_code, s2.counts["articles_skipped"], s2.counts["articles_coded"]) == (0, N, 0)
    assert s2.message == "nothing new to publish; the dataset is unchanged"
    assert snapshot(tmp_path) == before


def test_input_split_over_two_runs_gives_the_same_rows_as_one_run(tmp_path, inputs):
    run(cfg([inputs["all"]], tmp_path / "one"))
    run(cfg([inputs["first"]], tmp_path / "two"))
    run(cfg([inputs["second"]], tmp_path / "two"))
    assert rows(tmp_path / "two") == rows(tmp_path / "one")


def test_an_edited_article_has_only_its_new_rows(tmp_path, inputs):
    run(cfg([inputs["all"]], tmp_path))
    old = rows(tmp_path)
    s = run(cfg([inputs["edited"]], tmp_path))
    assert (s.counts["articles_coded"], s.dataset["articles_replaced"]) == (1, 1)
    new = rows(tmp_path)
    assert [r for r in new if r["article_id"] != "art-003"] == [r for r in old if r["article_id"] != "art-003"]
    mine = [r for r in new if r["article_id"] == "art-003"]
    assert mine and {r["article_hash"] for r in mine} != {r["article_hash"] for r in old if r["article_id"] == "art-003"}
    assert len({r["article_hash"] for r in mine}) == 1


def test_full_refresh_keeps_only_the_given_input(tmp_path, inputs):
    run(cfg([inputs["all"]], tmp_path))
    run(cfg([inputs["second"]], tmp_path, full_refresh=True))
    assert rows(tmp_path) == rows_of_only(tmp_path, inputs["second"])


def rows_of_only(tmp_path, path):
    out = tmp_path / "fresh"
    run(cfg([path], out))
    return rows(out)


def test_rejects_and_duplicate_ids_are_written_and_counted(tmp_path):
    recs = [record(1), record(2), {**record(1), "text": "Another text under the same id."}]
    path = write_jsonl(tmp_path / "in.jsonl", recs, ["{not json", '{"id": "x"}'])
    s = run(cfg([path], tmp_path / "out", run_id="rj"))
    c = s.counts
    assert (c["articles_read"], c["articles_coded"], c["input_rejects"], c["duplicate_ids"]) == (3, 2, 2, 1)
    assert s.reject_rate == 0.6  # 3 of 5 input records
    lines = [json.loads(x) for x in (tmp_path / "out" / "rejects" / "rj.jsonl").read_text().splitlines()]
    assert [(r["reason"], r["line"]) for r in lines] == [("duplicate-id", 3), ("bad-json", 4), ("missing-field", 5)]
    summary = json.loads((tmp_path / "out" / "runs" / "rj.json").read_text())
    assert (summary["status"], summary["exit_code"], summary["counts"]["rejects"]) == ("completed", 0, 3)


def test_max_reject_rate_fails_the_run_and_publishes_nothing(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [record(1)], ["{bad"] * 3)
    s = run(cfg([path], tmp_path / "out", run_id="bad", max_reject_rate=0.5))
    assert (s.exit_code, s.status) == (EXIT_FAILED, "failed")
    assert s.message == (f"reject rate 0.750 is over --max-reject-rate 0.5: 3 of 4 input records were rejected "
                         f"(see {tmp_path / 'out' / 'rejects' / 'bad.jsonl'}); nothing was published")
    assert not (tmp_path / "out" / "events").exists()
    assert len((tmp_path / "out" / "rejects" / "bad.jsonl").read_text().splitlines()) == 3
    assert json.loads((tmp_path / "out" / "runs" / "bad.json").read_text())["exit_code"] == 1


@pytest.mark.parametrize("kw,message", [
    ({"engine": "ray"}, "--engine 'ray' is unknown: choose one of local, dask"),
    ({"workers": 0}, "--workers must be at least 1, got 0"),
    ({"scheduler": "tcp://x:8786"}, "--scheduler needs --engine dask"),
    ({"max_reject_rate": 1.5}, "--max-reject-rate must be between 0 and 1, got 1.5"),
    ({"run_id": "../up"}, "--run-id: run id '../up' is not usable in file names: use 1-100 characters from "
                          "A-Z a-z 0-9 . _ - starting with a letter or digit"),
])
def test_bad_usage_is_refused_before_anything_is_written(tmp_path, kw, message):
    base = {"workers": 1, **kw}
    with pytest.raises(UsageError) as e:
        run(RunConfig(inputs=["x.jsonl"], out=str(tmp_path / "out"), **base))
    assert str(e.value) == message
    assert not (tmp_path / "out").exists()


def test_two_local_workers_write_the_same_rows_as_one(tmp_path, inputs):
    # the one-worker reference runs in a fresh process too, so both read the same rules from disk
    assert run_proc(cli(inputs["all"], tmp_path / "one", "one")).returncode == 0
    s = run(RunConfig(inputs=[inputs["all"]], out=str(tmp_path / "two"), workers=2, batch_articles=2))
    assert len(s.engine["workers_seen"]) == 2
    assert rows(tmp_path / "two") == rows(tmp_path / "one")


def test_dask_local_cluster_writes_the_same_rows_on_both_workers(tmp_path, inputs):
    pytest.importorskip("distributed")
    assert run_proc(cli(inputs["all"], tmp_path / "local", "local")).returncode == 0
    s = run(RunConfig(inputs=[inputs["all"]], out=str(tmp_path / "dask"), engine="dask", workers=2,
                      batch_articles=2))
    assert s.exit_code == 0, s.message
    assert len(s.engine["workers_seen"]) == 2
    assert rows(tmp_path / "dask") == rows(tmp_path / "local")


def test_compact_merges_the_files_of_several_runs_and_keeps_the_rows(tmp_path):
    from coder.runner import compact
    d = tmp_path / "in"
    d.mkdir()
    out = tmp_path / "out"
    for day in range(3):
        run(cfg([write_jsonl(d / f"{day}.jsonl", [record(i, prefix=f"d{day}") for i in range(1, 6)])], out))
    before = rows(out)
    parts = {p.name: len(list(p.iterdir())) for p in (out / "events").iterdir()}
    assert parts and set(parts.values()) == {3}
    s = compact(str(out), run_id="c1")
    assert (s.exit_code, s.status, s.kind) == (0, "completed", "compact")
    assert s.message == f"published version 4: {3 * len(parts)} files merged"
    assert {p.name: len(list(p.iterdir())) for p in (out / "events").iterdir()} == {k: 1 for k in parts}
    assert rows(out) == before
    assert json.loads((out / "runs" / "c1.json").read_text())["status"] == "completed"


def test_compact_refuses_a_directory_without_a_dataset(tmp_path):
    from coder.runner import compact
    with pytest.raises(UsageError) as e:
        compact(str(tmp_path))
    assert str(e.value) == f"{tmp_path}: no coder dataset here (no events link); give the --out DIR of a previous run"
