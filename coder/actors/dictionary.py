"""ActorDictionary: the one object the pipeline uses to find and code actor phrases."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from .compose import Composer
from .lexicon import Lexicon, fold
from .load import ActorData, Country, load_data
from .model import Actor
from .names import actor_code, actor_name


class ActorDictionary:
    """Compiled actor dictionaries. Build with `load()` (cached per process); `find` is pure."""

    def __init__(self, data: ActorData) -> None:
        self.data = data
        self.version: str = data.version
        self._lexicon = Lexicon(data)
        self._composer = Composer(data)
        self.countries: dict[str, Country] = {c.iso3: c for c in data.countries}

    @classmethod
    def load(cls) -> "ActorDictionary":
        return _load()

    def find(self, text: str, published: date | None = None,
             context_country: str | None = None) -> list[Actor]:
        """Maximal non-overlapping actor phrases in `text`, left to right.

        `published` dates leaders, regimes and groups; `context_country` (ISO3) fills "the regime",
        bare "troops", "protesters" and picks group branches ("IS" in Afghanistan).
        """
        low = fold(text)
        units = self._lexicon.units(text, low)
        if not units:
            return []
        return self._composer.compose(text, low, units, published, context_country)

    def military_of(self, actor: Actor, published: date | None = None) -> Actor:
        """GOV of a state -> its MIL (a government 'launched airstrikes' means its military did)."""
        if actor.kind != "state" or actor.role != "GOV" or actor.country is None:
            return actor
        c = self.countries[actor.country]
        regimes = self._composer.regimes.get(c.iso3, ())
        return replace(actor, code=actor_code(c, "MIL"), name=actor_name(c, "MIL", "state", regimes, published),
                       role="MIL")


    def protesters_of(self, actor: Actor, rioters: bool = False, published: date | None = None) -> Actor:
        """Civilians who block a road or march are ACLED protesters (or rioters, if violent)."""
        if actor.kind != "civilian":
            return actor
        c = self.countries.get(actor.country) if actor.country else None
        kind = "rioter" if rioters else "protester"
        return replace(actor, code=actor_code(c, "OPP"), name=actor_name(c, "OPP", kind, (), published),
                       role="OPP", kind=kind, inter=5 if rioters else 6)


@lru_cache(maxsize=1)
def _load() -> ActorDictionary:
    return ActorDictionary(load_data())
