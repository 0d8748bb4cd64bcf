"""The article pass of `build_context` picks each mention's entry without its reason (`_article_entry`):
it must pick what `resolve_mention` picks with no sentence evidence, in every kind of article context."""
import csv
from pathlib import Path

from coder.geo.resolve import _NO_EVIDENCE, _article_entry, _resolve_mention, build_context

SAMPLE = Path(__file__).parent / "fixtures" / "sample500.tsv"


def _names() -> list[tuple[str, str]]:
    with open(SAMPLE, encoding="utf-8") as f:
        return [(r["name"], r["cc"]) for r in csv.DictReader(f, delimiter="\t")]


def _agree(gaz, text: str) -> int:
    mentions = gaz.find(text)
    ctx = build_context(gaz, text, mentions)
    for m in mentions:
        r = _resolve_mention(m, _NO_EVIDENCE, ctx, ())
        assert _article_entry(m, ctx, (), gaz.memo) is (r[0] if r else None), (text, m)
    return len(mentions)


def test_article_entry_matches_resolve_mention_in_varied_contexts(gaz):
    countries = {e.cc: e.country for e in gaz.country_table().values()}
    seen = 0
    for name, cc in _names()[:200]:
        country = countries.get(cc, "Syria")
        for text in (f"Clashes in {name}.",
                     f"Clashes in {name}, {country}. Later in {name} again, {country} said.",
                     f"Clashes in {name} and in Aleppo, Syria, near Homs and Idlib province.",
                     f"Shelling hit {name} in Nigeria; Kano and Lagos in Nigeria were calm."):
            seen += _agree(gaz, text)
    assert seen > 1500


def test_article_entry_in_a_context_that_counts_two_candidates_countries(gaz):
    # "Tripoli" is in Libya and in Lebanon: the article's counts decide, and the pass must agree
    for text in ("Fighting in Tripoli. Libya and Libya again; Lebanon once.",
                 "Fighting in Tripoli. Lebanon and Lebanon again; Libya once.",
                 "Fighting in Tripoli, Lebanon. Libya, Libya."):
        mentions = gaz.find(text)
        ctx = build_context(gaz, text, mentions)
        tripoli = [m for m in mentions if m.text == "Tripoli"][0]
        assert len(tripoli.candidates) > 1
        _agree(gaz, text)
    ctx = build_context(gaz, "Fighting in Tripoli. Libya and Libya again; Lebanon once.")
    m = [m for m in gaz.find("Fighting in Tripoli. Libya and Libya again; Lebanon once.") if m.text == "Tripoli"][0]
    assert _article_entry(m, ctx, (), gaz.memo).cc == "LY"


def _entry(name: str, kind: str, cc: str, population: int, code: str | None = None):
    from coder.geo.types import GeoEntry
    return GeoEntry(1, name, kind, cc, None, cc + "X", None, code, None, 0.0, 0.0, population, 1, cc)


def test_a_candidate_nothing_speaks_for_can_still_win():
    from coder.geo.resolve import GeoContext
    from coder.geo.types import PlaceMention
    small = _entry("Alpha", "place", "BB", 10)  # the actors' country: +1.5, but a tiny place (-0.3)
    big = _entry("Alpha Hills", "feature", "AA", 10_000_000)  # +0.7 feature, +0.7 population
    m = PlaceMention(0, 5, "Alpha", (small, big), "alpha")
    ctx = GeoContext((), (), (), None, None, None, ())
    memo: dict = {}
    assert _article_entry(m, ctx, ("BB",), memo) is big
    assert _resolve_mention(m, _NO_EVIDENCE, ctx, ("BB",))[0] is big
    # once the article counts BB (+2.1 more), the small place wins
    ctx2 = GeoContext((("BB", 1),), (), (("BB", "B"),), None, None, None, ())
    assert _article_entry(m, ctx2, ("BB",), memo) is small
    assert _resolve_mention(m, _NO_EVIDENCE, ctx2, ("BB",))[0] is small
