"""Provides `add_world`: every country of `data/countries.csv` as a place and a demonym.

The extractor's own tables list the countries and demonyms of the wars it knows best, with
their coordinates; countries.csv (also used by export and name resolution) lists them all.
Reading both means "Mexican soldiers" or "in Myanmar" work on a report from anywhere, and
the two lists cannot drift apart. The extractor's own rows win where both say something.
"""

from __future__ import annotations

from ..base.countries import country_rows, split_list

# A demonym two countries share ("Congolese") names neither without the extractor's own
# table deciding; ISO-style codes ("MEX") and inverted forms ("Congo, The ...") are no names
# a reporter writes.


def world_rows() -> list[tuple[str, list[str], list[str]]]:
    """(country, aliases, demonyms) for each row of countries.csv."""
    return [
        (row["country"].strip(), split_list(row.get("aliases")), split_list(row.get("demonyms")))
        for row in country_rows()
    ]


def add_world(places: dict, demonyms: dict[str, str], make_place) -> None:
    """Add missing countries to `places` (name -> entry, built by `make_place(name, aliases)`)
    and unambiguous demonyms to `demonyms` (demonym -> country)."""
    rows = world_rows()
    known = {name for entry in places.values() for name in (entry.name, *entry.aliases)}
    counts: dict[str, int] = {}
    for _, _, dems in rows:
        for d in dems:
            counts[d] = counts.get(d, 0) + 1
    for country, aliases, dems in rows:
        if country not in places and country not in known:
            usable = [a for a in aliases if _written(a) and a not in known]
            places[country] = make_place(country, usable)
        for d in dems:
            if counts[d] == 1 and d not in demonyms and d not in known and d != country:
                demonyms[d] = country


def _written(alias: str) -> bool:
    return "," not in alias and not (alias.isupper() and len(alias) <= 3)
