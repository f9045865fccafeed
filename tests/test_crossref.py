"""Two articles' proposals join as one event only when their dates can be one incident's,
by the same rule as duplicate detection (base.calendar.dates_agree)."""

from __future__ import annotations

import pytest
from extract_support import ingest_notes

from workbench.extract.crossref import CrossIndex

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

AIR = "Air/drone strike"


@pytest.fixture
def index(store):
    idx = CrossIndex(store)
    # Event 1: an air strike "late last month", month-precise; event 2 one on a known day.
    idx.add(1, AIR, "2019-04-28", "month", 10, 11, 5, article=1)
    idx.add(2, "Armed clash", "2019-05-02", "day", 10, 11, 5, article=1)
    return idx


@pytest.mark.parametrize(
    ("sub", "when", "precision", "joins"),
    [
        (AIR, "2019-04-02", "day", 1),  # the same calendar month
        (AIR, "2019-05-02", "day", None),  # 4 days later, but the next month
        ("Armed clash", "2019-05-03", "day", 2),  # a day apart
        ("Armed clash", "2019-05-04", "day", None),  # two days apart, both day-precise
        ("Armed clash", "2019-05-08", "week", 2),  # within the week of the wider precision
        ("Armed clash", "2019-05-03", "unknown", None),  # an unknown date is no incident's
    ],
)
def test_dates_join_by_the_one_rule(index, sub, when, precision, joins):
    assert index.find(sub, when, precision, 10, 11, 5, article=2) == joins


def test_an_event_of_unknown_date_is_never_joined(index):
    index.add(3, "Attack", "2019-05-02", "unknown", 10, 11, 5, article=1)
    assert index.find("Attack", "2019-05-02", "day", 10, 11, 5, article=2) is None


def test_an_articles_own_events_join_only_later_articles(store):
    """An article's proposals are filed once the next article comes (the index skips them
    for their own article): the result is the index's as if filed at once, in order."""
    idx = CrossIndex(store)
    idx.add(1, AIR, "2019-05-02", "day", 10, 11, 5, article=1)
    idx.add(2, AIR, "2019-05-02", "day", 10, 11, 5, article=1)
    assert idx.find(AIR, "2019-05-02", "day", 10, 11, 5, article=1) is None  # its own
    assert idx.find(AIR, "2019-05-02", "day", 10, 11, 5, article=2) == 1  # the first filed
    idx.link(1, AIR, article=2)
    idx.add(3, AIR, "2019-05-03", "day", 10, 11, 5, article=2)
    assert idx.find(AIR, "2019-05-02", "day", 10, 11, 5, article=2) == 2
    assert idx.find(AIR, "2019-05-02", "day", 10, 11, 5, article=3) == 1
    idx.unlink(1, article=2)
    assert idx.find(AIR, "2019-05-02", "day", 10, 11, 5, article=2) == 1
    idx.add(4, AIR, "2019-05-02", "day", 10, 11, 5, article=4)
    idx.forget(4)  # forgotten before another article came: never found
    idx.forget(1)
    assert idx.find(AIR, "2019-05-02", "day", 10, 11, 5, article=5) == 2


def test_acts_by_anyone_on_anyone_told_nowhere_stay_apart(tmp_path):
    """Two notes of a week, each an unidentified group's act on civilians with no place: the
    two generic actors are no sign of one incident (every 'gunmen shot a man' of the week
    would become one event); with a named doer they still join."""
    texts = {
        "a.txt": "On 3 May, unidentified gunmen shot dead a shopkeeper.",
        "b.txt": "On 4 May, unidentified gunmen shot dead a schoolteacher.",
        "c.txt": "On 3 May, Maoists shot dead a shopkeeper.",
        "d.txt": "On 4 May, Maoists shot dead a shopkeeper.",
    }
    rows = ingest_notes(
        tmp_path, {name: (text + "\n", "The Hindu", "2019-05-05") for name, text in texts.items()}
    )
    sources = sorted(sorted(s["file"].rsplit("/", 1)[-1] for s in r["sources"]) for r in rows)
    assert sources == [["a.txt"], ["b.txt"], ["c.txt", "d.txt"]]


def test_a_side_inferred_from_the_article_does_not_join_two_reports(tmp_path):
    """Two articles about one group, each with a strike on an unnamed target by the same
    doer and no place: the group each article is about is no sign that the two strikes
    are one (as the article's setting is not); a place of their own still joins them."""
    about = (
        "Islamic State fighters are holding out in their last pocket, commanders said. "
        "Islamic State has lost almost all its land. A few hundred Islamic State fighters "
        "remain. "
    )
    texts = {
        "a.txt": about + "On Monday coalition jets carried out airstrikes on the pocket.",
        "b.txt": about + "On Monday coalition jets carried out airstrikes near the river.",
        "c.txt": about + "On Monday coalition jets carried out airstrikes on Hajin.",
        "d.txt": about + "On Monday coalition jets carried out airstrikes on Hajin again.",
    }
    rows = ingest_notes(
        tmp_path, {name: (text + "\n", "The Hindu", "2019-03-05") for name, text in texts.items()}
    )
    strikes = [r for r in rows if r["sub_event_type"] == AIR]
    assert all(r["actor2"] == "Islamic State" for r in strikes)
    sources = sorted(sorted(s["file"].rsplit("/", 1)[-1] for s in r["sources"]) for r in strikes)
    assert sources == [["a.txt"], ["b.txt"], ["c.txt", "d.txt"]]


def test_a_doer_inferred_from_the_article_does_not_join_two_reports(tmp_path):
    """Each article's clash takes the doer of its other acts (Turkey): that guess is no
    sign that two articles tell one clash."""
    assault = (
        "Turkish jets bombed Kurdish positions near Afrin on Monday. Turkish artillery "
        "shelled the village of Jindires on Monday. Turkish troops also shelled Rajo on "
        "Monday. Aid workers said the roads were closed.\n\n"
    )
    texts = {
        "a.txt": assault + "On Tuesday fierce clashes broke out near the village of Bulbul.",
        "b.txt": assault + "On Tuesday heavy clashes broke out near the village of Bulbul.",
    }
    rows = ingest_notes(
        tmp_path, {name: (text + "\n", "The Hindu", "2018-02-08") for name, text in texts.items()}
    )
    clashes = [r for r in rows if r["sub_event_type"] == "Armed clash"]
    assert [r["actor1"] for r in clashes] == ["Military Forces of Turkey"] * 2
