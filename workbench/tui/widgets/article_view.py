"""Provides `ArticleView`: the article text with mentions highlighted, evidence and cursor.

A Line-API widget: it wraps the text itself, so it knows which screen line holds any
character offset (to scroll the evidence into view) and renders only the visible lines,
each styled from the mentions that overlap it alone (found by bisection): slicing one styled
Text of the whole article cost time in every mention per line, and a 2 MB article took 16 s
to open and 12 s per page. A long text (over LONG characters) is split into sentences and
lines in a worker thread, so the screen keeps answering keys while it is laid out, and the
work in proportion to the text or its mentions (cleaning, sorting the spans) can be done by
`prepare` in the caller's worker thread too: a 10 MB article with 120,000 mentions held the
UI thread ~1 s in `show` before. Showing the same text again (a reload after a decision)
keeps its layout.
The text is untrusted and always rendered as `rich.text.Text`, never parsed as markup;
control characters are replaced one-for-one so character offsets stay valid.

Cues that survive NO_COLOR: mention kinds differ by bold/underline/italic, the evidence is
reversed and marked `┃` in the gutter, the sentence under the cursor is marked `›`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from ...base.sentences import sentence_spans
from ..marks import MENTION_KINDS
from ..sentences import paragraph_firsts, step_to

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
GUTTER = 2
LONG = 200_000  # characters; laid out in a worker thread beyond this
BOILERPLATE = "boilerplate"  # the style key of skipped text (mention kinds key the others)


@dataclass(frozen=True)
class Prepared:
    """An article made ready to show: its text safe to draw (offsets unchanged) and its
    styled spans sorted (boilerplate first, so a mention's style goes over it)."""

    text: str
    spans: tuple[_Spans, _Spans]


def prepare(
    text: str, mentions: list[dict[str, Any]], boilerplate: Sequence[tuple[int, int]] = ()
) -> Prepared:
    """The work of showing an article that grows with its length, apart from the widget
    (no styles, no app): a screen calls it in its loading thread."""
    return Prepared(
        # Control characters replaced one-for-one: character offsets stay valid.
        _CONTROL.sub("\ufffd", text).replace("\t", " "),
        (
            _Spans([(int(a), int(b), BOILERPLATE) for a, b in boilerplate]),
            _Spans(
                [(m["start"], m["end"], m["kind"]) for m in mentions if m["kind"] in MENTION_KINDS]
            ),
        ),
    )


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) character offsets of each screen line."""
    width = max(8, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if start == end:
            lines.append((start, start))
            continue
        while start < end:
            cut = min(end, start + width)
            while cut > start + 1 and cell_len(text[start:cut]) > width:
                cut -= 1
            if cut < end:
                space = text.rfind(" ", start + 1, cut + 1)
                if space > start:
                    cut = space
            lines.append((start, cut))
            start = cut
            while start < end and text[start] == " ":
                start += 1
    return lines


class ArticleView(ScrollView, can_focus=False):
    """Scrollable article text. The screen drives it; it holds no domain state."""

    COMPONENT_CLASSES = {
        "article-view--cursor",
        "article-view--evidence",
        "article-view--boilerplate",
        "article-view--gutter",
        *(f"mention--{kind}" for kind in MENTION_KINDS),
    }

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.text = ""
        self.sentences: list[tuple[int, int]] = []
        self._sentence_starts: list[int] = []
        self.cursor = 0
        self.evidence: tuple[int, int] | None = None
        self._spans: tuple[_Spans, ...] = ()
        self._styles: dict[str, Style] = {}
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._width = 0
        self._cache: dict[int, Strip] = {}

    # -- what the screen calls -----------------------------------------------------

    def show(
        self,
        text: str | Prepared,
        mentions: list[dict[str, Any]] = (),  # type: ignore[assignment]
        boilerplate: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Show an article (its text and mentions, or what `prepare` made of them)."""
        ready = text if isinstance(text, Prepared) else prepare(text, list(mentions), boilerplate)
        same = ready.text == self.text and self._width > 0
        self.text = ready.text
        self._spans = ready.spans
        self._cache.clear()
        self.cursor = 0
        self.evidence = None
        if not self._styles:
            self._restyle()
        if same:
            # The same text again (a reload after a decision): its layout stands, and the
            # view stays where it was (the screen puts the cursor and evidence back).
            self.refresh()
            return
        if len(self.text) > LONG:
            # Until the worker is done: the text's first words on one line, one sentence;
            # then the real layout (the cursor follows the evidence). _width 0: not laid out.
            self._set_sentences([(0, len(self.text))])
            self._set_lines([(0, min(len(self.text), 60))], 60)
            self._width = 0
            self._lay_out(self.text, max(8, self.scrollable_content_region.width - GUTTER))
        else:
            self._set_sentences(sentence_spans(self.text) or [(0, len(self.text))])
            self._rewrap(force=True)
        self.scroll_to(y=0, animate=False, immediate=True)

    @work(thread=True, exclusive=True, group="article-layout")
    def _lay_out(self, text: str, width: int) -> None:
        sentences = sentence_spans(text) or [(0, len(text))]
        lines = wrap_offsets(text, width)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._laid_out, text, sentences, lines, width)

    def _laid_out(self, text: str, sentences, lines, width: int) -> None:
        if text is not self.text:
            return  # another article was shown meanwhile
        self._set_sentences(sentences)
        self._set_lines(lines, width)
        if self.evidence:
            self.cursor = self.sentence_at(self.evidence[0])
            # After the refresh that applies the new virtual size (a scroll now is clamped
            # to the placeholder's one line).
            self.call_after_refresh(self.scroll_to_offset, *self.evidence)

    def _set_sentences(self, sentences: list[tuple[int, int]]) -> None:
        self.sentences = sentences
        self._sentence_starts = [s for s, _ in sentences]
        self.cursor = min(self.cursor, len(sentences) - 1)

    def _set_lines(self, lines: list[tuple[int, int]], width: int) -> None:
        self._width = width
        self._lines = lines
        self._starts = [s for s, _ in lines]
        self._cache.clear()
        self.virtual_size = Size(width + GUTTER, len(lines))
        self.refresh()

    def set_evidence(self, span: tuple[int, int] | None, move_cursor: bool = True) -> None:
        before = self._marked_lines()
        self.evidence = span
        if span and move_cursor:
            self.cursor = self.sentence_at(span[0])
        self._invalidate(before | self._marked_lines())
        if span:
            self.scroll_to_offset(span[0], span[1])

    def move_cursor(self, step: int) -> None:
        self.put_cursor(self.cursor + step)

    def put_cursor(self, index: int) -> None:
        """The cursor on sentence `index` (clamped), scrolled into view."""
        before = self._marked_lines()
        self.cursor = max(0, min(len(self.sentences) - 1, index))
        self._invalidate(before | self._marked_lines())
        self.scroll_to_offset(*self.cursor_span)

    def move_paragraph(self, step: int) -> bool:
        """To the first sentence of the next paragraph, or of this one (then the one before)
        going back; False when there is none that way."""
        target = step_to(paragraph_firsts(self.text, self.sentences), self.cursor, step)
        if target is not None:
            self.put_cursor(target)
        return target is not None

    def move_to_offsets(self, offsets: Sequence[int], step: int) -> bool:
        """To the next (or previous) sentence holding one of the character `offsets`."""
        marks = sorted({self.sentence_at(o) for o in offsets})
        target = step_to(marks, self.cursor, step)
        if target is not None:
            self.put_cursor(target)
        return target is not None

    def _marked_lines(self) -> set[int]:
        """Screen lines showing the cursor or the evidence (they change when those move)."""
        lines: set[int] = set()
        for span in (self.cursor_span, self.evidence):
            if span and self._lines:
                lines.update(
                    range(self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1)) + 1)
                )
        return lines

    def _invalidate(self, lines: set[int]) -> None:
        # Only lines whose marks changed are rendered again; the rest come from the cache.
        for index in lines:
            self._cache.pop(index, None)
        self.refresh()

    @property
    def cursor_span(self) -> tuple[int, int]:
        return self.sentences[self.cursor] if self.sentences else (0, 0)

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def scroll_to_offset(self, start: int, end: int) -> None:
        """Bring text[start:end] into view (its start a third down when it must move)."""
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        top, height = int(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        if first >= top and last < top + height:
            return
        self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True)

    # -- rendering -----------------------------------------------------------------

    def _restyle(self) -> None:
        # Styles by key, looked up as each line is drawn: a theme change costs no work per
        # mention.
        self._styles = {
            BOILERPLATE: self.get_component_rich_style("article-view--boilerplate"),
            **{k: self.get_component_rich_style(f"mention--{k}") for k in MENTION_KINDS},
        }
        self._cache.clear()

    def _rewrap(self, force: bool = False) -> None:
        width = max(8, self.scrollable_content_region.width - GUTTER)
        if (width == self._width and not force) or not self._width and len(self.text) > LONG:
            return  # unchanged, or a long text still being laid out
        if len(self.text) > LONG:
            self._lay_out(self.text, width)
            return
        self._set_lines(wrap_offsets(self.text, width), width)

    def on_resize(self) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._restyle()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_index(index, base)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_index(self, index: int, base: Style) -> Strip:
        start, end = self._lines[index]
        line = Text(self.text[start:end], no_wrap=True, end="")
        for spans in self._spans:  # in this order: a mention's style over boilerplate's
            for lo, hi, key in spans.overlapping(start, end):
                line.stylize(self._styles[key], max(lo, start) - start, min(hi, end) - start)
        cur = self.cursor_span
        in_cursor = _overlaps((start, max(end, start + 1)), cur)
        in_evidence = self.evidence is not None and _overlaps(
            (start, max(end, start + 1)), self.evidence
        )
        if in_cursor:
            line.stylize_before(self.get_component_rich_style("article-view--cursor"))
        if in_evidence and self.evidence is not None:
            lo, hi = max(start, self.evidence[0]), min(end, self.evidence[1])
            style = self.get_component_rich_style("article-view--evidence")
            line.stylize(style, lo - start, hi - start)
        line.stylize_before(base)
        gutter_style = base + self.get_component_rich_style("article-view--gutter")
        gutter = ("┃" if in_evidence else " ") + ("›" if in_cursor else " ")
        # An empty line renders as one unstyled segment; Textual's NO_COLOR filter needs a
        # style on every segment.
        segments = [Segment(gutter, gutter_style)]
        segments += [Segment(t, s or base, c) for t, s, c in line.render(self.app.console)]
        return Strip(segments, GUTTER + line.cell_len)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Spans:
    """Character spans keyed by style (a mention kind or BOILERPLATE), sorted, with the ones
    overlapping a line found by bisection (a span overlapping [a, b) starts before b and at
    most the longest span before a)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans, key=lambda x: (x[0], x[1]))
        self.starts = [s for s, _, _ in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, a: int, b: int) -> list[tuple[int, int, str]]:
        lo = bisect_left(self.starts, a - self.longest)
        hi = bisect_left(self.starts, b)
        return [x for x in self.spans[lo:hi] if x[1] > a and x[0] < b]
