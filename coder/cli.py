"""The `coder` command: a thin typer layer over the library. Errors are translated to messages and exit
codes here, once.

Exit codes: 0 the run completed (rejects are counted, not fatal); 1 the run failed; 2 bad usage;
3 another run holds the output directory's lock.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news articles into ACLED/CAMEO-style political-violence events (Parquet).")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


def _fail(msg: str, code: int = EXIT_FAILED) -> None:
    typer.echo(f"Error: {msg}", err=True)
    raise typer.Exit(code)


def _parse_date(value: Optional[str], opt: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{opt} {value!r} is not a date; write it as YYYY-MM-DD", EXIT_USAGE)
    return None


@app.command()
def run(
    inputs: List[str] = typer.Argument(None, help="Files, directories, URLs (s3://, memory://...) or '-' for "
                                                  "JSON Lines on stdin. Default: seeds/"),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory."),
    run_id: Optional[str] = typer.Option(None, "--run-id", help="Name of this run (reuse it to retry a run)."),
    full_refresh: bool = typer.Option(False, "--full-refresh", help="Recode the input into a fresh dataset "
                                                                    "that replaces the old one."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Local worker processes "
                                                                         "(default: the CPUs this process may use)."),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. "
                                                                      "tcp://host:8786 (default: start a LocalCluster)."),
    dropped: bool = typer.Option(False, "--dropped", help="Also write the triggers that were not coded, with "
                                                          "the reason, to DIR/dropped/."),
    max_reject_rate: Optional[float] = typer.Option(None, "--max-reject-rate", min=0.0, max=1.0,
                                                    help="Fail the run (exit 1) if more than this share of "
                                                         "input records is rejected."),
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="A GeoNames dump (allCountries.txt or a "
                                                                      "country file) to use instead of the "
                                                                      "shipped gazetteer."),
    batch_articles: int = typer.Option(200, "--batch-articles", min=1, help="Articles per batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    log_format: str = typer.Option("text", "--log-format", help="text or json (one JSON object per line on "
                                                                "stderr, for log collectors)."),
) -> None:
    """Code articles into DIR/events (Parquet, partitioned by year), DIR/rejects and DIR/runs."""
    from coder import runner
    from coder.pipeline import CodeOptions

    if engine not in ("local", "dask"):
        _fail(f"--engine must be 'local' or 'dask', not {engine!r}", EXIT_USAGE)
    if log_format not in ("text", "json"):
        _fail(f"--log-format must be 'text' or 'json', not {log_format!r}", EXIT_USAGE)
    if gazetteer is not None and not Path(gazetteer).exists():
        _fail(f"--gazetteer {gazetteer}: no such file", EXIT_USAGE)
    inputs = list(inputs or ["seeds"])
    for i in inputs:
        if i != "-" and "://" not in i and not Path(i).exists():
            _fail(f"input {i}: no such file or directory", EXIT_USAGE)
    cfg = runner.RunConfig(inputs=inputs, out=str(out), run_id=run_id, full_refresh=full_refresh,
                           workers=workers, engine=engine, scheduler=scheduler, dropped=dropped,
                           max_reject_rate=max_reject_rate, batch_articles=batch_articles,
                           options=CodeOptions(gazetteer=gazetteer, keep_dropped=dropped))
    try:
        summary = _run_with_progress(cfg, quiet=quiet, log_format=log_format)
    except runner.LockedError as e:
        _fail(str(e), EXIT_LOCKED)
    except runner.UsageError as e:
        _fail(str(e), EXIT_USAGE)
    if log_format == "text":
        for w in summary.warnings:  # shown even with --quiet: it is not progress, it is news
            typer.echo(f"warning: {w}", err=True)
    c = summary.counts
    line = (f"{summary.status}: {c.get('articles', 0)} articles, {c.get('sentences', 0)} sentences, "
            f"{c.get('events', 0)} events, {c.get('rejects', 0)} rejects -> {out}/events "
            f"(run {summary.run_id}, summary in {out}/runs/{summary.run_id}.json)")
    if summary.message and summary.exit_code:
        line += f"\n{summary.message}"
    if log_format == "json":
        typer.echo(json.dumps({"event": "run.summary", "status": summary.status, "run_id": summary.run_id,
                               "counts": c, "exit_code": summary.exit_code}), err=True)
    elif not quiet or summary.exit_code:
        typer.echo(line, err=True)
    raise typer.Exit(summary.exit_code)


def _run_with_progress(cfg, quiet: bool, log_format: str):
    """runner.run with a progress line on stderr (unless --quiet or JSON logs) and log lines."""
    from coder import runner

    def log(event: str, fields: dict) -> None:
        if log_format == "json" or not quiet:
            if log_format == "json" or event.endswith((".failed", ".error")):
                typer.echo(runner.format_log(event, fields, log_format), err=True)

    if quiet or log_format == "json" or not sys.stderr.isatty():
        return runner.run(cfg, progress=None, log=log)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("coding", total=None)

        def progress(articles: int, events: int) -> None:
            bar.update(task, description=f"coding: {articles} articles, {events} events")

        return runner.run(cfg, progress=progress, log=log)


@app.command()
def compact(out: Path = typer.Argument(..., help="Output directory of earlier runs.")) -> None:
    """Merge small Parquet files in every partition (atomically, like a run)."""
    from coder import runner

    if not out.exists():
        _fail(f"{out}: no such directory", EXIT_USAGE)
    try:
        summary = runner.compact(str(out))
    except runner.LockedError as e:
        _fail(str(e), EXIT_LOCKED)
    except runner.UsageError as e:
        _fail(str(e), EXIT_USAGE)
    typer.echo(summary.message)
    raise typer.Exit(summary.exit_code)


@app.command()
def explain(
    text: str = typer.Argument(..., help="The text to code, or @FILE to read it from a file."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD."),
) -> None:
    """Show the sentences, the triggers found, actors, place and date, and why each trigger was or was not
    coded."""
    from coder.explain import explain_file, explain_text, render

    pub = _parse_date(published, "--published")
    if text.startswith("@"):
        path = Path(text[1:])
        if not path.exists():
            _fail(f"{path}: no such file", EXIT_USAGE)
        typer.echo(render(explain_file(path, pub)))
    else:
        typer.echo(render(explain_text(text, pub)))


@app.command()
def schema() -> None:
    """Print the event JSON Schema (the one source of truth of the record layout)."""
    from coder.schema import schema_text

    typer.echo(schema_text().rstrip("\n"))


@app.command()
def validate(out: Path = typer.Argument(..., help="Output directory (or its events/ folder).")) -> None:
    """Re-check a dataset: every file's schema and every row against the JSON Schema."""
    from coder.validate import validate_dataset

    if not out.exists():
        _fail(f"{out}: no such directory", EXIT_USAGE)
    report = validate_dataset(out)
    typer.echo(report.render())
    raise typer.Exit(EXIT_OK if report.ok else EXIT_FAILED)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSON Lines: id, text, published, gold.family ..."),
    errors: bool = typer.Option(False, "--errors", help="List false positives and false negatives with the "
                                                        "reason from explain."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score the coder on a gold file: per-family precision, recall, F1; confusion; field agreement."""
    from coder.evaluate import evaluate_file

    if not gold.exists():
        _fail(f"{gold}: no such file", EXIT_USAGE)
    report = evaluate_file(gold)
    if as_json:
        typer.echo(json.dumps(report.to_dict(errors=errors), indent=2, default=str))
    else:
        typer.echo(report.render(errors=errors))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
