"""`coder explain`: why each trigger in a text was or was not coded, and what the event rows are."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from coder.models import Article
from coder.pipeline import ArticleResult, Resources, code_article


def explain_text(text: str, published: date | None = None, article_id: str = "explain") -> ArticleResult:
    from coder.ingest import boilerplate_spans

    art = Article(id=article_id, text=text, published=published, skip_spans=tuple(boilerplate_spans(text)))
    return code_article(art, Resources.get())


def explain_file(path: Path, published: date | None = None) -> ArticleResult:
    """An article file as `coder run` reads it (a .txt with its header and boilerplate), or any other text file
    as plain text; `published` overrides the date found in the header."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".txt":
        return explain_text(raw, published, path.stem)
    from coder.ingest import parse_txt

    art = parse_txt(raw, path.stem, str(path))
    if published is not None:
        art = replace(art, published=published)
    return code_article(art, Resources.get())


def _actor(a: Any) -> str:
    if a is None:
        return "-"
    assoc = "".join(f" + {x.code}" for x in getattr(a, "assoc", ()))
    return f"{a.code}{assoc} ({a.name}, inter {a.inter}) from '{a.text}'"


def render(result: ArticleResult) -> str:
    lines: list[str] = []
    by_sent: dict[int, list] = {}
    for t in result.traces:
        by_sent.setdefault(t.sentence.index, []).append(t)
    for s in result.sentences:
        traces = by_sent.get(s.index)
        if not traces:
            continue
        lines.append(f"[{s.index}] chars {s.start}-{s.end}: {s.text}")
        for t in traces:
            rule = t.decision.rule.id if t.decision else "-"
            lines.append(f"  trigger '{t.trigger}' at {t.char_start}-{t.char_end}, rule {rule}")
            if t.mention is None:
                lines.append(f"    {t.detail}")
                continue
            m = t.mention
            lines.append(f"    coded: {m.family} {m.code.cameo_code} ({m.code.name})")
            lines.append(f"    actor1: {_actor(m.actor1)}  [{m.why}]")
            lines.append(f"    actor2: {_actor(m.actor2)}")
            loc = m.location
            if loc is not None and loc.iso3:
                lines.append(f"    place: {loc.location or loc.country}, {loc.admin1 or '-'}, {loc.iso3} "
                             f"(precision {loc.geo_precision}) - {loc.evidence or ''}: {loc.reason}")
            else:
                lines.append(f"    place: unknown{(' - ' + loc.reason) if loc is not None else ''}")
            d = m.date
            if d is not None:
                lines.append(f"    date: {d.event_date} ({d.date_start}..{d.date_end}, precision "
                             f"{d.time_precision}, {d.date_basis}{', from ' + repr(d.phrase) if d.phrase else ''})")
            else:
                lines.append("    date: unknown (no date in the text and no publication date)")
            if m.fatalities:
                lines.append(f"    fatalities: {m.fatalities}")
    lines.append("")
    lines.append(f"{len(result.rows)} event row(s):")
    for r in result.rows:
        lines.append(f"  {r['event_id']} {r['event_family']} {r['cameo_code']} {r['event_date']} "
                     f"{r['actor1_code'] or '-'} -> {r['actor2_code'] or '-'} {r['iso3'] or '-'}/"
                     f"{r['admin1'] or '-'} mentions={r['mentions']} sentences={r['sentence_indices']}")
    for rj in result.rejects:
        lines.append(f"  rejected row: {rj.message}")
    return "\n".join(lines)
