"""Provides `ReviewCursor`: the review screen's sentence cursor, moved a sentence, a paragraph,
to the next sentence with an act word ("shelled", "clashes") or to the first or last
sentence at a key each, or to the next sentence holding typed words (find in the article).

Add-event starts from the sentence under the cursor, so reaching the right sentence must be
cheap. The act words come from the extractor's dictionary pass over the article, read in a
worker when the article is shown; a jump asked for before they are known waits for them
instead of being lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from ..sentences import spans_of
from ..widgets.article_view import ArticleView

if TYPE_CHECKING:
    from ..app import WorkbenchApp


class ReviewCursor(Screen):
    """A base of `ReviewScreen` (which declares the bindings)."""

    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)

    acts: list[int] | None = None  # where the article's act words start; None until read
    _acts_of: int | None = None  # the article they are read for
    _act_jump: int = 0  # a jump asked for before the act words were read

    def read_acts(self, article_id: int, text: str, boilerplate: object) -> None:
        """Called when an article is shown: find its act words in a worker."""
        if article_id == self._acts_of:
            return  # the same article again (after a change): the same words
        self.acts, self._acts_of = None, article_id
        self._read_acts(article_id, text, spans_of(boilerplate))

    @work(thread=True, exclusive=True, group="acts", exit_on_error=False)
    def _read_acts(self, article_id: int, text: str, skip: list[tuple[int, int]]) -> None:
        from ...extract.propose import trigger_starts  # the extractor loads on first use

        starts = trigger_starts(text, skip)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._acts_read, article_id, starts)

    def _acts_read(self, article_id: int, starts: list[int]) -> None:
        if article_id != self._acts_of:
            return  # another article was shown meanwhile
        self.acts = starts
        if self._act_jump:
            step, self._act_jump = self._act_jump, 0
            self.action_move_to_act(step)

    def action_move_cursor(self, step: int) -> None:
        self.query_one(ArticleView).move_cursor(step)

    def action_cursor_to(self, index: int) -> None:
        """The first (0) or last (-1) sentence: after deciding the proposals, the cursor is
        at the last one's sentence, and reading the article for a missed event starts over
        from the top."""
        view = self.query_one(ArticleView)
        view.put_cursor(index if index >= 0 else len(view.sentences) - 1)

    def action_move_paragraph(self, step: int) -> None:
        if not self.query_one(ArticleView).move_paragraph(step):
            self.notify("Last paragraph" if step > 0 else "First paragraph")

    def action_move_to_act(self, step: int) -> None:
        if self.acts is None:
            self._act_jump = step
            return
        if not self.query_one(ArticleView).move_to_offsets(self.acts, step):
            where = "after" if step > 0 else "before"
            self.notify(f"No sentence with an act word {where} this one")

    # -- find in the article ------------------------------------------------------------

    _find_from: int | None = None  # the cursor when find opened (None: find closed)

    def action_find_in_article(self) -> None:
        """A box under the article: each letter typed moves the cursor to the next sentence
        holding the text (after the cursor, then from the top), as a reader's eye goes to a
        word; enter keeps it there, escape puts it back. A few letters of a word reach a
        sentence many sentence keys away."""
        find = self.query_one("#find", Input)
        self._find_from = self.query_one(ArticleView).cursor
        find.value = ""
        find.display, find.disabled = True, False
        find.focus()

    @on(Input.Changed, "#find")
    def _find(self, event: Input.Changed) -> None:
        if self._find_from is None:
            return
        view = self.query_one(ArticleView)
        needle = event.value.casefold()
        if not needle:
            view.put_cursor(self._find_from)
            return
        count = len(view.sentences)
        for step in range(1, count + 1):
            k = (self._find_from + step) % count
            start, end = view.sentences[k]
            if needle in view.text[start:end].casefold():
                view.put_cursor(k)
                event.input.remove_class("-invalid")
                return
        event.input.add_class("-invalid")  # not in the article: the cursor stays

    @on(Input.Submitted, "#find")
    def _found(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_find()

    def action_cancel_find(self) -> None:
        if self._find_from is not None:
            self.query_one(ArticleView).put_cursor(self._find_from)
            self._close_find()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_find":
            return self._find_from is not None  # escape means nothing else here
        return super().check_action(action, parameters)

    def _close_find(self) -> None:
        self._find_from = None
        find = self.query_one("#find", Input)
        # Disabled too: a screen coming back (after a dialog) gave the focus back to the
        # hidden box, and the next keys went into it.
        find.display, find.disabled = False, True
        self.set_focus(None)
