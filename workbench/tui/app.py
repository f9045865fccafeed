"""Provides `WorkbenchApp`: the Textual app, its app-wide keys and the shared services.

Screens get the database through `app.gateway` (reads, in workers) and `app.submit()`
(writes, applied in order by the writer thread). App-wide actions live here: undo, redo,
search, help, the command palette (which lists every action of the current screen), the
export dialog, the names and duplicates screens and the map.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual import events, work
from textual._dispatch_key import dispatch_key
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.keys import format_key
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from ..store import ConflictError, Store, StoreError, redo, undo
from ..store.assign import has_assignments
from ..store.backends import database_errors, explain_error
from ..store.queries import ArticleQuery, Progress
from ..store.readable import describe_action
from .data import Gateway
from .learning import CHECK_SECONDS as LEARN_CHECK_SECONDS
from .learning import Learner
from .safekeeping import Safekeeping
from .writer import Job, Writer

# Seconds after the first page is drawn before the extractor and the model start loading.
BACKGROUND_DELAY = 0.2
NOT_IN_DIALOGS = (
    "undo", "redo", "search", "open_names", "open_duplicates", "open_map", "export_data",
)  # fmt: skip


class WorkbenchApp(Safekeeping, App):
    # The queue's stylesheet is read with the app's: pushing a screen whose CSS is new makes
    # Textual parse every stylesheet again, which cost the first frame ~40 ms of CPU.
    CSS_PATH = ["app.tcss", "screens/articles.tcss"]
    TITLE = "Workbench"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", show=False),
        Binding("question_mark,f1", "show_help", "Keys", id="show-help"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo"),
        Binding("r,ctrl+y", "redo", "Redo", id="redo"),
        Binding("slash", "search", "Search", id="search"),
        Binding(
            "ctrl+p", "command_palette", "Commands", id="command-palette", show=False, priority=True
        ),
        Binding("N", "open_names", "Actors & places", id="open-names", show=False),
        Binding("D", "open_duplicates", "Duplicate events", id="open-duplicates", show=False),
        Binding("M", "open_map", "Map of confirmed events", id="open-map", show=False),
        Binding("X", "export_data", "Export dataset", id="export-data", show=False),
    ]

    progress: reactive[Progress] = reactive(Progress, always_update=True)

    def __init__(
        self,
        db_path: str | None = None,
        *,
        analyst: str | None = None,
        keymap: dict[str, str] | None = None,
        animations: bool | None = None,
        store: Store | None = None,
    ):
        super().__init__()
        self.gateway = Gateway(store or Store(db_path, analyst=analyst))
        self.db_path = self.gateway.store.path
        self.analyst = self.gateway.store.analyst
        self.writer = Writer(self.gateway, post=self._post)
        # The "mine" view is the default for an analyst who has articles assigned.
        mine = has_assignments(self.gateway.store, self.analyst)
        self.queue_query = ArticleQuery(mine=self.analyst if mine else None)
        self.learner = Learner(self.db_path)
        self._initial_keymap = keymap or {}
        if animations is None:
            # Over SSH every animation frame is bytes on a slow link.
            animations = not os.environ.get("SSH_CONNECTION")
        if not animations:
            self.animation_level = "none"
        self.first_frame: Callable[[], None] | None = None  # hook for bench/tui and bench/startup
        self._started = False  # the first page was drawn: the background work is timed
        self._background = asyncio.Event()  # set once it has started
        self._first_page: concurrent.futures.Future | None = concurrent.futures.Future()

    def on_load(self) -> None:
        # The queue's first page is read while Textual starts (a thread: SQLite lets go of
        # the GIL), so the first frame is drawn once, with its rows (ArticlesScreen.on_mount)
        # rather than empty and again when a worker has read them.
        threading.Thread(target=self._read_first_page, daemon=True).start()

    def on_mount(self) -> None:
        from .screens.articles import ArticlesScreen

        if self._initial_keymap:
            self.set_keymap(self._initial_keymap)
        # NO_COLOR: Textual draws colours as greys (a magenta actor became grey 237 on 233);
        # app.tcss gives such terminals the plain foreground and reverse video instead.
        self.set_class(self.no_color, "-no-color")
        # Pushed rather than returned from get_default_screen(): Textual loads a screen's
        # CSS_PATH only for pushed screens.
        self.push_screen(ArticlesScreen())
        self.run_worker(self._write_loop, thread=True, group="writer", name="writer")
        self.refresh_progress()
        self.start_safekeeping()

    def _read_first_page(self) -> None:
        first = self._first_page
        if first is None:
            return
        try:
            first.set_result(self.gateway.page(self.queue_query, 0))
        except BaseException as exc:  # the screen's own worker reads it again and reports
            first.set_exception(exc)

    def take_first_page(self) -> tuple[list[dict], int] | None:
        """The queue's first page (rows, total) if it was read while the app started; only
        once, and None if it is not ready (the queue then reads it in a worker)."""
        first, self._first_page = self._first_page, None
        if first is None or not first.done() or first.exception() is not None:
            return None
        return first.result()

    def first_page_drawn(self) -> None:
        """Called by the queue each time it has drawn a page. A moment after the first time,
        the background work that imports the extractor and numpy starts: begun at mount it
        held the GIL while the first frame was being built (0.3-0.5 s of a 2 s start on a
        busy machine), and begun at once its threads' imports held it while the frame was
        still being written out."""
        if self.first_frame is not None:
            self.first_frame()
        if not self._started:
            self._started = True
            self.set_timer(BACKGROUND_DELAY, self._start_background)

    def _start_background(self) -> None:
        if self.db_path != ":memory:":
            self.finish_extraction()
        self._learn()
        self.set_interval(LEARN_CHECK_SECONDS, self._learn)
        self._background.set()

    async def wait_for_background(self) -> None:
        """Returns once the background work is under way, if the first page was drawn (its
        workers are then in `self.workers`); at once if it was not. For tests, which wait
        for workers: the work starts on a timer they would otherwise race."""
        if self._started:
            await self._background.wait()

    def _learn(self) -> None:
        # Retrain the type model in the background when decisions changed, then score the
        # events it has not scored (tui/learning.py). Not exclusive: a check while the last
        # one still runs is skipped, never a restart of a half-done retrain.
        if any(w.group == "learn" and not w.is_finished for w in self.workers):
            return
        self.run_worker(self._learn_step, thread=True, group="learn", exit_on_error=False)

    def _learn_step(self) -> None:
        worker = get_current_worker()
        if self.learner.step(lambda: worker.is_cancelled) and not worker.is_cancelled:
            self._post(self._odds_changed)

    def _odds_changed(self) -> None:
        # The queue shown in the model's order or filter is laid out again with the new odds.
        q = self.queue_query
        if q.order != "queue" or q.doubted:
            for screen in self.screen_stack:
                if hasattr(screen, "model_odds_changed"):
                    screen.model_odds_changed()

    # -- the write path ---------------------------------------------------------------

    def _write_loop(self) -> None:
        worker = get_current_worker()
        self.writer.run(lambda: worker.is_cancelled)

    def _post(self, fn: Callable[[], object]) -> None:
        try:
            self.call_from_thread(fn)
        except RuntimeError:  # the app is closing; the change itself is saved
            pass

    def submit(
        self,
        fn: Callable[[Store, Callable[[str, int, int], int]], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        table: str | None = None,
    ) -> None:
        """Queue one logged change; callbacks run on the UI thread."""
        self.writer.submit(Job(fn, on_done, on_error or self.show_error, table))

    def notify(self, message: str, *args: Any, markup: bool = False, **kwargs: Any) -> None:
        """Every notification is plain text, never markup: messages carry names, titles and
        file names, which are data ("[@click=app.quit]" in a name must stay text)."""
        super().notify(message, *args, markup=False, **kwargs)

    def show_error(self, exc: Exception, reload: bool = True, saving: bool = True) -> None:
        """A refused change ("Not saved: ..."), or with `saving=False` a failed read."""
        said = (
            f"{exc}" if isinstance(exc, StoreError | ValueError) else f"{type(exc).__name__}: {exc}"
        )
        if isinstance(exc, database_errors()):
            said = explain_error(exc, self.db_path)  # a server's URL without its password
        if saving:
            said = self.not_saved(said)
        if isinstance(exc, ConflictError):
            self.notify(said, title="Changed by someone else", severity="warning")
        else:
            self.notify(said, severity="error")
        if reload:
            self.reload_screen()
            self.refresh_progress()

    def _handle_exception(self, error: Exception) -> None:
        """A read that met the server gone (a screen's loader, the queue's page) is a
        notice, not the end of the session: the next read reconnects, and the analyst's
        changes wait in the writer until the server is back (safekeeping.py)."""
        cause = getattr(error, "error", error)  # a WorkerFailed holds the worker's error
        if self.gateway.store.sql.is_lost(cause):
            self.notify(
                f"{explain_error(cause, self.db_path)} Your changes wait and are written "
                "when it is back.",
                severity="error",
                timeout=15,
            )
            return
        super()._handle_exception(error)

    def reload_screen(self) -> None:
        reload = getattr(self.screen, "reload", None)
        if callable(reload):
            reload()

    @work(thread=True, exclusive=True, group="progress")
    def refresh_progress(self) -> None:
        progress = self.gateway.progress()
        if not get_current_worker().is_cancelled:
            self._post(partial(setattr, self, "progress", progress))

    async def wait_for_writes(self, timeout: float = 30) -> None:
        await asyncio.wait_for(asyncio.to_thread(self.writer.drain), timeout)

    async def _on_key(self, event: events.Key) -> None:
        """Keys typed faster than a dialog opens were queued on the screen below it and
        bubble up here once the dialog is on top: a printable one, or enter ("\n"), goes
        to the dialog's field (`typeahead`) instead of being dropped. Keys typed into a
        field never get here (the field consumes them). A screen still loading what its
        keys act on may hold them (`hold_key`): typed right after the key that opened it,
        they were queued on the screen below."""
        event.prevent_default()  # replaces App._on_key (which would run the bindings again)
        hold = getattr(self.screen, "hold_key", None)
        if callable(hold) and hold(event):
            return
        if await self._check_bindings(event.key):
            return
        typeahead = getattr(self.screen, "typeahead", None)
        typed = "\n" if event.key == "enter" else event.character if event.is_printable else ""
        if callable(typeahead) and typed and typeahead(typed):
            return
        await dispatch_key(self, event)

    # -- app-wide actions -------------------------------------------------------------

    async def action_quit(self) -> None:
        unsaved = getattr(self.screen, "has_unsaved", None)
        if callable(unsaved) and unsaved() and not getattr(self, "_quit_asked", False):
            # ctrl+q always works, but never silently over typed, unsaved values.
            self._quit_asked = True
            self.notify(
                "The form has unsaved changes: ctrl+q again quits without them, "
                f"{self.key_for('save-event', 'ctrl+s')} saves",
                severity="warning",
            )
            return
        try:
            await self.wait_for_writes()
        except TimeoutError:
            self.notify("Some changes are still being written", severity="warning")
            return
        self.writer.stop()
        self.exit()

    def action_undo(self) -> None:
        self.submit(partial(self._replay, undo), on_done=partial(self._replayed, "Undid"))

    def action_redo(self) -> None:
        self.submit(partial(self._replay, redo), on_done=partial(self._replayed, "Redid"))

    @staticmethod
    def _replay(fn: Any, store: Any, _expect: Any) -> tuple[Any, str] | None:
        """Undo or redo on the writer thread, and what it changed, in words (names)."""
        replay = fn(store)
        return None if replay is None else (replay, describe_action(store, replay.action_id))

    def _replayed(self, verb: str, result: tuple[Any, str] | None) -> None:
        if result is None:
            self.notify("Nothing to undo" if verb == "Undid" else "Nothing to redo")
        else:
            replay, said = result
            self.notify(f"{verb} {replay.action}: {said}", markup=False)
        self.reload_screen()
        self.refresh_progress()

    def action_search(self) -> None:
        from .screens.articles import ArticlesScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, ArticlesScreen):
            self.pop_screen()
        if isinstance(self.screen, ArticlesScreen):
            self.screen.search_typed = []  # keys typed before the box opens go into it
            self.call_later(self.screen.start_search)

    def action_show_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def action_export_data(self) -> None:
        from .screens.export import ExportScreen

        self.push_screen(ExportScreen())

    def action_open_names(self) -> None:
        from .screens.names import NamesScreen

        # Its own connection: that screen runs its own workers, outside the gateway's lock.
        self.push_screen(NamesScreen(Store(self.db_path, analyst=self.analyst)))

    def action_open_duplicates(self) -> None:
        from .screens.duplicates import DuplicatesScreen

        self.push_screen(DuplicatesScreen(Store(self.db_path, analyst=self.analyst)))

    def action_open_map(self) -> None:
        from .screens.map import MapScreen

        self.push_screen(MapScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Dialogs own the keyboard: nothing app-wide changes data behind them.
        return not (isinstance(self.screen, ModalScreen) and action in NOT_IN_DIALOGS)

    # -- command palette: every action of the current screen --------------------------

    def key_for(self, binding_id: str, default: str) -> str:
        keys = self._keymap.get(binding_id, default)
        return ", ".join(format_key(k.strip()) for k in keys.split(","))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .registry import scopes

        yield from super().get_system_commands(screen)
        for scope, cls, _widgets in scopes():
            if scope == "app" or isinstance(screen, cls):
                target = self if scope == "app" else screen
                for b in cls.__dict__.get("BINDINGS", []):
                    if getattr(b, "id", None) and b.action != "command_palette":
                        yield SystemCommand(
                            b.description,
                            f"{b.id} · {self.key_for(b.id, b.key)}",
                            partial(self.call_later, target.run_action, b.action),
                        )
