"""Provides `ArticleView`: the article text with mentions highlighted, evidence and cursor.

A Line-API widget: it wraps the text itself, so it knows which screen line holds any
character offset (to scroll the evidence into view) and renders only the visible lines.
The text is untrusted and always rendered as `rich.text.Text`, never parsed as markup;
control characters are replaced one-for-one so character offsets stay valid.

Cues that survive NO_COLOR: mention kinds differ by bold/underline/italic, the evidence is
reversed and marked `┃` in the gutter, the sentence under the cursor is marked `›`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...base.sentences import sentence_spans
from ..marks import MENTION_KINDS

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
GUTTER = 2


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
        self.cursor = 0
        self.evidence: tuple[int, int] | None = None
        self._mentions: list[dict[str, Any]] = []
        self._boilerplate: list[tuple[int, int]] = []
        self._styled = Text()
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._width = 0
        self._cache: dict[int, Strip] = {}

    # -- what the screen calls -----------------------------------------------------

    def show(
        self,
        text: str,
        mentions: list[dict[str, Any]],
        boilerplate: list[tuple[int, int]] = (),
    ) -> None:
        self.text = _CONTROL.sub("\ufffd", text).replace("\t", " ")
        self.sentences = sentence_spans(self.text) or [(0, len(self.text))]
        self._mentions = mentions
        self._boilerplate = [tuple(b) for b in boilerplate]
        self.cursor = 0
        self.evidence = None
        self._restyle()
        self._rewrap(force=True)
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_evidence(self, span: tuple[int, int] | None, move_cursor: bool = True) -> None:
        before = self._marked_lines()
        self.evidence = span
        if span and move_cursor:
            self.cursor = self.sentence_at(span[0])
        self._invalidate(before | self._marked_lines())
        if span:
            self.scroll_to_offset(span[0], span[1])

    def move_cursor(self, step: int) -> None:
        before = self._marked_lines()
        self.cursor = max(0, min(len(self.sentences) - 1, self.cursor + step))
        self._invalidate(before | self._marked_lines())
        self.scroll_to_offset(*self.cursor_span)

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
        starts = [s for s, _ in self.sentences]
        return max(0, bisect_right(starts, offset) - 1)

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
        styled = Text(self.text, no_wrap=True, end="")
        for start, end in self._boilerplate:
            styled.stylize(self.get_component_rich_style("article-view--boilerplate"), start, end)
        for m in self._mentions:
            if m["kind"] in MENTION_KINDS:
                style = self.get_component_rich_style(f"mention--{m['kind']}")
                styled.stylize(style, m["start"], m["end"])
        self._styled = styled
        self._cache.clear()

    def _rewrap(self, force: bool = False) -> None:
        width = max(8, self.scrollable_content_region.width - GUTTER)
        if width == self._width and not force:
            return
        self._width = width
        self._lines = wrap_offsets(self.text, width)
        self._starts = [s for s, _ in self._lines]
        self._cache.clear()
        self.virtual_size = Size(width + GUTTER, len(self._lines))
        self.refresh()

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
        line = self._styled[start:end]
        cur = self.cursor_span
        in_cursor = _overlaps((start, max(end, start + 1)), cur)
        in_evidence = self.evidence is not None and _overlaps(
            (start, max(end, start + 1)), self.evidence
        )
        if in_cursor:
            line.stylize_before(self.get_component_rich_style("article-view--cursor"))
        if in_evidence:
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
