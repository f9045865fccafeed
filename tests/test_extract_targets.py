"""Who was attacked (actor2): the side named in the casualty figure when no object names
it, and a civilian place hit in the incident's own clause over a side named later.
Invented sentences, none from the seeds or the dev sets."""

from __future__ import annotations

from extract_support import helpers

events, one = helpers("2024-06-12")  # a Wednesday


def test_the_wounded_side_is_the_target_when_no_object_names_one():
    ev = one(
        "Syrian government forces shelled a hilltop near Kafr Nabl on Monday, wounding four Turkish soldiers."
    )
    assert ev.actor1 == "Military Forces of Syria"
    assert ev.actor2 == "Military Forces of Turkey"


def test_the_attacker_named_in_the_figure_is_not_its_own_target():
    ev = one("SDF fighters raided a farm near Hasakah on Monday, killing two SDF members.")
    assert ev.actor2 != ev.actor1


def test_a_named_object_still_wins_over_the_casualty_figure():
    ev = one(
        "Turkish drones struck SDF positions near Qamishli on Monday, killing three Turkish soldiers."
    )
    assert ev.actor2 == "Syrian Democratic Forces"


def test_a_civilian_place_in_the_own_clause_beats_a_side_named_later():
    found = events(
        "On Monday, a Sudanese army warplane bombed the cattle market in Mellit, killing 12 "
        "traders. The army said the raid targeted RSF fighters."
    )
    bombing = [e for e in found if e.place == "Mellit"]
    assert bombing and bombing[0].actor2 == "Civilians (Sudan)"


def test_a_chemical_attack_with_no_side_named_targets_civilians():
    ev = one(
        "Government helicopters dropped a barrel bomb filled with chlorine on the village of "
        "Kafr Nabl on Monday, and dozens were treated for breathing difficulties."
    )
    assert ev.sub_event_type == "Chemical weapon"
    assert ev.actor2 == "Civilians (Syria)"


def test_ground_retaken_from_a_side_names_it_as_the_target():
    ev = one(
        "Somali troops recaptured the town of Bardale, west of Baidoa, from al-Shabaab fighters on Monday."
    )
    assert ev.sub_event_type == "Government regains territory"
    assert ev.actor2 == "al-Shabaab"


def test_who_launched_an_intercepted_drone_is_the_target_not_the_interceptor():
    ev = one(
        "The Saudi-led coalition said on Monday it had intercepted an explosive-laden drone "
        "launched by the Houthi group towards Jizan."
    )
    assert ev.sub_event_type == "Disrupted weapons use"
    assert ev.actor1 == "Saudi-led Coalition"
    assert ev.actor2 == "Houthi Movement"


def test_a_former_fighter_shot_dead_is_a_civilian_target():
    ev = one(
        "On Monday night, unidentified gunmen shot dead a former rebel commander near his "
        "home in the town of Nawa."
    )
    assert ev.actor2 == "Civilians (Syria)"
    assert ev.sub_event_type == "Attack"


def test_a_generic_word_as_adjective_gives_way_to_the_named_owner():
    ev = one(
        "A Turkish drone targeted a military vehicle belonging to the SDF near Amuda on "
        "Monday, killing two fighters."
    )
    assert ev.actor2 == "Syrian Democratic Forces"


def test_the_object_after_a_date_aside_is_the_target():
    ev = one(
        "An unidentified drone targeted, at dawn on Monday, a position of Iranian-backed "
        "militias near Albu Kamal."
    )
    assert ev.actor2 == "Iranian-backed militias"


def test_a_place_used_by_an_armed_group_names_that_group_as_the_target():
    ev = one(
        "U.S. jets carried out airstrikes on Monday against facilities used by Iran-backed "
        "militias near Albu Kamal."
    )
    assert ev.actor2 == "Iranian-backed militias"


def test_a_doer_after_homes_by_is_not_their_owner():
    ev = one(
        "On Monday, pro-government militiamen killed dozens of villagers, many of them "
        "executed in their homes by Shabiha fighters in Nawa."
    )
    assert ev.actor2 == "Civilians (Syria)"
