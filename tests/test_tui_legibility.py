"""Legibility (issue 13): NO_COLOR gives the plain foreground and reverse video instead of
greys; actor and weapon mentions differ by more than italics; the review header says
statuses in words; the queue's footer shows how to quit. On a SQLite file and a PostgreSQL
server."""

from __future__ import annotations

import pytest
from tui_support import build_db, make_app, open_review, screen_text, settle

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def new_app(path):
    """The app on a fresh database (built after the test sets its environment: NO_COLOR is
    read when the app is built)."""
    build_db(path)
    return make_app(path)


def attributes(style) -> set[str]:
    return {a for a in ("bold", "italic", "underline", "reverse", "strike") if getattr(style, a)}


async def test_no_color_uses_the_foreground_and_reverse_video(db_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # read when the app is built
    app = new_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        table = app.screen.query_one("DataTable")
        assert "reverse" in attributes(table.get_component_rich_style("datatable--cursor"))
        await open_review(pilot, app)
        view = app.screen.query_one("ArticleView")
        for kind in ("actor", "place", "date", "weapon", "casualty"):
            style = view.get_component_rich_style(f"mention--{kind}")
            assert style.color == view.rich_style.color, kind  # not a grey of magenta
            assert attributes(style), kind  # the kind still shows, by its text style


async def test_without_no_color_mentions_keep_colours_and_styles_apart(db_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = new_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        view = app.screen.query_one("ArticleView")
        styles = {k: view.get_component_rich_style(f"mention--{k}") for k in ("actor", "weapon")}
        assert styles["actor"].color != view.rich_style.color
        # In 16 colours magenta and red are close: the two kinds differ by two attributes.
        assert len(attributes(styles["actor"]) ^ attributes(styles["weapon"])) >= 2
        assert "… in review #1" in screen_text(app)  # a status in words


async def test_the_queue_footer_says_how_to_quit(db_path):
    app = new_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        assert "q Quit" in screen_text(app).splitlines()[-1]
        await open_review(pilot, app)
        assert "q Quit" not in screen_text(app).splitlines()[-1]  # room for the review's


async def test_at_80_columns_the_footers_keep_undo(db_path):
    app = new_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        footer = screen_text(app).splitlines()[-1]
        for shown in ("q Quit", "u Undo", "n p Page", "^p Commands"):
            assert shown in footer, footer
        assert footer.rstrip().endswith("^p Commands")  # nothing drawn beside the last key
        await open_review(pilot, app)
        footer = screen_text(app).splitlines()[-1]
        assert "c Confirm" in footer and "u Undo" in footer, footer
        assert footer.rstrip().endswith("^p Commands")


def _in_16_colours(style):
    """What a 16-colour terminal shows of a cell's style: its colours reduced, its text
    attributes."""
    from rich.color import ColorSystem

    def reduce(color):
        return color.downgrade(ColorSystem.STANDARD).number if color else None

    return reduce(style.color), reduce(style.bgcolor), attributes(style)


async def test_the_focused_input_is_visible_in_16_colours(db_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = new_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        await pilot.press("1")  # the date's field key: the form, the date focused
        await settle(pilot, app)
        screen = app.screen
        date, precision = screen.query_one("#f-event_date"), screen.query_one("#f-date_precision")
        assert date.has_focus and not precision.has_focus
        rows = {}
        for name, field in (("date", date), ("precision", precision)):
            label = field.parent.query_one(".edit-label")
            rows[name] = (
                _in_16_colours(screen.get_style_at(label.region.x, label.region.y)),
                # The value's last cell: never under the cursor nor the selection's end.
                _in_16_colours(screen.get_style_at(field.region.x + 8, field.region.y)),
            )
        # Reduced to 16 colours, the focused field's label and value still differ from an
        # unfocused one's (Textual's focus tint and selection colour both vanished there).
        assert rows["date"][0] != rows["precision"][0], rows
        assert rows["date"][1] != rows["precision"][1], rows
