"""Map a gold ACLED actor name to (country, kind) so the evaluation can compare it with our actors."""
from __future__ import annotations

import re
from functools import lru_cache

from .dictionary import ActorDictionary
from .model import actor_key

_STATE = re.compile(r"^(?:Military Forces|Police Forces|Government) of (?:the )?(.+)$", re.I)
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_BASES = {"protesters": "protester", "rioters": "rioter", "civilians": "civilian",
          "unidentified armed group": "militia", "private security forces": "external",
          "rebel groups": "rebel"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, tuple[str | None, str]]]:
    d = ActorDictionary.load()
    names: dict[str, str] = {}
    for c in d.data.countries:
        for n in (c.name, c.acled, *c.aliases):
            names.setdefault(n.lower().removeprefix("the "), c.iso3)
    groups: dict[str, tuple[str | None, str]] = {}
    for g in d.data.groups:
        groups.setdefault(g.acled.lower(), (g.country, g.kind))
        if ":" in g.acled:
            groups.setdefault(g.acled.split(":")[0].strip().lower(), (g.country, g.kind))
    return names, groups


def _country(text: str, names: dict[str, str]) -> str | None:
    """The ISO3 of the longest leading country name in `text` ("Libya (2014-) Haftar Faction" -> LBY)."""
    words = text.replace("(", " (").split()
    for k in range(len(words), 0, -1):
        iso = names.get(" ".join(words[:k]).lower().removeprefix("the "))
        if iso:
            return iso
    return None


def acled_actor_key(acled_name: str) -> tuple[str | None, str]:
    """("AFG","state") for "Military Forces of Afghanistan (2014-)"; (None, "") when unknown."""
    names, groups = _tables()
    s = acled_name.strip().split(";")[0].split(" and/or ")[0].strip()
    if not s:
        return (None, "")
    m = _STATE.match(s)
    if m:
        return (_country(m.group(1), names), "state")
    if s.lower() == "unidentified military forces":
        return (None, "state")
    if s.lower() in groups:
        return groups[s.lower()]
    head = s.split(":")[0].strip().lower()
    if ":" in s and head in groups:
        return groups[head]
    m = _BRACKET.match(s)
    if m:
        base, inside = m.group(1).strip(), m.group(2).strip()
        iso = None if inside.lower() == "international" else names.get(inside.lower().removeprefix("the "))
        kind = _BASES.get(base.lower())
        if kind is None and re.search(r"\bmilitia\b", base, re.I):
            kind = "militia"
        if kind is None and re.search(r"\b(?:separatists?|rebels?|insurgents?)\b", base, re.I):
            kind = "rebel"
        if kind is not None:
            return (iso, kind)
    if s.lower() == "rebel groups":
        return (None, "rebel")
    found = ActorDictionary.load().find(s)
    return actor_key(found[0]) if found else (None, "")
