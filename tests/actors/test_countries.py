"""Every ISO 3166 country resolves by each of its names (bare name -> its government) and demonyms."""
from __future__ import annotations

import pytest

from coder.actors import ActorDictionary

D = ActorDictionary.load()
ISO = [c for c in D.data.countries if c.iso3166]
# Demonyms two countries share; without a context country the commoner one wins.
SHARED = {("COG", "Congolese"): "COD", ("DMA", "Dominican"): "DOM"}


def test_all_iso3166_countries_are_listed():
    assert len(ISO) == 249
    assert {"SYR", "RUS", "TUR", "USA", "COD", "COG", "PSE", "SSD", "TLS"} <= {c.iso3 for c in ISO}


@pytest.mark.parametrize("country", ISO, ids=lambda c: c.iso3)
def test_country_names_resolve_to_government(country):
    for form in country.aliases:
        found = D.find(f"{form} said on Monday that it would respond.")
        assert [(a.text, a.code, a.country, a.kind, a.inter) for a in found][:1] == [
            (form, f"{country.iso3}GOV", country.iso3, "state", 1)], form


@pytest.mark.parametrize("country", ISO, ids=lambda c: c.iso3)
def test_country_demonyms_resolve_to_military(country):
    assert country.demonyms
    for form in country.demonyms:
        iso = SHARED.get((country.iso3, form), country.iso3)
        found = D.find(f"{form} troops crossed the river.")
        assert [(a.text, a.code) for a in found] == [(f"{form} troops", f"{iso}MIL")], form
        # the context country settles a shared demonym
        assert D.find(f"{form} troops crossed the river.", context_country=country.iso3)[0].country == country.iso3


def test_niger_is_not_nigeria_and_us_is_not_us():
    assert [a.code for a in D.find("Nigeria and Niger signed a deal.")] == ["NGAGOV", "NERGOV"]
    assert [a.code for a in D.find("They told us that US jets struck.")] == ["USAMIL"]
    assert D.find("let us go, said chad") == []
