"""Provides `ArticlesScreen`: the queue of articles, paged from SQLite, filtered, searched.

Only one page (100 rows) is ever in the table; `next-page`/`prev-page` fetch another.
Search is SQLite FTS5 over titles and text; the user's words are quoted, so FTS syntax in
a query is never an error. Once the learned model can tell events from non-events (after a
few confirmed and rejected proposals), `order-likely` puts the articles with the likeliest
events first (the P(real event) before each title) and `filter-doubted` keeps the articles
with a proposal the model doubts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey
from textual.worker import get_current_worker

from ...store.models import EXTRACTOR, MIN_EVENTNESS_NOTE, odds_source
from ...store.queries import ARTICLE_STATUSES, ArticleQuery
from ..data import PAGE_SIZE
from ..marks import ARTICLE_MARKS
from ..widgets.footer import Footer
from ..widgets.progress_line import ProgressLine

PAGES = Binding.Group("Page")
FIXED_WIDTH = 2 + 4 + 4 + 10 + 16 + 12 + 12  # every column but the title, with cell padding


if TYPE_CHECKING:
    from ..app import WorkbenchApp


class QueueTable(DataTable):
    """The queue's table: its select key (enter) opens the article in the key's own
    handler. DataTable selects by posting RowSelected, which is handled only after the keys
    already queued: a key typed with the enter (in one terminal read) reached this screen,
    not the review screen, and was lost. Opened at once, the review screen is on the stack
    when the next key is dispatched, and holds it while its rows load (`hold_key`). A
    click still selects through RowSelected."""

    def action_select_cursor(self) -> None:
        open_article = getattr(self.screen, "action_open_article", None)
        if callable(open_article):
            open_article()  # nothing when no row is current
        else:
            super().action_select_cursor()


class ArticlesScreen(Screen):
    SCOPE = "Articles"
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    CSS_PATH = "articles.tcss"
    AUTO_FOCUS = "#queue"
    BINDINGS = [
        Binding("enter", "open_article", "Open", id="open-article"),
        Binding("down", "row(1)", "Next article row", id="next-row", show=False),
        Binding("up", "row(-1)", "Previous article row", id="prev-row", show=False),
        Binding("s", "cycle_status", "Status filter", id="filter-status"),
        Binding("a", "toggle_mine", "Mine/all", id="filter-mine"),
        Binding("o", "toggle_order", "Likely first", id="order-likely", show=False),
        Binding("d", "toggle_doubted", "Doubted", id="filter-doubted", show=False),
        Binding("A", "open_adjudication", "Adjudicate", id="open-adjudication", show=False),
        Binding("G", "open_agreement", "Agreement", id="open-agreement", show=False),
        # One footer entry for both ("n p Page"): at 80 columns the footer cut u Undo.
        Binding("n", "page(1)", "Next page", id="next-page", group=PAGES),
        Binding("p", "page(-1)", "Prev page", id="prev-page", group=PAGES),
        Binding("escape", "cancel_search", "Cancel search", id="cancel-search", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page_offset = 0
        self.total = 0
        self.rows: list[dict] = []
        self.focus_article: int | None = None
        self.search_typed: list[str] | None = None  # while the search box is opening
        self.odds: str | None = None  # whose odds order and filter: store.models.odds_source
        self._filled_width = -1  # the screen width the rows were laid out for
        self._resumed = False

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # The queue is where a session ends: its footer shows the app's quit key, which
        # the other screens' footers leave out for room.
        bindings = super().active_bindings
        for key, active in bindings.items():
            if active.binding.id == "quit":
                bindings[key] = active._replace(binding=replace(active.binding, show=True))
        return bindings

    def compose(self) -> ComposeResult:
        yield Static(id="queue-head")
        search = Input(
            placeholder="search titles and text, enter to apply", id="search", compact=True
        )
        search.display = False
        yield search
        yield QueueTable(id="queue", cursor_type="row", zebra_stripes=False)
        yield ProgressLine()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Fixed widths: auto widths measured while the first rows arrive were now and then
        # drawn from the labels alone ("Gover" for the title). The title's is set per fill.
        for label, key, width in (
            ("", "mark", 1),
            ("Prop", "proposed", 4),
            ("Conf", "confirmed", 4),
            ("Published", "published", 10),
            ("Title", "title", 16),
            ("Outlet", "outlet", 14),
            ("With", "with", 10),
        ):
            # Text, not str: a str label is parsed as markup, which loads rich's emoji table.
            table.add_column(Text(label), key=key, width=width)
        first = self.app.take_first_page()
        if first is not None:
            self._fill(*first)  # read while the app started: no empty frame first
        else:
            self.load()

    def on_screen_resume(self) -> None:
        # Back from another screen: its changes show. (The first resume, as the screen is
        # pushed, follows the first page read at mount.)
        if self._resumed and self.rows:
            self.load()
        self._resumed = True

    def reload(self) -> None:
        self.load()

    @property
    def query_state(self) -> ArticleQuery:
        return self.app.queue_query

    @work(thread=True, exclusive=True, group="queue")
    def load(self) -> None:
        focus = self.focus_article
        if focus is not None:
            index = self.app.gateway.offset_of(self.query_state, focus)
            self.page_offset = (index // PAGE_SIZE) * PAGE_SIZE
        rows, total = self.app.gateway.page(self.query_state, self.page_offset)
        q = self.query_state
        if q.order == "likely" or q.doubted:
            self.odds = self.app.gateway.safe(odds_source)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill, rows, total)

    def on_resize(self) -> None:
        # The title column takes the width the terminal has (a resized SSH window too); rows
        # loaded before the first layout are laid out again once the size is known.
        if self.rows and self.size.width != self._filled_width:
            self._fill(self.rows, self.total)

    def _fill(self, rows: list[dict], total: int) -> None:
        self.rows, self.total = rows, total
        # Before its first layout (the first page filled at mount) the screen has no size
        # yet: it will have the app's.
        self._filled_width = self.size.width or self.app.size.width
        table = self.query_one(DataTable)
        title_width = max(16, self._filled_width - FIXED_WIDTH)
        table.columns[ColumnKey("title")].width = title_width
        table.clear()
        for row in rows:
            title = row["title"] or row["file"] or "(untitled)"
            if self.query_state.order == "likely":
                likely = row.get("likely")
                title = ("  –  " if likely is None else f"{likely:.2f} ") + title
            status = row["status"]
            if row.get("blind"):  # a double-coded article is done for me when my copy is
                status = "done" if row["mine"] == "done" else "in_review"
            table.add_row(
                Text(ARTICLE_MARKS.get(status, "?")),
                Text(str(row["proposed"]), justify="right"),
                Text(str(row["confirmed"]), justify="right"),
                Text(row["published"] or "—"),
                _cut(title, title_width),
                _cut(row["outlet"] or "", 14),
                _with(row),
                key=str(row["id"]),
            )
        if self.focus_article is not None:
            for index, row in enumerate(rows):
                if row["id"] == self.focus_article:
                    table.move_cursor(row=index, animate=False)
        self._head()
        self.call_after_refresh(self.app.first_page_drawn)

    def _head(self) -> None:
        q = self.query_state
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Articles", style="bold")
        text.append(" · mine" if q.mine else "")
        text.append(f" · status: {q.status or 'all'}")
        judge = "the extractor" if self.odds == EXTRACTOR else "the model"
        if q.order == "likely":
            text.append(" · likely events first")
        if q.doubted:
            text.append(f" · proposals {judge} doubts", style="bold")
        if q.order == "likely" or q.doubted:
            if self.odds is None:
                text.append(" (no proposal scored yet)", "italic")
            elif self.odds == EXTRACTOR:
                # Day one: the extractor's calibrated confidence, until the model can learn.
                text.append(f" (by the extractor's confidence; {MIN_EVENTNESS_NOTE})", "italic")
        if q.search:
            text.append(" · search: ")
            text.append(f"“{q.search}”", style="bold")
        if self.total:
            end = self.page_offset + len(self.rows)
            text.append(f" · {self.page_offset + 1}–{end} of {self.total}")
        elif q.search or q.status or q.doubted:
            text.append(" · no articles match")
        else:
            text.append(" · no articles yet: add some with  workbench ingest PATH")
        self.query_one("#queue-head", Static).update(text)

    def current_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]["id"]

    # -- actions ----------------------------------------------------------------------

    def action_open_article(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            from .review import ReviewScreen

            self.focus_article = article_id
            self.app.push_screen(ReviewScreen(article_id))

    def action_open_adjudication(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            from .adjudication import AdjudicationScreen

            self.focus_article = article_id
            self.app.push_screen(AdjudicationScreen(article_id))

    def action_open_agreement(self) -> None:
        from .agreement import AgreementScreen

        self.app.push_screen(AgreementScreen())

    def action_row(self, step: int) -> None:
        # Reached only for keys the table itself does not bind (e.g. j/k in the vim preset).
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step), animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_article()

    def action_cycle_status(self) -> None:
        order = [None, *ARTICLE_STATUSES]
        q = self.query_state
        status = order[(order.index(q.status) + 1) % len(order)]
        self.app.queue_query = replace(q, status=status)
        self.page_offset, self.focus_article = 0, None
        self.load()

    def action_toggle_mine(self) -> None:
        q = self.query_state
        mine = None if q.mine else self.app.analyst
        self.app.queue_query = replace(q, mine=mine)
        self.page_offset, self.focus_article = 0, None
        self.load()

    def action_toggle_order(self) -> None:
        q = self.query_state
        self.app.queue_query = replace(q, order="queue" if q.order == "likely" else "likely")
        self.page_offset, self.focus_article = 0, None
        self.load()

    def action_toggle_doubted(self) -> None:
        self.app.queue_query = replace(self.query_state, doubted=not self.query_state.doubted)
        self.page_offset, self.focus_article = 0, None
        self.load()

    def model_odds_changed(self) -> None:
        # New odds from the model's worker (app._odds_changed): the order may have changed;
        # the cursor stays on its article.
        if self.is_mounted and self.app.screen is self:
            self.focus_article = self.current_id()
            self.load()

    def action_page(self, step: int) -> None:
        offset = self.page_offset + step * PAGE_SIZE
        if 0 <= offset < max(self.total, 1):
            self.page_offset, self.focus_article = offset, None
            self.load()

    def start_search(self) -> None:
        search = self.query_one("#search", Input)
        typed, self.search_typed = "".join(self.search_typed or []), None
        # Typing replaces the old search, as it would have once the box had the focus.
        search.value = typed or self.query_state.search
        search.select_on_focus = not typed
        search.cursor_position = len(search.value)
        search.display = True
        search.focus()

    def typeahead(self, char: str) -> bool:
        """Letters typed right after `/`, before the box had the focus, go into it (they
        used to be lost)."""
        if char == "\n":
            return False  # enter is not typed into the box
        if self.search_typed is not None:
            self.search_typed.append(char)
            return True
        search = self.query_one("#search", Input)
        if not search.display or search.has_focus:
            return False
        search.insert_text_at_cursor(char)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        q = self.query_state
        self.app.queue_query = replace(q, search=event.value.strip())
        self.page_offset, self.focus_article = 0, None
        self._close_search()
        self.load()

    def action_cancel_search(self) -> None:
        self._close_search()

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self.query_one(DataTable).focus()


def _with(row: dict) -> Text:
    """Who else has the article: `●` before a name = open on their screen right now."""
    open_by = row.get("open_by") or []
    names = [f"●{n}" if n in open_by else n for n in row.get("others") or []]
    names += [f"●{n}" for n in open_by if n not in (row.get("others") or [])]
    return _cut(", ".join(names), 10)


def _cut(value: str, width: int) -> Text:
    text = Text(value.replace("\n", " "), no_wrap=True)
    text.truncate(width, overflow="ellipsis")
    return text
