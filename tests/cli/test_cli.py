"""The `coder` command as a user runs it: real processes, exact exit codes, the files written."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def coder(*args, input=None, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "coder", *map(str, args)], capture_output=True, text=True,
                          input=input, cwd=cwd or ROOT, env=env, timeout=300)


def read_events(out: Path) -> pa.Table:
    part = ds.partitioning(pa.schema([("year", pa.int32())]), flavor="hive")
    return ds.dataset(out / "events", format="parquet", partitioning=part).to_table()


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    r = coder("run", SEEDS, "--out", out, "--quiet", "--workers", "1")
    assert r.returncode == 0, r.stderr
    return out


def test_run_codes_the_seed_into_a_valid_dataset(seed_run):
    t = read_events(seed_run)
    assert t.num_rows == 7
    assert sorted(t.column("event_family").to_pylist()) == [
        "AIRSTRIKE", "AIRSTRIKE", "CEASEFIRE", "ROAD_BLOCKADE", "TROOP_DEPLOYMENT", "TROOP_DEPLOYMENT",
        "TROOP_DEPLOYMENT"]
    files = list((seed_run / "events").resolve().rglob("*.parquet"))
    assert [f.parent.name for f in files] == ["year=2020"]
    meta = pq.read_schema(files[0]).metadata
    assert meta[b"coder.version"] and json.loads(meta[b"coder.schema"])["title"] == "coder event row"
    (summary,) = (seed_run / "runs").glob("*.json")
    s = json.loads(summary.read_text())
    assert (s["status"], s["counts"]["articles"], s["counts"]["events"], s["counts"]["rejects"]) == (
        "completed", 1, 7, 0)
    r = coder("validate", seed_run)
    assert r.returncode == 0 and "7 row(s): valid" in r.stdout


def test_validate_finds_a_bad_file(seed_run, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(seed_run / "events", out / "events", symlinks=False)
    (f,) = (out / "events").rglob("*.parquet")
    t = pq.read_table(f)
    t = t.set_column(t.schema.get_field_index("cameo_code"), "cameo_code", pa.array(["x"] * t.num_rows))
    pq.write_table(t, f)
    r = coder("validate", out)
    assert r.returncode == 1
    assert "cameo_code" in r.stdout


def test_jsonl_with_bad_records_goes_on_and_quarantines(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    good = {"id": "a1", "text": "On Monday, Israeli warplanes struck Hamas positions in Gaza.",
            "published": "2021-05-12", "source": "Example", "url": "https://example.org/a1"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "a2"}), json.dumps({"id": "a3", "text": "x",
                                                                                    "language": "fr"})]
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    out = tmp_path / "out"
    r = coder("run", src, "--out", out, "--quiet", "--workers", "1")
    assert r.returncode == 0, r.stderr
    t = read_events(out).to_pylist()
    assert [(x["article_id"], x["event_family"], str(x["event_date"]), x["source"]) for x in t] == [
        ("a1", "AIRSTRIKE", "2021-05-10", "Example")]
    (rej,) = (out / "rejects").glob("*.jsonl")
    reasons = [(json.loads(x)["line"], json.loads(x)["reason"]) for x in rej.read_text().splitlines()]
    assert reasons == [(2, "bad-json"), (3, "missing-field"), (4, "unsupported-language")]


def test_stdin_and_dropped(tmp_path):
    rec = {"id": "s1", "text": "Russia could launch airstrikes if talks fail. No troops were deployed.",
           "published": "2021-01-04"}
    out = tmp_path / "out"
    r = coder("run", "-", "--out", out, "--quiet", "--workers", "1", "--dropped", input=json.dumps(rec) + "\n")
    assert r.returncode == 0, r.stderr
    assert read_events(out).num_rows == 0
    (dropped,) = (out / "dropped").glob("*")
    reasons = sorted(json.loads(x)["reason"] for x in dropped.read_text().splitlines())
    assert reasons == ["conditional", "negation"]


@pytest.mark.parametrize("args,needle", [
    (["run", "no/such/dir"], "no such file or directory"),
    (["run", "seeds", "--engine", "spark"], "--engine must be"),
    (["explain", "x", "--published", "5 June"], "is not a date"),
])
def test_bad_usage_exits_2(args, needle, tmp_path):
    r = coder(*args, "--out", tmp_path / "o") if args[0] == "run" else coder(*args)
    assert r.returncode == 2
    assert needle in r.stderr


def test_explain_says_why():
    r = coder("explain", "Russia would launch airstrikes on the rebels if the regime attacks. "
                         "On Wednesday, Russian jets struck rebel positions in Idlib province.",
              "--published", "2020-06-05")
    assert r.returncode == 0, r.stderr
    assert "dropped: conditional 'if'" in r.stdout
    assert "coded: AIRSTRIKE 195" in r.stdout
    assert "date: 2020-06-03" in r.stdout
    assert "RUSMIL" in r.stdout


def test_schema_prints_the_source_of_truth():
    r = coder("schema")
    assert r.returncode == 0
    assert json.loads(r.stdout) == json.loads((ROOT / "schemas" / "event.schema.json").read_text())


def test_run_with_a_users_geonames_dump(tmp_path):
    dump = ROOT / "tests" / "geo" / "fixtures" / "dump" / "allCountries.txt"
    rec = {"id": "g1", "text": "On Wednesday, Russian jets struck rebel positions in Idleb province.",
           "published": "2020-06-05"}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(rec) + "\n")
    out = tmp_path / "out"
    r = coder("run", src, "--out", out, "--quiet", "--workers", "1", "--gazetteer", dump)
    assert r.returncode == 0, r.stderr
    (row,) = read_events(out).to_pylist()
    assert (row["iso3"], row["admin1"], row["geonames_id"]) == ("SYR", "Idlib", 169387)
    (summary,) = (out / "runs").glob("*.json")
    assert json.loads(summary.read_text())["versions"]["gazetteer"].startswith("dump-")
    r = coder("run", src, "--out", tmp_path / "o2", "--gazetteer", tmp_path / "missing.txt")
    assert r.returncode == 2 and "no such file" in r.stderr


def test_events_without_a_date_are_counted(tmp_path):
    rec = {"id": "n1", "text": "Israeli warplanes struck Hamas positions in Gaza, the army said."}  # no published
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(rec) + "\n")
    out = tmp_path / "out"
    assert coder("run", src, "--out", out, "--quiet", "--workers", "1").returncode == 0
    (row,) = read_events(out).to_pylist()
    assert row["event_date"] is None and row["year"] is None and row["flags"] == ["no-date"]
    assert [p.name for p in (out / "events").resolve().iterdir()] == ["year=__HIVE_DEFAULT_PARTITION__"]
    (summary,) = (out / "runs").glob("*.json")
    assert json.loads(summary.read_text())["counts"]["events_without_date"] == 1


def test_an_empty_input_folder_completes_with_a_warning(tmp_path):
    empty = tmp_path / "day"
    empty.mkdir()
    (empty / "notes.csv").write_text("id,text\n")  # not an input format: the folder holds no articles
    out = tmp_path / "out"
    r = coder("run", empty, "--out", out, "--quiet", "--workers", "1")
    assert r.returncode == 0
    assert r.stderr.startswith("warning: no input records found in ") and "check the input path" in r.stderr
    (summary,) = (out / "runs").glob("*.json")
    s = json.loads(summary.read_text())
    assert s["counts"]["articles_read"] == 0 and len(s["warnings"]) == 1
    r = coder("run", empty, "--out", tmp_path / "out2", "--log-format", "json", "--workers", "1")
    events = [json.loads(x)["event"] for x in r.stderr.splitlines()]
    assert "run.warning" in events and r.returncode == 0


def test_a_folder_with_articles_gives_no_warning(seed_run):
    (summary,) = (seed_run / "runs").glob("*.json")
    assert json.loads(summary.read_text())["warnings"] == []


def test_evaluate_scores_a_gold_file():
    gold = ROOT / "tests" / "fixtures" / "gold_sample.jsonl"
    r = coder("evaluate", gold, "--json", "--errors")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    fam = rep["families"]
    assert (fam["AIRSTRIKE"]["tp"], fam["AIRSTRIKE"]["fp"], fam["AIRSTRIKE"]["fn"]) == (1, 0, 0)
    assert (fam["ROAD_BLOCKADE"]["tp"], fam["ROAD_BLOCKADE"]["fp"], fam["ROAD_BLOCKADE"]["fn"]) == (1, 0, 0)
    # g5 is a sighting (not coded: a false negative); g6 is coded but the gold says NONE (a false positive)
    assert (fam["TROOP_DEPLOYMENT"]["tp"], fam["TROOP_DEPLOYMENT"]["fp"], fam["TROOP_DEPLOYMENT"]["fn"]) == (0, 1, 1)
    assert rep["confusion"]["NONE"] == {"NONE": 2, "TROOP_DEPLOYMENT": 1}
    ag = rep["agreement"]
    assert ag["actors (any gold actor matched)"]["rate"] == 1.0
    assert ag["admin1"]["agree"] == 2  # "Idleb" matches Idlib (SY-ID) by region
    assert ag["event_date"]["rate"] == 1.0 and ag["fatalities"]["rate"] == 1.0
    kinds = sorted((e["kind"], e["id"]) for e in rep["errors"])
    assert kinds == [("FN", "g5"), ("FP", "g6")]
    fn = next(e for e in rep["errors"] if e["id"] == "g5")
    assert fn["why"] == ["no trigger of this family found"]
    text = coder("evaluate", gold).stdout
    assert "TROOP_DEPLOYMENT" in text and "agreement over true positives" in text
