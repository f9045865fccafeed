"""Provides `resume_collector`: Python's cyclic garbage collector turned back on after a
pause without its first pass walking everything made meanwhile."""

from __future__ import annotations

import gc


def resume_collector() -> None:
    """Turn the cyclic collector back on after `gc.disable()`. Resumed as is, it would first
    walk every object made meanwhile (they all count as new: ~0.1 s after a 10 MB article's
    extraction, whose result holds a million objects). freeze + unfreeze files them with the
    old ones unwalked instead; a later full collection still reclaims cycles. A freeze made
    by someone else (a worker freezes what it keeps for its lifetime) is never undone: then
    the collector just resumes."""
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()
    gc.enable()
