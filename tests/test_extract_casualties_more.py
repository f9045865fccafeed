"""Casualty figures on invented reports: dozens counted, ranges coded low, reports of no
deaths coded 0, period tallies kept off incidents, figures that add up."""

from __future__ import annotations

import pytest
from extract_support import helpers

from workbench.extract.casualties import CasualtyFinder
from workbench.extract.lexicon import cached_lexicon

PUB = "2021-04-14"  # a Wednesday


events, one = helpers(PUB)


@pytest.fixture(scope="module")
def finder():
    return CasualtyFinder(cached_lexicon((), ()))


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Bandits killed two dozen farmers near the river.", 24),
        ("Four dozen recruits died when the barracks collapsed.", 48),
        ("A couple of dozen miners were killed in the raid.", 24),
        ("Half a dozen guards were killed at the gate.", 6),
        ("The mortar killed a dozen shoppers.", 12),
        ("Nearly 40 pilgrims were killed on the road.", 40),
        ("Some 30 herders were killed overnight.", 30),
        ("Twenty-three fishermen drowned after the boat was shelled and 7 were killed.", 7),
    ],
)
def test_number_words_and_dozens(finder, sentence, count):
    hits = [h for h in finder.find(sentence) if h.kind == "killed"]
    assert [h.count for h in hits] == [count]


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Between 12 and 18 insurgents were killed in the counter-attack.", 12, 18),
        ("The strike killed between 20 and 35 people, medics said.", 20, 35),
        ("Officials said 4-6 policemen died.", 4, 6),
        ("Two or three fighters were killed.", 2, 3),
        ("Residents gave a death toll of between 60 and 75.", 60, 75),
    ],
)
def test_a_range_is_coded_at_its_lowest(finder, sentence, low, high):
    (hit,) = [h for h in finder.find(sentence) if h.kind == "killed"]
    assert (hit.count, hit.high) == (low, high)


def test_a_range_on_an_event_keeps_low_and_high():
    ev = one(
        "Nigerian troops clashed with Boko Haram fighters near Damboa on Monday; the army "
        "said between 10 and 15 insurgents were killed."
    )
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (10, 10, 15)


# -- nobody died ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody was hurt in the blast.",
        "No one was injured, police said.",
        "The shell landed in a field without causing casualties.",
        "There were no immediate reports of casualties.",
        "The drone hit a warehouse, causing no casualties.",
    ],
)
def test_reports_of_no_casualties_are_zero(finder, sentence):
    assert [h.count for h in finder.find(sentence)] == [0]


def test_injuries_only_mean_zero_dead():
    ev = one("Rebels shelled the town of Kadugli on Monday, wounding four civilians.")
    assert (ev.fatalities, ev.injured) == (0, 4)


def test_no_one_hurt_in_another_paragraph_is_not_the_arrests():
    found = events(
        "Police arrested three journalists in Harare on Monday.\n\n"
        "Last week, soldiers fired warning shots near a market in Bulawayo. No one was hurt."
    )
    arrests = [e for e in found if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].fatalities is None


# -- tallies are not incidents' tolls -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 250 villagers have been killed since then.",
        "The insurgency has killed thousands of people.",
        "The war has killed more than 300,000 people since 2011.",
        "At least 52 people have been killed so far this year in such attacks.",
        "In total, 80 soldiers have died in the region.",
        "The group is blamed for killing thousands of civilians since 2014.",
        "Some 640 people were killed or hurt in the province during the first half of this year.",
        "Rebels killed 215 villagers and wounded 300 in the three months to March 31.",
        "Over the same period, 52 women and 90 children were killed.",
    ],
)
def test_period_tallies_are_aggregates(finder, sentence):
    hits = finder.find(sentence)
    assert hits and all(h.aggregate for h in hits)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen killed 30 villagers, the deadliest attack since 2019.",
        "Gunmen killed 30 villagers on Monday, the deadliest attack in the province since 2019.",
        "Russian strikes on the city have killed at least five people, officials said.",
        "No casualties have been reported so far.",
    ],
)
def test_incident_tolls_are_not_aggregates(finder, sentence):
    hits = finder.find(sentence)
    assert hits and not any(h.aggregate for h in hits)


# -- figures that add up --------------------------------------------------------------------------


def test_two_sides_dead_in_one_clause_add_up(finder):
    (hit,) = finder.find("Clashes near the base killed 7 soldiers and twelve militants.")
    assert hit.count == 19
    ev = one(
        "Al-Shabaab fighters clashed with soldiers near Jowhar on Monday, killing 7 soldiers and twelve militants."
    )
    assert ev.fatalities == 19


def test_differing_reports_keep_the_lowest():
    ev = one(
        "Gunmen killed 22 villagers in Zamfara state on Sunday, police said. Residents said "
        "31 people were killed."
    )
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (22, 22, 31)


def test_a_sides_tally_of_killings_is_no_act():
    # "X killed N in the nine months to September 30" counts a side's killings: no attack.
    found = events(
        "Government forces killed 300 civilians in the nine months to September 30, the UN said. "
        "On Monday, government forces killed 12 civilians in Kunduz."
    )
    assert [(e.place, e.fatalities) for e in found] == [("Kunduz", 12)]


def test_a_campaign_tally_is_no_incident_toll(finder):
    hits = finder.find("The bombing campaign has killed about 150 civilians.")
    assert hits and all(h.aggregate for h in hits)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen ambushed a former mayor, killing him outside his house.",
        "Assailants cornered the cleric, shooting him dead.",
        "A sniper shot her dead near the market.",
    ],
)
def test_a_pronoun_victim_is_one_dead(finder, sentence):
    assert [h.count for h in finder.find(sentence) if h.kind == "killed"] == [1]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # A number before an active killing verb with an object counts the killers: the
        # toll is the object.
        ("A dozen villagers killed a herder near the well.", [1]),
        ("Five men killed two guards at the depot.", [2]),
        # With no object, or a time after the verb, the number is the toll.
        ("Five guards killed in the raid on the depot.", [5]),
        ("Five guards killed the same day were buried.", [5]),
        ("Five guards were killed a day later.", [5]),
    ],
)
def test_who_killed_is_not_the_toll(finder, sentence, counts):
    assert [h.count for h in finder.find(sentence) if h.kind == "killed"] == counts


def test_no_injuries_or_loss_of_life_is_zero(finder):
    assert [h.count for h in finder.find("There were no injuries or loss of life.")] == [0]


def test_a_toll_told_beside_an_arrest_is_not_its_own():
    # ACLED codes arrests (and peaceful protests, agreements ...) with no deaths: the dead
    # of the clashes before are another event's, and the analyst is told of the figure.
    for text in (
        "Police detained 40 people in Homs on Saturday after clashes that killed 12.",
        "Police arrested five men in Homs on Saturday; twelve people had been killed there on Friday.",
    ):
        (ev,) = [e for e in events(text) if e.sub_event_type == "Arrests"]
        assert ev.fatalities is None and "12 killed told beside it" in ev.notes


def test_a_figure_far_on_in_a_one_paragraph_article_is_not_the_incidents_toll():
    # Articles scraped as one line have a single paragraph: a figure told five sentences
    # after the act, about something else, is not its toll.
    text = (
        "Isis fighters executed a nurse in Raqqa on Monday. Her family fled to Turkey. The "
        "group ran dozens of prisons. Many of them were in cellars. A monitor counted the "
        "missing. At least 900 people had died inside its prisons, the monitor said."
    )
    (ev,) = events(text)
    assert ev.sub_event_type == "Attack" and ev.fatalities != 900
    # Right after the act, a sentence's own figure still is ("The toll rose to ...").
    (ev,) = events("Isis fighters attacked a village near Raqqa on Monday. Nine people died.")
    assert ev.fatalities == 9


def test_one_victim_told_in_a_relative_clause_counts_one():
    ev = one("A medic who was killed by a roadside bomb near Hajin on Monday has been named.")
    assert (ev.sub_event_type, ev.fatalities) == ("Remote explosive/landmine/IED", 1)


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # Counts of people joined after the first add up, a single person as one.
        (
            "A roadside bomb killed a district governor and three of his bodyguards near Jalalabad "
            "on Monday.",
            4,
        ),
        ("A roadside bomb killed four policemen and a teacher near Jalalabad on Monday.", 5),
        # "X were among N killed": N is the whole, not a part of it.
        (
            "Two nurses were among at least 14 people killed when a car bomb exploded in "
            "Jalalabad on Monday.",
            14,
        ),
    ],
)
def test_joined_victims_and_the_whole_they_were_among(sentence, fatalities):
    assert one(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        (
            "Gunmen raided a village near Kamango on Monday; three people are reported to have "
            "been killed.",
            3,
        ),
        (
            "Soldiers fired on a crowd in Kamango on Monday. One person has been shot dead, a "
            "local official said.",
            1,
        ),
    ],
)
def test_tolls_reported_or_shot_dead(sentence, fatalities):
    assert one(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # A scrape that lost its commas: the count after a passive verb is a part, not a toll.
        ("Gunmen stormed the village in which 11 people were killed three of them guards.", 11),
        ("A medic said the death toll from the shelling was 38.", 38),
        ("Two car bombs hit the market on Monday claiming 6 martyrs and 20 injured.", 6),
        ("The group's commander and 14 other terrorists were killed in the raid.", 14),
        ("Rocket Attacks on the Old City Claim 9 Martyrs", 9),
        ("3 Iraqi martyrs and 10 injured were claimed in a blast at the bus station.", 3),
        (
            "The death toll from the rocket attacks fired by the militants on the old quarter "
            "over the past two days has reached 17 people.",
            17,
        ),
        ("The troops killed an opposition commander as well as four of his entourage.", 5),
        ("The editor was killed together with three other staff in the blast.", 4),
        ("In the assault the militia lost 13 of its men.", 13),
        ("The officer was killed and two civilians were wounded.", 1),
    ],
)
def test_tolls_in_state_media_and_scraped_wire_copy(finder, sentence, count):
    killed = [h.count for h in finder.find(sentence) if h.kind == "killed" and not h.subset]
    assert max(killed) == count


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # A dateline run into the first sentence (a scrape): the year is no count.
        ("Posted 3 March 2019 Nine farmers including two boys were killed by the raiders.", 9),
        ("Updated 4 May 2020 Dozens of villagers have been killed near the dam.", 12),
        ("Wednesday 2 June 2021 Seven shepherds were killed in the valley.", 7),
        ("Friday 4 Jun 2021 Six boys and two women have been killed by the shelling.", 8),
        # A numeric dateline: the day or month before the year is no low end of a range.
        ("09-03-2019 Nine Farmers Killed in Raid on Kamango", 9),
        ("Posted 11-2020 Dozens of Villagers Killed Near the Dam", 12),
    ],
)
def test_a_year_before_the_count_is_no_count(finder, sentence, count):
    killed = [h.count for h in finder.find(sentence) if h.kind == "killed"]
    assert killed == [count]


def test_parts_that_add_up_to_the_toll_are_no_rival_reports():
    # 17 = 11 + 6: the two places' dead are the toll's parts, not lower reports of it.
    (ev,) = events(
        "Jets bombed the market town of Kamango on Monday, killing 17 civilians, a monitor "
        "said. Eleven civilians were killed in its northern quarter while six others were "
        "killed in a hamlet nearby."
    )
    assert ev.fatalities == 17


def test_others_joined_to_the_dead_and_hurt_are_no_toll(finder):
    hits = finder.find("The rocket left 4 villagers dead and 23 others injured.")
    assert [(h.count, h.kind) for h in hits if h.kind == "killed"] == [(4, "killed")]
    hits = finder.find("Shells killed two farmers and nine others were wounded.")
    assert [(h.count, h.kind) for h in hits if h.kind == "killed"] == [(2, "killed")]


def test_a_count_of_some_civilians_is_a_part_of_the_civilians_toll():
    # The children (and the teacher) are some of the 14 civilians, not a lower report of them.
    (ev,) = events(
        "Rebel shells hit the market in Kamango on Monday, killing 14 civilians, a monitor "
        "said. The shelling killed six children and a teacher, the monitor said."
    )
    assert ev.fatalities == 14


@pytest.mark.parametrize(
    ("sentence", "count", "subset"),
    [
        ("Of those killed four were nurses, the ministry said.", 4, True),
        # "one of N": the whole is N.
        ("The imam was one of three people killed in the blast.", 3, False),
    ],
)
def test_a_part_told_with_of_those_and_one_of_a_whole(finder, sentence, count, subset):
    (hit,) = [h for h in finder.find(sentence) if h.kind == "killed"]
    assert (hit.count, hit.subset) == (count, subset)


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 31 villagers mostly herders and their sons were killed in the raid.",
        "Some 31 passengers, most of them pilgrims, were killed when the bus was hit.",
    ],
)
def test_an_aside_between_the_count_and_its_verb(finder, sentence):
    assert [h.count for h in finder.find(sentence) if h.kind == "killed"] == [31]


def test_a_toll_told_with_a_longer_phrase_before_its_figure(finder):
    (hit,) = finder.find("A nurse put the death toll from the two night raids at 17.")
    assert (hit.count, hit.aggregate) == (17, False)
    # The toll of a war is a tally, not an incident's toll.
    (hit,) = finder.find("A research group puts the death toll from the long civil war at 90,000.")
    assert hit.aggregate


def test_a_figure_at_a_finer_place_is_a_part_of_the_wider_toll():
    # The 9 in Kidal are some of the 23 killed across the north, not a lower report of them.
    (ev,) = events(
        "Government jets bombed villages across northern Mali on Monday, killing 23 "
        "civilians, a monitor said. A strike on the market in Kidal killed nine people."
    )
    assert ev.fatalities == 23


@pytest.mark.parametrize(
    "sentence",
    [
        "A district councillor was fatally shot by gunmen outside his shop on Friday.",
        "A village elder was shot and killed by bandits near the well.",
        "Gunmen murdered a school teacher in the market on Friday.",
        "The militia assassinated a local judge on his way home.",
        "Bandits shot dead a 17-year-old shepherd near the well on Friday.",
        "A mob lynched a young herder accused of theft in the market.",
        "A farmer died after the soldiers beat him at the checkpoint.",
        "One protester later succumbed to his wounds in hospital.",
    ],
)
def test_one_victim_shot_murdered_lynched_or_who_died(finder, sentence):
    assert [(h.count, h.kind) for h in finder.find(sentence)] == [(1, "killed")]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Raiders murdered three herders and burned their huts.", 3),
        ("A crowd lynched two suspected thieves near the bridge.", 2),
        ("Gunmen gunned down four traders at the cattle market.", 4),
    ],
)
def test_a_count_after_murdered_lynched_or_gunned_down(finder, sentence, count):
    assert [(h.count, h.kind) for h in finder.find(sentence)] == [(count, "killed")]


def test_a_count_that_dies_in_the_present(finder):
    # Headline tense: "Four miners die as police open fire on the strikers".
    hits = finder.find("Four miners die as police open fire on the strikers")
    assert [(h.count, h.kind) for h in hits] == [(4, "killed")]


def test_an_active_verb_still_takes_its_count():
    # "killed two of them" with a subject before it is the toll of that act.
    (ev,) = events("Troops ambushed the militants near Kamango on Monday and killed two of them.")
    assert ev.fatalities == 2


def test_martyrs_remembered_are_no_toll(finder):
    assert finder.find("Crowds honoured the 12 martyrs of the uprising in the main square.") == []


def test_a_toll_across_a_country_is_no_incidents(finder):
    (hit,) = finder.find("The death toll across Ukraine from the day's strikes has risen to 14.")
    assert hit.count == 14 and hit.aggregate


def test_the_dead_a_report_lists_among_a_toll_are_a_part(finder):
    (part,) = finder.find("Among the dead were seven people killed while they waited at a bakery.")
    assert (part.count, part.subset) == (7, True)


def test_there_have_been_so_many_killed_is_a_tally(finder):
    (hit,) = finder.find("There have been up to 300 civilians killed, the doctor said.")
    assert hit.count == 300 and hit.aggregate


@pytest.mark.parametrize(
    "sentence",
    [
        "Medics had earlier reported 12 dead after the raid.",
        "The ministry had initially given a death toll of 22.",
        "An earlier toll put the dead at 9.",
    ],
)
def test_a_count_a_later_one_replaced_is_no_rival_toll(finder, sentence):
    (hit,) = finder.find(sentence)
    assert hit.aggregate


def test_what_a_side_lost_that_is_no_one_is_no_toll(finder):
    assert finder.find("The rebels lost 20 villages in a week.") == []


def test_the_dead_of_both_sides_add_up():
    # ACLED counts every death in the event: the attackers' losses are added.
    (ev,) = events(
        "Militants attacked two villages near Kamango on Monday, killing 15 civilians and 27 "
        "pro-government fighters. The militants also lost 12 fighters in the attack."
    )
    assert ev.fatalities == 54


@pytest.mark.parametrize(
    ("sentence", "dead", "hurt"),
    [
        ("12 farmers killed 40 injured as shells hit Kamango market", 12, 40),
        ("Three Villagers Killed 9 Others Wounded in Rebel Mortar Fire on Kamango", 3, 9),
        ("A mortar round killed 6 wounded 14 others near the Kamango bridge.", 6, 14),
    ],
)
def test_a_headline_count_before_the_hurt_is_not_the_dead(finder, sentence, dead, hurt):
    # Commas lost in a headline: the figure after "killed" is of the hurt when "injured"
    # follows it, unless "wounded" has a figure of its own.
    hits = finder.find(sentence)
    assert [h.count for h in hits if h.kind == "killed"] == [dead]
    assert [h.count for h in hits if h.kind == "injured"] == [hurt]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Nine Herders Killed in Raid on Kamango Village", 9),
        ("Over 30 Young Kamango Brigade Volunteers Killed in Ambush Near the Dam", 30),
        ("12 Dead Dozens Wounded in Kamango Market Blast", 12),
    ],
)
def test_a_headline_count_of_capitalised_people(finder, sentence, count):
    # A headline names who died with any capitalised words, its verb capitalised too.
    assert [h.count for h in finder.find(sentence) if h.kind == "killed"] == [count]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # The lede tells the act with no dead: the headline's count is its toll.
        (
            "Nine Villagers Killed in Militia Raid on Kamango\n\nGunmen of a local militia "
            "raided the village of Kamango near Beni on Monday night, a local official said. "
            "Residents fled to the forest.",
            9,
        ),
        # Only the hurt are told in the lede.
        (
            "Car bomb kills 12 in Beni\n\nA car bomb exploded outside a hotel in Beni on "
            "Monday and wounded 30 people, police said.",
            12,
        ),
    ],
)
def test_the_headline_gives_its_toll_to_a_lede_told_without_dead(text, dead):
    first = min(events(text), key=lambda e: e.start)
    assert first.fatalities == dead


def test_a_headline_toll_of_another_act_stays_off_the_lede():
    found = events(
        "Mortar strike on market kills 6 as fighting rages near Beni\n\nRebels and government "
        "troops fought near Beni on Monday, residents said.\n\nA mortar strike on the market "
        "in Beni killed 6 people on Monday, a doctor said."
    )
    assert sorted((e.sub_event_type, e.fatalities or 0) for e in found) == [
        ("Armed clash", 0),
        ("Shelling/artillery/missile attack", 6),
    ]


@pytest.mark.parametrize(
    ("sentence", "dead", "hurt"),
    [
        ("Rockets fell on the market leaving 7 martyrs and 20 others wounded.", [7], [20]),
        ("A drone strike on the bakery claimed lives of six people in Kamango.", [6], []),
        # The hurt end a headline line; the next line's date is no figure of theirs.
        ("Four Farmers Killed 9 Injured\n\n12.03.2021 Rebel rockets hit Kamango.", [4], [9]),
    ],
)
def test_state_media_wordings_of_the_dead(finder, sentence, dead, hurt):
    hits = finder.find(sentence)
    assert [h.count for h in hits if h.kind == "killed"] == dead
    assert [h.count for h in hits if h.kind == "injured"] == hurt


@pytest.mark.parametrize(
    "sentence",
    [
        "Government shelling kills 14 in rebel-held Kamango",
        "Air strikes killed 14 in rebel areas of the valley on Monday.",
    ],
)
def test_a_count_in_a_sides_area_counts_none_of_that_side(finder, sentence):
    (hit,) = finder.find(sentence)
    assert (hit.count, hit.victims) == (14, "")


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # The rebels hold the town; the 14 are the same dead as the civilians.
        (
            "Government jets bombed the market of Kamango on Monday, killing 14 in the "
            "rebel-held town. The strikes killed at least 14 civilians, a monitor said.",
            14,
        ),
        # The same dead told again with 'also' ...
        (
            "Government troops killed over 40 militants near Kamango on Monday. The army also "
            "killed over 40 militants in the hills near Kamango, the ministry said.",
            40,
        ),
        # ... but others also killed are more dead.
        (
            "Gunmen attacked the market of Kamango on Monday, killing two people. Two others "
            "were also killed in the attack, police said.",
            4,
        ),
    ],
)
def test_the_same_dead_told_twice_are_counted_once(text, dead):
    (ev,) = events(text)
    assert ev.fatalities == dead


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("At least 12 villagers were shot and killed by raiders near Kamango.", 12),
        ("Some 30 prisoners were rounded up and executed by the militia.", 30),
        ("Nine herders were summarily executed at the river crossing.", 9),
        ("Four traders were allegedly killed by a mob in the market.", 4),
    ],
)
def test_a_count_before_two_joined_verbs_or_an_adverb(finder, sentence, count):
    assert [(h.count, h.kind) for h in finder.find(sentence)] == [(count, "killed")]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Two Kenyans were killed when gunmen stormed the lodge near Kamango.", 2),
        ("The blast killed 4 Somalis and 3 Kenyans at the market.", 7),
    ],
)
def test_a_count_of_people_named_by_their_nation(finder, sentence, count):
    assert [(h.count, h.kind) for h in finder.find(sentence)] == [(count, "killed")]
