"""Read the actor data files into frozen records, checking every row; all problems are reported at once."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coder.yamlfile import load_yaml

DATA = Path(__file__).parent / "data"
FILES = ("countries.tsv", "country_names.tsv", "agents.tsv", "groups.tsv", "leaders.tsv",
         "regimes.tsv", "grammar.yaml")
ROLES = {"GOV", "MIL", "COP", "SPY", "REB", "MLT", "OPP", "CVL", "IGO", "NGO", "IMG"}
GROUP_KINDS = {"state", "rebel", "militia", "external", "org"}
AGENT_KINDS = {"state", "rebel", "militia", "protester", "rioter", "civilian"}


class ActorDataError(ValueError):
    """Raised with every problem found in the actor data files, one per line: file:line: field: what."""


@dataclass(frozen=True)
class Country:
    id: str  # "country:SYR"
    iso3: str
    iso2: str
    numeric: int
    name: str  # geonames name
    acled: str  # ACLED's name ("Democratic Republic of Congo")
    the: bool  # ACLED writes "Military Forces of the X"
    iso3166: bool
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class Agent:
    id: str  # "agent:troops"
    role: str
    kind: str
    generic: int
    qual: bool
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    id: str  # "group:hts"
    code: str
    acled: str
    inter: int
    kind: str
    role: str
    country: str | None
    where: tuple[str, ...]
    start: date | None
    end: date | None
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Leader:
    id: str  # "leader:putin"
    iso3: str
    start: date
    end: date | None
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Regime:
    iso3: str
    roles: tuple[str, ...]
    start: date
    end: date | None
    label: str


@dataclass(frozen=True)
class ActorData:
    countries: tuple[Country, ...]
    agents: tuple[Agent, ...]
    groups: tuple[Group, ...]
    leaders: tuple[Leader, ...]
    regimes: tuple[Regime, ...]
    grammar: dict
    version: str


def _rows(data: Path, name: str, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as (line number, {column: value}); '#' lines are comments."""
    header: list[str] | None = None
    out = []
    for lineno, line in enumerate((data / name).read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            problems.append(f"{name}:{lineno}: has {len(cells)} cells, the header has {len(header)}; "
                            "separate columns with one tab each")
            continue
        out.append((lineno, dict(zip(header, (c.strip() for c in cells)))))
    return out


def _split(v: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in v.split("|") if x.strip())


def _date(v: str, where: str, problems: list[str]) -> date | None:
    if not v:
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        problems.append(f"{where}: {v!r} is not an ISO date (YYYY-MM-DD)")
        return None


def _expand_refs(rows: dict[str, tuple[str, ...]], name: str, problems: list[str]) -> dict[str, tuple[str, ...]]:
    """Resolve "@id" form references (one level) so a branch row can reuse its parent's spellings."""
    out = {}
    for rid, forms in rows.items():
        full: list[str] = []
        for f in forms:
            if f.startswith("@"):
                ref = rows.get(f[1:])
                if ref is None:
                    problems.append(f"{name}: row {rid!r}: forms: unknown reference {f!r}")
                    continue
                full.extend(x for x in ref if not x.startswith("@"))
            else:
                full.append(f)
        out[rid] = tuple(dict.fromkeys(full))
    return out


def load_data(data: Path = DATA) -> ActorData:
    """Parse and check all data files in `data`; raise ActorDataError listing every problem."""
    problems: list[str] = []
    h = hashlib.sha256()
    for f in FILES:
        h.update((data / f).read_bytes())

    names = {r["iso3"]: (ln, r) for ln, r in _rows(data, "country_names.tsv", problems)}
    countries = []
    for ln, r in _rows(data, "countries.tsv", problems):
        iso3 = r["iso3"]
        if iso3 not in names:
            problems.append(f"country_names.tsv: no row for {iso3} (countries.tsv:{ln}); add one")
            continue
        nl, n = names[iso3]
        if not _split(n["demonyms"]):
            problems.append(f"country_names.tsv:{nl}: demonyms: empty for {iso3}")
        countries.append(Country(
            id=f"country:{iso3}", iso3=iso3, iso2=r["iso2"], numeric=int(r["numeric"]), name=r["name"],
            acled=n["acled"] or r["name"], the=n["the"] == "1", iso3166=r["iso3166"] == "1",
            aliases=tuple(dict.fromkeys((r["name"],) + _split(n["aliases"]))),
            demonyms=_split(n["demonyms"]), metonyms=_split(n["metonyms"])))
    isos = {c.iso3 for c in countries}

    agents = []
    for ln, r in _rows(data, "agents.tsv", problems):
        where = f"agents.tsv:{ln}"
        if r["role"] not in ROLES:
            problems.append(f"{where}: role: {r['role']!r} is not one of {sorted(ROLES)}")
        if r["kind"] not in AGENT_KINDS:
            problems.append(f"{where}: kind: {r['kind']!r} is not one of {sorted(AGENT_KINDS)}")
        agents.append(Agent(id=f"agent:{r['id']}", role=r["role"], kind=r["kind"], generic=int(r["generic"]),
                            qual=r["qual"] == "1", forms=_split(r["forms"])))

    grows = _rows(data, "groups.tsv", problems)
    gforms = _expand_refs({r["id"]: _split(r["forms"]) for _, r in grows}, "groups.tsv", problems)
    groups = []
    seen: set[str] = set()
    for ln, r in grows:
        where = f"groups.tsv:{ln}"
        if r["id"] in seen:
            problems.append(f"{where}: id: {r['id']!r} is used twice; ids must be unique and stable")
        seen.add(r["id"])
        if r["kind"] not in GROUP_KINDS:
            problems.append(f"{where}: kind: {r['kind']!r} is not one of {sorted(GROUP_KINDS)}")
        if r["role"] not in ROLES:
            problems.append(f"{where}: role: {r['role']!r} is not one of {sorted(ROLES)}")
        for iso in ([r["country"]] if r["country"] else []) + list(_split(r["where"])):
            if iso not in isos:
                problems.append(f"{where}: country/where: {iso!r} is not an ISO3 code in countries.tsv")
        if not re.fullmatch(r"[1-8]", r["inter"]):
            problems.append(f"{where}: inter: {r['inter']!r} must be 1..8")
            continue
        groups.append(Group(id=f"group:{r['id']}", code=r["code"], acled=r["acled"], inter=int(r["inter"]),
                            kind=r["kind"], role=r["role"], country=r["country"] or None,
                            where=_split(r["where"]), start=_date(r["start"], where, problems),
                            end=_date(r["end"], where, problems), forms=gforms[r["id"]]))

    lrows = _rows(data, "leaders.tsv", problems)
    lforms = _expand_refs({r["id"]: _split(r["forms"]) for _, r in lrows}, "leaders.tsv", problems)
    leaders = []
    for ln, r in lrows:
        where = f"leaders.tsv:{ln}"
        if r["iso3"] not in isos:
            problems.append(f"{where}: iso3: {r['iso3']!r} is not in countries.tsv")
        start = _date(r["start"], where, problems)
        if start is None:
            problems.append(f"{where}: start: a leader needs a start date")
            continue
        leaders.append(Leader(id=f"leader:{r['id']}", iso3=r["iso3"], start=start,
                              end=_date(r["end"], where, problems), forms=lforms[r["id"]]))

    regimes = []
    for ln, r in _rows(data, "regimes.tsv", problems):
        where = f"regimes.tsv:{ln}"
        start = _date(r["start"], where, problems)
        if r["iso3"] not in isos or start is None:
            problems.append(f"{where}: needs a known iso3 and a start date")
            continue
        regimes.append(Regime(iso3=r["iso3"], roles=tuple(r["role"].split("|")) if r["role"] else (),
                              start=start, end=_date(r["end"], where, problems), label=r["label"]))

    grammar = load_yaml((data / "grammar.yaml").read_text(encoding="utf-8"))
    if problems:
        raise ActorDataError("actor data files have problems (fix them in coder/actors/data/):\n"
                             + "\n".join(problems))
    return ActorData(tuple(countries), tuple(agents), tuple(groups), tuple(leaders), tuple(regimes),
                     grammar, h.hexdigest()[:16])
