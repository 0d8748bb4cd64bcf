"""ActorDictionary: the one object the pipeline uses to find and code actor phrases."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from .compose import Composer
from .lexicon import Lexicon, fold
from .load import ActorData, Country, load_data
from .model import INTER_OF_KIND, Actor, evolve


class ActorDictionary:
    """Compiled actor dictionaries. Build with `load()` (cached per process); `find` is pure."""

    def __init__(self, data: ActorData) -> None:
        self.data = data
        self.version: str = data.version
        self._lexicon = Lexicon(data)
        self._composer = Composer(data, self._lexicon.sets)
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
        hits = self._lexicon.hits(text, low)
        if not hits:
            return []
        return self._composer.compose(text, low, hits, published, context_country)

    def military_of(self, actor: Actor, published: date | None = None) -> Actor:
        """GOV of a state -> its MIL (a government 'launched airstrikes' means its military did)."""
        if actor.kind != "state" or actor.role != "GOV" or actor.country is None:
            return actor
        c = self.countries[actor.country]
        code, _, name = self._composer.naming(c, "MIL", "state", published)  # actor_code, actor_name, memoised
        return evolve(actor, code=code, name=name, role="MIL")


    def protesters_of(self, actor: Actor, rioters: bool = False, published: date | None = None) -> Actor:
        """Civilians who block a road or march are ACLED protesters (or rioters, if violent)."""
        if actor.kind != "civilian":
            return actor
        c = self.countries.get(actor.country) if actor.country else None
        kind = "rioter" if rioters else "protester"
        code, _, name = self._composer.naming(c, "OPP", kind, published)
        return evolve(actor, code=code, name=name, role="OPP", kind=kind, inter=5 if rioters else 6)


    def localized(self, actor: Actor, iso3: str | None, published: date | None = None) -> Actor:
        """A generic actor named without a country ("protesters", "gunmen") takes the event's country, as
        ACLED names them: "Protesters (Kenya)". Actors with a country, states and named groups are unchanged."""
        c = self.countries.get(iso3) if iso3 else None
        if actor.assoc:
            assoc = tuple(self.localized(x, iso3, published) for x in actor.assoc)
            if any(x is not y for x, y in zip(assoc, actor.assoc)):
                actor = evolve(actor, assoc=assoc)
        if actor.country is not None or c is None or actor.kind not in _GENERIC_KINDS or actor.entry_ids and \
                any(e.startswith("group:") for e in actor.entry_ids):
            return actor
        code, _, name = self._composer.naming(c, actor.role, actor.kind, published)
        return evolve(actor, country=c.iso3, code=code, name=name)

    def participants(self, actor: Actor | None, kind: str, iso3: str | None, start: int = 0, end: int = 0,
                     published: date | None = None) -> Actor:
        """ACLED's actor1 of a demonstration: the civilians, protesters or rioters who took part, as
        `kind` ("protester" or "rioter") says; an unnamed crowd becomes "Rioters (Country)" itself."""
        if actor is not None and actor.kind not in ("civilian", "protester", "rioter"):
            return actor
        c = self.countries.get((actor.country if actor is not None else None) or iso3 or "")
        base = actor or Actor(code="", name="", inter=0, country=None, role="OPP", start=start, end=end, text="",
                              entry_ids=("implied:participants",), kind=kind)
        code, _, name = self._composer.naming(c, "OPP", kind, published)
        return evolve(base, code=code, name=name, role="OPP", kind=kind, inter=INTER_OF_KIND[kind], country=c.iso3 if c else None)


_GENERIC_KINDS = frozenset({"protester", "rioter", "civilian", "militia", "rebel", "state"})


@lru_cache(maxsize=1)
def _load() -> ActorDictionary:
    return ActorDictionary(load_data())
