"""Places the gazetteer cannot pin to a town still get a point, at ACLED geo precision 3
(issue 12): a place no gazetteer has (a village, a camp, an area such as a valley) at its
province's point when the province is known; a world region or continent at a point among
its countries; and a town abroad whose name several countries share, in the country the
article names most."""

from __future__ import annotations

from pathlib import Path

from workbench.extract import cached_lexicon, extract
from workbench.extract.gazetteer import not_a_place, resolve_place
from workbench.geo.gazetteer import GeoPlace


def _dictionary(tmp_path: Path, rows: str) -> Path:
    folder = tmp_path / "dict"
    folder.mkdir()
    (folder / "places.csv").write_text(
        "name,type,admin1,country,latitude,longitude,aliases,capital\n" + rows, "utf-8"
    )
    return folder


def _event_place(result, name: str):
    events = [e for e in result.events if e.place == name]
    assert events, [(e.place, e.geo_precision) for e in result.events]
    return events[0], result.entities[("place", name)].attrs


def test_a_village_no_gazetteer_has_is_coded_at_its_province(tmp_path):
    # An invented village: only its province is known.
    folder = _dictionary(tmp_path, "Kafr Qwzab,village,Idlib,Syria,,,,\n")
    text = "Government forces shelled Kafr Qwzab on Monday, killing 6 civilians, residents said."
    event, attrs = _event_place(extract(text, "2020-03-03", (), [str(folder)]), "Kafr Qwzab")
    idlib = cached_lexicon().places["Idlib Governorate"]
    assert (attrs["latitude"], attrs["longitude"]) == (idlib.lat, idlib.lon)
    assert attrs["admin1"] == "Idlib" and event.geo_precision == 3


def test_a_place_with_its_own_point_keeps_it_and_precision_1(tmp_path):
    folder = _dictionary(tmp_path, "Kafr Qwzab,village,Idlib,Syria,35.9,36.6,,\n")
    text = "Government forces shelled Kafr Qwzab on Monday, killing 6 civilians, residents said."
    event, attrs = _event_place(extract(text, "2020-03-03", (), [str(folder)]), "Kafr Qwzab")
    assert (attrs["latitude"], attrs["longitude"], event.geo_precision) == (35.9, 36.6, 1)


def test_a_place_without_point_or_province_stays_unplaced(tmp_path):
    folder = _dictionary(tmp_path, "Kafr Qwzab,village,,Syria,,,,\n")
    text = "Government forces shelled Kafr Qwzab on Monday, killing 6 civilians, residents said."
    event, attrs = _event_place(extract(text, "2020-03-03", (), [str(folder)]), "Kafr Qwzab")
    assert "latitude" not in attrs and event.geo_precision == 1


def test_world_regions_and_continents_are_places_at_precision_3():
    lex = cached_lexicon()
    for name, lat, lon in (("Europe", (40, 60), (0, 30)), ("Middle East", (25, 35), (35, 50)),
                           ("Africa", (-10, 15), (5, 30))):  # fmt: skip
        region = resolve_place(lex, name, "Syria")
        assert region is not None and region.type == "region" and region.point_of == "region"
        assert lat[0] < region.lat < lat[1] and lon[0] < region.lon < lon[1], (name, region)
        assert region.country == "" and region.admin1 == ""
    assert not_a_place(lex, "European") and not_a_place(lex, "African")
    text = "Islamic State militants carried out attacks in Europe on Monday, killing 12 people."
    event, attrs = _event_place(extract(text, "2017-06-01"), "Europe")
    assert event.geo_precision == 3 and attrs["latitude"] is not None


def test_a_town_abroad_is_the_one_in_the_country_the_article_names():
    lex = cached_lexicon()
    # Manchester (UK) and Manchester (New Hampshire) are both cities: unresolved alone ...
    assert resolve_place(lex, "Manchester", "Syria") is None
    uk = resolve_place(lex, "Manchester", "Syria", named={"United Kingdom": 3, "Turkey": 1})
    assert isinstance(uk, GeoPlace) and uk.country == "United Kingdom"
    # Several US towns go by that name (New Hampshire's, and Richmond's old name): none wins.
    assert resolve_place(lex, "Manchester", "Syria", named={"United States": 2}) is None
    # ... and when two countries that have one are named as often, still unresolved.
    both = {"United Kingdom": 1, "United States": 1}
    assert resolve_place(lex, "Manchester", "Syria", named=both) is None
    # A town too small for "abroad" alone counts where its country is named.
    assert resolve_place(lex, "Bodrum", "Syria") is None
    assert resolve_place(lex, "Bodrum", "Syria", named={"Turkey": 4}).country == "Turkey"
    text = (
        "The UK was not spared: British police said a suicide bomber attacked a pop concert "
        "in Manchester on Monday, killing 22 people."
    )
    _, attrs = _event_place(extract(text, "2017-05-23"), "Manchester")
    assert attrs["country"] == "United Kingdom" and attrs["admin1"] == "England"


def test_a_province_abroad_counts_where_its_country_is_named():
    lex = cached_lexicon()
    assert resolve_place(lex, "Alabama", "Syria") is None
    alabama = resolve_place(lex, "Alabama", "Syria", named={"United States": 2})
    assert isinstance(alabama, GeoPlace) and alabama.kind == "A1"


def test_a_village_coordinated_with_one_in_a_province_is_in_it_too() -> None:
    # Invented villages: "X and Y in Idlib province" puts both in Idlib (before: only Y).
    text = (
        "Jets struck the villages of Kafr Qwzab and Tal Zarwa in Idlib province on Monday, "
        "killing four civilians."
    )
    result = extract(text, "2020-03-03")
    for name in ("Kafr Qwzab", "Tal Zarwa"):
        event, attrs = _event_place(result, name)
        assert (attrs["admin1"], attrs["country"], event.geo_precision) == ("Idlib", "Syria", 3)
        assert attrs["latitude"] is not None
