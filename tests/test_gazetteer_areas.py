"""Places the gazetteer cannot pin to a town still get a point, at ACLED geo precision 3
(issue 12): a place no gazetteer has (a village, a camp, an area such as a valley) at its
province's point when the province is known; a world region or continent at a point among
its countries; and a town abroad whose name several countries share, in the country the
article names most."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# -- a place no gazetteer has, tied to the area the text names (extract/areas.py) ----------
# Every village below is invented (no gazetteer has it); the provinces are real.


def _point(result, name: str) -> tuple[float, float]:
    attrs = result.entities[("place", name)].attrs
    return attrs["latitude"], attrs["longitude"]


def _province(name: str) -> tuple[float, float]:
    entry = cached_lexicon().places[name]
    return entry.lat, entry.lon


@pytest.mark.parametrize(
    ("text", "village", "admin1", "province"),
    [
        (  # the area after the village, joined by place words only
            "Rebels shelled the village of Kafr Zanbaq in the northern countryside of Hama "
            "province on Monday, killing two soldiers.",
            "Kafr Zanbaq", "Hama", "Hama Governorate",
        ),
        (  # ", in X province"
            "Gunmen attacked the hamlet of Umm Zaytun, in Deraa province, on Monday, killing "
            "a farmer.",
            "Umm Zaytun", "Daraa", "Daraa Governorate",
        ),
        (  # the sentence's scene, set before the village ("countryside of" a city)
            "In the western countryside of Aleppo, clashes erupted on Monday between rebels "
            "and government forces on the axis of Tal Qirmiz, killing six fighters.",
            "Tal Qirmiz", "Aleppo", "Aleppo Governorate",
        ),
    ],
)  # fmt: skip
def test_an_unknown_village_is_coded_at_the_province_its_sentence_names(
    text, village, admin1, province
):
    result = extract(text, "2024-03-04")
    event, attrs = _event_place(result, village)
    assert event.place == village  # the location keeps the reported name
    assert (attrs["admin1"], attrs["country"], event.geo_precision) == (admin1, "Syria", 3)
    assert _point(result, village) == _province(province)
    assert "place-at-province-point" in event.rules
    assert (
        f"Location: {village} has no point in the gazetteer; coded at {admin1} province, "
        "named in the same sentence." in event.notes
    )


def test_an_unknown_village_in_a_named_district_or_area_is_at_its_point_precision_2():
    lex = cached_lexicon()
    text = (
        "Militiamen killed nine civilians in the village of Mbwasa in Beni territory on "
        "Sunday, a local official said."
    )
    result = extract(text, "2024-03-04")
    event, attrs = _event_place(result, "Mbwasa")
    beni = lex.places["Beni"]
    assert _point(result, "Mbwasa") == (beni.lat, beni.lon)  # the territory's capital
    assert (attrs["admin1"], event.geo_precision) == ("North Kivu", 2)
    assert "Beni territory" in event.notes and "place-at-district-point" in event.rules
    text = (
        "Government helicopters dropped barrel bombs on the hamlet of Ein Qirfa in the Jabal "
        "al-Zawiya area on Monday, wounding three civilians."
    )
    result = extract(text, "2024-03-04")
    event, attrs = _event_place(result, "Ein Qirfa")
    zawiya = lex.places["Jabal al-Zawiya"]
    assert _point(result, "Ein Qirfa") == (zawiya.lat, zawiya.lon)
    assert (attrs["admin1"], event.geo_precision) == ("Idlib", 2)


def test_an_unknown_village_takes_the_province_the_article_named_for_it_earlier():
    # Two provinces in the article: only the first sentence can place Kafr Zanbaq.
    text = (
        "Jets struck the village of Kafr Zanbaq in Idlib province on Monday, killing two "
        "civilians.\n\nRebels shelled the town of Suqaylabiyah in Hama province on Monday.\n\n"
        "On Thursday, helicopters bombed the village of Kafr Zanbaq again, killing three "
        "children, rescuers said."
    )
    result = extract(text, "2024-03-08")
    events = [e for e in result.events if e.place == "Kafr Zanbaq"]
    assert len(events) == 2, [(e.place, e.event_date) for e in result.events]
    assert all(e.geo_precision == 3 for e in events)
    assert _point(result, "Kafr Zanbaq") == _province("Idlib Governorate")
    assert "elsewhere in the article" in events[1].notes


def test_an_unknown_village_takes_the_articles_only_province():
    text = (
        "Government forces shelled rebel positions across Idlib province on Sunday, a "
        "monitor said.\n\nOn Monday, helicopters dropped barrel bombs on the village of "
        "Umm Zaytun, killing four civilians."
    )
    result = extract(text, "2024-03-05")
    event, attrs = _event_place(result, "Umm Zaytun")
    assert (attrs["admin1"], event.geo_precision) == ("Idlib", 3)
    assert _point(result, "Umm Zaytun") == _province("Idlib Governorate")
    assert "the only one the article names" in event.notes
    # A province named as one outranks a city named as its province is ("Hama" the city).
    text = text.replace("a monitor said", "a monitor in Hama said")
    result = extract(text, "2024-03-05")
    assert _event_place(result, "Umm Zaytun")[1]["admin1"] == "Idlib"


@pytest.mark.parametrize(
    "first",
    [
        # Two provinces: no telling which one the village lies in.
        "Government forces shelled rebel positions in Idlib province and in Hama province on "
        "Sunday, a monitor said.",
        # A capital names the government (or a dateline), not the article's province.
        "Officials in Damascus said on Sunday that the army would press on.",
        # No area at all.
        "Government forces pressed on with their offensive on Sunday, a monitor said.",
    ],
)
def test_an_unknown_village_no_area_is_tied_to_stays_without_coordinates(first):
    text = (
        f"{first}\n\nOn Monday, helicopters dropped barrel bombs on the village of Umm Zaytun, "
        "killing four civilians."
    )
    result = extract(text, "2024-03-05")
    event, attrs = _event_place(result, "Umm Zaytun")
    assert "latitude" not in attrs and "admin1" not in attrs
    assert event.geo_precision != 3 and "gazetteer" not in event.notes


def test_a_lake_is_not_tied_to_the_articles_province():
    text = (
        "Rebels shelled government positions in Hama province on Sunday.\n\n"
        "On Monday, jets fired missiles from the direction of Lake Qarun Nabi, killing two "
        "soldiers."
    )
    result = extract(text, "2024-03-05")
    lake = result.entities.get(("place", "Lake Qarun Nabi"))
    assert lake is None or "latitude" not in lake.attrs


def test_tripoli_alone_is_the_larger_city_libya():
    # No country anywhere in the article: the one of 1.3 million, not Lebanon's 230,000.
    text = "Gunmen stormed a government building in Tripoli on Monday, killing four guards."
    result = extract(text, "2024-03-05")
    assert result.country == "Libya"
    _, attrs = _event_place(result, "Tripoli (Libya)")
    assert attrs["country"] == "Libya"
    # With Lebanon named by its forces, Lebanon's.
    text = text.replace("Gunmen", "Lebanese soldiers")
    _, attrs = _event_place(extract(text, "2024-03-05"), "Tripoli (Lebanon)")
    assert attrs["country"] == "Lebanon"


def test_exports_carry_the_province_point_at_geo_precision_3(store, tmp_path):
    from export_helpers import csv_rows, jsonl_records, relax_confirm_rules

    from workbench.extract.run import extract_articles
    from workbench.store import now
    from workbench.store.events import set_status

    relax_confirm_rules(store.path)
    text = (
        "Rebels shelled the village of Kafr Zanbaq in the northern countryside of Hama "
        "province on Monday, killing two soldiers."
    )
    with store.write():
        aid = store.conn.execute(
            "INSERT INTO articles (content_hash, file, text, published, ingested_at) "
            "VALUES ('h1', 'a.txt', ?, '2024-03-05', ?)",
            [text, now()],
        ).lastrowid
    extract_articles(store, [aid])
    (eid,) = [r["id"] for r in store.query("SELECT id FROM events")]
    set_status(store, eid, "confirmed")
    lat, lon = _province("Hama Governorate")
    (row,) = csv_rows(store, tmp_path)
    assert (row["location"], row["admin1"], row["geo_precision"]) == ("Kafr Zanbaq", "Hama", "3")
    assert (float(row["latitude"]), float(row["longitude"])) == (lat, lon)
    assert "coded at Hama province" in row["notes"]
    (record,) = jsonl_records(store, tmp_path)
    assert (record["location"], record["geo_precision"]) == ("Kafr Zanbaq", 3)
    assert (record["latitude"], record["longitude"]) == (lat, lon)
