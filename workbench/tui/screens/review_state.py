"""Provides `ReviewState`: what the review screen holds, declared for its action mixins.

`ReviewScreen` (review.py) keeps the article, its events and the selection; its decisions
live in `ReviewActions` (review_actions.py) and `ReviewTierActions` (review_tier.py). Both
read the screen's state through this declaration, so the type checker sees one screen. At
run time it is a plain class: the state itself is the screen's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual import getters
    from textual.screen import Screen
    from textual.worker import Worker

    from ..app import WorkbenchApp
    from ..data import Bundle, EventView

    _Screen = Screen[Any]
else:
    _Screen = object


class ReviewState(_Screen):
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
        article_id: int
        bundle: Bundle | None
        events: list[EventView]
        selected: int
        marked: set[int]  # events marked for merging
        pending: set[int]  # events whose change is queued, not yet written

        @property
        def current(self) -> EventView | None: ...

        def select(self, index: int) -> None: ...

        def refresh_events(self) -> None: ...

        def load(self, article_id: int, select_event: int | None = None) -> Worker[None]: ...

        def reload(self) -> None: ...

        def _head(self) -> None: ...

        def action_toggle_entities(self) -> None: ...
