"""An incident retold in one article (another source's toll, a detail, "the attack came a
day after ...", a tally "the third attack this month") stays one event; other incidents
(another place, another day, "separately") stay apart."""

from __future__ import annotations

from extract_support import helpers

from workbench.extract import extract

PUB = "2019-07-24"  # a Wednesday

events, one = helpers(PUB)


def test_a_later_toll_from_another_source_joins_the_incident():
    found = events(
        "Government jets bombed a clinic in the town of Saraqib on Monday, killing at least "
        "9 people, a monitoring group said.\n\n"
        "Volunteers searched the ruins through the night.\n\n"
        "A medical charity that runs the clinic said on Tuesday that 15 people had died in "
        "the deliberate targeting of the building."
    )
    assert len(found) == 1, [(e.sub_event_type, e.quote) for e in found]
    assert found[0].fatalities == 9  # the most conservative toll


def test_a_detail_of_the_detonation_is_no_second_bombing():
    ev = one(
        "A suicide car bomb exploded at an army checkpoint in Mogadishu on Monday, killing "
        "four soldiers, police said.\n\n"
        "The vehicle was detonated as troops were searching it."
    )
    assert ev.fatalities == 4
    assert "merge-elaboration" in ev.rules  # the detail is part of the bombing


def test_the_attack_came_a_day_after_refers_back():
    found = events(
        "A suicide bomber blew himself up at a market in Mogadishu on Tuesday, killing six "
        "people.\n\n"
        "The attack came a day after government troops recaptured the town of Baardheere "
        "from the militants on Monday."
    )
    bombs = [e for e in found if e.sub_event_type == "Suicide bomb"]
    assert len(bombs) == 1 and bombs[0].event_date == "2019-07-23"
    # Monday's date belongs to the recapture, not to a second attack.
    assert "merge-anaphora" in bombs[0].rules
    assert all(e.sub_event_type != "Attack" for e in found)


def test_a_tally_this_month_is_the_incident_again():
    found = events(
        "Government helicopters dropped barrel bombs on a hospital in Douma on Monday, "
        "killing 11 people.\n\n"
        "The bombing of the hospital was the third attack on a medical facility in Douma "
        "this month, a UN office said."
    )
    assert len(found) == 1, [(e.sub_event_type, e.event_date, e.quote) for e in found]
    assert found[0].event_date == "2019-07-22"


def test_a_timeline_entry_of_the_same_day_joins_the_incident():
    found = events(
        "Government helicopters dropped barrel bombs on a hospital in Douma on Monday, "
        "killing 11 people.\n\n"
        "Timeline:\n\n"
        "- Monday night: Helicopters drop barrel bombs on the hospital, killing at least 11."
    )
    assert len(found) == 1, [(e.sub_event_type, e.quote) for e in found]


def test_a_separate_attack_elsewhere_stays_apart():
    found = events(
        "A car bomb exploded at an army checkpoint in Mogadishu on Monday, killing four "
        "soldiers.\n\n"
        "Separately, a roadside bomb killed two soldiers near Afgoye on Tuesday."
    )
    assert len(found) == 2, [(e.sub_event_type, e.quote) for e in found]


def test_an_indefinite_blast_is_another_incident():
    found = events(
        "Government jets bombed a clinic in Saraqib on Monday, killing at least 9 people.\n\n"
        "The clinic had treated hundreds of patients since January.\n\n"
        "Residents said an explosion killed three people at a bakery in Saraqib the next day."
    )
    assert len(found) == 2, [(e.sub_event_type, e.quote) for e in found]


def test_a_later_mention_of_the_days_shelling_in_the_camp_named_before_joins_it():
    found = events(
        "Shells began falling on the Zamzam camp, on the southern edge of El Fasher, on "
        "Saturday morning, killing at least seven people, camp volunteers said.\n\n"
        "The Rapid Support Forces have besieged the city since May.\n\n"
        "Aid agencies said food stocks would run out within weeks.\n\n"
        "The United Nations called for a humanitarian pause.\n\n"
        "Doctors said the main hospital had run out of anaesthetics.\n\n"
        "Fuel prices have tripled since the siege began.\n\n"
        "Many families have already fled west toward Chad.\n\n"
        "Others have nowhere to go.\n\n"
        '"We have lost everything," said a teacher in Zamzam whose son was wounded in '
        "Saturday's shelling."
    )
    shelling = [e for e in found if e.event_type == "Explosions/Remote violence"]
    assert len(shelling) == 1, [(e.sub_event_type, e.quote) for e in found]


def test_the_same_days_shelling_of_another_town_stays_apart():
    found = events(
        "Shells fell on the Zamzam camp on Saturday, killing at least seven people, camp "
        "volunteers said.\n\n"
        "In Nyala, shelling killed four people on Saturday, residents said."
    )
    assert len(found) == 2, [(e.sub_event_type, e.place, e.quote) for e in found]


def test_a_dated_reference_fixes_the_day_of_an_attack_named_in_passing():
    found = events(
        "Coalition jets struck the port of Hodeidah early Wednesday, a day after the Houthis "
        "claimed a missile attack on Jizan.\n\n"
        "Tuesday's attack on the Saudi border city wounded four workers near its airport, "
        "officials said."
    )
    jizan = [e for e in found if e.place == "Jizan"]
    assert len(jizan) == 1, [(e.sub_event_type, e.place, e.event_date) for e in found]
    assert jizan[0].event_date == "2019-07-23"


def test_the_battle_for_the_village_near_a_named_town_is_the_capture_just_told():
    found = events(
        "Government troops seized the village of Kafr Zita on Monday after heavy fighting "
        "with rebels. At least 9 soldiers and 12 rebels were killed in the battle for the "
        "village, which lies north of Hama."
    )
    assert len(found) == 1, [(e.sub_event_type, e.place, e.quote) for e in found]
    assert found[0].fatalities == 21


def test_a_headline_run_into_the_text_and_its_lede_are_one_incident():
    # The same kind of act, day and toll: told again, even as "a" bomber.
    text = (
        "Car bomber kills 5 in port town\n\n"
        "Sun 8 Mar 2015 Car bomber kills 5 in port town. A car bomber who rammed a "
        "checkpoint killed five people on Sunday near the harbour of Jableh, a "
        "monitoring group said."
    )
    found = extract(text, "2015-03-08").events
    assert [(e.sub_event_type, e.fatalities) for e in found] == [("Suicide bomb", 5)]


# A dated arrest, then paragraphs about other things (too far for incidents to join).
DETAINED = (
    "The Syrian Democratic Forces detained two British jihadists in eastern Syria in "
    "mid-June, officials said.\n\n"
    "The men had travelled to Syria in 2014. Their families say they were radicalised "
    "online. A lawyer for one of them said he had not been told of the charges.\n\n"
    "Ministers in London are divided over what should happen next. Some want a trial in "
    "Britain. Others argue that an international court would be better.\n\n"
    "Aid agencies say food and medicine are scarce in the camps. Thousands of foreign "
    "women and children are held there.\n\n"
)


def test_an_undated_retelling_paragraphs_later_is_the_dated_act():
    # The same doer, side, place and kind of act, told without a date: the act dated at its
    # first telling, not another of the report's day.
    found = events(
        DETAINED + "Officials told journalists that both men were captured by the Syrian "
        "Democratic Forces, which were then battling Islamic State along the Euphrates."
    )
    assert [(e.sub_event_type, e.event_date) for e in found] == [("Arrests", "2019-06-15")]


def test_an_undated_act_of_another_doer_stays_apart():
    found = events(DETAINED + "Turkish troops detained two Britons in the town of Jarabulus.")
    assert len(found) == 2, [(e.sub_event_type, e.actor1, e.quote) for e in found]


# Strikes dated last Friday, then a statement telling two acts: the convoy under fire and
# the strikes that answered it.
STATEMENT = (
    "Government jets carried out air strikes on rebel positions near the town of Kabasha "
    "last Friday, killing 12 fighters. The rebels denied the toll. Army officials said on "
    "Tuesday that a supply column had come under fire from an armoured car, and that the "
    "attackers were then hit by strikes from drones for several hours."
)


def test_an_act_dated_by_a_statement_retells_the_earlier_act_of_its_kind():
    # The statement's strikes are last Friday's, though it told the convoy under fire last.
    strikes = [e for e in events(STATEMENT) if e.sub_event_type == "Air/drone strike"]
    assert [(e.event_date, e.fatalities) for e in strikes] == [("2019-07-19", 12)]


def test_the_other_act_of_that_statement_takes_the_retold_incidents_day():
    assert {e.sub_event_type: e.event_date for e in events(STATEMENT)} == {
        "Air/drone strike": "2019-07-19",
        "Armed clash": "2019-07-19",  # the convoy came under fire before the strikes
    }
    # Told alone, the statement's day stays the act's.
    (e,) = events("Army officials said on Tuesday that their convoy came under fire near Kabasha.")
    assert e.event_date == "2019-07-23"


# A car bombing told with its day, then named in passing in a sentence about another act
# with a day of its own (the indictment, the inquiry).
BOMBING = (
    "A car bomb exploded outside a police station in the town of Kabasha on Saturday, "
    "killing 12 people. The army blamed rebels for the attack. Residents said the town was "
    "calm. "
)


def test_an_act_named_in_passing_after_a_dated_act_is_the_incident_told_before():
    for later in (
        "On Tuesday a court indicted two men on charges connected to the bombing.",
        "Officials on Tuesday opened an investigation into the bombing.",
    ):
        found = events(BOMBING + later)
        assert [(e.event_date, e.fatalities) for e in found] == [("2019-07-20", 12)], later


# Sentences about the day that tell no act: what a quote at the end of a report retells is
# too far back for grouping to join it as it reads.
_AFTERMATH = (
    "The soldiers were on patrol near a market when their vehicle was hit. Hospitals in the "
    "city treated six wounded people. The governor ordered an inquiry. Schools in the "
    "district were closed for the day. Traders said business had been slow for weeks. The "
    "province has seen months of unrest. Roads to the airport were shut. Officials promised "
    "more checkpoints on the highway. Elders met the governor in the evening. "
)
_LEDE = "A roadside bomb killed four soldiers in Kandahar on Wednesday, provincial officials said. "


def test_a_witness_quoted_at_the_end_retells_the_bombing_of_the_lede():
    found = events(_LEDE + _AFTERMATH + '"A bomb went off right in front of my shop," said '
                   "Ahmad, a shopkeeper in Kandahar.")  # fmt: skip
    assert len(found) == 1, [(e.sub_event_type, e.event_date, e.quote) for e in found]
    assert found[0].fatalities == 4
    assert "merge-told-again" in found[0].rules


def test_another_bomb_or_one_in_another_town_told_at_the_end_stays_apart():
    for last in (
        '"Another bomb went off right in front of my shop," said Ahmad, a shopkeeper in Kandahar.',
        '"A bomb went off right in front of my shop in Herat," said Ahmad, a shopkeeper.',
    ):
        found = events(_LEDE + _AFTERMATH + last)
        assert len(found) == 2, (last, [(e.sub_event_type, e.place, e.quote) for e in found])


def test_a_headline_run_into_its_lede_is_one_bombing_with_the_lede_s_place():
    # Headline and lede in one sentence, two proposals of it: the headline's (its toll, no
    # place) and the lede's (its place, only the wounded); one event.
    found = events(
        "1 dead, 2 injured in Maguindanao roadside bombing A POLICEMAN was killed while two "
        "more were injured when a roadside bombing hit their patrol in the province of "
        "Maguindanao, police told reporters on Wednesday. He said the policemen were in a convoy."
    )
    assert [(e.place, e.fatalities) for e in found] == [("Maguindanao", 1)], found
