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
from coder.memo import register
from coder.models import filled
from coder.rules import CodeInfo
from coder.schema import columns


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
    """Each mention joins the first group (in order of creation) all of whose members it is compatible with,
    else starts a group. Only mentions of one family and CAMEO code are ever compatible, so each mention is
    tried only against its own kind's groups (the others would each refuse it at their first member)."""
    groups: list[Group] = []
    by_kind: dict[tuple[str, str], list[Group]] = {}  # (family, cameo code) -> its groups, in order
    for m in mentions:
        key = (m.family, m.code.cameo_code)
        mine = by_kind.get(key)
        if mine is None:
            g = Group([m])
            groups.append(g)
            by_kind[key] = [g]
            continue
        for g in mine:
            members = g.members
            if (compatible(m, members[0]) if len(members) == 1 else all(compatible(m, x) for x in members)):
                members.append(m)
                break
        else:
            g = Group([m])
            groups.append(g)
            mine.append(g)
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


# every column of an event row, in order (row() fills them): the JSON Schema's properties, its one source of truth
COLUMNS = tuple(columns())

# (id(code), ruleset version, coder version) -> (code, the row's columns with those of the code filled in): a
# row is a copy of it with the other columns set (copying a dict of the same keys and setting 49 of them costs
# half as much as building the 60-key dict; few codes, so few entries)
_TEMPLATES: dict[tuple[int, str, str], tuple[CodeInfo, dict[str, Any]]] = register("events.row_templates", {})


# date -> its isoformat(): a row writes two to four dates, mostly the same few hundred days (the publication
# dates and the days they name), and date.isoformat() costs ~0.5 us, ten times a lookup
_ISO: dict[Any, str] = register("events.isoformat", {})


def _iso(d: Any) -> str:
    """d.isoformat(), remembered."""
    s = _ISO.get(d)
    if s is None:
        if len(_ISO) >= 50_000:  # bounded: days
            _ISO.clear()
        s = _ISO[d] = d.isoformat()
    return s


def _template(code: CodeInfo, ruleset: str, coder_version: str) -> dict[str, Any]:
    key = (id(code), ruleset, coder_version)
    got = _TEMPLATES.get(key)
    if got is None:  # (the code is kept with its template: its id stays its own)
        cameo = code.cameo_code
        tpl = dict.fromkeys(COLUMNS)
        tpl.update({"coder_version": coder_version, "ruleset_version": ruleset, "cameo_code": cameo,
                    "cameo_root": cameo[:2], "quad_class": code.quad_class, "goldstein": code.goldstein,
                    "disorder_type": code.disorder_type, "event_type": code.event_type,
                    "sub_event_type": code.sub_event_type, "plover_event": code.plover_event,
                    "plover_mode": code.plover_mode})
        got = _TEMPLATES[key] = (code, tpl)
    return got[1]


# an actor's columns: name, code, inter, associates' names, associates' codes
_ACTOR1 = ("actor1", "actor1_code", "inter1", "assoc_actor_1", "assoc_actor_1_codes")
_ACTOR2 = ("actor2", "actor2_code", "inter2", "assoc_actor_2", "assoc_actor_2_codes")


def _set_actor(r: dict[str, Any], a: Any, cols: tuple[str, str, str, str, str]) -> int | None:
    """Fill an actor's columns of row `r` (the template holds None in the first three); its inter code."""
    name, code, inter, assoc_names, assoc_codes = cols
    if a is None:
        r[assoc_names] = []
        r[assoc_codes] = []
        return None
    r[name] = a.name
    r[code] = a.code
    r[inter] = a.inter
    assoc = a.assoc
    r[assoc_names] = [x.name for x in assoc] if assoc else []
    r[assoc_codes] = [x.code for x in assoc] if assoc else []
    return a.inter


def row(group: Group, article: Any, versions: dict[str, str], coder_version: str) -> dict[str, Any]:
    """The event row of a group of mentions (see COLUMNS), from its most informative mention."""
    members = group.members
    if len(members) == 1:  # the common case: the row is the mention
        m = members[0]
        a1, a2, loc, d = m.actor1, m.actor2, m.location, m.date
        fats = m.fatalities
        flags = sorted(set(m.flags)) if m.flags else []
        notes = m.sentence
        indices = [m.sentence_index]
    else:
        m = _best(members)
        a1, a2, loc, d = m.actor1, m.actor2, m.location, m.date
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
    r = _template(m.code, versions.get("ruleset", ""), coder_version).copy()
    r["event_id"] = event_id(article.id, article.content_hash, m)
    r["article_id"] = article.id
    r["article_hash"] = article.content_hash
    r["source"] = article.source
    r["source_url"] = article.url
    published = article.published
    if published is not None:
        r["published_date"] = _iso(published)
    r["notes"] = notes
    r["sentence_index"] = m.sentence_index
    r["sentence_indices"] = indices
    r["mentions"] = len(members)
    r["char_start"] = m.char_start
    r["char_end"] = m.char_end
    r["rule_id"] = m.rule_id
    r["trigger"] = m.trigger
    r["event_family"] = m.family
    # (the template holds None in the date, actor and place columns: set where there is one)
    if d:
        ed, ds, de = d.event_date, d.date_start, d.date_end
        event_date = _iso(ed)
        r["event_date"] = event_date
        # a day-precise date starts and ends on its day: one lookup for the three columns
        date_start = event_date if ds == ed else (None if ds is None else _iso(ds))
        r["date_start"] = date_start
        r["date_end"] = date_start if de == ds else (None if de is None else _iso(de))
        r["year"] = ed.year
        r["time_precision"] = d.time_precision
        r["date_basis"] = d.date_basis
        r["date_phrase"] = d.phrase
    inter1 = _set_actor(r, a1, _ACTOR1)
    inter2 = _set_actor(r, a2, _ACTOR2)
    if inter1 is not None or inter2 is not None:
        r["interaction"] = interaction(inter1, inter2)
    if loc is not None:
        r["country"] = loc.country
        r["iso"] = loc.iso
        r["iso3"] = loc.iso3
        r["admin1"] = loc.admin1
        r["admin1_code"] = loc.admin1_code
        r["admin2"] = loc.admin2
        r["location"] = loc.location
        r["latitude"] = loc.latitude
        r["longitude"] = loc.longitude
        r["geo_precision"] = loc.geo_precision
        r["geonames_id"] = loc.geonames_id
        r["geo_evidence"] = f"{loc.evidence}: {loc.reason}" if loc.evidence else loc.reason
    r["fatalities"] = fats
    r["flags"] = flags
    return r


def with_flags(m: Mention, *flags: str) -> Mention:
    return replace(m, flags=tuple(sorted(set(m.flags) | set(flags))))
