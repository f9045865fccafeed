"""Event dates on invented reports: a day number alone, time shifts from the incident
before ("Hours earlier"), "since Thursday, when ...", dates carried from the sentence or
paragraph before, and bulletin items / live-blog entries that start their own incident."""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import helpers

from workbench.extract.dates import find_dates, item_opening, resolve_date_phrase

PUB = "2021-09-16"  # a Thursday


events, _ = helpers(PUB)


def by_place(text: str, published: str = PUB) -> dict:
    return {(e.place or "").removeprefix("Al-"): e for e in events(text, published)}


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("on the 12th", ("2021-09-12", "day")),
        ("on the 3rd", ("2021-09-03", "day")),
        ("on the 28th", ("2021-08-28", "day")),  # still ahead this month: the month before
        ("since the 1st", ("2021-09-01", "day")),
        ("earlier this month", ("2021-09-15", "month")),
        ("a fortnight ago", ("2021-09-02", "week")),
        ("last Monday", ("2021-09-13", "day")),
        ("on the night of March 3-4", ("2021-03-03", "day")),
        # A period told month first is dated by its first day, as one told day first.
        ("between August 3 and August 6", ("2021-08-03", "week")),
        ("between Aug. 30 to Sept. 2", ("2021-08-30", "week")),
        ("from July 28-31", ("2021-07-28", "week")),
        ("between 3 and 6 August", ("2021-08-03", "week")),
    ],
)
def test_date_phrases(phrase, expected):
    assert resolve_date_phrase(phrase, PUB) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the 4th Armoured Division moved north",
        "on the 2nd anniversary of the siege",
        "the 21st century",
    ],
)
def test_ordinals_that_are_not_days(text):
    assert not [h for h in find_dates(text, date(2021, 9, 16)) if h.rule == "date-day-number"]


def test_day_number_dates_an_event():
    (e,) = events(
        "Rebels ambushed an army patrol near the town of Kidal on the 9th, killing four soldiers."
    )
    assert (e.event_date, e.date_precision) == ("2021-09-09", "day")


def test_since_weekday_when_is_that_day():
    text = (
        "Tension along the front has been rising since Monday, when an air strike near the "
        "town of Ariha killed 11 soldiers, a monitor said."
    )
    (e,) = [e for e in events(text) if e.place == "Ariha"]
    assert (e.event_date, e.date_precision) == ("2021-09-13", "day")


def test_a_period_told_month_first_dates_the_act_told_in_it():
    (e,) = events("From August 3 to August 6, militiamen raped four women near Kidal.")
    assert (e.event_date, e.date_precision) == ("2021-08-03", "week")


def test_since_weekday_alone_stays_a_period_edge():
    assert find_dates("clashes since Monday have killed 40", date(2021, 9, 16))[0].range_marked


@pytest.mark.parametrize(
    "opening, expected",
    [
        ("Hours earlier", "2021-09-14"),
        ("Minutes later", "2021-09-14"),
        ("The next day", "2021-09-15"),
    ],
)
def test_time_shift_from_the_incident_before(opening, expected):
    text = (
        "Gunmen killed nine villagers in the town of Djibo on Tuesday, officials said.\n\n"
        "The government declared three days of mourning.\n\n"
        f"{opening}, in the town of Arbinda, gunmen killed six people, local sources said."
    )
    e = by_place(text)["Arbinda"]
    assert (e.event_date, e.date_precision) == (expected, "day")


def test_time_shift_closing_the_clause():
    text = (
        "Troops clashed with gunmen in the town of Djibo on Tuesday, killing seven.\n\n"
        "A local commander was arrested in the town of Arbinda hours later."
    )
    e = by_place(text)["Arbinda"]
    assert (e.event_date, e.date_precision) == ("2021-09-14", "day")


@pytest.mark.parametrize(
    "told",
    [
        "Witnesses said a day after the bombing gunmen killed six people in the town of Arbinda.",
        "A day after the disaster gunmen killed six people in the town of Arbinda.",
    ],
)
def test_an_anchor_inside_the_clause_dates_the_act_after_it(told):
    # No comma closes "a day after the bombing": the act after it is a day on.
    text = f"Jets bombed the market in the town of Djibo on Tuesday, killing 31 people. {told}"
    e = by_place(text)["Arbinda"]
    assert e.event_date == "2021-09-15"


def test_an_anchor_after_the_act_or_naming_no_incident_dates_nothing():
    text = (
        "Jets bombed the market in the town of Djibo on Tuesday, killing 31 people. "
        "Gunmen killed six people in the town of Arbinda two days after the vote."
    )
    assert by_place(text)["Arbinda"].event_date != "2021-09-16"


def test_carried_day_within_a_paragraph_is_day_precise():
    text = (
        "On Monday, government aircraft bombed the town of Ariha, killing three civilians. "
        "Rebel fighters then shelled the town of Jisr al-Shughur, killing a child."
    )
    e = by_place(text)["Jisr al-Shughur"]
    assert (e.event_date, e.date_precision) == ("2021-09-13", "day")


def test_carried_day_into_a_new_paragraph_is_week_precise():
    text = (
        "Government aircraft bombed the town of Ariha on Monday, killing three civilians.\n\n"
        "In the south, a roadside bomb struck an army bus near the town of Sanamayn, killing two soldiers."
    )
    e = by_place(text)["Sanamayn"]
    assert (e.event_date, e.date_precision) == ("2021-09-13", "week")


def test_bulletin_item_takes_the_intro_day_not_the_item_before():
    text = (
        "Summary of incidents recorded by our monitors on Tuesday.\n\n"
        "HAMA - Gunmen shot dead a farmer in the village of Kafr Zita last night.\n\n"
        "DARAA - Government forces shelled the town of Nawa, killing two civilians."
    )
    found = by_place(text)
    assert (found["Kafr Zita"].event_date, found["Kafr Zita"].date_precision) == (
        "2021-09-15",
        "day",
    )
    assert (found["Nawa"].event_date, found["Nawa"].date_precision) == ("2021-09-14", "day")


def test_bulletin_item_without_intro_falls_back_to_publication():
    text = (
        "HAMA - Gunmen shot dead a farmer in the village of Kafr Zita last night.\n\n"
        "DARAA - Government forces shelled the town of Nawa, killing two civilians."
    )
    nawa = by_place(text)["Nawa"]
    assert (nawa.event_date, nawa.date_precision) == (PUB, "week")


def test_live_blog_entry_is_the_day_of_publication():
    text = (
        "Our live coverage of the fighting.\n\n"
        "08:15 - Missiles struck the city of Kharkiv overnight, killing four people, the mayor said.\n\n"
        "09:30 - Russian shelling killed two people in the city of Sumy, the governor says."
    )
    sumy = by_place(text)["Sumy"]
    assert (sumy.event_date, sumy.date_precision) == (PUB, "day")


@pytest.mark.parametrize(
    "para, kind",
    [
        ("ALEPPO - Regime forces shelled", "dateline"),
        ("MOGADISHU, Somalia (AP) - A car bomb", "dateline"),
        ("14:05 - Sirens sounded", "timestamp"),
        ("In Aleppo, regime forces shelled", None),
        ("US - Iran talks stalled", None),
    ],
)
def test_item_opening(para, kind):
    assert item_opening(para, 0) == kind


def test_named_day_beats_overnight_but_not_the_statement_day():
    raid = "Rebels killed 12 villagers in an overnight raid on the village of Kabasha from Monday to Tuesday."
    (e,) = events(raid)
    assert e.event_date == "2021-09-14"
    lead = "Gunmen killed 20 civilians in an overnight attack on the village of Kabasha, the army said Thursday."
    (e,) = events(lead)
    assert e.event_date == "2021-09-15"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In August last year a car bomb killed 27 people.", "2020-08-15"),
        ("in March of last year", "2020-03-15"),
        ("in June this year", "2021-06-15"),
    ],
)
def test_a_month_of_last_or_this_year(text, expected):
    (hit,) = find_dates(text, date(2021, 9, 16))
    assert (hit.date, hit.precision) == (expected, "month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The day a later statement raised the toll is not the day of the act it names.
        (
            "On Tuesday the governor raised the death toll from August 29's airstrike on "
            "the market in Kabasha to 31.",
            "2021-08-29",
        ),
        (
            "On Wednesday officials raised the toll from Sunday's bombing in Kabasha to 14.",
            "2021-09-12",
        ),
        (
            "On Wednesday the ministry raised the toll from last week's deadly bombing in "
            "Mogadishu to nine.",
            "2021-09-09",
        ),
        # A month in the possessive: that month's act, month-precise.
        (
            "Officials raised the toll from April's airstrike on the market in Kabasha to 31.",
            "2021-04-15",
        ),  # fmt: skip
    ],
)
def test_a_possessive_date_dates_the_act_it_qualifies(text, expected):
    (e,) = events(text)
    assert e.event_date == expected
    assert "date-possessive" in e.rules


def test_a_month_in_the_possessive_is_a_date_but_not_mays():
    (hit,) = find_dates("after August's chlorine attack", date(2021, 9, 16))
    assert (hit.text, hit.date, hit.precision) == ("August", "2021-08-15", "month")
    # "May's" is far more often a person's (Theresa May's) than the month's.
    assert find_dates("Theresa May's government condemned it", date(2021, 9, 16)) == []


def test_the_day_of_a_statement_gives_way_to_the_acts_own_date():
    (e,) = events(
        "Army officials said on Tuesday that their convoy came under fire near the town of "
        "Kabasha last Friday."
    )
    assert e.event_date == "2021-09-10"
    # With no date of its own, the act keeps the day it was reported.
    (e,) = events("Army officials said on Tuesday that their convoy came under fire near Kabasha.")
    assert e.event_date == "2021-09-14"


def test_an_act_told_as_going_on_now_borrows_no_date_from_before():
    # "are enduring": the news of the day the report came out, not January's.
    text = (
        "Government forces shelled Kafranbel in January, activists said. Aid workers have "
        "warned of food shortages across the province. In Douma some 50,000 people are "
        "enduring a week of airstrikes by Syrian jets."
    )
    places = by_place(text)
    assert places["Douma"].event_date == PUB
    assert places["Kafr Nabl"].event_date == "2021-01-15"
    # Told in the past, the act still takes the date of the sentences before.
    places = by_place(text.replace("are enduring", "endured"))
    assert places["Douma"].event_date == "2021-01-15"


@pytest.mark.parametrize(
    "text",
    [
        "On 12/09/2021, youths who are part of the March 9 agitation threw stones at police in Sitra.",
        "On 12/09/2021, members of the March 9 Youth Coalition threw stones at police in Sitra.",
    ],
)
def test_a_date_in_a_movements_name_does_not_date_the_act(text):
    (e,) = events(text)
    assert e.event_date == "2021-09-12"


def test_a_day_to_come_in_the_acts_own_sentence_dates_no_act():
    (e,) = events(
        "Jets bombed the town of Kabasha, days before peace talks due to resume on Monday."
    )
    assert e.event_date != "2021-09-13"
    # A future word further back: the day is the announcement's, and dates the act after it.
    (e,) = events(
        "Shortly after the ministry announced the army would withdraw from the town on "
        "Tuesday, jets bombed Kabasha."
    )
    assert e.event_date == "2021-09-14"
