"""A long article is drawn lazily (issue 14, item 3): a line costs the same work whatever the
article's length, and a text over ArticleView.LONG is laid out off the UI thread, the screen
answering keys meanwhile. Before, every line sliced one styled Text of the whole article
(work in every mention per line): a 2 MB article took 16 s to open and 12 s per page."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult

import workbench
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


def _steps(fn, within: str = "") -> int:
    """Python line and call events while `fn` runs (a deterministic work count), in files
    whose path starts with `within` (all when empty)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += frame.f_code.co_filename.startswith(within)
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


# -- the review screen on a long article: keys, highlights, and the UI thread's share ------

TOWNS = ("Kafranbil", "Saraqeb", "Douma")


def _long_db(path: str, repeats: int) -> tuple[int, list[int], str, list[tuple[int, int, str]]]:
    """One article of `repeats` paragraphs, a mention per actor and town, and three proposed
    events: near the top, in the middle and near the end. Returns (article id, event ids,
    text, mentions as (start, end, kind))."""
    from workbench.store import Store, now
    from workbench.store.events import add_event

    paragraph = " ".join(
        f"Government forces shelled {town} on Monday, killing 6 civilians." for town in TOWNS
    )
    text = (paragraph + "\n\n") * repeats
    spans = []
    for needle, kind in (("Government forces", "actor"), *((t, "place") for t in TOWNS)):
        pos = 0
        while (pos := text.find(needle, pos)) >= 0:
            spans.append((pos, pos + len(needle), kind))
            pos += len(needle)
    store = Store(path, analyst="fixture")
    with store.write():
        article = store.conn.execute(
            "INSERT INTO articles (content_hash, file, title, published, published_source, "
            "text, boilerplate, ingested_at, extracted_at) VALUES (?,?,?,?,?,?,?,?,?) "
            "RETURNING id",
            ["long", "long.txt", "A long article", "2018-02-05", "given", text, "[]", now(), now()],
        ).fetchone()[0]
        store.conn.executemany(
            'INSERT INTO mentions (article_id, start, "end", text, kind, rule, confidence) '
            "VALUES (?, ?, ?, ?, ?, 'fixture', 0.9)",
            [(article, s, e, text[s:e], kind) for s, e, kind in spans],
        )
    sentence = paragraph.split(". ")[0] + "."
    events = []
    for where in (0, len(text) // 2, len(text) - len(paragraph) - 2):
        start = text.index(sentence, where)
        values = {"event_date": "2018-02-05", "sub_event_type": "Shelling/artillery/missile "
                  "attack", "actor1": "Government forces", "location": "Kafranbil"}  # fmt: skip
        events.append(add_event(store, article, values, quote=sentence, start=start,
                                end=start + len(sentence), origin="extractor"))  # fmt: skip
    with store.write():
        store.conn.execute("UPDATE events SET edited = 0")
    store.close()
    return article, events, text, spans


async def _laid_out(pilot, view) -> None:
    for _ in range(400):
        if view._width > 0 and len(view._lines) > 1:
            break
        await pilot.pause(0.05)
    assert view._width > 0, "the long article was never laid out"
    await pilot.pause()


def _check_drawn(view, spans: list[tuple[int, int, str]]) -> int:
    """Every visible character is styled as its mentions and the evidence say (actors bold,
    places underlined, the evidence reversed), and shows the article's own text. Returns
    how many highlighted characters were checked."""
    actor = {p for s, e, k in spans if k == "actor" for p in range(s, e)}
    place = {p for s, e, k in spans if k == "place" for p in range(s, e)}
    evidence = set(range(*view.evidence)) if view.evidence else set()
    top = int(view.scroll_offset.y)
    checked = 0
    view._cache.clear()
    for y in range(view.scrollable_content_region.height):
        if top + y >= len(view._lines):
            break
        start, end = view._lines[top + y]
        segments = list(view.render_line(y))
        drawn = "".join(s.text for s in segments)[GUTTER_WIDTH:]
        assert drawn.rstrip() == view.text[start:end].rstrip()
        pos = start - GUTTER_WIDTH
        for segment in segments:
            for _ in segment.text:
                if start <= pos < end:
                    style = segment.style
                    assert bool(style.bold) == (pos in actor), (pos, view.text[pos - 5 : pos + 5])
                    assert bool(style.underline) == (pos in place), pos
                    assert bool(style.reverse) == (pos in evidence), pos
                    checked += (pos in actor) + (pos in place)
                pos += 1
    return checked


GUTTER_WIDTH = article_view.GUTTER
OURS = str(Path(workbench.__file__).parent)  # the workbench's own code, not Textual's


async def test_keys_on_a_long_article_open_scroll_and_keep_the_highlights_right(
    db_path, tmp_path, monkeypatch
):
    from tui_support import event_row, make_app, open_review, press

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    _, events, text, spans = _long_db(db_path, 1500)  # ~300 KB, 18,000 mentions
    assert len(text) > article_view.LONG
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        view = app.screen.query_one(ArticleView)
        await _laid_out(pilot, view)
        assert len(view._lines) > 3000
        assert app.screen.current.id == events[0]
        assert _check_drawn(view, spans) > 100
        top = int(view.scroll_offset.y)
        await press(pilot, app, "pagedown", "pagedown")
        assert int(view.scroll_offset.y) > top + view.scrollable_content_region.height
        assert _check_drawn(view, spans) > 100
        # The next event is in the middle of the article: its evidence is drawn, reversed.
        await press(pilot, app, "down")
        assert app.screen.current.id == events[1]
        assert view.evidence is not None and view.evidence[0] > len(text) // 3
        top = int(view.scroll_offset.y)
        assert top <= view.line_of(view.evidence[0]) < top + view.scrollable_content_region.height
        assert _check_drawn(view, spans) > 100
        # A decision reloads the article: the same text keeps its layout and highlights.
        await press(pilot, app, "c")
        assert event_row(db_path, events[1])["status"] == "confirmed"
        assert view._width > 0 and len(view._lines) > 3000
        assert app.screen.current.id == events[2]
        assert view.line_of(view.evidence[0]) > len(view._lines) - 10
        assert _check_drawn(view, spans) > 100
        await press(pilot, app, "end")
        assert view.cursor == len(view.sentences) - 1
        assert _check_drawn(view, spans) > 0


async def _show_steps(db_path: str, repeats: int) -> int:
    """Python steps the UI thread takes in the workbench's code to show the article once its
    bundle is read (Textual's own steps vary with its caches, not with the article)."""
    from tui_support import make_app, open_review

    from workbench.tui.screens.review import ReviewScreen

    _long_db(db_path, repeats)
    counted: list[int] = []
    real = ReviewScreen._show

    def show(self, bundle, select_event):
        if not counted:
            counted.append(_steps(lambda: real(self, bundle, select_event), OURS))
        else:
            real(self, bundle, select_event)

    app = make_app(db_path)
    ReviewScreen._show = show  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await open_review(pilot, app)
            await _laid_out(pilot, app.screen.query_one(ArticleView))
    finally:
        ReviewScreen._show = real  # type: ignore[method-assign]
    return counted[0]


async def test_showing_a_long_article_costs_the_ui_thread_the_same_whatever_its_length(
    tmp_path, monkeypatch
):
    # Cleaning the text, sorting its mentions' spans and grouping them are done in the
    # loading thread: the UI thread's work does not grow with the article (a 10 MB one
    # held it ~1 s, with 120,000 mentions).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    small = await _show_steps(str(tmp_path / "small.db"), 1200)
    large = await _show_steps(str(tmp_path / "large.db"), 4800)
    assert large < small * 1.3, f"{small} -> {large} steps to show the article"
