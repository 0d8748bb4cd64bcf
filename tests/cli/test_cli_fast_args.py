"""`coder run` with a plain command line is parsed without typer (whose pydantic adapters cost ~0.2 s at each
start): the arguments must be exactly those typer would pass, and anything else must be left to typer."""
from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.cli import _fast_args, app, run

_RUN = typer.main.get_command(app).commands["run"]


def _typer_params(argv: list[str]) -> dict:
    ctx = _RUN.make_context("run", list(argv))
    return ctx.params


def _same_as_typer(argv: list[str]) -> None:
    fast = _fast_args(["run", *argv])
    if fast is None:
        return
    fn, kwargs = fast
    assert fn is run
    want = _typer_params(argv)
    assert set(kwargs) == set(want)
    for name, value in want.items():
        got = kwargs[name]
        if name == "inputs":
            got, value = list(got or ()), list(value or ())
        assert (got, type(got)) == (value, type(value)), (argv, name)


@pytest.mark.parametrize("argv", [
    ["seeds", "--out", "/tmp/o", "--quiet", "--workers", "1"],
    [],
    ["-", "-o", "o", "-q", "--max-reject-rate", "0.5", "--batch-articles", "007", "--run-id", "r1", "--dropped"],
    ["a.jsonl", "b/", "--engine", "dask", "--scheduler", "tcp://h:8786", "--log-format", "json", "--full-refresh"],
    ["--gazetteer", "g.txt", "--max-reject-rate", "1", "--out", "-", "x"],
])
def test_plain_command_lines_are_parsed_as_typer_does(argv):
    assert _fast_args(["run", *argv]) is not None
    _same_as_typer(argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["--out=o"], ["-qo", "o"], ["--workers", "0"], ["--workers", "-1"], ["--workers", "1.5"],
    ["--max-reject-rate", "2"], ["--max-reject-rate", "1e-3"], ["--quiet", "--quiet"], ["--out"], ["--", "x"],
    ["--no-quiet"], ["--out", "--quiet"], ["--bogus"], ["--workers", " 1"], ["--batch-articles", "1_000"],
])
def test_other_command_lines_are_left_to_typer(argv):
    assert _fast_args(["run", *argv]) is None


def test_other_commands_are_left_to_typer():
    assert _fast_args(["validate", "out"]) is None
    assert _fast_args([]) is None
    assert _fast_args(["explain", "text"]) is None


_tokens = st.sampled_from([
    "seeds", "-", "in.jsonl", "--out", "-o", "o", "--quiet", "-q", "--workers", "2", "0", "--engine", "local",
    "--max-reject-rate", "0.25", "0.", ".5", "--batch-articles", "10", "--run-id", "r", "--dropped", "--help",
    "--full-refresh", "--log-format", "json", "--gazetteer", "--scheduler", "x", "", "--", "--out=o", "-7",
])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_tokens, max_size=8))
def test_random_command_lines_agree_with_typer(argv):
    _same_as_typer(argv)


def test_defaults_are_typers():
    fn, kwargs = _fast_args(["run"])
    assert kwargs["out"] == Path("out") and kwargs["batch_articles"] == 200 and kwargs["quiet"] is False
