"""Plain-text articles (`*.txt`): headline, header date, body start and lines to skip.

Layout assumed (that of news sites saved as text): the headline is the first non-empty line; a
header of at most `_HEADER_LINES` non-empty lines (repeated headline, standfirst, byline, reading
time) ends with a date line, and goes on over the header-kind lines right after it ("Share", a
byline, "BBC News, Kyiv"); the body follows. Without a date line the header is the headline alone.
"""
from __future__ import annotations

import re
from datetime import date

from coder.ingest.boilerplate import DATE_LINE_ID, BoilerplatePattern, classify_lines
from coder.ingest.dates import parse_header_date
from coder.models import Article

_HEADER_LINES = 8  # non-empty lines searched for the date line ...
_HEADER_CHARS = 3000  # ... starting within this many characters of the start
_HEADER_LINE_MAX = 600  # a longer line is a body paragraph: the header has ended without a date

# A news-agency dateline opening the first body paragraph names the outlet ("KYIV, June 5 (Reuters) -").
_DATELINE_SOURCES = {"reuters": "Reuters", "ap": "Associated Press", "afp": "AFP"}
_DATELINE = re.compile(r"[A-Z][\w .,'’-]{0,80}\((?P<agency>reuters|ap|afp)\)\s*[-–—]", re.IGNORECASE)

Hit = str | BoilerplatePattern | None


def _find_date_line(text: str, lines: list[tuple[int, int, Hit]]) -> tuple[int, date | None]:
    """(index into lines, date) of the header date line, or (0, None) when there is none."""
    for i, (s, e, _) in enumerate(lines[1:_HEADER_LINES], start=1):
        if s > _HEADER_CHARS or e - s > _HEADER_LINE_MAX:
            break
        d = parse_header_date(text[s:e].strip())
        if d is not None:
            return i, d
    return 0, None


def _is_header_kind(hit: Hit) -> bool:
    return hit == DATE_LINE_ID or (isinstance(hit, BoilerplatePattern) and hit.header)


def parse_txt(text: str, article_id: str, input_file: str | None = None) -> Article:
    """An Article from the decoded text of a .txt file; offsets are code points into `text` as given.

    Raises ValueError if the text has no non-blank line (the reader makes that an "empty-text" Reject).
    """
    lines = list(classify_lines(text))  # non-blank lines only
    if not lines:
        raise ValueError(f"{input_file or article_id}: the article has no text")
    title = text[lines[0][0]:lines[0][1]].strip()
    last_header, published = _find_date_line(text, lines)
    while last_header + 1 < len(lines) and _is_header_kind(lines[last_header + 1][2]):
        last_header += 1
    body_start = lines[last_header + 1][0] if last_header + 1 < len(lines) else lines[-1][1]

    skip = [(s, e) for i, (s, e, hit) in enumerate(lines) if i <= last_header or hit is not None]
    sources = [h.source for _, _, h in lines if isinstance(h, BoilerplatePattern) and h.source]
    source = sources[0] if sources else None
    if source is None:
        first_body = next(((s, e) for s, e, hit in lines[last_header + 1:] if hit is None), None)
        m = _DATELINE.match(text, *first_body) if first_body else None
        source = _DATELINE_SOURCES[m.group("agency").lower()] if m else None
    return Article(
        id=article_id,
        text=text,
        title=title,
        published=published,
        source=source,
        input_file=input_file,
        line=None,
        skip_spans=tuple(skip),
        body_start=body_start,
    )
