"""Plain-text articles (`*.txt`): headline, header date, body start and lines to skip.

Layout assumed (that of news sites saved as text): the headline is the first non-empty line; a
header of at most `_HEADER_LINES` non-empty lines (repeated headline, standfirst, byline, reading
time) ends with a date line; the body follows. Without a date line the header is the headline alone.
"""
from __future__ import annotations

import re

from coder.ingest.boilerplate import BoilerplatePattern, classify_line, iter_lines, load_rules
from coder.ingest.dates import parse_header_date
from coder.models import Article

_HEADER_LINES = 8  # non-empty lines searched for the date line ...
_HEADER_CHARS = 3000  # ... starting within this many characters of the start
_HEADER_LINE_MAX = 600  # a longer line is a body paragraph: the header has ended without a date

# A news-agency dateline opening the first body paragraph names the outlet ("KYIV, June 5 (Reuters) -").
_DATELINE_SOURCES = {"reuters": "Reuters", "ap": "Associated Press", "afp": "AFP"}
_DATELINE = re.compile(r"[A-Z][\w .,'’-]{0,80}\((?P<agency>reuters|ap|afp)\)\s*[-–—]", re.IGNORECASE)


def _find_date_line(text: str, nonblank: list[tuple[int, int]]) -> tuple[int, object]:
    """(index into nonblank, date) of the header date line, or (0, None) when there is none."""
    for i, (s, e) in enumerate(nonblank[1:_HEADER_LINES], start=1):
        if s > _HEADER_CHARS or e - s > _HEADER_LINE_MAX:
            break
        d = parse_header_date(text[s:e].strip())
        if d is not None:
            return i, d
    return 0, None


def parse_txt(text: str, article_id: str, input_file: str | None = None) -> Article:
    """An Article from the decoded text of a .txt file; offsets are code points into `text` as given.

    Raises ValueError if the text has no non-blank line (the reader makes that an "empty-text" Reject).
    """
    rules = load_rules()
    nonblank = [(s, e) for s, e in iter_lines(text) if not text[s:e].isspace() and s < e]
    if not nonblank:
        raise ValueError(f"{input_file or article_id}: the article has no text")
    title = text[nonblank[0][0]:nonblank[0][1]].strip()
    last_header, published = _find_date_line(text, nonblank)
    body_lines = nonblank[last_header + 1:]
    body_start = body_lines[0][0] if body_lines else nonblank[-1][1]

    skip = list(nonblank[: last_header + 1])
    source = None
    for i, (s, e) in enumerate(nonblank):
        if e - s > rules.max_line_length + 200:
            continue
        hit = classify_line(text[s:e], rules)
        if hit is None:
            continue
        if isinstance(hit, BoilerplatePattern) and hit.source and source is None:
            source = hit.source
        if i > last_header:
            skip.append((s, e))
    if source is None:
        skipped = {s for s, _ in skip}
        first_body = next(((s, e) for s, e in body_lines if s not in skipped), None)
        m = _DATELINE.match(text, *first_body) if first_body else None
        source = _DATELINE_SOURCES[m.group("agency").lower()] if m else None
    return Article(
        id=article_id,
        text=text,
        title=title,
        published=published,  # type: ignore[arg-type]
        source=source,
        input_file=input_file,
        line=None,
        skip_spans=tuple(skip),
        body_start=body_start,
    )
