"""Who was attacked (actor2): the side named in the casualty figure when no object names
it, and a civilian place hit in the incident's own clause over a side named later.
Invented sentences, none from the seeds or the dev sets."""

from __future__ import annotations

from extract_support import helpers

events, one = helpers("2024-06-12")  # a Wednesday


def test_the_attacker_named_in_the_figure_is_not_its_own_target():
    ev = one("SDF fighters raided a farm near Hasakah on Monday, killing two SDF members.")
    assert ev.actor2 != ev.actor1


def test_a_civilian_place_in_the_own_clause_beats_a_side_named_later():
    found = events(
        "On Monday, a Sudanese army warplane bombed the cattle market in Mellit, killing 12 "
        "traders. The army said the raid targeted RSF fighters."
    )
    bombing = [e for e in found if e.place == "Mellit"]
    assert bombing and bombing[0].actor2 == "Civilians (Sudan)"


def test_violence_against_civilians_has_civilians_as_actor2():
    # ACLED's actor 2 of violence against civilians is always civilians; the victims'
    # group is associated, and a victim the report only describes is civilians too.
    ev = one("Unidentified gunmen shot dead a BJP councillor in Lucknow on Monday.")
    assert ev.sub_event_type == "Attack"
    assert (ev.actor2, ev.assoc_actor_2) == ("Civilians (India)", ["BJP: Bharatiya Janata Party"])
    ev = one("A shopkeeper was abducted by Mai-Mai fighters in Bukavu on Monday.")
    assert (ev.sub_event_type, ev.actor2) == (
        "Abduction/forced disappearance",
        "Civilians (Democratic Republic of Congo)",
    )
    ev = one("Mai-Mai fighters raped an IDP in Bukavu on Monday.")
    assert (ev.sub_event_type, ev.actor2) == (
        "Sexual violence",
        "Civilians (Democratic Republic of Congo)",
    )


def test_violence_against_civilians_by_no_one_named_is_an_unidentified_groups():
    ev = one("A girl was raped in Bukavu on Monday.")
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Sexual violence",
        "Unidentified Armed Group (Democratic Republic of Congo)",
        "Civilians (Democratic Republic of Congo)",
    )
