"""Provides the golden extraction: the extractor's output on the seeds and tests/data, as JSONL.

Each article is read the way `workbench ingest` reads it (the same cleaning, manifest,
publication date and boilerplate spans), then `extract()` runs on it with the packaged
dictionaries. One JSON line per article header, entity, mention and event, with named fields
in a fixed order, so a change to the extractor shows in `git diff` as the lines it changed.

    .venv/bin/python -m pytest tests/test_golden_extraction.py --update-golden
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from workbench.extract import Extraction, cached_lexicon, extract
from workbench.ingest.readers import Record, read_file
from workbench.ingest.run import prepare, read_manifest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "extraction.jsonl"
# The corpora, relative to the repository: every folder of articles the project ships.
FOLDERS = ("seeds", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests/data").iterdir()
                             if p.is_dir()))  # fmt: skip


def articles() -> Iterator[tuple[str, dict]]:
    """(folder/file, article row as ingest prepares it) for every .txt in FOLDERS."""
    for folder in FOLDERS:
        path = ROOT / folder
        manifest = read_manifest(str(path / "manifest.csv"))
        for file in sorted(path.glob("*.txt")):
            for rec in read_file(file):
                assert isinstance(rec, Record), f"{file}: {rec}"
                row, _ = prepare(rec, manifest)
                yield f"{folder}/{file.name}", row


# An event line's keys in the file's own order, whatever the order of the proposal's members
# (its record members are generated in the record's order, extract/model.py): the file
# changes only where values do. A member not named here comes after these.
EVENT_KEYS = (
    "sub_event_type", "event_type", "event_date", "date_precision", "actor1", "actor1_span",
    "actor2", "actor2_span", "assoc_actor_1", "assoc_actor_2", "place", "place_span",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injured", "notes",
    "confidence", "quote", "rules", "standalone", "incomplete", "features",
)  # fmt: skip


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def article_lines(label: str, ex: Extraction, published: str | None) -> Iterator[str]:
    """The JSON lines of one article's extraction: header, entities, mentions, events."""
    yield _line(
        {"article": label, "published": published, "country": ex.country,
         "mentions": len(ex.mentions), "events": len(ex.events)}
    )  # fmt: skip
    for (kind, name), info in sorted(ex.entities.items()):
        entity = {"article": label, "entity": [kind, name], "origin": info.origin,
                  "attrs": dict(sorted(info.attrs.items()))}  # fmt: skip
        if info.origin != "dictionary":  # a dictionary entry's aliases are its data file's
            entity["aliases"] = list(info.aliases)
        yield _line(entity)
    for m in ex.mentions:
        yield _line(
            {"article": label, "mention": [m.start, m.end], "kind": m.kind, "text": m.text,
             "name": m.name, "value": m.value, "rule": m.rule, "confidence": m.confidence,
             "contextual": m.contextual}
        )  # fmt: skip
    for ev in ex.events:
        fields = asdict(ev)
        span = [fields.pop("start"), fields.pop("end")]  # the evidence, as mentions show theirs
        ordered = {k: fields.pop(k) for k in EVENT_KEYS if k in fields}
        yield _line({"article": label, "event": span, **ordered, **fields})


def golden_lines() -> list[str]:
    lex = cached_lexicon((), ())
    out: list[str] = []
    for label, row in articles():
        skip = json.loads(row["boilerplate"])
        ex = extract(row["text"], row["published"], skip, lex)
        out.extend(article_lines(label, ex, row["published"]))
    return out
