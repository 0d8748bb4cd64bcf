"""read_inputs: JSON Lines (plain, gzip, stdin), .txt, directories, fsspec URLs, and every Reject reason."""
import gzip
import io
import json
import sys
import tracemalloc
import uuid
from datetime import date

import fsspec
import pytest
from hypothesis import given, settings, strategies as st

from coder.ingest import read_inputs
from coder.ingest.boilerplate import load_rules
from coder.ingest.read import read_jsonl_stream
from coder.models import Article, Reject

GOOD = {"id": "a1", "text": "Russian jets struck Idlib on Friday.\nRead also: Idlib explainer\n",
        "title": "Jets strike Idlib", "published": "2020-06-05T14:03:00Z", "source": "The New Arab",
        "url": "https://example.org/a1", "language": "en-GB", "gold": {"family": "AIRSTRIKE"}}

LINES = [
    json.dumps(GOOD).encode(),                                          # 1 ok
    b"{not json",                                                      # 2 bad-json
    b"[1, 2]",                                                         # 3 not-an-object
    json.dumps({"text": "x"}).encode(),                                # 4 missing id
    json.dumps({"id": "a5"}).encode(),                                 # 5 missing text
    json.dumps({"id": 6, "text": "x"}).encode(),                       # 6 id not a string
    b'{"id": "a7", "text": "caf\xe9 bombed"}',                         # 7 latin-1 byte
    json.dumps({"id": "a8", "text": "Texte", "language": "fr"}).encode(),   # 8 unsupported-language
    json.dumps({"id": "a9", "text": "x", "published": "5 June 2020"}).encode(),  # 9 bad-published
    b"",                                                               # 10 blank: not a record
    json.dumps({"id": "a11", "text": "   "}).encode(),                 # 11 empty-text
    json.dumps({"id": "a12", "text": "x", "title": 5}).encode(),       # 12 bad-field-type
    json.dumps({"id": "a13", "text": "Troops deployed.", "language": "EN"}).encode(),  # 13 ok, no published
]
EXPECTED = [  # (line, kind, reason or id)
    (1, "A", "a1"), (2, "R", "bad-json"), (3, "R", "not-an-object"), (4, "R", "missing-field"),
    (5, "R", "missing-field"), (6, "R", "bad-field-type"), (7, "R", "not-utf8"),
    (8, "R", "unsupported-language"), (9, "R", "bad-published"), (11, "R", "empty-text"),
    (12, "R", "bad-field-type"), (13, "A", "a13"),
]


def _summary(records):
    return [(r.line, "A", r.id) if isinstance(r, Article) else (r.line, "R", r.reason) for r in records]


@pytest.fixture
def jsonl_bytes():
    return b"\n".join(LINES) + b"\n"


def test_jsonl_records_and_rejects(tmp_path, jsonl_bytes):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(jsonl_bytes)
    records = list(read_inputs([str(path)]))
    assert _summary(records) == EXPECTED
    a = records[0]
    assert (a.title, a.published, a.source, a.url, a.language) == (
        "Jets strike Idlib", date(2020, 6, 5), "The New Arab", "https://example.org/a1", "en-GB")
    assert (a.input_file, a.line, a.body_start) == (str(path), 1, 0)
    assert [a.text[s:e] for s, e in a.skip_spans] == ["Read also: Idlib explainer"]
    assert records[-1].language == "EN" and records[-1].published is None
    by_line = {r.line: r for r in records}
    assert by_line[4].message == f"{path}:4: missing field 'id' (a non-empty string naming the article)"
    assert by_line[5].message == f"{path}:5: missing field 'text' (the article text)"
    assert by_line[5].article_id == "a5"
    assert by_line[6].message == f"{path}:6: field 'id' must be a string, got int '6'"
    assert by_line[7].message.startswith(f"{path}:7: bytes at column 26 are not UTF-8")
    assert by_line[7].raw == '{"id": "a7", "text": "caf\\xe9 bombed"}'
    assert "'fr' is not coded" in by_line[8].message
    assert "'5 June 2020' is not an ISO 8601 date" in by_line[9].message
    assert by_line[12].message == f"{path}:12: field 'title' must be a string or null, got int"
    assert all(r.input_file == str(path) for r in records)


def test_raw_excerpt_is_bounded(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text('{"id": "x", "text": "' + "a" * 5000 + '"', encoding="utf-8")  # unterminated
    (r,) = read_inputs([str(path)])
    assert r.reason == "bad-json" and len(r.raw) == 500


def test_gzip_gives_the_same_records(tmp_path, jsonl_bytes):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl_bytes))
    assert _summary(read_inputs([str(path)])) == EXPECTED


def test_truncated_gzip_keeps_good_lines_then_rejects(tmp_path):
    data = gzip.compress(b"\n".join(json.dumps({"id": f"r{i}", "text": "x" * 200}).encode() for i in range(50)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = list(read_inputs([str(path)]))
    assert all(isinstance(r, Article) for r in records[:-1]) and len(records) > 1
    last = records[-1]
    assert isinstance(last, Reject) and last.reason == "unreadable" and last.line == len(records)
    assert last.message.startswith(f"{path}:{len(records)}: cannot read: ")


def test_not_gzip_at_all(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b'{"id": "x", "text": "y"}\n')
    (r,) = read_inputs([str(path)])
    assert (r.reason, r.line) == ("unreadable", 1)
    assert "Not a gzipped file" in r.message


def test_directory_is_recursive_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z title\n\nBody z.\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"id": "j1", "text": "t"}\n{"id": "j2", "text": "t"}\n', encoding="utf-8")
    (tmp_path / "c.TXT").write_text("C title\nJune 5, 2020\nBody c.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text("hidden", encoding="utf-8")
    records = list(read_inputs([str(tmp_path) + "/"]))
    assert [(r.id, r.input_file) for r in records] == [
        ("j1", f"{tmp_path}/a.jsonl"), ("j2", f"{tmp_path}/a.jsonl"),
        ("z", f"{tmp_path}/b/z.txt"), ("c", f"{tmp_path}/c.TXT")]
    assert records[3].published == date(2020, 6, 5)


def test_txt_rejects(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Title\nCaf\xe9 bombed\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_text(" \n\n", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle\nBody.\n".encode("utf-8"))
    latin, empty, bom = (list(read_inputs([str(tmp_path / n)]))[0] for n in ("latin.txt", "empty.txt", "bom.txt"))
    assert (latin.reason, latin.article_id, latin.line) == ("not-utf8", "latin", None)
    assert latin.message.startswith(f"{tmp_path}/latin.txt: byte 9 is not UTF-8")
    assert (empty.reason, empty.article_id) == ("empty-text", "empty")
    assert (bom.id, bom.title, bom.text) == ("bom", "Title", "Title\nBody.\n")


def test_explicit_unsupported_and_missing(tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    records = list(read_inputs([str(tmp_path / "notes.md"), str(tmp_path / "missing.jsonl")]))
    assert [(r.reason, r.input_file) for r in records] == [
        ("unsupported-format", str(tmp_path / "notes.md")), ("unreadable", str(tmp_path / "missing.jsonl"))]
    assert records[1].message == f"{tmp_path}/missing.jsonl: no such file or directory"


def test_file_url(tmp_path):
    (tmp_path / "s.txt").write_text("Headline\n05 June, 2020\nBody.\n", encoding="utf-8")
    url = f"file://{tmp_path}"
    (a,) = read_inputs([url])
    assert (a.id, a.input_file, a.published) == ("s", f"{url}/s.txt", date(2020, 6, 5))


def test_memory_filesystem(jsonl_bytes):
    root = f"/ingest-test-{uuid.uuid4().hex}"
    fs = fsspec.filesystem("memory")
    fs.pipe({f"{root}/in/batch.jsonl.gz": gzip.compress(jsonl_bytes),
             f"{root}/in/sub/one.txt": b"One\n5 Jun 2020 14:03 GMT\nBody.\n"})
    try:
        records = list(read_inputs([f"memory://{root}/in"]))
        assert _summary(records[:-1]) == EXPECTED
        assert records[0].input_file == f"memory://{root}/in/batch.jsonl.gz"
        assert (records[-1].id, records[-1].published) == ("one", date(2020, 6, 5))
        assert records[-1].input_file == f"memory://{root}/in/sub/one.txt"
    finally:
        fs.rm(root, recursive=True)


def test_stdin(monkeypatch, jsonl_bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl_bytes)))
    records = list(read_inputs(["-"]))
    assert _summary(records) == EXPECTED
    assert {r.input_file for r in records} == {"<stdin>"}


def test_streaming_memory_does_not_grow_with_input(tmp_path):
    record = json.dumps({"id": "x", "text": "Troops were deployed to the border. " * 20}).encode() + b"\n"
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wb") as f:
        for _ in range(3000):  # ~2 MB of JSON Lines
            f.write(record)
    load_rules()  # the pattern cache is loaded once per process; it is not per-input memory
    tracemalloc.start()
    try:
        count = 0
        for r in read_inputs([str(path)]):
            count += isinstance(r, Article)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < 600_000  # well under the 2 MB input: records are not accumulated


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                          max_size=3), max_leaves=6)
RECORD = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=10), JSON_VALUES), "text": st.one_of(st.text(max_size=60), JSON_VALUES),
    "published": st.one_of(st.just("2020-06-05"), st.text(max_size=12), JSON_VALUES),
    "language": st.one_of(st.sampled_from(["en", "EN-us", "fr", ""]), JSON_VALUES),
    "title": JSON_VALUES})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40).filter(lambda b: b"\n" not in b),
                          RECORD.map(lambda d: json.dumps(d).encode())), max_size=8))
def test_any_bytes_give_one_result_per_non_blank_line(lines):
    records = list(read_jsonl_stream(lines_to_stream(lines), "in.jsonl"))
    expected_lines = [i for i, raw in enumerate(lines, start=1) if raw.rstrip(b"\r").strip()]
    assert [r.line for r in records] == expected_lines
    for r in records:
        if isinstance(r, Article):
            assert isinstance(r.id, str) and r.id.strip() and r.text.strip()
        else:
            assert r.reason in {"bad-json", "not-an-object", "missing-field", "bad-field-type", "not-utf8",
                                "unsupported-language", "bad-published", "empty-text"}
            assert r.message.startswith(f"in.jsonl:{r.line}: ") and len(r.raw or "") <= 500


def lines_to_stream(lines):
    return io.BytesIO(b"\n".join(lines))
