"""The outlet's country: the last clue to where an event happened (extract/outlets.py)."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from extract_support import ingest_notes

from workbench.base.countries import country_index
from workbench.extract import extract
from workbench.extract.lexicon import cached_lexicon
from workbench.extract.outlets import outlet_country


@pytest.mark.parametrize(
    ("outlet", "country"),
    [
        ("Radio Dabanga", "Sudan"),  # the table: a local outlet whose name names no place
        ("the hindu", "India"),  # case and a leading "the" do not matter
        ("Dawn (Pakistan)", "Pakistan"),  # a country in brackets
        ("Chandigarh Tribune", "India"),  # a big city of one country
        ("Le Potentiel (Kinshasa)", "Democratic Republic of Congo"),  # a big city
        ("Daily News Egypt", "Egypt"),
        ("Sudan Tribune; Radio Dabanga", "Sudan"),  # two outlets of one country
        ("Radio Dabanga; Radio Okapi", None),  # two countries: no answer
        ("Agence France Presse", None),  # an international agency names France, reports all
        ("AFP", None),
        ("Agence France Presse -- English", None),  # an edition: still the agency
        ("Xinhua News Agency - French; Agence France Presse", None),
        ("Radio Okapi - French", "Democratic Republic of Congo"),
        ("Radio Okapi 2 Sep 05", "Democratic Republic of Congo"),  # the day it ran, after
        ("Radio Dabanga, 18 May 2006.", "Sudan"),
        ("Sudan Tribune 02/01/2008", "Sudan"),
        ("Deep South Watch (CSCD)", "Thailand"),  # a known outlet and its acronym
        ("Mosaiquefm", "Tunisia"),  # the table's "Mosaique FM", its words run together
        ("MadaMasr", "Egypt"),
        ("Daily Regional Times", "Pakistan"),  # a local outlet whose name names no place
        ("Sudo UK", "Sudan"),  # the table outranks a country in the name
        ("Agence France Press; Radio France Internationale", None),
        ("New York Times", None),
        ("The Guardian", None),
        ("Human Rights Watch", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_country(outlet, country):
    assert outlet_country(cached_lexicon(()), outlet) == country


def test_every_country_in_the_outlet_table_is_a_known_country():
    names = set(country_index().values())
    text = resources.files("workbench.data").joinpath("outlets.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows and all(r["country"] in names for r in rows if r["country"])


def test_ingest_reads_the_outlet_of_a_note_that_names_no_place(tmp_path):
    """The product's path: the manifest's outlet reaches extraction in `ingest`."""
    text = "12 May. Militiamen raped a woman returning from the fields.\n"
    rows = ingest_notes(
        tmp_path,
        {
            "n1.txt": (text, "Radio Okapi", "2018-05-13"),
            "n2.txt": (text + "\n.", "Reuters", "2018-05-13"),
        },
    )
    by_file = {r["sources"][0]["file"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_file["n1.txt"]["actor2"] == "Civilians (Democratic Republic of Congo)"
    assert by_file["n2.txt"]["actor2"] == "Civilians"


@pytest.mark.parametrize(
    ("text", "outlet", "actor1"),
    [
        # The people it befell may be foreigners: their demonym gives way to the forces
        # named, the places and the outlet, and names the country only when nothing else does.
        ("Eleven Tunisian labourers were kidnapped by gunmen near a quarry on Sunday and "
         "Libyan troops set out to free them.", None, "Unidentified Armed Group (Libya)"),
        ("A Kenyan engineer was abducted by gunmen outside the depot on Sunday.",
         "Radio Dabanga", "Unidentified Armed Group (Sudan)"),
        ("A Kenyan engineer was abducted by gunmen outside the depot on Sunday.",
         None, "Unidentified Armed Group (Kenya)"),
        # A demonym of forces still names where it happened.
        ("Malian soldiers abducted two herders outside the depot on Sunday.",
         "Radio Dabanga", "Military Forces of Mali"),
    ],
)  # fmt: skip
def test_the_nationality_of_the_victims_is_the_last_clue_to_the_country(text, outlet, actor1):
    events = extract(text, "2019-01-10", outlet=outlet).events
    assert [e.actor1 for e in events] == [actor1]
