"""The Actor record and the pure rules that follow from ACLED's codebook (inter 8 abroad, interaction)."""
from __future__ import annotations

from dataclasses import dataclass

from coder.models import filled

KINDS = ("state", "rebel", "militia", "protester", "rioter", "civilian", "external", "org")
# inter codes (ACLED): 1 state, 2 rebels, 3 political militias, 4 identity militias, 5 rioters,
# 6 protesters, 7 civilians, 8 external/other forces.
INTER_OF_KIND = {"state": 1, "rebel": 2, "militia": 3, "rioter": 5, "protester": 6, "civilian": 7,
                 "external": 8, "org": 8}


@dataclass(frozen=True)
class Actor:
    """One actor phrase found in a text, with its codes and the dictionary entries that made it."""

    code: str  # CAMEO-style: ISO3 + role ("SYRMIL"), or a named-group code ("SYRREBHTS")
    name: str  # ACLED-style: "Military Forces of Syria (2000-2024)"
    inter: int  # ACLED inter code 1..8
    country: str | None  # ISO alpha-3 of the actor's country (None for IGOs, unknown)
    role: str  # "GOV","MIL","COP","SPY","REB","MLT","OPP","CVL","IGO","NGO","IMG"
    start: int  # span of the phrase in the text passed to find()
    end: int
    text: str
    entry_ids: tuple[str, ...]  # provenance: stable dictionary ids ("country:SYR", "agent:troops")
    assoc: tuple["Actor", ...] = ()  # compound subjects: "Russian and regime planes" -> RUSMIL + SYRMIL
    kind: str = ""  # one of KINDS

    @property
    def assoc_codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.assoc)


def actor_template(code: str, name: str, inter: int, country: str | None, role: str, kind: str) -> dict:
    """An actor's fields that do not depend on where its phrase is (`placed` fills in the rest): memoised by
    the composer per name, since copying a dict costs a third of building one."""
    return {"code": code, "name": name, "inter": inter, "country": country, "role": role, "start": 0, "end": 0,
            "text": "", "entry_ids": (), "assoc": (), "kind": kind}


def placed(template: dict, start: int, end: int, text: str, entry_ids: tuple[str, ...]) -> Actor:
    """The Actor of `template` (see actor_template) found at [start, end) as `text`; equal to Actor(...)."""
    d = template.copy()
    d["start"] = start
    d["end"] = end
    d["text"] = text
    d["entry_ids"] = entry_ids
    obj = _object_new(Actor)
    _object_setattr(obj, "__dict__", d)
    return obj


_object_new, _object_setattr = object.__new__, object.__setattr__


def evolve(actor: Actor, **changes: object) -> Actor:
    """dataclasses.replace(actor, **changes) without re-running __init__ (replace costs ~8 us)."""
    d = actor.__dict__.copy()
    d.update(changes)
    return filled(Actor, d)


def with_event_country(actor: Actor, event_iso3: str | None) -> Actor:
    """ACLED: a state's forces acting outside their own country are inter 8 (External/Other forces)."""
    assoc = tuple(with_event_country(a, event_iso3) for a in actor.assoc) if actor.assoc else ()
    inter = actor.inter
    if actor.kind == "state" and actor.country and event_iso3:
        inter = 1 if actor.country == event_iso3 else 8
    if inter == actor.inter and assoc == actor.assoc:
        return actor
    return evolve(actor, inter=inter, assoc=assoc)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first; a sole actor gives inter*10 (10, 60...)."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return (inter1 if inter1 is not None else inter2) * 10  # type: ignore[operator]
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def actor_key(actor: Actor) -> tuple[str | None, str]:
    """(country, kind): the level at which the evaluation compares our actors with ACLED's."""
    return (actor.country, actor.kind)
