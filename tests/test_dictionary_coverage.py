"""The packaged dictionaries beyond the Syrian core: invented reports from other wars name
their actors and places with the right canonical name, type, country and province."""

from __future__ import annotations

import pytest

from workbench.extract import extract
from workbench.extract.lexicon import cached_lexicon

PUB = "2023-05-10"  # a Wednesday
DRC = "Democratic Republic of Congo"  # countries.csv spelling


def one(text: str):
    result = extract(text, PUB)
    assert len(result.events) == 1, [(e.sub_event_type, e.quote) for e in result.events]
    return result, result.events[0]


def mentioned(text: str, kind: str) -> list[str]:
    return [m.name for m in extract(text, PUB).mentions if m.kind == kind]


def test_congolese_army_and_m23_near_rutshuru():
    result, event = one("Congolese soldiers clashed with M23 rebels near Rutshuru on Monday.")
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "Military Forces of Democratic Republic of Congo"
    assert event.actor2 == "M23: March 23 Movement"
    assert event.place == "Rutshuru"
    assert result.country == DRC
    place = cached_lexicon().places["Rutshuru"]
    assert (place.admin1, place.country) == ("North Kivu", DRC)


def test_adf_raid_on_villagers_in_beni_territory():
    _, event = one("ADF fighters killed 14 villagers with machetes in Oicha on Sunday night.")
    assert event.actor1 == "ADF: Allied Democratic Forces"
    assert event.actor2 == f"Civilians ({DRC})"
    assert event.place == "Oicha"
    assert event.fatalities == 14


def test_cartel_gunmen_attack_mexican_police_in_culiacan():
    result, event = one(
        "Sinaloa cartel gunmen ambushed a police patrol in Culiacán on Tuesday, killing two officers."
    )
    assert event.actor1 == "Sinaloa Cartel"
    assert event.actor2 == "Police Forces of Mexico"
    assert event.place == "Culiacan"  # the accented spelling finds the canonical entry
    assert result.country == "Mexico"


def test_sinaloa_the_state_and_sinaloa_the_cartel_are_told_apart():
    text = "Violence in Sinaloa is blamed on the Sinaloa Cartel and the CJNG."
    assert mentioned(text, "place") == ["Sinaloa"]
    assert mentioned(text, "actor") == ["Sinaloa Cartel", "CJNG: Jalisco New Generation Cartel"]


def test_myanmar_junta_air_strike_in_sagaing_region():
    result, event = one(
        "Myanmar's military junta bombed a village in Sagaing Region on Sunday, killing 11 people."
    )
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Myanmar"
    assert result.country == "Myanmar"
    # Only the region is known: the event is coded at its capital (geo precision 3).
    assert event.geo_precision == 3


def test_pakistani_taliban_attack_police_in_bannu():
    _, event = one(
        "Pakistani Taliban fighters attacked a police station in Bannu on Sunday, killing two policemen."
    )
    assert event.actor1 == "TTP: Tehreek-i-Taliban Pakistan"
    assert event.actor2 == "Police Forces of Pakistan"
    assert event.place == "Bannu"


@pytest.mark.parametrize(
    "text, name, actor_type, country",
    [
        (
            "VDP volunteers",
            "VDP: Volunteers for the Defense of the Homeland",
            "Political militia",
            "Burkina Faso",
        ),
        ("the Tatmadaw", "Military Forces of Myanmar", "State forces", "Myanmar"),
        ("FARDC", "Military Forces of Democratic Republic of Congo", "State forces", DRC),
        ("Fano militiamen", "Fano Militia", "Political militia", "Ethiopia"),
        ("ENDF troops", "Military Forces of Ethiopia", "State forces", "Ethiopia"),
        ("ISIS-K", "Islamic State Khorasan Province", "Rebel group", "Afghanistan"),
        ("Ansarullah", "Houthi Movement", "Rebel group", "Yemen"),
        ("SPLM-N", "SPLM-N: Sudan People's Liberation Movement-North", "Rebel group", "Sudan"),
        ("the Asayish", "Asayish: Kurdish Internal Security Forces", "Political militia", "Syria"),
        ("ELN guerrillas", "ELN: National Liberation Army", "Rebel group", "Colombia"),
        ("Israeli settlers", "Settlers (Israel)", "Political militia", "Israel"),
    ],
)
def test_aliases_name_the_acled_actor(text, name, actor_type, country):
    assert mentioned(f"Witnesses saw {text} on the road.", "actor") == [name]
    entry = cached_lexicon().actors[name]
    assert (entry.type, entry.country) == (actor_type, country)


def test_acronyms_that_are_words_need_capitals():
    text = "He kept a pdf of the list in the kia parked by the road to the muse."
    assert mentioned(text, "actor") == []


@pytest.mark.parametrize(
    "spelling, name, admin1, country",
    [
        ("Sarmeen", "Sarmin", "Idlib", "Syria"),
        ("Khan al-Assal", "Khan al-Asal", "Aleppo", "Syria"),
        ("Mekelle", "Mekele", "Tigray", "Ethiopia"),
        ("Rangoon", "Yangon", "Yangon", "Myanmar"),
        ("Ras Tannurah", "Ras Tanura", "Eastern Province", "Saudi Arabia"),
        ("Jawhar", "Jowhar", "Middle Shabelle", "Somalia"),
        ("El-Obeid", "El Obeid", "North Kordofan", "Sudan"),
        ("Mocímboa da Praia", "Mocimboa da Praia", "Cabo Delgado", "Mozambique"),
    ],
)
def test_place_spellings_find_the_gazetteer_entry(spelling, name, admin1, country):
    assert mentioned(f"Shelling was reported in {spelling} on Monday.", "place") == [name]
    entry = cached_lexicon().places[name]
    assert (entry.admin1, entry.country) == (admin1, country)


def test_every_place_country_and_capital_is_known():
    lex = cached_lexicon()
    countries = {p.country for p in lex.places.values() if p.type == "country"}
    for place in lex.places.values():
        assert place.country in countries, place.name
        assert not place.capital or place.capital in lex.places, place.name
        if place.lat is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place.name
