"""The extractor on invented reports of shapes the first tests missed: crowds, towns named
inside their state, repelled attacks."""

from __future__ import annotations

from extract_support import helpers

from workbench.extract import extract

PUB = "2019-07-24"  # a Wednesday


events, one = helpers(PUB)


# -- crowds are protesters or rioters, never civilians ----------------------------------------


def test_a_protest_without_a_named_crowd_still_has_protesters():
    ev = one("Hundreds of traders demonstrated in Maiduguri on Monday against new market levies.")
    assert (ev.sub_event_type, ev.actor1) == ("Peaceful protest", "Protesters (Nigeria)")


def test_police_breaking_up_a_protest_stay_second():
    ev = one("Police fired tear gas at hundreds of residents protesting in Maiduguri on Monday.")
    assert (ev.actor1, ev.actor2) == ("Protesters (Nigeria)", "Police Forces of Nigeria")


def test_a_clash_of_a_named_force_with_a_crowd_is_read_without_failing():
    # A force named from the dictionary ("the National Guard") beside a crowd once made the
    # crowd-typing test fail on its dictionary entry, and the whole article went unextracted.
    ev = one("Police and the National Guard clashed with residents in Tarsk on 3 May.")
    assert (ev.sub_event_type, ev.place, ev.event_date) == ("Mob violence", "Tarsk", "2019-05-03")
    assert ev.actor1.startswith("Rioters") and ev.actor2.startswith("Police Forces")


# -- names short notes use for a country or a group -------------------------------------------


def test_car_after_a_village_is_the_central_african_republic():
    ev = one("Gunmen abducted two traders near Gbakoro, CAR, on Monday.")
    assert (ev.actor1, ev.actor2) == (
        "Unidentified Armed Group (Central African Republic)",
        "Civilians (Central African Republic)",
    )


def test_a_west_bank_village_is_in_palestine_whoever_the_forces_are():
    ev = one("Israeli soldiers fired tear gas at demonstrators in Kafr Qaddum on Monday.")
    assert (ev.actor1, ev.actor2) == ("Protesters (Palestine)", "Military Forces of Israel")


def test_a_party_acronym_two_countries_share_is_read_in_the_articles_country():
    # "PDP" is Nigeria's party and Kashmir's: the place decides which, and the name
    # votes for neither country.
    # (The victims' party is associated with civilians, ACLED's actor 2 of an attack.)
    ev = one("Suspected militants shot dead a PDP leader in Pulwama on Monday.")
    assert (ev.actor1, ev.assoc_actor_2) == (
        "Unidentified Armed Group (India)",
        ["JKPDP: Jammu and Kashmir Peoples Democratic Party"],
    )
    ev = one("Gunmen shot dead a PDP leader in Kano on Monday.")
    assert ev.assoc_actor_2 == ["PDP: Peoples Democratic Party"]


def test_the_imbonerakure_written_in_lower_case_are_the_militia():
    ev = one("An imbonerakure raped a woman in Nyarukere on Monday.")
    assert ev.actor1.startswith("CNDD-FDD-Imbonerakure")
    assert ev.actor2 == "Civilians (Burundi)"


# -- a town named with its province -----------------------------------------------------------


def _place_attrs(text: str, name: str) -> dict:
    return extract(text, PUB).entities[("place", name)].attrs


def test_a_town_in_a_states_possessive_is_the_place():
    text = "Insurgents overran an army post in Borno state's Magumeri town on Monday, killing six soldiers."
    ev = one(text)
    assert ev.place == "Magumeri"
    attrs = _place_attrs(text, "Magumeri")
    assert (attrs["admin1"], attrs["country"]) == ("Borno", "Nigeria")


def test_a_village_followed_by_its_state_gets_the_state():
    text = "Gunmen killed five farmers in Kareto village in Borno state on Tuesday."
    assert one(text).place == "Kareto"
    assert _place_attrs(text, "Kareto")["admin1"] == "Borno"


def test_the_districts_bracketed_after_a_town_outweigh_its_namesake_abroad():
    # Jalalabad is Afghanistan's in the dictionary; "(Fazilka, Punjab)" places it in India.
    ev = one("Unidentified men shot dead a farmer in Jalalabad city (Fazilka, Punjab) on Monday.")
    assert (ev.actor1, ev.actor2) == ("Unidentified Armed Group (India)", "Civilians (India)")


def test_an_acronym_in_brackets_says_nothing_of_where():
    # "TAYPA" spells the name of a town in Macao: no vote for Macao.
    text = "Activists of the Students Union (TAYPA) attacked a trader in Jalalabad on Monday."
    assert extract(text, PUB).country == "Afghanistan"


def test_a_described_town_is_not_a_name():
    # "the Christian town of X": the adjective is no place; X is.
    ex = extract("Militants shelled the Christian town of Qaraqosh on Monday, killing two.", PUB)
    assert ("place", "Christian") not in ex.entities


# -- a repelled attack is a battle ------------------------------------------------------------


def test_a_repelled_assault_is_a_clash_between_defenders_and_attackers():
    ev = one("Somali troops repulsed an al-Shabaab assault on a base near Afgoye on Sunday.")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert (ev.actor1, ev.actor2) == ("Military Forces of Somalia", "al-Shabaab")


def test_plain_pluperfect_stays_background():
    # Background with no date of its own: at most a doubtful proposal, marked undated.
    text = "Iraqi troops had fought off an attack near Tikrit before the ceasefire took hold."
    assert all(e.confidence < 0.5 and "date" in e.incomplete for e in extract(text, PUB).events)


def test_the_other_sides_account_of_a_repelled_assault_is_the_same_battle():
    found = extract(
        "Iraqi troops said they had repulsed an assault by militants on a checkpoint near "
        "Tikrit on Monday. Islamic State said its fighters had killed nine soldiers in the "
        "fighting.",
        PUB,
    ).events
    assert len(found) == 1, [(e.sub_event_type, e.actor1, e.quote) for e in found]
    assert found[0].actor1 == "Military Forces of Iraq"
    assert found[0].fatalities == 9


def test_two_battles_between_different_sides_stay_apart():
    found = extract(
        "Iraqi troops clashed with militants near Tikrit on Monday. "
        "Kurdish Peshmerga forces fought Islamic State fighters near Kirkuk on Monday.",
        PUB,
    ).events
    assert len(found) == 2, [(e.sub_event_type, e.actor1, e.quote) for e in found]
