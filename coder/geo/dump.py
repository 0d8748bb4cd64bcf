"""Read a user's GeoNames dump (`--gazetteer PATH`) into the same tables as the shipped gazetteer.

PATH is allCountries.txt or a country file (e.g. SY.txt) in the GeoNames "geoname" table format
(19 tab-separated columns); admin1CodesASCII.txt must sit beside it. Kept: populated places (feature
class P) with population >= MIN_POPULATION or that are seats of government (PPLA*, PPLC), ADM1 and ADM2
areas, and countries (PCL*). Countries named in text but absent from the dump come from the shipped
country list, and the curated supplement (bases, highways, regions) is added for countries whose
admin1 regions are known.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import pyarrow as pa

from .normalize import display_name, is_latin, name_key
from .types import GeoEntry

DATA = Path(__file__).resolve().parent / "data"
MIN_POPULATION = 1000
N_COLUMNS = 19
_SEATS = ("PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLG")
_COLUMNS = ("geonames_id", "name", "kind", "cc", "country", "iso", "iso3", "admin1", "admin1_code", "admin2",
            "latitude", "longitude", "population", "precision")


class DumpError(ValueError):
    """A GeoNames dump could not be read; the message names the file, line and field."""


def _tsv(path: Path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]


def read_dump(path: Path, country_entries: dict[str, GeoEntry]
              ) -> tuple[pa.Table, dict[str, list[int]], str]:
    """Returns (entries table, name key -> row numbers, version hash)."""
    if not path.is_file():
        raise DumpError(f"--gazetteer {path}: no such file; give allCountries.txt or a country file such as SY.txt")
    admin1_file = path.parent / "admin1CodesASCII.txt"
    if not admin1_file.is_file():
        raise DumpError(f"--gazetteer {path}: {admin1_file} is missing; download admin1CodesASCII.txt from "
                        "GeoNames next to the dump")
    countries = {cc: (e.country, e.iso, e.iso3) for cc, e in country_entries.items()}
    h = hashlib.sha256()
    admin1_names: dict[str, str] = {}
    for i, line in enumerate(admin1_file.read_text(encoding="utf-8").splitlines(), start=1):
        h.update(line.encode())
        parts = line.split("\t")
        if len(parts) < 3:
            raise DumpError(f"{admin1_file}:{i}: expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid'")
        admin1_names[parts[0]] = parts[2] or parts[1]
    iso_of = {r[0]: r[1] for r in _tsv(DATA / "admin1_iso.tsv")[1:]}

    rows: list[tuple] = []
    names: dict[str, list[int]] = defaultdict(list)
    admin2_rows: list[tuple[int, str]] = []  # (row, "CC.a1.a2")
    admin2_name: dict[str, str] = {}
    place_admin2: list[tuple[int, str]] = []
    seen_countries: set[str] = set()

    def add(values: tuple, all_names: list[str]) -> int:
        idx = len(rows)
        rows.append(values)
        for n in all_names:
            if n and is_latin(n):
                k = name_key(n)
                if len(k) >= 2 and not k.isdigit():
                    names[k].append(idx)
        return idx

    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            h.update(line.encode())
            p = line.rstrip("\n").split("\t")
            if len(p) != N_COLUMNS:
                raise DumpError(f"{path}:{line_no}: expected {N_COLUMNS} tab-separated columns (GeoNames "
                                f"'geoname' table), found {len(p)}")
            fclass, fcode, cc = p[6], p[7], p[8]
            if fclass not in ("P", "A"):
                continue
            try:
                gid, lat, lon = int(p[0]), float(p[4]), float(p[5])
                pop = int(p[14] or 0)
            except ValueError as exc:
                raise DumpError(f"{path}:{line_no}: bad number in geonameid/latitude/longitude/population: {exc}")
            cname, iso, iso3 = countries.get(cc, (cc, None, ""))
            alts = [a for a in p[3].split(",") if a]
            a1key = f"{cc}.{p[10]}"
            a1code = iso_of.get(a1key)
            a1name = admin1_names.get(a1key)
            if fclass == "P" and (pop >= MIN_POPULATION or fcode in _SEATS):
                idx = add((gid, display_name(p[1]), "place", cc, cname, iso, iso3, a1name, a1code, None, lat, lon,
                           pop, 1), [p[1], p[2]] + alts)
                if p[11]:
                    place_admin2.append((idx, f"{a1key}.{p[11]}"))
            elif fcode == "ADM1":
                add((gid, a1name or display_name(p[1]), "admin1", cc, cname, iso, iso3, a1name or p[2], a1code,
                     None, lat, lon, pop, 3), [p[1], p[2], a1name or ""] + alts)
            elif fcode == "ADM2":
                idx = add((gid, display_name(p[1]), "admin2", cc, cname, iso, iso3, a1name, a1code,
                           display_name(p[1]), lat, lon, pop, 2), [p[1], p[2]] + alts)
                admin2_name[f"{a1key}.{p[11]}"] = display_name(p[1])
            elif fcode.startswith("PCL"):
                seen_countries.add(cc)
                add((gid, cname, "country", cc, cname, iso, iso3, None, None, None, lat, lon, pop, 3),
                    [p[1], p[2], cname] + alts)
    for idx, code in place_admin2:
        if code in admin2_name:
            r = rows[idx]
            rows[idx] = r[:9] + (admin2_name[code],) + r[10:]
    _add_countries(rows, names, country_entries, seen_countries)
    _add_supplement(rows, names, countries, iso_of, admin1_names)
    table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(_COLUMNS)})
    table = table.cast(pa.schema([("geonames_id", pa.int32()), ("name", pa.string()), ("kind", pa.string()),
                                  ("cc", pa.string()), ("country", pa.string()), ("iso", pa.int16()),
                                  ("iso3", pa.string()), ("admin1", pa.string()), ("admin1_code", pa.string()),
                                  ("admin2", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
                                  ("population", pa.int32()), ("precision", pa.int8())]))
    return table, dict(names), "dump-" + h.hexdigest()[:16]


def _add_countries(rows: list, names: dict, countries: dict[str, GeoEntry], seen: set[str]) -> None:
    """Countries absent from the dump (a country file names only its own) still resolve by name."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in _tsv(DATA / "country_aliases.tsv")[1:]:
        aliases[r[0]].append(r[1])
    for cc, e in sorted(countries.items()):
        cname, iso, iso3 = e.country, e.iso, e.iso3
        if cc in seen:
            idx = next(i for i, r in enumerate(rows) if r[2] == "country" and r[3] == cc)
        else:
            idx = len(rows)
            rows.append((e.geonames_id, cname, "country", cc, cname, iso, iso3, None, None, None, e.latitude,
                         e.longitude, e.population, 3))
            names[name_key(cname)].append(idx)
        for a in aliases.get(cc, []):
            names[name_key(a)].append(idx)


def _add_supplement(rows: list, names: dict, countries: dict, iso_of: dict[str, str],
                    admin1_names: dict[str, str]) -> None:
    code_name = {iso: admin1_names.get(gn) for gn, iso in iso_of.items()}
    lines = [ln.split("\t") for ln in (DATA / "supplement.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")][1:]
    for r in lines:
        _id, name, al, kind, cc, code, lat, lon, prec, rank = r
        if not code or code not in code_name or cc not in countries:
            continue
        cname, iso, iso3 = countries[cc]
        idx = len(rows)
        rows.append((None, name, kind, cc, cname, iso, iso3, code_name[code], code, None, float(lat), float(lon),
                     10 ** int(rank), int(prec)))
        for n in [name] + [a for a in al.split("|") if a]:
            names[name_key(n)].append(idx)
