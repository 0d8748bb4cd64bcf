"""The resolver's speed paths give what the plain code gives: clause bounds from sorted break positions equal
`match.clause_bounds`, and candidates that carry token columns (starts/ends, no Token tuples) resolve to the
same mentions as candidates that carry tokens."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import coder.pipeline as pipeline
from coder.ingest import parse_txt
from coder.match import clause_bounds, clause_from_breaks
from coder.resolve import ArticleResolver, Candidate, NotAnEvent, _Columns
from coder.sentences import token_columns, tokenize

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
BREAKS = frozenset({"but", "said", ";", "when"})
STRONG = frozenset({"but", ";"})
WORDS = ["the", "army", "but", "said", ";", "when", "struck", "jets", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.data())
def test_clause_from_break_positions_equals_clause_bounds(lows: list[str], data: st.DataObject) -> None:
    ts = data.draw(st.integers(0, len(lows) - 1))
    te = data.draw(st.integers(ts + 1, len(lows) + 1))  # te may pass the end, as clause_bounds allows
    cols = _Columns(Candidate(None, [], lows, None, None, [0] * len(lows), [0] * len(lows)),  # type: ignore[arg-type]
                    BREAKS, STRONG)
    assert clause_from_breaks(cols.actor_bp, ts, te, len(lows)) == clause_bounds(lows, ts, te, BREAKS)
    assert clause_from_breaks(cols.strong_bp, ts, te, len(lows)) == clause_bounds(lows, ts, te, STRONG)


def test_strong_breaks_not_within_actor_breaks_are_found_on_their_own() -> None:
    lows = ["troops", "said", "x", "but", "y"]
    cols = _Columns(Candidate(None, [], lows, None, None, [0] * 5, [0] * 5),  # type: ignore[arg-type]
                    frozenset({"said"}), frozenset({"but"}))
    assert (cols.actor_bp, cols.strong_bp) == ([1], [3])


def _captured() -> list[tuple]:
    """(article, candidates) of every fixture article with coded triggers, as the pipeline built them."""
    got: list[tuple] = []
    plain = pipeline._resolve

    def spy(resolver, candidates):  # records the real call and runs it unchanged
        got.append((resolver.article, list(candidates), resolver.res))
        return plain(resolver, candidates)

    pipeline._resolve = spy
    try:
        for path in sorted(ARTICLES.glob("*.txt")):
            pipeline.code_article(parse_txt(path.read_text(encoding="utf-8"), path.stem, str(path)))
    finally:
        pipeline._resolve = plain
    return got


def _mentions(article, candidates, res) -> list:
    resolver = ArticleResolver(article, candidates, res)
    out = []
    for c in candidates:
        try:
            out.append(resolver.mention(c))
        except NotAnEvent as e:
            out.append(("not an event", e.reason, e.detail))
    return out


def test_candidates_with_token_columns_resolve_as_with_tokens() -> None:
    captured = _captured()
    assert sum(len(cs) for _, cs, _ in captured) >= 10  # the fixtures code events: the test compares something
    for article, candidates, res in captured:
        with_tokens = [replace(c, tokens=tokenize(c.sentence.text), starts=None, ends=None) for c in candidates]
        columns = []
        for c in candidates:
            starts, ends, lows = token_columns(c.sentence.text)
            assert lows == c.lows
            columns.append(replace(c, tokens=None, starts=starts, ends=ends))
        expected = _mentions(article, with_tokens, res)
        assert _mentions(article, columns, res) == expected
        assert any(not isinstance(m, tuple) for m in expected)
