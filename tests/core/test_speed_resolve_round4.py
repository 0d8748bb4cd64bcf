"""Round-4 speed paths of the resolver give what the plain filters give: a sentence's places are one slice of
the article's ordered places (or the plain scan when they are not in order)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.geo.types import PlaceMention
from coder.resolve import ArticleResolver


def _resolver(places: list[PlaceMention]) -> ArticleResolver:
    r = object.__new__(ArticleResolver)  # only what _places_in reads
    r.places, r._place_bounds = places, None
    return r


def _plain(places: list[PlaceMention], start: int, end: int) -> tuple[list, list]:
    in_sent = [p for p in places if start <= p.start and p.end <= end]
    return in_sent, [p for p in in_sent if p.locative] or in_sent


@st.composite
def _places(draw: st.DrawFn) -> list[PlaceMention]:
    gaps = draw(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 6), st.booleans()), max_size=12))
    out, pos = [], 0
    for gap, size, loc in gaps:
        pos += gap
        out.append(PlaceMention(pos, pos + size, "x" * size, (), locative=loc))
        pos += size
    if draw(st.booleans()):  # sometimes not in order: the plain scan
        out = draw(st.permutations(out))
    return out


@settings(max_examples=300, deadline=None)
@given(_places(), st.integers(0, 80), st.integers(0, 80))
def test_places_in_a_span_equal_the_plain_filter(places: list[PlaceMention], a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    r = _resolver(places)
    assert r._places_in(start, end) == _plain(places, start, end)
    assert r._places_in(0, 80) == _plain(places, 0, 80)  # the bounds, once found, serve every sentence


def test_places_by_hand() -> None:
    a = PlaceMention(0, 5, "Idlib", (), locative=True)
    b = PlaceMention(10, 15, "Aleppo", ())
    c = PlaceMention(20, 25, "Homs", ())
    r = _resolver([a, b, c])
    assert r._places_in(0, 16) == ([a, b], [a])
    assert r._places_in(9, 25) == ([b, c], [b, c])
    assert r._places_in(11, 30) == ([c], [c])
    assert r._places_in(16, 19) == ([], [])
    assert _resolver([c, a, b])._places_in(0, 16) == ([a, b], [a])  # out of order: in the list's order
