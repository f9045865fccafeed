"""Provides `AgreementScreen`: `workbench agree` in the TUI, with a key to each disagreement.

Per pair of coders: F1, Cohen's kappa and Krippendorff's alpha per field (from
`workbench.agreement`, the same figures as the command), then every disagreement; `enter`
on one opens that article's adjudication screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ...agreement import MIN_ITEMS, agreement
from ..widgets.footer import Footer


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


if TYPE_CHECKING:
    from ..app import WorkbenchApp


class AgreementScreen(Screen):
    SCOPE = "Agreement"
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    CSS_PATH = "agreement.tcss"
    AUTO_FOCUS = "#disagreements"
    BINDINGS = [
        Binding("enter", "open_disagreement", "Adjudicate", id="open-disagreement"),
        Binding("escape,backspace", "close", "Back", id="close-agreement"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="figures")
        yield DataTable(id="disagreements", cursor_type="row", zebra_stripes=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in (("Coders", "pair", 16), ("Article", "article", 8),
                                  ("Events", "events", 14), ("Differ in", "fields", 50)):  # fmt: skip
            table.add_column(label, key=key, width=width)
        self.load()

    @work(thread=True, exclusive=True, group="agreement")
    def load(self) -> None:
        results = self.app.gateway.safe(agreement)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill, results)

    def _fill(self, results: list[dict[str, Any]]) -> None:
        parts: list[Any] = []
        if not results:
            parts.append(Text("No double-coded articles that both coders marked done yet."))
        for r in results:
            a, b = r["analysts"]
            head = Text(f"{a} vs {b}", style="bold")
            head.append(f" · {r['articles']} article(s) · events {a} {r['events'][a]}, "
                        f"{b} {r['events'][b]}, matched {r['matched']} · F1 {_num(r['f1'])}"
                        f" · kappa {_num(r['kappa'])}", style="")  # fmt: skip
            grid = Table.grid(padding=(0, 2))
            for field, f in r["fields"].items():
                grid.add_row(Text(field), Text(_num(f["alpha"]), justify="right"),
                             Text(f"{f['n']} pairs, {f['level']}"))  # fmt: skip
            parts += [head, grid]
            parts += [Text(f"⚠ {w} (fewer than {MIN_ITEMS})") for w in r["warnings"]]
        self.query_one("#figures", Static).update(Group(*parts))
        table = self.query_one(DataTable)
        table.clear()
        self.items = []
        for r in results:
            a, b = r["analysts"]
            for d in r["disagreements"]:
                ea, eb = (f"#{e}" if e is not None else "—" for e in d["events"])
                table.add_row(Text(f"{a}/{b}"), Text(f"#{d['article_id']}"),
                              Text(f"{ea} / {eb}"), Text(", ".join(d["fields"])))  # fmt: skip
                self.items.append(d)

    def action_open_disagreement(self) -> None:
        table = self.query_one(DataTable)
        if not self.items or table.cursor_row is None:
            return
        from .adjudication import AdjudicationScreen

        self.app.push_screen(AdjudicationScreen(self.items[table.cursor_row]["article_id"]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_disagreement()

    def action_close(self) -> None:
        self.dismiss()
