"""Provides `Footer`: Textual's footer, compact on a narrow terminal.

At 80 columns the roomy footer cut the app-wide keys (`u Undo` first) behind the screen's
own; the compact style (one space less around each key) keeps them, and wider terminals
keep the roomy one.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer as TextualFooter

COMPACT_BELOW = 100  # columns


class Footer(TextualFooter):
    # Textual's compact style drops the space after a group's label ("n p Pageq Quit")
    # and its right margin leaves the last column to the keys that overflow beneath.
    DEFAULT_CSS = """
    Footer.-compact FooterLabel {
        margin: 0 1 0 0;
    }
    Footer.-compact FooterKey.-command-palette {
        margin-right: 0;
        padding-right: 1;
    }
    """

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
