"""Provides the workbench's screens, one per module.

Every screen module is imported here, so `workbench.tui.registry` finds each screen (a
Screen subclass declaring its `SCOPE`) without a list of its own.
"""

from . import (  # noqa: F401
    adjudication,
    agreement,
    articles,
    duplicates,
    edit_event,
    export,
    fix_mention,
    help,
    map,
    names,
    review,
    review_actions,
    review_tier,
    send_back,
    store_screen,
)
