"""Provides `Legend`: one line naming each mention kind in the style the text uses."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..marks import MENTION_KINDS


class Legend(Widget):
    """Styled like `ArticleView`'s mentions through the same component class names."""

    COMPONENT_CLASSES = {f"mention--{kind}" for kind in MENTION_KINDS}

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for kind, (label, _) in MENTION_KINDS.items():
            if text:
                text.append(" ")
            text.append(label, self.get_component_rich_style(f"mention--{kind}"))
        text.append("  ┃evidence ›cursor")
        return text
