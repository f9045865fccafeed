"""The scripted double-coding run of issue 16: two analysts code the four seeds blind,
with different decisions on purpose, and `workbench agree` reports the figures worked out
by hand below (Krippendorff's coincidence formulas for two coders, Cohen's kappa)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from export_helpers import relax_confirm_rules

from workbench.cli import main
from workbench.seeds import ingest_seeds
from workbench.store import Store
from workbench.store.assign import assign_articles
from workbench.store.events import set_article_status, set_status, update_event
from workbench.store.team import set_analyst

SHELL, ATTACK, CLASH = "Shelling/artillery/missile attack", "Attack", "Armed clash"
GOV, FSA, IS = "Syrian government forces", "Free Syrian Army", "Islamic State"
UAG = "Unidentified Armed Group (Syria)"


def ev(day, sub, actor1, location, fatalities=None):
    return {"event_date": day, "sub_event_type": sub, "actor1": actor1, "actor2": "",
            "location": location, "fatalities": fatalities}  # fmt: skip


# Per seed article (in id order), what each coder confirms on their copy (by position
# among the copies); everything else is left proposed, which is not an event.
SCRIPT = {
    0: {"ana": [ev("2018-02-03", SHELL, GOV, "Kafranbil", 6),
                ev("2018-02-01", CLASH, FSA, "Idlib", 0)],
        "ben": [ev("2018-02-03", SHELL, GOV, "Kafranbil", 6),
                ev("2018-02-01", ATTACK, FSA, "Idlib")]},  # another type: no pair
    1: {"ana": [ev("2018-02-06", ATTACK, IS, "Deir ez-Zor", 10)],
        "ben": [ev("2018-02-07", ATTACK, UAG, "Deir ez-Zor", 12)]},  # a day apart: a pair
    2: {"ana": [],
        "ben": [ev("2019-05-05", SHELL, "Military Forces of Russia", "Idlib", 3)]},
    3: {"ana": [ev("2017-04-04", ATTACK, GOV, "Khan Shaykhun", 20)],
        "ben": []},
}  # fmt: skip


# On both backends: the figures, and adjudication typed without waiting, where a server's
# row order and timing differ from a file's.
pytestmark = pytest.mark.backends


@pytest.fixture
def coded(db_path):
    path = db_path
    relax_confirm_rules(path)
    with Store(path, analyst="lead") as lead:
        ingest_seeds(lead)
        set_analyst(lead, "lead", "admin")
        set_analyst(lead, "ana")
        set_analyst(lead, "ben")
        articles = [r["id"] for r in lead.query("SELECT id FROM articles ORDER BY id")]
        assign_articles(lead, articles, ["ana", "ben"], double=1)
    for coder in ("ana", "ben"):
        with Store(path, analyst=coder) as store:
            for n, article in enumerate(articles):
                copies = [r["id"] for r in store.query(
                    "SELECT id FROM events WHERE coder = ? AND article_id = ? ORDER BY copy_of",
                    [coder, article],
                )]  # fmt: skip
                assert len(copies) >= 2
                for event_id, values in zip(copies, SCRIPT[n][coder], strict=False):
                    update_event(store, event_id, values)
                    set_status(store, event_id, "confirmed")
    return path, articles


def agree(path, *args):
    return CliRunner().invoke(main, ["--db", path, "agree", *args])


def finish(path, articles, coder):
    with Store(path, analyst=coder) as store:
        for article in articles:
            set_article_status(store, article, "done")


def test_agree_matches_the_hand_computed_figures(coded):
    path, articles = coded
    # Nothing is compared before both copies are done.
    finish(path, articles, "ana")
    assert "no double-coded articles" in agree(path).output
    finish(path, articles, "ben")

    result = agree(path, "--analysts", "ben,ana", "--format", "json")
    assert result.exit_code == 0, result.output
    (pair,) = json.loads(result.output)
    assert pair["analysts"] == ["ana", "ben"] and pair["articles"] == 4
    # Events: ana 2+1+0+1, ben 2+1+1+0; pairs: the shelling in seed 0 and the attack in
    # seed 1. F1 = 2 * 2 / (4 + 4).
    assert pair["events"] == {"ana": 4, "ben": 4} and pair["matched"] == 2
    assert pair["f1"] == 0.5
    # Event / no event per article: (y,y) (y,y) (n,y) (y,n). Observed 2/4; each coder says
    # yes 3/4, so chance = .75*.75 + .25*.25 = .625; kappa = (.5 - .625) / (1 - .625).
    assert pair["kappa"] == pytest.approx((0.5 - 0.625) / 0.375, abs=1e-4)
    # Alpha for two coders over n = 4 paired values: 1 - D_o / D_e, with
    # D_o = sum over units of 2 * d(a, b) / n and D_e = sum over ordered pairs of values of
    # n_c * n_k * d(c, k) / (n * (n - 1)).
    fields = {f: v["alpha"] for f, v in pair["fields"].items()}
    # fatalities 6/6 and 10/12, interval d = difference squared:
    # D_o = 2*4/4 = 2; D_e = 2*(2*16 + 2*36 + 4) / 12 = 216/12.
    assert fields["fatalities"] == pytest.approx(1 - 2 / (216 / 12), abs=1e-4)
    # dates 02-03/02-03 and 02-06/02-07 (days 0, 0, 3, 4):
    # D_o = 2*1/4; D_e = 2*(2*9 + 2*16 + 1) / 12 = 102/12.
    assert fields["event_date"] == pytest.approx(1 - 0.5 / (102 / 12), abs=1e-4)
    # actor1 GOV/GOV and IS/UAG, nominal: D_o = 2/4; D_e = 2*(2 + 2 + 1) / 12 = 10/12.
    assert fields["actor1"] == pytest.approx(1 - 0.5 / (10 / 12), abs=1e-4)
    assert fields["location"] == 1.0 and fields["sub_event_type"] == 1.0
    assert fields["event_type"] == 1.0
    assert fields["actor2"] is None  # nobody coded a second actor: one value, no alpha
    assert pair["fields"]["fatalities"]["n"] == 2
    # Every disagreement is listed: the unpaired events and the differing fields.
    kinds = sorted((d["events"][0] is None, d["events"][1] is None, tuple(d["fields"]))
                   for d in pair["disagreements"])  # fmt: skip
    assert kinds == [
        (False, False, ("actor1", "event_date", "fatalities")),
        (False, True, ("event",)), (False, True, ("event",)),
        (True, False, ("event",)), (True, False, ("event",)),
    ]  # fmt: skip
    assert any("fewer" not in w and "only 2 matched" in w for w in pair["warnings"])

    table = agree(path).output
    assert "ana vs ben: 4 double-coded article(s) both done" in table
    assert "F1 0.500" in table and "Cohen's kappa -0.333" in table
    assert "actor1" in table and "0.400" in table and "(fewer than 30)" in table


@pytest.fixture(autouse=False)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


async def test_adjudication_resolves_every_difference_by_keys(coded, no_user_keys):
    from tui_support import make_app, press, screen_text, settle

    path, articles = coded
    finish(path, articles, "ana")
    finish(path, articles, "ben")
    with Store(path, analyst="lead") as lead:
        set_analyst(lead, "tester", "reviewer")
    app = make_app(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "A")  # seed 0: the shelling pair, ana's clash, ben's attack
        screen = app.screen
        assert [(r["a"] is not None, r["b"] is not None) for r in screen.rows] == [
            (True, True), (True, False), (False, True)]  # fmt: skip
        assert "ana vs ben" in screen_text(app)
        await press(pilot, app, "1")  # the pair: ana's whole event
        await press(pilot, app, *["down"] * 10, "1")  # ana's clash: kept
        # ben's attack: taken, then dropped, in quick succession (the second key comes
        # before the screen has seen the first one's final event)
        await press(pilot, app, *["down"] * 10, "2", "1")
        finals = [r["final_status"] for r in screen.rows]
        assert finals == ["confirmed", "confirmed", "rejected"]
        await press(pilot, app, "d")
        await press(pilot, app, "down", "A")  # seed 1: one pair differing in three fields
        screen = app.screen
        assert "3 field(s) differ" in screen_text(app)
        # ana's event, then ben's actor1 and fatalities, typed without waiting
        await press(pilot, app, "1", *["down"] * 5, "2", *["down"] * 3, "2")
        await press(pilot, app, "d")
    with Store(path, analyst="checker") as store:
        for article in articles[:2]:
            assert store.row("articles", article)["status"] == "done"
        records = {
            r["sub_event_type"] + r["actor1"]: r
            for r in json.loads(
                "[" + ",".join(CliRunner().invoke(
                    main, ["--db", path, "export", "--format", "jsonl"]).output.split("\n")[:-1])
                + "]"
            )
        }  # fmt: skip
        attack = records[ATTACK + UAG]
        assert (attack["event_date"], attack["fatalities"]) == ("2018-02-06", 12)
        assert attack["confirmed_by"] == "ana"  # the coder whose event was taken
        assert attack["reviewed_by"] == "tester"  # and the adjudicator, its reviewer
        # (the dictionary names the government forces by ACLED's name)
        assert records[SHELL + "Military Forces of Syria"]["confirmed_by"] == "ana"
        assert records[CLASH + FSA]["confirmed_by"] == "ana"
        assert ATTACK + FSA not in records  # ben's unpaired attack was dropped
        adjudicated = store.query(
            "SELECT DISTINCT adjudicated_by FROM events WHERE adjudicated_by IS NOT NULL"
        )
        assert adjudicated == [{"adjudicated_by": "tester"}]
        # Adjudication is the review of a double-coded event.
        reviewed = CliRunner().invoke(
            main, ["--db", path, "export", "--status", "reviewed", "--format", "jsonl"]
        )
        assert len(reviewed.output.splitlines()) == len(records) == 3
        # Nothing the machine proposed in those articles is left undecided.
        assert not store.scalar(
            "SELECT count(*) FROM events WHERE coder IS NULL AND status = 'proposed' "
            "AND article_id IN (?, ?)",
            articles[:2],
        )


async def test_agreement_screen_lists_disagreements_and_jumps(coded, no_user_keys):
    from tui_support import make_app, press, screen_text, settle

    from workbench.tui.screens.adjudication import AdjudicationScreen

    path, articles = coded
    finish(path, articles, "ana")
    finish(path, articles, "ben")
    with Store(path, analyst="lead") as lead:
        set_analyst(lead, "tester", "reviewer")
    app = make_app(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "G")
        text = screen_text(app)
        assert "ana vs ben" in text and "F1 0.500" in text and "kappa -0.333" in text
        assert len(app.screen.items) == 5
        await press(pilot, app, "down", "enter")
        assert isinstance(app.screen, AdjudicationScreen)
        assert app.screen.article_id == articles[0]
