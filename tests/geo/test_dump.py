"""--gazetteer PATH: a user's GeoNames dump (fixture in the GeoNames format) replaces the shipped data."""
from pathlib import Path

import pytest

from coder.geo import Gazetteer
from coder.geo.dump import DumpError
from coder.geo.resolve import build_context, locate

DUMP = Path(__file__).parent / "fixtures" / "dump" / "allCountries.txt"


def test_dump_loads_places_admin1_and_countries():
    gaz = Gazetteer.load(str(DUMP))
    assert gaz.version.startswith("dump-") and gaz.version != Gazetteer.load().version
    assert Gazetteer.load(str(DUMP)) is gaz  # cached per process
    assert [e.geonames_id for e in gaz.lookup("Saraqeb")] == [164816]
    assert gaz.lookup("Kafr Tiny") == ()  # population 200 < 1000
    assert gaz.lookup("Jabal Test") == ()  # feature class T is not loaded
    idlib = {e.kind: e for e in gaz.lookup("Idlib")}
    assert idlib["admin1"].admin1_code == "SY-ID" and idlib["place"].admin1 == "Idlib"


def test_dump_locates_events():
    gaz = Gazetteer.load(str(DUMP))
    text = "Jets struck Maaret al-Numan in Syria. Protesters blocked roads in Tripoli."
    ms = gaz.find(text)
    ctx = build_context(gaz, text, ms)
    first = locate(ms[:1], ms[:2], ctx)
    assert (first.location, first.country, first.admin1_code, first.geonames_id) == \
        ("Ma'arrat an Nu'man", "Syria", "SY-ID", 167611)
    tripoli = locate(ms[2:], ms[2:], ctx)
    assert (tripoli.country, tripoli.admin1, tripoli.admin1_code) == ("Lebanon", "North Governorate", "LB-AS")
    turkey = gaz.lookup("Turkey")[0]  # countries absent from the dump still resolve
    assert turkey.kind == "country" and turkey.iso3 == "TUR" and turkey.latitude != 0.0


def test_dump_errors_say_what_and_where(tmp_path):
    bad = tmp_path / "XX.txt"
    bad.write_text("1\tOnly\tthree\n", encoding="utf-8")
    with pytest.raises(DumpError, match="admin1CodesASCII.txt is missing"):
        Gazetteer.load(str(bad))
    (tmp_path / "admin1CodesASCII.txt").write_text("SY.12\tIdlib\tIdlib\t169387\n", encoding="utf-8")
    with pytest.raises(DumpError, match=r"XX.txt:1: expected 19 tab-separated columns"):
        Gazetteer.load(str(bad))
