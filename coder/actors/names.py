"""ACLED-style names and CAMEO-style codes for a (country, role, kind) actor, dated by regime."""
from __future__ import annotations

from datetime import date

from .load import Country, Regime
from .model import INTER_OF_KIND

_STATE_PREFIX = {"MIL": "Military Forces of", "COP": "Police Forces of", "GOV": "Government of",
                 "SPY": "Government of"}
_UNKNOWN_STATE = {"MIL": "Unidentified Military Forces", "COP": "Unidentified Police Forces",
                  "GOV": "Unidentified Government", "SPY": "Unidentified Government"}
_NONSTATE = {"rebel": "Rebel groups", "militia": "Unidentified Armed Group", "protester": "Protesters",
             "rioter": "Rioters", "civilian": "Civilians"}


def regime_label(regimes: tuple[Regime, ...], role: str, when: date | None) -> str:
    """The bracketed regime dates for this role on `when` (the current regime if `when` is None)."""
    rows = [r for r in regimes if not r.roles or role in r.roles]
    if not rows:
        return ""
    if when is None:
        return max(rows, key=lambda r: r.start).label
    for r in rows:
        if r.start <= when and (r.end is None or when <= r.end):
            return r.label
    return ""


def actor_name(country: Country | None, role: str, kind: str, regimes: tuple[Regime, ...],
               when: date | None) -> str:
    """"Military Forces of Syria (2000-2024)", "Protesters (Kenya)", "Unidentified Military Forces"."""
    if kind == "state":
        if country is None:
            return _UNKNOWN_STATE.get(role, "Unidentified Military Forces")
        label = regime_label(regimes, role, when)
        the = "the " if country.the else ""
        name = f"{_STATE_PREFIX.get(role, 'Military Forces of')} {the}{country.acled}"
        return f"{name} ({label})" if label else name
    base = _NONSTATE[kind]
    return f"{base} ({country.acled})" if country is not None else base


def actor_code(country: Country | None, role: str) -> str:
    """ISO3 + role ("SYRMIL"); the bare role when the country is unknown ("MIL")."""
    return f"{country.iso3}{role}" if country is not None else role


def inter_of(kind: str) -> int:
    return INTER_OF_KIND[kind]
