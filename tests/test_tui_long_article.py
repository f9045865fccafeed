"""A long article is drawn lazily (issue 14, item 3): a line costs the same work whatever the
article's length, and a text over ArticleView.LONG is laid out off the UI thread, the screen
answering keys meanwhile. Before, every line sliced one styled Text of the whole article
(work in every mention per line): a 2 MB article took 16 s to open and 12 s per page."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult

from workbench.tui.widgets import article_view
from workbench.tui.widgets.article_view import ArticleView

SENTENCE = "Government forces shelled Kafranbil on Monday, killing 6 civilians. "


def _article(repeats: int) -> tuple[str, list[dict]]:
    text = (SENTENCE * 8 + "\n\n") * repeats
    mentions, pos = [], 0
    while (pos := text.find("Kafranbil", pos)) >= 0:
        mentions.append({"kind": "place", "start": pos, "end": pos + 9})
        pos += 9
    return text, mentions


class _Host(App):
    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")


def _steps(fn) -> int:
    """Python line and call events anywhere while `fn` runs (a deterministic work count)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


async def _line_work(repeats: int) -> int:
    app = _Host()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        text, mentions = _article(repeats)
        view.show(text, mentions)
        await pilot.pause()
        middle = len(view._lines) // 2
        view.scroll_to(y=middle, animate=False, immediate=True)
        await pilot.pause()
        view._cache.clear()
        return _steps(lambda: [view.render_line(y) for y in range(10)])


async def test_drawing_a_line_costs_the_same_in_a_four_times_longer_article(monkeypatch):
    monkeypatch.setattr(article_view, "LONG", 10**9)  # laid out at once, for the count
    small, large = await _line_work(40), await _line_work(160)
    assert large < small * 1.3, f"{small} -> {large} steps for ten lines"


async def test_a_long_article_is_laid_out_off_the_ui_thread_and_keeps_its_evidence():
    app = _Host()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        text, mentions = _article(500)  # ~280 KB
        assert len(text) > article_view.LONG
        view.show(text, mentions)
        late = text.rindex("Kafranbil")
        view.set_evidence((late, late + 9))
        # Right after show(): a placeholder, not the whole layout built on this thread.
        assert len(view._lines) == 1
        for _ in range(200):
            await pilot.pause(0.05)
            if len(view._lines) > 1:
                break
        assert len(view._lines) > 3000
        await pilot.pause()
        top = int(view.scroll_offset.y)
        assert top <= view.line_of(late) < top + view.scrollable_content_region.height
        assert view.sentences[view.cursor][0] <= late < view.sentences[view.cursor][1]
