"""Warming the extractor (`extract.core.warm`, called by a worker when it starts and before
a serial batch) builds the parts the stages otherwise build inside the first article, and
changes no output."""

from __future__ import annotations

from workbench.extract import build_lexicon, extract
from workbench.extract.core import warm
from workbench.extract.model import pack

TEXT = (
    "Government jets struck the town of Maarat al-Numan in Idlib province on Tuesday, "
    "killing at least 12 civilians, a monitor said.\n\n"
    "In Deir Ezour, Islamic State fighters attacked an army checkpoint on Wednesday; "
    "three soldiers were killed and five wounded, officials in Iraq and Syria said."
)


def test_warm_builds_the_lazy_parts_and_changes_no_output() -> None:
    cold, hot = build_lexicon(), build_lexicon()
    warm(hot)
    assert {"casualties", "finalize-country-names", "place_keys"} <= set(hot.cache)
    assert not {"casualties", "finalize-country-names", "place_keys"} & set(cold.cache)
    warmed = pack(extract(TEXT, "2024-03-07", (), hot))
    assert warmed == pack(extract(TEXT, "2024-03-07", (), cold))
    assert warmed[1], "the text reports events"
