"""Who did what inside a clause: coordinated subjects around an acronym, verbs sharing the
subject of the segment before, place phrases between subject and verb, quoted names.
Invented sentences, none from the seeds or the dev sets."""

from __future__ import annotations

from extract_support import helpers

from workbench.extract.lexicon import cached_lexicon

events, one = helpers("2024-06-12")  # a Wednesday


def test_an_acronym_in_brackets_keeps_the_coordination():
    ev = one("The Rapid Support Forces (RSF) and the Sudanese army fought in Kadugli on Monday.")
    assert ev.actor1 == "Rapid Support Forces"
    assert "Military Forces of Sudan" in [ev.actor2, *ev.assoc_actor_1]


def test_an_object_before_and_is_not_a_coordinated_subject():
    ev = one("Sudanese army jets bombed the RSF and the market in Kadugli on Monday.")
    assert ev.actor1 == "Military Forces of Sudan"
    assert "Rapid Support Forces" not in ev.assoc_actor_1


def test_a_reporting_segment_lends_no_subject():
    found = events("Police said on Monday, looted shops in Kadugli were counted.")
    assert all(e.actor1 != "Police Forces of Sudan" for e in found)


def test_a_place_phrase_between_subject_and_verb_is_skipped():
    ev = one("On Monday, gunmen on the outskirts of Kadugli overran a police post in Talodi.")
    assert ev.actor1.startswith("Unidentified Armed Group")
    ev = one("On Monday, militiamen in the southern countryside ambushed an army patrol in Sudan.")
    assert ev.actor1 is not None and "Military Forces" not in ev.actor1


def test_a_known_acronym_in_brackets_names_the_target():
    ev = one(
        "A Turkish drone struck a pickup belonging to the Kurdistan Workers' Party (PKK) in "
        "Zakho on Monday."
    )
    assert (ev.actor1, ev.actor2) == ("Military Forces of Turkey", "Kurdistan Workers' Party")


def test_a_new_subject_after_a_comma_borrows_nothing():
    found = events(
        "RSF fighters entered Kadugli on Monday, heavy shelling hit the market in Talodi."
    )
    assert all(e.actor1 != "Rapid Support Forces" for e in found if e.place == "Talodi")


def test_a_capitals_possessive_says_whose_not_where():
    # "Washington's main ally": the United States' government, not where the fight was.
    ev = one("Turkish troops attacked the YPG, Washington's main ally in the war, on Monday.")
    assert (ev.actor1, ev.place) == ("Military Forces of Turkey", None)
    # "Moscow's jets": Russia's forces are the doer; "Damascus's suburbs" stay a place.
    ev = one("Moscow's jets bombed Maaret al-Numan on Monday, killing nine civilians.")
    assert (ev.actor1, ev.place) == ("Military Forces of Russia", "Maarat al-Numan")
    ev = one("Jets bombed Damascus's eastern suburbs on Monday, killing nine civilians.")
    assert ev.place == "Damascus"


def test_a_capital_told_before_its_troops_or_a_coalition_is_whose_not_where():
    # "Ankara troops" are Turkey's forces, not the forces of the country the act was in.
    ev = one("Ankara troops shelled Kurdish positions in Afrin on Monday.")
    assert (ev.actor1, ev.place) == ("Military Forces of Turkey", "Afrin")
    # "Riyadh-led", "Baghdad officials": whose, not where; "Damascus airport" is where.
    ev = one("A Riyadh-led coalition launched air strikes on Monday, killing 12 civilians.")
    assert ev.place != "Riyadh"
    ev = one("Damascus airport was hit by Israeli missiles on Monday.")
    assert ev.place == "Damascus"


def test_a_hyphenated_pair_before_a_name_still_names_the_doer():
    ev = one(
        "Three teenagers were picked up by the Arab-Kurdish Syrian Democratic Forces at Tabqa."
    )
    assert (ev.sub_event_type, ev.actor1) == ("Arrests", "Syrian Democratic Forces")


def test_a_capital_that_arms_a_group_is_neither_where_nor_who():
    # "armed by Washington": the US backs the group; the arrest was not in Washington and
    # not by US police.
    found = events(
        "Several foreign militants ran to the east of Syria, where Kurdish units detained them "
        "after they were rounded up by local groups, armed by Washington, called the SDF."
    )
    assert all(e.place != "Washington" and "United States" not in (e.actor1 or "") for e in found)


def test_who_is_blamed_for_an_act_did_it():
    ev = one("Residents blamed Sudanese army jets for the air strike on Kadugli on Monday.")
    assert ev.actor1 == "Military Forces of Sudan"
    ev = one("The bombing in Kadugli on Monday was blamed on the RSF.")
    assert ev.actor1 == "Rapid Support Forces"
    ev = one("Local leaders blamed the ambush near Talodi on Monday on the RSF.")
    assert ev.actor1 == "Rapid Support Forces"


def test_a_doer_carries_over_returned_to_or_went_on_to():
    ev = one("Hours later, Sudanese army jets returned to hit the market in Kadugli on Monday.")
    assert ev.actor1 == "Military Forces of Sudan"
    found = events("The envoy urged the RSF to hit back at nobody in Kadugli on Monday.")
    assert all(e.actor1 != "Rapid Support Forces" for e in found)


def test_who_claimed_an_act_in_a_relative_clause_did_it():
    ev = one(
        "The ambush near Talodi on Monday, which the RSF claimed on its channel, killed a guard."
    )
    assert ev.actor1 == "Rapid Support Forces"
    ev = one("The ambush near Talodi on Monday, which the RSF denied, killed a guard.")
    assert ev.actor1 != "Rapid Support Forces"


def test_the_dead_a_figure_counts_before_its_verb_are_no_doers():
    # "Hundreds of civilians killed": a headline's passive, not civilians who killed.
    from workbench.extract import extract

    found = extract(
        "Hundreds of civilians killed is a conservative figure, an aid official said on Monday.",
        "2017-10-05",
    )
    assert not [
        e for e in found.events + found.second_sources if e.actor1 and "Rioters" in e.actor1
    ]
    assert not [e for e in found.events if e.sub_event_type == "Mob violence"]


def test_who_a_side_fights_or_backs_between_it_and_its_verb_is_not_the_doer():
    from workbench.extract import extract

    (taken,) = extract(
        "Kurdish forces battling the Islamic State captured the village of Hajin on Monday.",
        "2018-03-06",
    ).events
    assert taken.actor1 == "Syrian Democratic Forces"
    (shelled,) = extract(
        "Turkish troops backing the rebels shelled Afrin on Monday.", "2018-03-06"
    ).events
    assert shelled.actor1 == "Military Forces of Turkey"


def test_a_side_described_by_whom_it_fights_is_no_clash_of_its_own():
    from workbench.extract import extract

    (ev,) = extract(
        "The US-led coalition fighting Islamic State bombed a bridge in Raqqa on Monday.",
        "2018-03-06",
    ).events
    assert (ev.sub_event_type, ev.actor1) == ("Air/drone strike", "US-led Coalition")


def test_a_countrys_forces_are_named_as_its_dictionary_names_them():
    # The dictionary writes "Military Forces of the United States"; the police a template
    # makes for that country take "the" too, and read back to the country without it.
    ev = one("Police arrested three men in New York on Monday.")
    assert ev.actor1 == "Police Forces of the United States"
    ev = one("Police arrested three men in Baghdad on Monday.")
    assert ev.actor1 == "Police Forces of Iraq"
    lex = cached_lexicon()
    assert lex.template_group("Police Forces of the United Kingdom") == ("police", "United Kingdom")


def test_pro_government_forces_are_the_militia_of_the_country_they_fight_in():
    # ACLED's "Pro-Government Forces (Syria)" is Syria's; elsewhere unnamed loyalists are
    # "Militia (Pro-Government)".
    ev = one("Taliban fighters attacked pro-government forces in Ghazni province on Monday.")
    assert ev.actor2 == "Militia (Pro-Government)"
    ev = one("Rebels clashed with pro-government forces in Daraa on Monday.")
    assert ev.actor2 == "Pro-Government Forces (Syria)"
