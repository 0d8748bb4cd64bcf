"""From coded mentions to event rows: one row per event within an article.

Mentions of one event merge when their family matches and no field conflicts: a missing actor, a coarser
date (or a date that is only the publication date) and a larger place that contains the other do not
conflict. The row takes its fields and provenance from the most informative mention (ties: the first) and
records `mentions` and `sentence_indices`; fatalities take the lowest figure stated.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from coder.actors import interaction
from coder.rules import CodeInfo


@dataclass(frozen=True)
class Mention:
    """One coded trigger with everything resolved for it."""

    family: str
    code: CodeInfo
    rule_id: str
    trigger: str
    char_start: int
    char_end: int
    sentence_index: int
    sentence: str
    actor1: Any | None = None
    actor2: Any | None = None
    location: Any | None = None  # coder.geo Location
    date: Any | None = None  # coder.dates ResolvedDate
    fatalities: int = 0
    why: str = ""
    flags: tuple[str, ...] = ()
    names_actor: bool = False  # the sentence itself names an actor of the event (not only implied ones)
    own_place: bool = True  # the place was named in the event's sentence (not the article's main place)

    def informativeness(self) -> int:
        d = self.date
        score = 0
        score += 2 if self.actor1 is not None else 0
        score += 2 if self.actor2 is not None else 0
        if d is not None and d.date_basis != "publication":
            score += 4 - d.time_precision
        if self.location is not None and self.location.geo_precision:
            score += 4 - self.location.geo_precision
        return score


def _actor_compatible(a: Any, b: Any) -> bool:
    return a is None or b is None or (a.code == b.code)


def _date_compatible(a: Any, b: Any, same_sentence: bool = True, bare_followup: bool = False) -> bool:
    if a is None or b is None:
        return True
    undated = (a.date_basis == "publication", b.date_basis == "publication")
    if any(undated):
        # an undated sentence elsewhere that names its own actor is as often background or another,
        # ongoing activity as a repeat ("Turkey has been reinforcing ..." vs "On Thursday the Turkish army
        # set up ..."), so it joins a dated event only from its own sentence, or as a bare follow-up that
        # names no actor ("Traffic was paralysed for hours.")
        return same_sentence or all(undated) or bare_followup
    if a.time_precision == 1 and b.time_precision == 1:
        return a.event_date == b.event_date
    return a.date_start <= b.date_end and b.date_start <= a.date_end


def _place_compatible(a: Any, b: Any) -> bool:
    if a is None or b is None or a.iso3 is None or b.iso3 is None:
        return True
    if a.iso3 != b.iso3:
        return False
    if a.admin1_code and b.admin1_code and a.admin1_code != b.admin1_code:
        return False
    if (a.geo_precision == 1 and b.geo_precision == 1 and a.location and b.location
            and a.location != b.location):
        return False
    return True


def _share_actor(a: Mention, b: Mention) -> bool:
    codes_a = {x.code for x in (a.actor1, a.actor2) if x is not None}
    codes_b = {x.code for x in (b.actor1, b.actor2) if x is not None}
    return bool(codes_a & codes_b) or not codes_a or not codes_b


def compatible(a: Mention, b: Mention) -> bool:
    if a.family != b.family or a.code.cameo_code != b.code.cameo_code:
        return False
    # two triggers of one family in one sentence are one event unless their actors have nothing in common
    # ("its fighter jets struck Hezbollah targets ..., killing two")
    same_sentence = a.sentence_index == b.sentence_index
    if same_sentence and _share_actor(a, b):
        return _place_compatible(a.location, b.location) or not (a.own_place and b.own_place)
    if not (_actor_compatible(a.actor1, b.actor1) and _actor_compatible(a.actor2, b.actor2)):
        # a dyad written in the other order is the same dyad for symmetric families (agreements)
        if not (_actor_compatible(a.actor1, b.actor2) and _actor_compatible(a.actor2, b.actor1)
                and a.family == "CEASEFIRE"):
            return False
    undated_one = a if (a.date is not None and a.date.date_basis == "publication") else b
    # a place that only comes from the article's main place is no evidence against another mention's place
    places_ok = not (a.own_place and b.own_place) or _place_compatible(a.location, b.location)
    return (_date_compatible(a.date, b.date, a.sentence_index == b.sentence_index, not undated_one.names_actor)
            and places_ok)


@dataclass
class Group:
    members: list[Mention] = field(default_factory=list)

    @property
    def best(self) -> Mention:
        return max(self.members, key=lambda m: (m.informativeness(), -self.members.index(m)))


def merge(mentions: list[Mention]) -> list[Group]:
    groups: list[Group] = []
    for m in mentions:
        for g in groups:
            if all(compatible(m, x) for x in g.members):
                g.members.append(m)
                break
        else:
            groups.append(Group([m]))
    return groups


def event_id(article_id: str, article_hash: str, m: Mention) -> str:
    key = f"{article_id}\x00{article_hash}\x00{m.family}\x00{m.code.cameo_code}\x00{m.char_start}\x00{m.char_end}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def row(group: Group, article: Any, versions: dict[str, str], coder_version: str) -> dict[str, Any]:
    m = group.best
    members = group.members
    # fill what the best mention lacks from the others (they agree where both have it)
    a1 = m.actor1 or next((x.actor1 for x in members if x.actor1 is not None), None)
    a2 = m.actor2 or next((x.actor2 for x in members if x.actor2 is not None), None)
    located = [x for x in members if x.location is not None and x.location.iso3]
    loc = m.location if (m in located and m.own_place) else next(
        (x.location for x in located if x.own_place), located[0].location if located else m.location)
    d = m.date
    for x in members:
        if x.date is not None and (d is None or (d.date_basis == "publication" and x.date.date_basis != "publication")
                                   or (x.date.time_precision < d.time_precision and x.date.date_basis != "publication")):
            d = x.date
    fats = [x.fatalities for x in members if x.fatalities]
    code = m.code
    inter1 = getattr(a1, "inter", None)
    inter2 = getattr(a2, "inter", None)
    flags = sorted({f for x in members for f in x.flags})
    notes = " ".join(dict.fromkeys(x.sentence for x in sorted(members, key=lambda x: x.sentence_index)))
    return {
        "event_id": event_id(article.id, article.content_hash, m),
        "article_id": article.id,
        "article_hash": article.content_hash,
        "source": article.source,
        "source_url": article.url,
        "published_date": _iso(article.published),
        "notes": notes,
        "sentence_index": m.sentence_index,
        "sentence_indices": sorted({x.sentence_index for x in members}),
        "mentions": len(members),
        "char_start": m.char_start,
        "char_end": m.char_end,
        "rule_id": m.rule_id,
        "trigger": m.trigger,
        "coder_version": coder_version,
        "ruleset_version": versions.get("ruleset", ""),
        "event_family": m.family,
        "cameo_code": code.cameo_code,
        "cameo_root": code.cameo_code[:2],
        "quad_class": code.quad_class,
        "goldstein": code.goldstein,
        "disorder_type": code.disorder_type,
        "event_type": code.event_type,
        "sub_event_type": code.sub_event_type,
        "plover_event": code.plover_event,
        "plover_mode": code.plover_mode,
        "event_date": _iso(d.event_date) if d else None,
        "date_start": _iso(d.date_start) if d else None,
        "date_end": _iso(d.date_end) if d else None,
        "year": d.event_date.year if d else None,
        "time_precision": d.time_precision if d else None,
        "date_basis": d.date_basis if d else None,
        "date_phrase": d.phrase if d else None,
        "actor1": getattr(a1, "name", None),
        "actor1_code": getattr(a1, "code", None),
        "inter1": inter1,
        "assoc_actor_1": [x.name for x in getattr(a1, "assoc", ())] if a1 else [],
        "assoc_actor_1_codes": [x.code for x in getattr(a1, "assoc", ())] if a1 else [],
        "actor2": getattr(a2, "name", None),
        "actor2_code": getattr(a2, "code", None),
        "inter2": inter2,
        "assoc_actor_2": [x.name for x in getattr(a2, "assoc", ())] if a2 else [],
        "assoc_actor_2_codes": [x.code for x in getattr(a2, "assoc", ())] if a2 else [],
        "interaction": interaction(inter1, inter2),
        "country": getattr(loc, "country", None),
        "iso": getattr(loc, "iso", None),
        "iso3": getattr(loc, "iso3", None),
        "admin1": getattr(loc, "admin1", None),
        "admin1_code": getattr(loc, "admin1_code", None),
        "admin2": getattr(loc, "admin2", None),
        "location": getattr(loc, "location", None),
        "latitude": getattr(loc, "latitude", None),
        "longitude": getattr(loc, "longitude", None),
        "geo_precision": getattr(loc, "geo_precision", None),
        "geonames_id": getattr(loc, "geonames_id", None),
        "geo_evidence": (f"{loc.evidence}: {loc.reason}" if loc is not None and loc.evidence else
                         getattr(loc, "reason", None)),
        "fatalities": min(fats) if fats else 0,
        "flags": flags,
    }


def with_flags(m: Mention, *flags: str) -> Mention:
    return replace(m, flags=tuple(sorted(set(m.flags) | set(flags))))
