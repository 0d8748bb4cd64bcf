"""Records of the geo package: gazetteer rows, mentions found in text, and resolved locations."""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("country", "admin1", "admin2", "place", "feature", "region")


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer row. `precision` is the default ACLED geo_precision of the row (1 town, 2 part, 3 region)."""

    geonames_id: int | None
    name: str
    kind: str  # one of KINDS
    country: str  # country name, as ACLED writes it ("Syria")
    iso: int | None  # ISO 3166-1 numeric
    iso3: str
    admin1: str | None
    admin1_code: str | None  # ISO 3166-2, e.g. "SY-ID"
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    precision: int
    cc: str = ""  # ISO 3166-1 alpha-2 ("SY")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name found in text; offsets are code points into the text given to `Gazetteer.find`.

    `candidates` come from the strict key. `loose` are skeleton-key candidates, trusted only when
    their country is already in context. `qualifier` records words around the name that change
    its meaning: "admin1" (X province), "admin2" (X district), "town" (X city), "part"
    (northern X, X countryside, X area), "near" (near X, outskirts of X).
    """

    start: int
    end: int
    text: str
    candidates: tuple[GeoEntry, ...]
    key: str = ""
    loose: tuple[GeoEntry, ...] = ()
    qualifier: str = ""
    locative: bool = False  # preceded by in/at/near/on/into/...


@dataclass(frozen=True, slots=True)
class Location:
    """What goes into the event row, plus the explanation."""

    country: str | None  # name, e.g. "Syria"
    iso: int | None
    iso3: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    geonames_id: int | None
    evidence: str | None
    reason: str


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple:
    return tuple(cls.__dict__[n].__set__ for n in names)


(_S_START, _S_END, _S_TEXT, _S_CANDS, _S_KEY, _S_LOOSE, _S_QUAL, _S_LOC) = _slot_setters(
    PlaceMention, ("start", "end", "text", "candidates", "key", "loose", "qualifier", "locative"))
_new = object.__new__


def new_mention(start: int, end: int, text: str, candidates: tuple[GeoEntry, ...], key: str,
                loose: tuple[GeoEntry, ...], qualifier: str, locative: bool) -> PlaceMention:
    """`PlaceMention(...)` for the matcher's hot loop: the frozen dataclass `__init__` pays one
    object.__setattr__ per field; the slot descriptors set them directly (same object, ~40% cheaper)."""
    m = _new(PlaceMention)
    _S_START(m, start)
    _S_END(m, end)
    _S_TEXT(m, text)
    _S_CANDS(m, candidates)
    _S_KEY(m, key)
    _S_LOOSE(m, loose)
    _S_QUAL(m, qualifier)
    _S_LOC(m, locative)
    return m


(_E_GID, _E_NAME, _E_KIND, _E_COUNTRY, _E_ISO, _E_ISO3, _E_A1, _E_A1CODE, _E_A2, _E_LAT, _E_LON, _E_POP, _E_PREC,
 _E_CC) = _slot_setters(GeoEntry, ("geonames_id", "name", "kind", "country", "iso", "iso3", "admin1", "admin1_code",
                                   "admin2", "latitude", "longitude", "population", "precision", "cc"))


def new_entry(geonames_id: int | None, name: str, kind: str, country: str, iso: int | None, iso3: str,
              admin1: str | None, admin1_code: str | None, admin2: str | None, latitude: float, longitude: float,
              population: int, precision: int, cc: str) -> GeoEntry:
    """`GeoEntry(...)` for the gazetteer's row reader: slot setters instead of the frozen dataclass
    `__init__` (same object, cheaper)."""
    e = _new(GeoEntry)
    _E_GID(e, geonames_id)
    _E_NAME(e, name)
    _E_KIND(e, kind)
    _E_COUNTRY(e, country)
    _E_ISO(e, iso)
    _E_ISO3(e, iso3)
    _E_A1(e, admin1)
    _E_A1CODE(e, admin1_code)
    _E_A2(e, admin2)
    _E_LAT(e, latitude)
    _E_LON(e, longitude)
    _E_POP(e, population)
    _E_PREC(e, precision)
    _E_CC(e, cc)
    return e
