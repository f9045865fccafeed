"""Provides `ExportScreen`: write the dataset (CSV, JSONL, GeoJSON) with a progress bar.

The export runs in a thread worker on its own database connection, so a long export never
holds the review screen's lock; the file appears only when complete (written to a
temporary name, then renamed, by `workbench.export`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

from ...store import Store
from ...store.backends import is_postgres

FORMATS = ("csv", "jsonl", "geojson")
STATUSES = ("confirmed", "all", "proposed", "rejected")


if TYPE_CHECKING:
    from ..app import WorkbenchApp


class ExportScreen(ModalScreen[None]):
    SCOPE = "Export"
    TYPING = True
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    CSS_PATH = "export.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Export", id="start-export"),
        Binding("escape", "close", "Close", id="close-export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Export the dataset", style="bold"))
            with Horizontal(id="export-choices"):
                with RadioSet(id="export-format"):
                    for n, fmt in enumerate(FORMATS):
                        yield RadioButton(fmt, value=n == 0)
                with RadioSet(id="export-status"):
                    for n, status in enumerate(STATUSES):
                        yield RadioButton(status, value=n == 0)
            with Horizontal(id="export-filters"):
                # The CLI's --since/--until/--country: a year, a month or a day; empty = all.
                yield Input(placeholder="since YYYY[-MM[-DD]]", id="export-since", compact=True)
                yield Input(placeholder="until YYYY[-MM[-DD]]", id="export-until", compact=True)
                yield Input(placeholder="country", id="export-country", compact=True)
            yield Label("File")
            yield Input(self._default_path("csv"), id="export-path", compact=True)
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-message")
            keys = (
                self.app.key_for("start-export", "ctrl+s"),
                self.app.key_for("close-export", "esc"),
            )
            yield Static(Text(f"{keys[0]} export · {keys[1]} close"), id="export-help")

    def _default_path(self, fmt: str) -> str:
        # Beside a database file; for a server (whose URL is no folder, and may hold a
        # password) the current folder.
        server = is_postgres(self.app.db_path)
        folder = Path.cwd() if server else Path(self.app.db_path).resolve().parent
        return str(folder / f"workbench-export.{fmt}")

    def _choice(self, widget_id: str, options: tuple[str, ...]) -> str:
        index = self.query_one(widget_id, RadioSet).pressed_index
        return options[index if index >= 0 else 0]

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "export-format":
            path = self.query_one("#export-path", Input)
            fmt = self._choice("#export-format", FORMATS)
            stem = Path(path.value)
            if stem.suffix.lstrip(".") in FORMATS:
                path.value = str(stem.with_suffix(f".{fmt}"))

    def action_start(self) -> None:
        if self.running:
            return
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self._message("✗ give a file name")
            return
        fmt = self._choice("#export-format", FORMATS)
        suffix = Path(path).suffix.lstrip(".").lower()
        if suffix in FORMATS and suffix != fmt:
            # A JSONL file named .csv opens as garbage in a spreadsheet: say so.
            self._message(f"✗ the file name ends .{suffix} but the format is {fmt}: change one")
            return
        folder = Path(path).expanduser().resolve().parent
        if not folder.is_dir():
            self._message(f"✗ the folder {folder} does not exist")
            return
        self.running = True
        self._message("Exporting…")
        filters = {
            name: self.query_one(f"#export-{name}", Input).value.strip() or None
            for name in ("since", "until", "country")
        }
        self._export(
            path,
            self._choice("#export-format", FORMATS),
            self._choice("#export-status", STATUSES),
            filters,
        )

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: str, fmt: str, status: str, filters: dict) -> None:
        from ...export import export_to_file

        worker = get_current_worker()
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        try:
            store = Store(self.app.db_path, analyst=self.app.analyst)
            try:
                count = export_to_file(
                    store, path, fmt, status=status, progress=progress, **filters
                )
            finally:
                store.close()
        except Exception as exc:  # shown in the dialog; the app carries on
            message = f"✗ {exc}"
        else:
            message = f"✓ {count} events written to {path}"
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, message)

    def _finished(self, message: str) -> None:
        self.running = False
        self._message(message)

    def _message(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Text(message))

    def action_close(self) -> None:
        self.dismiss(None)
