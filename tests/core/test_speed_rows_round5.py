"""The speed paths of the rows stage give exactly what the plain code gives: merge tries a mention only against
the groups of its own family and CAMEO code, and row() copies a per-code template of the row and sets the other
columns. Both are compared with the plain versions (the code as it was, kept here) on generated mentions."""
from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.actors.model import Actor, interaction
from coder.dates.model import ResolvedDate
from coder.events import Group, Mention, _best, compatible, event_id, merge, row
from coder.geo.types import Location
from coder.models import Article
from coder.rules import CodeInfo
from coder.schema import columns

AIR = CodeInfo(key="195", cameo_code="195", name="Employ aerial weapons", goldstein=-10.0, quad_class=4,
               disorder_type="Political violence", event_type="Explosions/Remote violence",
               sub_event_type="Air/drone strike", plover_event="ASSAULT", plover_mode="aerial")
AIR_DRONE = CodeInfo(key="1951", cameo_code="1951", name="Drone strike", goldstein=-10.0, quad_class=4,
                     disorder_type="Political violence", event_type="Explosions/Remote violence",
                     sub_event_type="Air/drone strike", plover_event="ASSAULT", plover_mode="drone")
TRUCE = CodeInfo(key="0871", cameo_code="0871", name="Declare ceasefire", goldstein=9.0, quad_class=1,
                 disorder_type=None, event_type=None, sub_event_type=None, plover_event="AGREE",
                 plover_mode=None)


def _actor(code: str, inter: int, assoc: tuple = ()) -> Actor:
    return Actor(code=code, name=f"Forces {code}", inter=inter, country=code[:3], role=code[3:], start=0, end=5,
                 text="x", entry_ids=("e",), assoc=assoc, kind="state")


ACTORS = [None, _actor("SYRMIL", 1), _actor("RUSMIL", 8), _actor("TURMIL", 1, (_actor("SYRREB", 2),)),
          _actor("SYRMIL", 1, (_actor("IRNMLT", 3), _actor("RUSMIL", 8)))]
LOCS = [None,
        Location("Syria", 760, "SYR", "Idlib", "SY07", None, "Idlib", 35.9, 36.6, 1, 169389, "Idlib", "named"),
        Location("Syria", 760, "SYR", "Aleppo", "SY01", "Jebel Saman", "Aleppo", 36.2, 37.2, 2, 170063, None,
                 "the article's main place"),
        Location("Syria", 760, "SYR", None, None, None, "Syria", None, None, 3, 163843, "Syria", "a country"),
        Location(None, None, None, None, None, None, None, None, None, None, None, None, "nothing")]
DATES = [None,
         ResolvedDate(date(2020, 3, 5), date(2020, 3, 5), date(2020, 3, 5), 1, "stated", "5 March"),
         ResolvedDate(date(2020, 3, 6), date(2020, 3, 6), date(2020, 3, 6), 1, "publication", None),
         ResolvedDate(date(2020, 3, 4), date(2020, 3, 1), date(2020, 3, 7), 2, "relative", "last week", "p1"),
         ResolvedDate(date(2020, 3, 15), date(2020, 3, 1), date(2020, 3, 31), 3, "stated", "in March")]
KINDS = [("AIRSTRIKE", AIR), ("AIRSTRIKE", AIR_DRONE), ("CEASEFIRE", TRUCE)]


@st.composite
def mentions(draw: Any) -> list[Mention]:
    out = []
    for k in range(draw(st.integers(0, 9))):
        family, code = draw(st.sampled_from(KINDS))
        start = draw(st.integers(0, 400))
        out.append(Mention(family=family, code=code, rule_id=f"R-{k}", trigger="strike", char_start=start,
                           char_end=start + 6, sentence_index=draw(st.integers(0, 4)),
                           sentence=f"sentence {draw(st.integers(0, 4))}",
                           actor1=draw(st.sampled_from(ACTORS)), actor2=draw(st.sampled_from(ACTORS)),
                           location=draw(st.sampled_from(LOCS)), date=draw(st.sampled_from(DATES)),
                           fatalities=draw(st.sampled_from([0, 0, 2, 12])),
                           flags=draw(st.sampled_from([(), ("no-date",), ("b", "a", "b")])),
                           names_actor=draw(st.booleans()), own_place=draw(st.booleans())))
    return out


def plain_merge(mentions: list[Mention]) -> list[Group]:
    groups: list[Group] = []
    for m in mentions:
        for g in groups:
            if all(compatible(m, x) for x in g.members):
                g.members.append(m)
                break
        else:
            groups.append(Group([m]))
    return groups


def _actor_columns(a: Any) -> tuple:
    if a is None:
        return None, None, None, [], []
    return a.name, a.code, a.inter, [x.name for x in a.assoc], [x.code for x in a.assoc]


def plain_row(group: Group, article: Any, versions: dict[str, str], coder_version: str) -> dict[str, Any]:
    members = group.members
    m = max(enumerate(members), key=lambda x: (x[1].informativeness(), -x[0]))[1]
    a1, a2, loc, d = m.actor1, m.actor2, m.location, m.date
    a1 = a1 or next((x.actor1 for x in members if x.actor1 is not None), None)
    a2 = a2 or next((x.actor2 for x in members if x.actor2 is not None), None)
    if not (loc is not None and loc.iso3 and m.own_place):
        located = [x for x in members if x.location is not None and x.location.iso3]
        loc = next((x.location for x in located if x.own_place), located[0].location if located else loc)
    for x in members:
        xd = x.date
        if xd is not None and (d is None or (d.date_basis == "publication" and xd.date_basis != "publication")
                               or (xd.time_precision < d.time_precision and xd.date_basis != "publication")):
            d = xd
    code = m.code
    actor1, actor1_code, inter1, assoc1, assoc1_codes = _actor_columns(a1)
    actor2, actor2_code, inter2, assoc2, assoc2_codes = _actor_columns(a2)
    published = article.published
    return {
        "event_id": event_id(article.id, article.content_hash, m), "article_id": article.id,
        "article_hash": article.content_hash, "source": article.source, "source_url": article.url,
        "published_date": published.isoformat() if published is not None else None,
        "notes": " ".join(dict.fromkeys(x.sentence for x in sorted(members, key=lambda x: x.sentence_index))),
        "sentence_index": m.sentence_index, "sentence_indices": sorted({x.sentence_index for x in members}),
        "mentions": len(members), "char_start": m.char_start, "char_end": m.char_end, "rule_id": m.rule_id,
        "trigger": m.trigger, "coder_version": coder_version, "ruleset_version": versions.get("ruleset", ""),
        "event_family": m.family, "cameo_code": code.cameo_code, "cameo_root": code.cameo_code[:2],
        "quad_class": code.quad_class, "goldstein": code.goldstein, "disorder_type": code.disorder_type,
        "event_type": code.event_type, "sub_event_type": code.sub_event_type, "plover_event": code.plover_event,
        "plover_mode": code.plover_mode,
        "event_date": d.event_date.isoformat() if d else None, "date_start": d.date_start.isoformat() if d else None,
        "date_end": d.date_end.isoformat() if d else None, "year": d.event_date.year if d else None,
        "time_precision": d.time_precision if d else None, "date_basis": d.date_basis if d else None,
        "date_phrase": d.phrase if d else None,
        "actor1": actor1, "actor1_code": actor1_code, "inter1": inter1, "assoc_actor_1": assoc1,
        "assoc_actor_1_codes": assoc1_codes, "actor2": actor2, "actor2_code": actor2_code, "inter2": inter2,
        "assoc_actor_2": assoc2, "assoc_actor_2_codes": assoc2_codes, "interaction": interaction(inter1, inter2),
        "country": loc.country if loc else None, "iso": loc.iso if loc else None, "iso3": loc.iso3 if loc else None,
        "admin1": loc.admin1 if loc else None, "admin1_code": loc.admin1_code if loc else None,
        "admin2": loc.admin2 if loc else None, "location": loc.location if loc else None,
        "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
        "geo_precision": loc.geo_precision if loc else None, "geonames_id": loc.geonames_id if loc else None,
        "geo_evidence": (f"{loc.evidence}: {loc.reason}" if loc.evidence else loc.reason) if loc else None,
        "fatalities": min((x.fatalities for x in members if x.fatalities), default=0),
        "flags": sorted({f for x in members for f in x.flags}),
    }


ARTICLES = [Article(id="a1", text="t", published=date(2020, 3, 6), source="S", url="http://x"),
            Article(id="a2", text="u")]


@settings(max_examples=300, deadline=None)
@given(mentions(), st.sampled_from(ARTICLES), st.sampled_from([{"ruleset": "r1"}, {}]))
def test_merge_and_rows_equal_the_plain_code(ms: list[Mention], article: Article, versions: dict) -> None:
    fast, plain = merge(ms), plain_merge(ms)
    assert [[id(x) for x in g.members] for g in fast] == [[id(x) for x in g.members] for g in plain]
    for g in fast:
        got, want = row(g, article, versions, "9.9"), plain_row(g, article, versions, "9.9")
        assert got == want
        assert list(got) == list(want)  # the columns in order
        assert _best(g.members) is max(enumerate(g.members), key=lambda x: (x[1].informativeness(), -x[0]))[1]


def test_row_columns_are_the_schemas_and_templates_are_not_shared() -> None:
    a = Mention(family="AIRSTRIKE", code=AIR, rule_id="R", trigger="strike", char_start=1, char_end=7,
                sentence_index=0, sentence="Jets struck.", actor1=ACTORS[4], location=LOCS[1], date=DATES[1])
    b = Mention(family="AIRSTRIKE", code=AIR, rule_id="R", trigger="strike", char_start=20, char_end=26,
                sentence_index=3, sentence="They struck again.")
    r1 = row(Group([a]), ARTICLES[0], {"ruleset": "r1"}, "9.9")
    r2 = row(Group([b]), ARTICLES[1], {"ruleset": "r1"}, "9.9")
    assert list(r1) == list(r2) == columns()  # every column of the schema, in its order
    assert (r1["actor1_code"], r1["assoc_actor_1_codes"], r1["inter1"], r1["interaction"]) == \
        ("SYRMIL", ["IRNMLT", "RUSMIL"], 1, 10)
    assert (r1["event_date"], r1["date_start"], r1["date_end"], r1["location"], r1["geo_evidence"]) == \
        ("2020-03-05", "2020-03-05", "2020-03-05", "Idlib", "Idlib: named")
    # the second row, from the same template, has none of the first one's values
    assert (r2["actor1"], r2["assoc_actor_1"], r2["interaction"], r2["event_date"], r2["location"],
            r2["published_date"], r2["cameo_root"], r2["ruleset_version"]) == (None, [], None, None, None, None,
                                                                                "19", "r1")
    assert r1["assoc_actor_2"] is not r2["assoc_actor_2"]
