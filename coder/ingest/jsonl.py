"""One JSON Lines record (the bytes of one line) -> Article or Reject.

Each line is decoded on its own, so one bad line never stops the rest of the file. Fields other
than the documented ones (gold labels, hints) are ignored: the coder never reads them.
"""
from __future__ import annotations

import json

from coder.ingest.boilerplate import boilerplate_spans
from coder.ingest.dates import parse_published
from coder.models import Article, Reject

RAW_MAX = 500  # longest `raw` excerpt kept in a Reject
_OPTIONAL_STR = ("title", "published", "source", "url", "language")


def excerpt(raw: str | bytes) -> str:
    """A short, printable excerpt of an offending record."""
    if isinstance(raw, bytes):
        raw = raw[: RAW_MAX * 4].decode("utf-8", "backslashreplace")
    return raw if len(raw) <= RAW_MAX else raw[: RAW_MAX - 1] + "…"


def is_supported_language(lang: str) -> bool:
    """We code English only: "en", "EN", "en-GB", "en_US" are fine."""
    low = lang.strip().lower().replace("_", "-")
    return low == "en" or low.startswith("en-")


def parse_record(raw: bytes, input_file: str, line: int) -> Article | Reject:
    """The Article in one line of a JSON Lines file, or the Reject that says why there is none."""
    def reject(reason: str, message: str, article_id: str | None = None) -> Reject:
        return Reject(input_file=input_file, line=line, reason=reason,
                      message=f"{input_file}:{line}: {message}", article_id=article_id, raw=excerpt(raw))

    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return reject("not-utf8", f"bytes at column {exc.start + 1} are not UTF-8 ({exc.reason}); "
                                  "re-encode the file as UTF-8")
    if line == 1 and s.startswith("\ufeff"):
        s = s[1:]
    try:
        obj = json.loads(s)
    except json.JSONDecodeError as exc:
        return reject("bad-json", f"not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return reject("not-an-object", f"expected a JSON object per line, got a {type(obj).__name__}")

    article_id = obj.get("id")
    if article_id is None:
        return reject("missing-field", "missing field 'id' (a non-empty string naming the article)")
    if not isinstance(article_id, str):
        return reject("bad-field-type", f"field 'id' must be a string, got {type(article_id).__name__} "
                                        f"{str(article_id)[:40]!r}")
    if not article_id.strip():
        return reject("missing-field", "field 'id' is empty; give each article a non-empty id")
    text = obj.get("text")
    if text is None:
        return reject("missing-field", "missing field 'text' (the article text)", article_id)
    if not isinstance(text, str):
        return reject("bad-field-type", f"field 'text' must be a string, got {type(text).__name__}",
                      article_id)
    for name in _OPTIONAL_STR:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            return reject("bad-field-type", f"field {name!r} must be a string or null, got "
                                            f"{type(value).__name__}", article_id)
    language = obj.get("language") or "en"
    if not is_supported_language(language):
        return reject("unsupported-language", f"language {language[:20]!r} is not coded; the coder "
                                              "reads English ('en', 'en-GB', ...) only", article_id)
    if not text.strip():
        return reject("empty-text", "field 'text' is empty", article_id)
    published = None
    if obj.get("published"):
        try:
            published = parse_published(obj["published"])
        except ValueError as exc:
            return reject("bad-published", str(exc), article_id)
    return Article(
        id=article_id,
        text=text,
        title=obj.get("title"),
        published=published,
        source=obj.get("source"),
        url=obj.get("url"),
        language=language,
        input_file=input_file,
        line=line,
        skip_spans=tuple(boilerplate_spans(text)),
        body_start=0,
    )
