"""Boilerplate patterns: the fast matcher says what one plain case-insensitive regex says."""

from __future__ import annotations

import json
import random
import re

import pytest

from workbench.ingest import ingest_paths
from workbench.ingest.boilerplate import BOILERPLATE_PATTERNS, LinePatterns


def plain_regex(patterns) -> re.Pattern:
    """The slow, obvious reading of the patterns: one search over the whole line."""
    form = {"start": r"^\s*(?:{})", "line": r"^\s*(?:{})\s*$", "anywhere": "(?:{})"}
    return re.compile("|".join(form[how].format(what) for how, what in patterns), re.IGNORECASE)


PIECES = [
    "Also Read:", "read more", "Related", "WATCH", "listen", "Trending", "shop", "sign up",
    "Follow us", "follow", "Like", "find", "join", "connect with", "connect  with", "us",
    "@SyriaCivilDef", "Advertisement", "on", "on\t", "Facebook", "TWITTER", "instagramme",
    "linkedin.", "YouTube", "telegram", "X", "x.com", "image courtesy", "Photos credit",
    "share", "Share this", "comments", "Today’s coverage", "Copyright", "©", "ſhop",
    "İmage courtesy", "\u2003", "  ", "the", "forces", "shelled", "Kafranbil", ".", ":", "3",
]  # fmt: skip


def test_matcher_agrees_with_one_plain_regex_on_random_lines():
    patterns = LinePatterns(BOILERPLATE_PATTERNS)
    slow = plain_regex(BOILERPLATE_PATTERNS)
    rng = random.Random(5)
    hits = 0
    for _ in range(20_000):
        line = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))).strip()
        expected = bool(slow.search(line))
        hits += expected
        assert patterns.matches(line) is expected, line
    assert 2_000 < hits < 18_000  # both outcomes were exercised


@pytest.mark.parametrize("bad", [(("everywhere", r"\bx\b"),), (("start", ("on facebook",)),)])
def test_a_malformed_pattern_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="boilerplate pattern"):
        LinePatterns(bad)


@pytest.mark.backends
def test_ingest_keeps_ids_and_counts_duplicates_across_batches(tmp_path, store):
    """Multi-row inserts (COPY on a server): ids follow the input order, stored content is
    skipped, and every article is found by search."""
    lines = [
        {"id": f"r{i}", "text": f"Report number {i} says shelling hit the town of Ariha."}
        for i in range(450)
    ]
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(map(json.dumps, lines[:300])))
    report = ingest_paths(store, [str(first)])
    assert report.added == list(range(1, 301)) and report.duplicates == 0
    both = tmp_path / "both.jsonl"
    both.write_text("\n".join(map(json.dumps, lines)))
    report = ingest_paths(store, [str(both)])
    assert report.added == list(range(301, 451)) and report.duplicates == 300
    rows = store.query("SELECT id, record_id FROM articles ORDER BY id")
    assert [r["record_id"] for r in rows] == [f"r{i}" for i in range(450)]
    found = f"SELECT count(*) FROM articles a WHERE {store.sql.article_search('a')}"
    assert store.scalar(found, [store.sql.search_param(["Ariha"])]) == 450
