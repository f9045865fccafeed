"""Provides `Writer`: an article's `Extraction` written to the store, keeping analyst work.

Per article, inside the caller's `store.write()` transaction:
- mentions: the article's unedited mentions are replaced; edited ones stay, and a new
  mention overlapping one of them is not written (the analyst's reading wins);
- events: the article's untouched proposals (status 'proposed', edited 0) are replaced;
  confirmed, rejected, merged or edited events stay, with their sources, and a new proposal
  for the same incident (overlapping evidence, or same type, date and first actor) is not
  made again. A replaced proposal that other articles also source is handed to one of them;
- entities: found by name (learnt analyst/merge aliases first), else created with the
  dictionary's attributes and aliases (origin 'dictionary') or as 'extracted'.
"""

from __future__ import annotations

import json
import operator
from typing import Any

from ..base.names import name_key
from ..store import Store, now
from ..store.changes import Tx
from ..store.entities import create_entity, find_entity
from ..store.ids import claim_event_ids, last_event_id
from ..store.record import FIELDS
from .adversary import DOER_RULE
from .adversary import RULE as ADVERSARY_RULE
from .crossref import CrossIndex
from .entities import entity_info
from .lexicon import Lexicon
from .model import (
    EVENT_FIELDS,
    PROPOSAL_MEMBER,
    EntityInfo,
    EventProposal,
    Extraction,
    Packed,
    pack,
)
from .placing import SET_IN_ARTICLE


class Writer:
    def __init__(self, store: Store, lex: Lexicon) -> None:
        self.store, self.lex = store, lex
        self.conn = store.conn
        self.ids: dict[tuple[str, str], int] = {}
        self.learnt: dict[tuple[str, str], int | None] = {}
        self.tx = Tx(store, "extract-articles")  # entity rows are created through it, unlogged
        self.index = CrossIndex(store)
        self.counts = {"articles": 0, "mentions": 0, "events": 0, "linked": 0, "kept": 0}
        self.created = 0
        self.memo: dict[tuple[str, str | None, str], int | None] = {}
        self.begin()

    # -- entities ---------------------------------------------------------------------------

    def entity(self, kind: str, name: str | None, entities, surface: str = "") -> int | None:
        """The entity id of a canonical name; `entities` holds what to create it with."""
        if not name:
            return None
        if surface and not self._generic(surface):
            learnt = self._learnt(kind, surface)
            if learnt is not None:
                return learnt
        eid = self.ids.get((kind, name))
        if eid is not None:
            return eid
        eid = find_entity(self.store, kind, name)
        if eid is None:
            info = entities.get((kind, name)) or entity_info(self.lex, kind, name, None)
            eid = self._create(info)
        self.ids[(kind, name)] = eid
        return eid

    def _generic(self, surface: str) -> bool:
        return surface[:1].islower()  # "the regime", "rebels": resolved by context, not alias

    def _learnt(self, kind: str, surface: str) -> int | None:
        key = (kind, surface)
        if key not in self.learnt:
            norm = name_key(surface)
            row = self.conn.execute(
                "SELECT e.id FROM aliases a JOIN entities e ON e.id = a.entity_id "
                "WHERE a.norm = ? AND e.kind = ? AND a.source IN ('merge', 'analyst') "
                "ORDER BY e.id LIMIT 1",
                [norm, kind],
            ).fetchone()
            eid = row[0] if row else None
            if eid is not None:
                from ..store.entities import follow

                eid = follow(self.store, eid)
            self.learnt[key] = eid
        return self.learnt[key]

    def _create(self, info: EntityInfo) -> int:
        self.created += 1
        aliases = [a for a in info.aliases if name_key(a)]
        return create_entity(
            self.tx, info.kind, info.name, attrs=info.attrs, aliases=aliases, origin=info.origin
        )

    # -- one article --------------------------------------------------------------------------

    def begin(self) -> None:
        """Call inside each write transaction, before `write`: event ids are handed out here
        (the write lock is held, so nobody else inserts) and rows go in by executemany."""
        self.next_id = last_event_id(self.conn) + 1  # never an id a deleted event had
        self.event_rows: list[list[Any]] = []
        self.source_rows: list[tuple[Any, ...]] = []
        self.mention_rows: list[tuple[Any, ...]] = []
        self.done: list[tuple[str, int, int]] = []  # (extracted_at, skipped, article id)
        self.prefetched: dict[int, list[dict[str, Any]]] = {}

    def flush(self) -> None:
        conn = self.conn
        # COPY on a server (one round trip for the batch), executemany on a file.
        bulk = self.store.sql.bulk_insert
        bulk(conn, "mentions", MENTION_COLS, self.mention_rows)
        bulk(conn, "events", EVENT_COLS, self.event_rows)  # status, origin: their defaults
        bulk(conn, "event_sources", SOURCE_COLS, self.source_rows)
        conn.executemany(
            "UPDATE articles SET extracted_at = ?, skipped_chars = ?, extract_error = NULL "
            "WHERE id = ?",
            self.done,
        )
        if self.event_rows:
            claim_event_ids(conn, self.next_id - 1)
        self.event_rows, self.source_rows, self.mention_rows, self.done = [], [], [], []

    def prefetch(self, article_ids: list[int]) -> None:
        """The analyst's events of never-extracted articles, in one query for the batch
        (writing one such article adds no rows for another, so reading ahead is exact)."""
        found: dict[int, list[dict[str, Any]]] = {aid: [] for aid in article_ids}
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT s.article_id, e.id, e.sub_event_type, e.event_date, e.actor1_id, "
                "s.start, s.end FROM event_sources s JOIN events e ON e.id = s.event_id "
                f"WHERE s.article_id IN ({marks}) UNION SELECT e.article_id, e.id, "
                "e.sub_event_type, e.event_date, e.actor1_id, NULL, NULL FROM events e "
                f"WHERE e.article_id IN ({marks})",
                chunk + chunk,
            )
            for aid, *values in rows:
                found[aid].append(dict(zip(KEPT_COLS, values, strict=True)))
        self.prefetched = found

    def write(self, article_id: int, ex: Extraction | Packed, fresh: bool = False) -> None:
        """One article; `fresh` when it was never extracted (nothing of ours to replace)."""
        if isinstance(ex, Extraction):
            ex = pack(ex)
        mentions, events, rules, entities, country, skipped = ex
        if fresh:
            kept = self.prefetched.pop(article_id, None)
            kept_mentions: list[tuple[int, int]] = []
            kept_events = self._kept_events(article_id) if kept is None else kept
        else:
            # Queued rows first: an earlier article of this batch may have become a source of
            # an event this one proposed, and the clean-up must see it (else it deletes the
            # event under the queued source row).
            self.flush()
            kept_mentions, kept_events = self._clear(article_id)
        self._mentions(article_id, mentions, entities, kept_mentions)
        if events:
            stamp = now()
            for values, rules_json in zip(events, rules, strict=True):
                ev = EventProposal(*values)
                self._event(article_id, ev, rules_json, entities, kept_events, stamp, country)
        self.done.append((now(), skipped, article_id))
        self.counts["articles"] += 1

    def _clear(self, article_id: int) -> tuple[list[tuple[int, int]], list[dict[str, Any]]]:
        conn = self.conn
        kept_mentions = conn.execute(
            'SELECT start, "end" FROM mentions WHERE article_id = ? AND edited = 1', [article_id]
        ).fetchall()
        conn.execute("DELETE FROM mentions WHERE article_id = ? AND edited = 0", [article_id])
        # Our source rows on other articles' untouched proposals go; they are re-linked below.
        linked = conn.execute(
            "SELECT s.id, s.event_id FROM event_sources s JOIN events e ON e.id = s.event_id "
            "WHERE s.article_id = ? AND e.article_id != ? AND e.status = 'proposed' "
            "AND e.edited = 0 AND e.origin = 'extractor'",
            [article_id, article_id],
        ).fetchall()
        for source_id, eid in linked:
            conn.execute("DELETE FROM event_sources WHERE id = ?", [source_id])
            self.index.unlink(eid, article_id)
        untouched = [r[0] for r in conn.execute(
            "SELECT id FROM events WHERE article_id = ? AND status = 'proposed' AND edited = 0 "
            "AND origin = 'extractor' AND id NOT IN (SELECT merged_into FROM events "
            "WHERE merged_into IS NOT NULL)", [article_id])]  # fmt: skip
        for eid in untouched:
            other = conn.execute(
                "SELECT article_id FROM event_sources WHERE event_id = ? AND article_id != ? "
                "ORDER BY id LIMIT 1",
                [eid, article_id],
            ).fetchone()
            conn.execute(
                "DELETE FROM event_sources WHERE event_id = ? AND article_id = ?", [eid, article_id]
            )
            if other:  # another article reports it too: the event becomes that article's
                conn.execute("UPDATE events SET article_id = ? WHERE id = ?", [other[0], eid])
                self.index.unlink(eid, article_id)
            else:
                conn.execute("DELETE FROM events WHERE id = ?", [eid])
                self.index.forget(eid)
        kept_events = self._kept_events(article_id)
        self.counts["kept"] += len({k["id"] for k in kept_events})
        return kept_mentions, kept_events

    def _kept_events(self, article_id: int) -> list[dict[str, Any]]:
        # Two indexed lookups (an OR across the join would scan every event).
        rows = self.conn.execute(
            "SELECT e.id, e.sub_event_type, e.event_date, e.actor1_id, s.start, s.end "
            "FROM event_sources s JOIN events e ON e.id = s.event_id WHERE s.article_id = ? "
            "UNION SELECT e.id, e.sub_event_type, e.event_date, e.actor1_id, NULL, NULL "
            "FROM events e WHERE e.article_id = ?",
            [article_id, article_id],
        ).fetchall()
        return [dict(zip(KEPT_COLS, r, strict=True)) for r in rows]

    def _mentions(
        self, article_id: int, mentions: list[tuple], entities, kept: list[tuple[int, int]]
    ) -> None:
        rows = self.mention_rows
        before = len(rows)
        memo = self.memo
        for start, end, text, kind, name, value, rule, conf, contextual in mentions:
            if kept and any(s < end and start < e for s, e in kept):
                continue
            eid = None
            if kind == "actor" or kind == "place":
                surface = "" if contextual else text
                key = (kind, name, surface)
                eid = memo.get(key, _MISSING)
                if eid is _MISSING:
                    eid = self.entity(kind, name, entities, surface)
                    memo[key] = eid  # entity ids never change during a run
            rows.append((article_id, start, end, text, kind, eid, value, rule, conf))
        self.counts["mentions"] += len(rows) - before

    def _event(self, article_id, ev, rules_json, entities, kept, stamp, country=None) -> None:
        a1 = self.entity("actor", ev.actor1, entities)
        a2 = self.entity("actor", ev.actor2, entities)
        place = self.entity("place", ev.place, entities)
        for k in kept:  # the analyst already decided about this incident
            overlap = k["start"] is not None and k["start"] < ev.end and ev.start < k["end"]
            same = (
                k["sub"] == ev.sub_event_type and k["date"] == ev.event_date and k["actor1"] == a1
            )
            if overlap or same:
                return
        # A place that is only the article's setting is no reason to tell two reports apart.
        told = None if SET_IN_ARTICLE in ev.rules else place
        # Nor is a side inferred from what the article is about (adversary.py).
        doer = None if DOER_RULE in ev.rules else a1
        other = None if ADVERSARY_RULE in ev.rules else a2
        sub, args = ev.sub_event_type, (ev.event_date, ev.date_precision, doer, other, told)
        anyone = self._unplaced_anyone(ev, country, told)
        existing = None if anyone else self.index.find(sub, *args, article_id)
        if existing is not None:
            self._source(existing, article_id, ev)
            self.index.link(existing, sub, article_id)
            self.counts["linked"] += 1
            return
        if not ev.standalone:
            return
        eid = self.next_id
        self.next_id += 1
        record = self._record(ev, entities)
        self.event_rows.append(
            [eid, article_id, *record, _incomplete(ev.incomplete), rules_json, stamp, stamp]
        )
        self._source(eid, article_id, ev)
        self.index.add(eid, sub, *args, article_id)
        self.counts["events"] += 1

    def _unplaced_anyone(self, ev: EventProposal, country: str | None, told) -> bool:
        """An act by an unidentified group on civilians, told nowhere: two reports of one are
        not one incident for that (every 'gunmen killed a man' of a week would be one)."""
        if told:
            return False
        generic = {self.lex.group_actor(g, country)[0] for g in ("unidentified", "civilians")}
        return {ev.actor1, ev.actor2} <= generic | {None}

    def _record(self, ev: EventProposal, entities) -> list[Any]:
        """The events columns of the proposed record fields (names as entity ids, all
        known already: no new entity)."""
        record = list(PROPOSED_VALUES(ev))
        for at, kind in PROPOSED_NAMED:
            if kind == "actors":
                record[at] = _ids_json([self.entity("actor", n, entities) for n in record[at]])
            else:
                record[at] = self.entity(kind, record[at], entities)
        return record

    def _source(self, eid: int, article_id: int, ev) -> None:
        self.source_rows.append((eid, article_id, ev.quote, ev.start, ev.end))


_MISSING = object()
MENTION_COLS = [
    "article_id", "start", "end", "text", "kind", "entity_id", "value", "rule", "confidence"
]  # fmt: skip
# A new proposal holds the fields an analyst edits (store.record) that the extractor
# proposes (a field it knows nothing of keeps its column's default, as do status
# 'proposed' and origin 'extractor').
PROPOSED = tuple(
    f for f in FIELDS if f.editable and PROPOSAL_MEMBER.get(f.name, f.name) in EVENT_FIELDS
)
# The proposal's members of the proposed fields, read at once (a tuple: there are many), and
# those holding names, stored as an entity id ("actor", "place") or a JSON list ("actors").
PROPOSED_VALUES = operator.attrgetter(*(PROPOSAL_MEMBER.get(f.name, f.name) for f in PROPOSED))
PROPOSED_NAMED = tuple(
    (at, f.kind) for at, f in enumerate(PROPOSED) if f.kind in ("actor", "place", "actors")
)
EVENT_COLS = [
    "id", "article_id", *(f.source for f in PROPOSED), "incomplete", "rules", "created_at",
    "updated_at",
]  # fmt: skip
SOURCE_COLS = ["event_id", "article_id", "quote", "start", "end"]
KEPT_COLS = ("id", "sub", "date", "actor1", "start", "end")


def _ids_json(ids: list) -> str:
    return json.dumps(ids) if ids else "[]"


def _incomplete(missing: list[str]) -> str | None:
    """The required fields a proposal lacks, as the column stores them ("actor1, date")."""
    return ", ".join(missing) or None
