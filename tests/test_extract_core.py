"""The pure extractor on invented reports (not the seed articles): mentions and events."""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import helpers

from workbench.extract import extract
from workbench.extract.casualties import CasualtyFinder
from workbench.extract.dates import find_dates, resolve_date_phrase
from workbench.extract.lexicon import cached_lexicon

PUB = "2019-07-24"  # a Wednesday


events, one = helpers(PUB)


# -- dates ------------------------------------------------------------------------------------


def test_a_group_name_is_known_by_its_template_in_any_country_or_none():
    lex = cached_lexicon()
    assert lex.names_group("Rioters (India)", "rioters")
    assert lex.names_group("Rioters", "rioters")
    assert lex.names_group("Unidentified Armed Group (Kenya)", "unidentified")
    assert not lex.names_group("Unidentified Armed Group (Kenya)", "rioters")
    assert not lex.names_group("Rioters Union of Kenya", "rioters")
    assert not lex.names_group(None, "unidentified")


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("on Monday", ("2019-07-22", "day")),
        ("Wednesday's bombing", ("2019-07-24", "day")),
        ("last Wednesday", ("2019-07-17", "day")),
        ("Feb. 3", ("2019-02-03", "day")),
        ("Dec. 30", ("2018-12-30", "day")),  # more than a week ahead: last year
        ("March 5, 2016", ("2016-03-05", "day")),
        ("3 February 2017", ("2017-02-03", "day")),
        ("December 12th of last year", ("2018-12-12", "day")),
        ("yesterday", ("2019-07-23", "day")),
        ("two days ago", ("2019-07-22", "day")),
        ("last week", ("2019-07-17", "week")),
        ("late last month", ("2019-06-25", "month")),
        ("the past month", ("2019-07-09", "month")),  # the thirty days up to publication
        ("the past week", ("2019-07-21", "week")),
        ("earlier this month", ("2019-07-15", "month")),
        ("in September", ("2018-09-15", "month")),
        ("in early May", ("2019-05-05", "month")),
    ],
)
def test_dates_resolve_against_publication(phrase, expected):
    assert resolve_date_phrase(phrase, PUB) == expected


def test_relative_dates_without_publication_stay_unknown():
    hits = find_dates("Rebels attacked on Monday and again yesterday.", None)
    assert [h.date for h in hits] == [None, None]
    assert all(h.precision == "unknown" for h in hits)


def test_may_the_verb_is_not_a_date():
    assert find_dates("The strikes may continue, he said.", date(2019, 7, 24)) == []


def test_years_and_seasons_are_found_but_never_date_an_event():
    hits = find_dates("a sarin attack in 2017 and strikes in the fall of 2016", date(2019, 7, 24))
    assert [(h.text, h.precision) for h in hits] == [
        ("in 2017", "year"),
        ("the fall of 2016", "season"),
    ]
    assert events("A sarin attack in 2017 killed dozens of people in Khan Sheikhoun.") == []


def test_range_edges_are_marked():
    (hit,) = find_dates("fighting since March 2011 has killed thousands", date(2019, 7, 24))
    assert hit.range_marked


# -- casualties -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def finder():
    return CasualtyFinder(cached_lexicon())


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("A car bomb killed 12 people and wounded 30 others in Azaz.", 12, 30),
        ("At least 17 civilians were killed, rescuers said.", 17, None),
        ("Five civilians, including two children, were killed.", 5, None),
        ("The blast left 7 dead and 20 wounded.", 7, 20),
        ("Twenty-one soldiers were killed in the ambush.", 21, None),
        ("Gunmen shot dead a journalist in Raqqa.", 1, None),
        ("The death toll rose to 31 on Tuesday.", 31, None),
        ("At least 15 government soldiers and 11 rebels were killed.", 26, None),
        ("more than 1,200 people died in the siege", 1200, None),
    ],
)
def test_casualty_figures(finder, text, killed, injured):
    hits = finder.find(text)
    got_killed = [h.count for h in hits if h.kind == "killed" and not h.subset]
    got_injured = [h.count for h in hits if h.kind == "injured"]
    assert got_killed[:1] == ([killed] if killed is not None else [])
    assert got_injured[:1] == ([injured] if injured is not None else [])


def test_vague_quantities_use_the_convention(finder):
    (hit,) = finder.find("Airstrikes killed dozens of civilians in the town.")
    assert (hit.count, hit.vague) == (12, "dozens")
    (hit,) = finder.find("Hundreds of people were killed in the offensive.")
    assert (hit.count, hit.vague) == (100, "hundreds")


def test_a_year_is_not_a_toll(finder):
    assert [h.count for h in finder.find("an attack in 2014 killed 30")] == [30]


# -- mentions ---------------------------------------------------------------------------------


def test_spelling_variants_and_demonyms_resolve():
    ex = extract(
        "Russian warplanes struck Maaret al-Numan and Khan Shaykhoun, while Turkish troops "
        "shelled Tell Rifaat. Deir Ezzor was quiet.",
        PUB,
    )
    names = {(m.kind, m.text): m.name for m in ex.mentions}
    assert names[("actor", "Russian warplanes")] == "Military Forces of Russia"
    assert names[("actor", "Turkish troops")] == "Military Forces of Turkey"
    assert names[("place", "Maaret al-Numan")] == "Maarat al-Numan"
    assert names[("place", "Khan Shaykhoun")] == "Khan Shaykhun"
    assert names[("place", "Tell Rifaat")] == "Tal Rifaat"
    assert names[("place", "Deir Ezzor")] == "Deir ez-Zor"


def test_acronyms_need_capitals():
    ex = extract("Tell us what happened, the US envoy said of the SDF.", PUB)
    texts = {m.text for m in ex.mentions if m.kind == "actor"}
    assert "us" not in texts
    assert {"US", "SDF"} <= texts


def test_unknown_names_are_proposed_by_pattern():
    ex = extract(
        "Fighters of the Hamza Brigade stormed the village of Tell Hamis in Hasakah province "
        "on Monday.",
        PUB,
    )
    found = {(m.kind, m.text, m.rule) for m in ex.mentions}
    assert ("actor", "Hamza Brigade", "pattern-actor-suffix") in found
    assert ("place", "Tell Hamis", "pattern-place-of") in found
    assert ex.entities[("place", "Tell Hamis")].origin == "extracted"


def test_boilerplate_spans_give_no_mentions_or_events():
    text = "Also read: Jets bombed Idlib on Monday, killing 5.\nNothing else happened."
    assert extract(text, PUB, [(0, 50)]).mentions == []
    assert extract(text, PUB, [(0, 50)]).events == []


# -- events -----------------------------------------------------------------------------------


def test_airstrike_with_all_fields():
    ev = one(
        "Syrian government warplanes struck the town of Saraqeb in Idlib province on "
        "Wednesday, killing at least nine civilians including four children, rescuers said."
    )
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.event_type == "Explosions/Remote violence"
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", "Civilians (Syria)")
    assert (ev.place, ev.geo_precision) == ("Saraqib", 1)
    assert (ev.event_date, ev.date_precision) == ("2019-07-24", "day")
    assert ev.fatalities == 9
    assert "Saraqeb" in ev.quote and ev.start < ev.end
    assert any(r.startswith("trigger:") for r in ev.rules)


def test_yemen_coalition_airstrike_and_suicide_bombing_in_iraq():
    ev = one(
        "Airstrikes by the Saudi-led coalition hit a house in the northern province of Saada "
        "on Friday, killing 12 members of the same family, Houthi-run media reported.",
        "2019-06-15",
    )
    assert (ev.actor1, ev.place, ev.event_date, ev.fatalities) == (
        "Saudi-led Coalition", "Saada", "2019-06-14", 12)  # fmt: skip
    ev = one(
        "A suicide bomber blew himself up at a checkpoint manned by Iraqi soldiers near the "
        "town of Haditha on Sunday, killing 14 people and wounding 20 others.",
        "2019-03-12",
    )
    assert (ev.sub_event_type, ev.actor2, ev.fatalities, ev.injured) == (
        "Suicide bomb", "Military Forces of Iraq", 14, 20)  # fmt: skip
    # Plural: "suicide truck bombs" are suicide bombings, not the "truck bombs" they hold.
    ev = one("Two suicide truck bombs were detonated outside the ministry in Haditha on Sunday.")
    assert ev.sub_event_type == "Suicide bomb"


def test_passive_and_between_sides():
    ev = one("A Syrian helicopter was shot down by rebels near Morek on Tuesday.")
    assert ev.sub_event_type == "Disrupted weapons use"
    assert (ev.actor1, ev.actor2) == ("Syrian rebels", "Military Forces of Syria")
    ev = one(
        "Fighting between government forces and the Houthis intensified around Marib on Saturday.",
        "2019-06-16",
    )
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Armed clash", "Military Forces of Yemen", "Houthi Movement")  # fmt: skip


def test_government_recapture_absorbs_the_battle():
    ev = one(
        "Syrian army troops backed by Russian air power recaptured the town of Kafr Nabudah "
        "in northern Hama province on Monday after heavy fighting with insurgents. At least "
        "15 government soldiers and 11 rebels were killed in the clashes, a monitor said.",
        "2019-05-28",
    )
    assert ev.sub_event_type == "Government regains territory"
    assert ev.actor1 == "Military Forces of Syria"
    assert "Military Forces of Russia" in ev.assoc_actor_1
    assert ev.fatalities == 26


def test_one_event_per_incident_across_sentences():
    found = events(
        "Rebels shelled the Christian town of Suqaylabiyah on Monday, killing two civilians. "
        "The shelling also damaged a church. Three more people died of their wounds later, "
        "local officials said.",
        "2019-05-28",
    )
    assert len(found) == 1
    assert found[0].actor1 == "Syrian rebels"


@pytest.mark.parametrize(
    "sentence",
    [
        "Turkey vowed to strike Kurdish militants in Manbij if they did not withdraw.",
        "The Houthis threatened to attack Saudi oil facilities in Jizan next month.",
        "The consulate in Erbil closed on Monday after threats by the militia to attack it.",
        "Russia denied that its jets had bombed a hospital in Ariha on Monday.",
        "Officials said government forces would retaliate against any attack on Hama.",
        "Washington considered providing anti-aircraft missiles to rebels in Daraa.",
        "The army has repeatedly shelled villages in Jabal al-Zawiya since 2019.",
        "No airstrikes were reported in Idlib province on Tuesday.",
    ],
)
def test_no_events_from_threats_denials_hypotheticals_or_habits(sentence):
    assert events(sentence) == []


def test_reported_figures_that_differ_are_kept_as_low_high():
    ev = one(
        "Russian jets bombed a market in Ariha on Monday, killing 14 people, the White "
        "Helmets said. The Syrian Observatory put the toll from the market strike at 19 dead."
    )
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high) == (14, 14, 19)
    assert "differ" in ev.notes


def test_vague_toll_is_noted():
    ev = one("Government helicopters dropped barrel bombs on Darayya on Sunday, killing dozens.")
    assert ev.fatalities == 12
    assert "dozens" in ev.notes and "ACLED" in ev.notes


def test_undated_event_takes_publication_week_and_says_so():
    ev = one("Israeli warplanes struck Iranian-backed militias near Abu Kamal, killing 8.")
    assert (ev.event_date, ev.date_precision) == (PUB, "week")
    assert "date-from-publication" in ev.rules


def test_user_dictionary_adds_names(tmp_path):
    (tmp_path / "places.csv").write_text(
        "name,type,admin1,country,latitude,longitude,aliases\n"
        "Kafr Sousa,town,Damascus,Syria,33.499,36.268,Kafr Souseh; Kfar Sousa\n",
        encoding="utf-8",
    )
    ex = extract("A blast hit Kfar Sousa on Monday, killing 3.", PUB, (), [str(tmp_path)])
    assert ex.events[0].place == "Kafr Sousa"
    assert ex.entities[("place", "Kafr Sousa")].attrs["latitude"] == 33.499


def test_generic_words_follow_the_group_the_article_names():
    found = events(
        "RIYADH - The Saudi-led coalition said it shot down a drone over Jizan on Wednesday.\n\n"
        "The coalition later carried out airstrikes on Houthi positions in Hodeidah on "
        "Thursday, killing 9 fighters.",
        "2019-06-14",
    )
    air = [e for e in found if e.sub_event_type == "Air/drone strike"]
    assert air and air[0].actor1 == "Saudi-led Coalition"
    assert air[0].actor2 == "Houthi Movement"


def test_unclaimed_bombing_is_an_unidentified_group():
    ev = one(
        "A roadside bomb struck a convoy on the highway south of Baghdad on Sunday, damaging "
        "one truck. There were no casualties.",
        "2020-09-28",
    )
    assert ev.actor1 == "Unidentified Armed Group (Iraq)"
    assert (ev.place, ev.geo_precision, ev.fatalities) == ("Baghdad", 2, 0)


def test_background_and_tallies_are_not_incidents():
    assert (
        events(
            "Since December, nearly 600,000 people have been displaced by a government offensive "
            "on Idlib. Israel has carried out hundreds of strikes in Syria since 2011."
        )
        == []
    )


def test_roundup_of_several_incidents():
    found = events(
        "BAGHDAD (AP) - A string of attacks across Iraq killed at least 21 people on Thursday, "
        "officials said.\n\n"
        "In the deadliest attack, a suicide car bomber rammed his vehicle into a police "
        "checkpoint in the town of Tarmiyah, killing nine policemen and wounding 14 others.\n\n"
        "Hours later, gunmen opened fire on a minibus carrying pilgrims near Samarra, killing "
        "six passengers.\n\n"
        "In Mosul, a bomb attached to a parked car exploded near a checkpoint, killing three "
        "fighters and two civilians.",
        "2019-12-06",
    )
    got = [(e.sub_event_type, e.place, e.event_date, e.fatalities) for e in found]
    assert got == [
        ("Suicide bomb", "Tarmiyah", "2019-12-05", 9),
        ("Attack", "Samarra", "2019-12-05", 6),
        ("Remote explosive/landmine/IED", "Mosul", "2019-12-06", 5),
    ]
    assert found[0].actor1 == "Unidentified Armed Group (Iraq)"
    assert found[0].actor2 == "Police Forces of Iraq"


def test_a_later_toll_in_another_paragraph_is_kept_as_high():
    ev = one(
        "SANAA - A Saudi-led coalition airstrike hit a wedding party in Hajjah province late "
        "Sunday, killing at least 20 people and wounding 46 others, officials said.\n\n"
        "Most of the dead were women. The Houthi-run al-Masirah TV put the death toll at 23.",
        "2018-04-23",
    )
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_high, ev.injured) == (20, 20, 23, 46)
    assert (ev.place, ev.geo_precision) == ("Hajjah", 3)


def test_user_triggers_and_lexicon_extend_the_packaged_ones(tmp_path):
    (tmp_path / "triggers.csv").write_text(
        "phrase,sub_event_type,strength,flags\nkneecapped,Attack,60,agent\n"
        "lynched,Attack,60,agent\n",
        encoding="utf-8",
    )
    (tmp_path / "lexicon.toml").write_text('[quantities]\n"a handful of" = 4\n', encoding="utf-8")
    text = "Militiamen kneecapped two men in Nawa on Monday. They killed a handful of villagers."
    # Packaged, "kneecapped" is no act and "a handful of" no figure: only "They killed ..."
    # is found (the militiamen, by the pronoun), with no toll.
    assert [(e.quote.startswith("They"), e.fatalities) for e in events(text)] == [(True, None)]
    ev = extract(text, PUB, (), [str(tmp_path)]).events[0]
    assert (ev.sub_event_type, ev.place, ev.event_date) == ("Attack", "Nawa", "2019-07-22")
    assert ev.fatalities == 4 and "a handful of" in ev.notes
    # A user's row for a packaged phrase replaces it ("lynched" ships as Mob violence).
    (ev,) = events("A mob lynched two men in Nawa on Monday.")
    assert ev.sub_event_type == "Mob violence"
    (ev,) = extract(
        "Militiamen lynched two men in Nawa on Monday.", PUB, (), [str(tmp_path)]
    ).events
    assert ev.sub_event_type == "Attack"
