"""One sentence in, one proposed event out, with the fields it must have: a table.

Each line of tests/data/sentences.jsonl is a case: `text` published on `published`, the
field values the single proposed event must have (`expect`: JSON null is None, a list is a
list or a span), optionally the article's `outlet`, and optionally `why`; `"count": 0` says the sentence reports no incident.
A text that reports several incidents gives `events` instead: the fields of each proposed
event, in the order of the text (as many events as listed). Adding a case is adding a line.
Cases that need more than field equality ("one of", a property of a list) stay as code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.extract import extract

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "sentences.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence(case):
    ex = extract(case["text"], case["published"], outlet=case.get("outlet"))
    found = sorted(ex.events, key=lambda e: e.start)
    wanted = case.get("events") or ([case["expect"]] if case.get("count", 1) else [])
    assert len(found) == len(wanted), [(e.sub_event_type, e.quote) for e in found]
    got = [
        {field: _plain(getattr(ev, field)) for field in want}
        for ev, want in zip(found, wanted, strict=True)
    ]
    assert got == wanted, case.get("why", case["text"])


def test_case_ids_are_unique():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
