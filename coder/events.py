"""From coded mentions to event rows: one row per event within an article.

Mentions of one event merge when their family matches and no field conflicts: a missing actor, a coarser
date (or a date that is only the publication date) and a larger place that contains the other do not
conflict. The row takes its fields and provenance from the most informative mention (ties: the first) and
records `mentions` and `sentence_indices`; fatalities take the lowest figure stated.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from coder.actors import interaction
from coder.models import filled
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


def new_mention(family: str, code: CodeInfo, rule_id: str, trigger: str, char_start: int, char_end: int,
                sentence_index: int, sentence: str, actor1: Any | None = None, actor2: Any | None = None,
                location: Any | None = None, date: Any | None = None, fatalities: int = 0, why: str = "",
                flags: tuple[str, ...] = (), names_actor: bool = False, own_place: bool = True) -> Mention:
    """Mention(...) for the per-trigger path: the frozen dataclass __init__ sets its 17 fields one
    object.__setattr__ at a time; filling __dict__ at once gives the same, equal Mention several times faster."""
    return filled(Mention, {"family": family, "code": code, "rule_id": rule_id, "trigger": trigger,
                         "char_start": char_start, "char_end": char_end, "sentence_index": sentence_index,
                         "sentence": sentence, "actor1": actor1, "actor2": actor2, "location": location,
                         "date": date, "fatalities": fatalities, "why": why, "flags": flags,
                            "names_actor": names_actor, "own_place": own_place})


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
        return _best(self.members)


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


def _best(members: list[Mention]) -> Mention:
    """The most informative mention; ties: the first (as max over (informativeness, -index))."""
    best = members[0]
    if len(members) == 1:
        return best
    top = best.informativeness()
    for x in members[1:]:
        score = x.informativeness()
        if score > top:
            best, top = x, score
    return best


def _actor_columns(a: Any) -> tuple[str | None, str | None, int | None, list[str], list[str]]:
    """(name, code, inter, associates' names, associates' codes) of an actor, or the empty columns."""
    if a is None:
        return None, None, None, [], []
    assoc = a.assoc
    if not assoc:  # the common case: no list comprehensions to run
        return a.name, a.code, a.inter, [], []
    return a.name, a.code, a.inter, [x.name for x in assoc], [x.code for x in assoc]


def row(group: Group, article: Any, versions: dict[str, str], coder_version: str) -> dict[str, Any]:
    members = group.members
    m = _best(members)
    a1, a2, loc, d = m.actor1, m.actor2, m.location, m.date
    if len(members) == 1:  # the common case: the row is the mention
        fats = m.fatalities
        flags = sorted(set(m.flags)) if m.flags else []
        notes = m.sentence
        indices = [m.sentence_index]
    else:
        # fill what the best mention lacks from the others (they agree where both have it)
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
        fats = min((x.fatalities for x in members if x.fatalities), default=0)
        flags = sorted({f for x in members for f in x.flags})
        notes = " ".join(dict.fromkeys(x.sentence for x in sorted(members, key=lambda x: x.sentence_index)))
        indices = sorted({x.sentence_index for x in members})
    code = m.code
    cameo = code.cameo_code
    actor1, actor1_code, inter1, assoc1, assoc1_codes = _actor_columns(a1)
    actor2, actor2_code, inter2, assoc2, assoc2_codes = _actor_columns(a2)
    if d:
        ed, ds, de = d.event_date, d.date_start, d.date_end
        event_date = ed.isoformat()
        # a day-precise date starts and ends on its day: one isoformat for the three columns
        date_start = event_date if ds == ed else (None if ds is None else ds.isoformat())
        date_end = date_start if de == ds else (None if de is None else de.isoformat())
        year, time_precision, date_basis, date_phrase = ed.year, d.time_precision, d.date_basis, d.phrase
    else:
        event_date = date_start = date_end = year = time_precision = date_basis = date_phrase = None
    if loc is not None:
        country, iso, iso3, admin1, admin1_code = loc.country, loc.iso, loc.iso3, loc.admin1, loc.admin1_code
        admin2, location, latitude, longitude = loc.admin2, loc.location, loc.latitude, loc.longitude
        geo_precision, geonames_id = loc.geo_precision, loc.geonames_id
        geo_evidence = f"{loc.evidence}: {loc.reason}" if loc.evidence else loc.reason
    else:
        country = iso = iso3 = admin1 = admin1_code = admin2 = location = latitude = longitude = None
        geo_precision = geonames_id = geo_evidence = None
    published = article.published
    return {
        "event_id": event_id(article.id, article.content_hash, m),
        "article_id": article.id,
        "article_hash": article.content_hash,
        "source": article.source,
        "source_url": article.url,
        "published_date": published.isoformat() if published is not None else None,
        "notes": notes,
        "sentence_index": m.sentence_index,
        "sentence_indices": indices,
        "mentions": len(members),
        "char_start": m.char_start,
        "char_end": m.char_end,
        "rule_id": m.rule_id,
        "trigger": m.trigger,
        "coder_version": coder_version,
        "ruleset_version": versions.get("ruleset", ""),
        "event_family": m.family,
        "cameo_code": cameo,
        "cameo_root": cameo[:2],
        "quad_class": code.quad_class,
        "goldstein": code.goldstein,
        "disorder_type": code.disorder_type,
        "event_type": code.event_type,
        "sub_event_type": code.sub_event_type,
        "plover_event": code.plover_event,
        "plover_mode": code.plover_mode,
        "event_date": event_date,
        "date_start": date_start,
        "date_end": date_end,
        "year": year,
        "time_precision": time_precision,
        "date_basis": date_basis,
        "date_phrase": date_phrase,
        "actor1": actor1,
        "actor1_code": actor1_code,
        "inter1": inter1,
        "assoc_actor_1": assoc1,
        "assoc_actor_1_codes": assoc1_codes,
        "actor2": actor2,
        "actor2_code": actor2_code,
        "inter2": inter2,
        "assoc_actor_2": assoc2,
        "assoc_actor_2_codes": assoc2_codes,
        "interaction": interaction(inter1, inter2),
        "country": country,
        "iso": iso,
        "iso3": iso3,
        "admin1": admin1,
        "admin1_code": admin1_code,
        "admin2": admin2,
        "location": location,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": geo_precision,
        "geonames_id": geonames_id,
        "geo_evidence": geo_evidence,
        "fatalities": fats,
        "flags": flags,
    }


def with_flags(m: Mention, *flags: str) -> Mention:
    return replace(m, flags=tuple(sorted(set(m.flags) | set(flags))))
