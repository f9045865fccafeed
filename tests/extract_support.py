"""Shared helpers for extractor tests: the events of a text published on a given day."""

from __future__ import annotations

from workbench.extract import extract


def helpers(published: str):
    """(events, one) for texts published on `published` unless a test says otherwise."""

    def events(text: str, on: str = published):
        return extract(text, on).events

    def one(text: str, on: str = published):
        found = events(text, on)
        assert len(found) == 1, [(e.sub_event_type, e.quote) for e in found]
        return found[0]

    return events, one
