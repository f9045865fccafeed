"""Provides `Doc`: one article as the extraction stages see it, layer by layer.

Every stage (`pipeline.STAGES`) reads the layers before it and fills one more; nothing
else is passed between them. In the order the data flows:

| layer | filled by | what it holds |
|---|---|---|
| `text`, `published`, `skip`, `lex`, `outlet` | the caller | the article, its publication date, boilerplate spans, the dictionaries, its outlet |
| `toks`, `matches` | `tokenise` | words, and every dictionary phrase found in one pass (trie) |
| `country` | `tokenise` | the article's main country (what "the regime" means); with no place named, its outlet's |
| `found` | `tokenise` or `names` | the names the patterns find, found once (the country vote of a report with no dictionary place reads them first) |
| `anns` (dictionary) | `dictionary` | actors, places, weapons and triggers read from the matches |
| `anns` (names) | `names` | names no dictionary has: "the town of X", "X forces", "loyal to X" |
| `anns` (dates) | `dates` | dates resolved against the publication date |
| `anns` (quantities) | `quantities` | casualty figures ("at least 55 people were killed") |
| `anns` (reference) | `reference` | "the group", "the militants" resolved to the group named before |
| `sentences` | `layout` | paragraphs, sentences, clauses; headings and boilerplate marked skipped |
| `candidates`, `orphans` | `candidates` | one candidate per clause that reports an act, with its doer, target, place, date, weapons, figures (cues drop what is threatened, denied, habitual, a non-event sense) |
| `incidents` | `incidents` | candidates that tell the same act folded together (retellings, leads) |
| `anns` (areas) | `areas` | places no gazetteer has, tied to the province or district the text names for them |
| `events`, `second_sources` | `proposals` | one scored proposal per incident and place (fields, type, confidence, what is missing) |
| `mentions`, `entities` | `mentions` | what the review screen highlights, and the entities the proposals name |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .annotate import Ann
from .candidates import Candidate, Orphan
from .incident import Incident
from .lexicon import Lexicon
from .model import EntityInfo, EventProposal, Extraction, Mention
from .patterns import Found
from .text import Sentence
from .tokens import Tokens


@dataclass(slots=True)
class Doc:
    text: str
    published: date | None
    skip: list[tuple[int, int]]
    lex: Lexicon
    outlet: str = ""
    toks: Tokens | None = None
    matches: list[Any] = field(default_factory=list)
    country: str | None = None
    found: list[Found] | None = None
    anns: list[Ann] = field(default_factory=list)
    tokann: list[int] = field(default_factory=list)  # token -> index of its strongest ann
    sentences: list[Sentence] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    # Casualty figures (and claimants) in sentences without an act of their own.
    orphans: list[Orphan] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    events: list[EventProposal] = field(default_factory=list)
    second_sources: list[EventProposal] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[tuple[str, str], EntityInfo] = field(default_factory=dict)

    @property
    def tokens(self) -> Tokens:
        """The words, once `tokenise` has run."""
        assert self.toks is not None, "tokenise runs first"
        return self.toks

    def result(self) -> Extraction:
        """What the extractor hands on (persistence, the TUI, the benchmarks)."""
        skipped = sum(s.end - s.start for s in self.sentences if s.skip)
        return Extraction(
            mentions=self.mentions,
            events=self.events,
            second_sources=self.second_sources,
            entities=self.entities,
            country=self.country,
            skipped=skipped,
        )
