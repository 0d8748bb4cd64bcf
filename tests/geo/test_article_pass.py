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


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=600)
@given(st.text(alphabet="byBYagainstbetweenAGx \t\n.-é", max_size=40), st.integers(0, 45))
def test_after_actor_word_equals_the_regex_search(text, start):
    from coder.geo.resolve import _ACTOR_PREV, _PREV_WORD_RE, _after_actor_word
    start = min(start, len(text))
    pw = _PREV_WORD_RE.search(text, max(0, start - 20), start)
    assert _after_actor_word(text, start) == (pw is not None and pw.group(1).casefold() in _ACTOR_PREV)


def test_after_actor_word_known_cases():
    from coder.geo.resolve import _after_actor_word
    assert _after_actor_word("strikes carried out by France", 23)
    assert _after_actor_word("fighting between \nSyria", 18)  # "$" also matches before a final newline
    assert not _after_actor_word("fighting nearby Syria", 16)
    assert not _after_actor_word("carried out by France", 14)  # no blank between the word and the name


def test_new_context_equals_the_dataclass():
    from dataclasses import fields

    from coder.geo.resolve import GeoContext, _new_context
    args = ((("SY", 2), ("TR", 1)), (("SY-ID", 1),), (("SY", "Syria"), ("SY-ID", "Idlib")), None, ("RU",),
            {"SYR": "SY"})
    a = _new_context(*args)
    b = GeoContext(*args[:4], None, None, args[4], args[5])
    assert a == b and a.__dict__ == b.__dict__
    assert [f.name for f in fields(GeoContext)] == list(a.__dict__)
    assert a.cc_counts == {"SY": 2, "TR": 1} and a.named == {"SY": "Syria", "SY-ID": "Idlib"}


@settings(max_examples=300)
@given(st.sampled_from(["place", "admin2", "admin1", "country"]), st.sampled_from([10, 99_999, 100_000]),
       st.sampled_from(["AA", "BB", "CC"]), st.lists(st.sampled_from(["AA", "BB"]), max_size=2),
       st.lists(st.sampled_from(["AA", "BB", "CC"]), max_size=2), st.sampled_from([(), ("CC",)]))
def test_not_foreign_holds_for_any_sentence_evidence(kind, population, cc, counted, local_ccs, actors):
    from coder.geo.resolve import GeoContext, _Evidence, _foreign, _not_foreign
    e = _entry("Alpha", kind, cc, population)
    ctx = GeoContext(tuple((c, 1) for c in dict.fromkeys(counted)), (), (), None, None, None, ())
    local = _Evidence({c: 1 for c in local_ccs}, {}, {c: c for c in local_ccs})
    if _not_foreign(e, ctx, actors):
        assert not _foreign(e, local, ctx, actors) and not _foreign(e, _NO_EVIDENCE, ctx, actors)
    else:  # then only the sentence (or the dateline) can save it
        assert _foreign(e, _NO_EVIDENCE, ctx, actors)


def _route_ends_plain(text, mentions):
    """`_route_ends` as it read before its two-character prefilter: the regex after every mention."""
    from coder.geo.resolve import _ROUTE_RE
    out = set()
    for i, m in enumerate(mentions):
        if _ROUTE_RE.match(text, m.end):
            out.add((m.start, m.end))
            if i and text[mentions[i - 1].end:m.start].strip() in ("-", "–"):
                out.add((mentions[i - 1].start, mentions[i - 1].end))
    return frozenset(out)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Dhaka", "Rajshahi", "Kitui", "Machakos", "Idlib"]),
                          st.sampled_from([" ", "-", " - ", "–", "  ", "\t", " road", " Road", " highway",
                                           " Highway ", " route", " Rajshahi highway", " roadside", " market",
                                           " ROAD", " é", "\n", ". ", " rail", " motorway", " expressway"])),
                max_size=6))
def test_route_ends_equal_the_plain_scan(pieces):
    from coder.geo.resolve import _route_ends
    from coder.geo.types import PlaceMention
    text, mentions = "", []
    for name, gap in pieces:
        mentions.append(PlaceMention(len(text), len(text) + len(name), name, ()))
        text += name + gap
    assert _route_ends(text, mentions) == _route_ends_plain(text, mentions)


def test_route_ends_known_cases():
    from coder.geo.resolve import _route_ends
    from coder.geo.types import PlaceMention
    text = "on the Dhaka-Rajshahi highway and in Kitui  road, Idlib market, Idlib\tRoute 5, Idlib"
    starts = [7, 13, 37, 50, 64, 79]
    ms = [PlaceMention(i, text.index(" ", i) if " " in text[i:] else len(text), "", ()) for i in starts]
    ms[4] = PlaceMention(64, 69, "Idlib", ())
    assert [text[m.start:m.end] for m in ms] == ["Dhaka-Rajshahi", "Rajshahi", "Kitui", "Idlib", "Idlib",
                                                 "Idlib"]
    ms[0] = PlaceMention(7, 12, "Dhaka", ())
    assert sorted(text[a:b] for a, b in _route_ends(text, ms)) == ["Dhaka", "Idlib", "Kitui", "Rajshahi"]
    assert (64, 69) in _route_ends(text, ms) and (50, 55) not in _route_ends(text, ms)
