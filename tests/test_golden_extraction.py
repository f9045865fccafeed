"""The extractor's output on the seeds and tests/data equals tests/golden/extraction.jsonl.

A change to extraction shows here as the lines it changed. When the change is intended, run
`.venv/bin/python -m pytest tests/test_golden_extraction.py --update-golden`, read the diff
(`git diff tests/golden`) and commit it with the change; otherwise the diff is a regression.
"""

from __future__ import annotations

import difflib

import pytest
from golden import GOLDEN, golden_lines

MAX_DIFF_LINES = 60


def test_extraction_matches_golden(request):
    lines = golden_lines()
    text = "".join(line + "\n" for line in lines)
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), f"{GOLDEN} is missing: run pytest with --update-golden"
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        diff = list(
            difflib.unified_diff(expected.splitlines(), lines, "golden", "now", n=0, lineterm="")
        )
        shown = "\n".join(diff[:MAX_DIFF_LINES])
        more = (
            f"\n... {len(diff) - MAX_DIFF_LINES} more diff lines"
            if len(diff) > MAX_DIFF_LINES
            else ""
        )
        pytest.fail(
            f"extraction differs from {GOLDEN} ({len(diff)} diff lines); if intended, rerun "
            f"with --update-golden and commit the file:\n{shown}{more}",
            pytrace=False,
        )
