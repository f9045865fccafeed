"""Provides the database schema: the migrations, in order.

Never edit a migration that has shipped: add a new one at the end. Migrations run on both
backends (SQLite through `Steps.apply`, PostgreSQL through `backends.postgres.migrate`, same
names, same order): write portable SQL, and take what has no portable spelling from
`fragments(db)`. A step is handed the connection (`db.execute` is all it uses). Every table
that an analyst can change carries a `version` column, bumped on each change, which is what
the optimistic-concurrency check in `workbench.store.changes` compares.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .backends import fragments
from .odds import TRIGGERS, article_odds_rows
from .record import create_flat_view

if TYPE_CHECKING:
    from sqlite_utils import Database


Step = Callable[[Any], None]


class Steps:
    """The migrations in order. On SQLite they are recorded as `sqlite_utils.Migrations`
    records them (it applied them until the import of sqlite-utils, and of the numpy it
    imports, was found to cost every new database a tenth of a second): the same table, the
    same rows, so databases made either way read the same."""

    name = "workbench"
    table = "_sqlite_migrations"  # where sqlite-utils records what it applied
    TABLE_DDL = (
        f'CREATE TABLE IF NOT EXISTS "{table}" (\n   "id" INTEGER PRIMARY KEY,\n'
        '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)',
        f'CREATE UNIQUE INDEX IF NOT EXISTS "idx_{table}_migration_set_name"\n'
        f'    ON "{table}" ("migration_set", "name")',
    )

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def __call__(self) -> Callable[[Step], Step]:
        def register(step: Step) -> Step:
            self.steps.append(step)
            return step

        return register

    def pending(self, conn: sqlite3.Connection) -> list[str]:
        """Names of the steps not yet applied, read from sqlite-utils' own record."""
        known = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.table]
        ).fetchone()
        done: set[str] = set()
        if known:
            query = f"SELECT name FROM [{self.table}] WHERE migration_set = ?"
            done = {row[0] for row in conn.execute(query, [self.name])}
        return [step.__name__ for step in self.steps if step.__name__ not in done]

    def unknown(self, conn: sqlite3.Connection) -> list[str]:
        """Steps recorded in the database that this code does not have: a newer version of
        workbench wrote it."""
        known = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.table]
        ).fetchone()
        if not known:
            return []
        query = f"SELECT name FROM [{self.table}] WHERE migration_set = ? ORDER BY rowid"
        ours = {step.__name__ for step in self.steps}
        return [row[0] for row in conn.execute(query, [self.name]) if row[0] not in ours]

    def apply(self, conn: sqlite3.Connection) -> None:
        """Apply the pending steps in order, each recorded as it is done (inside the caller's
        write transaction: all of them or none)."""
        for statement in self.TABLE_DDL:
            conn.execute(statement)
        pending = set(self.pending(conn))
        for step in self.steps:
            if step.__name__ in pending:
                step(conn)
                conn.execute(
                    f'INSERT INTO "{self.table}" (migration_set, name, applied_at) '
                    "VALUES (?, ?, ?)",
                    [self.name, step.__name__, str(datetime.now(UTC))],
                )


migrations = Steps()


@migrations()
def m001_core(db: Database) -> None:
    backend = fragments(db)

    def run(sql: str) -> None:
        # Ids and floats are the two column types spelled differently (see backends/).
        db.execute(sql.replace("{PK}", backend.PK).replace("{REAL}", backend.REAL))

    run(
        """
        CREATE TABLE articles (
            id {PK},
            content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the original bytes/record
            file TEXT NOT NULL,                  -- base name of the ingested file
            record_id TEXT,                      -- id of the record for JSONL/CSV input
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT,                      -- ISO date or NULL
            published_source TEXT NOT NULL DEFAULT 'unknown',  -- given | inferred | unknown
            text TEXT NOT NULL,
            boilerplate TEXT NOT NULL DEFAULT '[]',  -- JSON list of [start, end] char spans
            meta TEXT NOT NULL DEFAULT '{}',         -- JSON: other fields of the record
            status TEXT NOT NULL DEFAULT 'new',      -- new | in_review | done
            extracted_at TEXT,
            ingested_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    run(
        """
        CREATE TABLE entities (
            id {PK},
            kind TEXT NOT NULL,                  -- actor | place
            canonical TEXT NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',    -- JSON: actor type/country; place admin1/country/lat/lon
            origin TEXT NOT NULL DEFAULT 'dictionary',  -- dictionary | extracted | analyst | import
            merged_into INTEGER REFERENCES entities(id),  -- set when merged away; row is kept
            created_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    run("CREATE INDEX entities_kind_canonical ON entities(kind, canonical)")
    run(
        """
        CREATE TABLE aliases (
            id {PK},
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            name TEXT NOT NULL,
            norm TEXT NOT NULL,                  -- normalised key, see workbench.resolve
            source TEXT NOT NULL DEFAULT 'dictionary',  -- dictionary | merge | analyst | text
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE(entity_id, norm)
        )
        """
    )
    run("CREATE INDEX aliases_norm ON aliases(norm)")
    run(
        """
        CREATE TABLE mentions (
            id {PK},
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,                  -- actor | place | date | weapon | casualty
            entity_id INTEGER REFERENCES entities(id),
            value TEXT,                          -- JSON: resolved value (date, count, weapon class)
            rule TEXT NOT NULL DEFAULT '',
            confidence {REAL} NOT NULL DEFAULT 0.5,
            status TEXT NOT NULL DEFAULT 'active',  -- active | dropped
            edited INTEGER NOT NULL DEFAULT 0,   -- 1 once an analyst touched it
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    run("CREATE INDEX mentions_article ON mentions(article_id, start)")
    run("CREATE INDEX mentions_entity ON mentions(entity_id)")
    run(
        """
        CREATE TABLE events (
            id {PK},
            article_id INTEGER REFERENCES articles(id),  -- the article it was first found in
            event_date TEXT,
            date_precision TEXT NOT NULL DEFAULT 'unknown',  -- day | week | month | unknown
            event_type TEXT NOT NULL DEFAULT '',
            sub_event_type TEXT NOT NULL DEFAULT '',
            actor1_id INTEGER REFERENCES entities(id),
            actor2_id INTEGER REFERENCES entities(id),
            assoc_actor_1 TEXT NOT NULL DEFAULT '[]',  -- JSON list of entity ids
            assoc_actor_2 TEXT NOT NULL DEFAULT '[]',
            place_id INTEGER REFERENCES entities(id),
            geo_precision INTEGER,               -- ACLED 1 (exact) | 2 (near) | 3 (region)
            fatalities INTEGER,
            fatalities_low INTEGER,
            fatalities_high INTEGER,
            notes TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'proposed',  -- proposed | confirmed | rejected | merged
            confidence {REAL} NOT NULL DEFAULT 0.5,
            rules TEXT NOT NULL DEFAULT '[]',    -- JSON list of rule names that fired
            origin TEXT NOT NULL DEFAULT 'extractor',  -- extractor | analyst | import
            edited INTEGER NOT NULL DEFAULT 0,   -- 1 once an analyst changed any field
            merged_into INTEGER REFERENCES events(id),
            confirmed_by TEXT,
            confirmed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    run("CREATE INDEX events_article ON events(article_id, id)")
    run("CREATE INDEX events_status ON events(status)")
    run(
        """
        CREATE TABLE event_sources (
            id {PK},
            event_id INTEGER NOT NULL REFERENCES events(id),
            article_id INTEGER NOT NULL REFERENCES articles(id),
            quote TEXT NOT NULL DEFAULT '',
            start INTEGER,
            "end" INTEGER,
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    run("CREATE INDEX event_sources_event ON event_sources(event_id)")
    run("CREATE INDEX event_sources_article ON event_sources(article_id)")
    run(
        """
        CREATE TABLE actions (
            id {PK},
            analyst TEXT NOT NULL,
            ts TEXT NOT NULL,
            action TEXT NOT NULL,        -- verb-object id: confirm-event, merge-actors, undo ...
            target TEXT NOT NULL,        -- e.g. "events:12" or "events:12 events:13"
            before TEXT NOT NULL,        -- JSON {"table:id": row-or-null}
            after TEXT NOT NULL,         -- JSON {"table:id": row-or-null}
            undoable INTEGER NOT NULL DEFAULT 1,
            ref INTEGER REFERENCES actions(id)  -- for undo/redo: the action undone or redone
        )
        """
    )
    run("CREATE INDEX actions_analyst ON actions(analyst, id)")
    run(
        """
        CREATE TABLE action_targets (      -- one row per row an action touched: history lookups
            action_id INTEGER NOT NULL REFERENCES actions(id),
            target TEXT NOT NULL            -- "table:id"
        )
        """
    )
    run("CREATE INDEX action_targets_target ON action_targets(target, action_id)")
    run(
        """
        CREATE TABLE distinct_pairs (      -- pairs an analyst said are NOT duplicates
            id {PK},
            kind TEXT NOT NULL,             -- event | entity
            a INTEGER NOT NULL,
            b INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE(kind, a, b)
        )
        """
    )


@migrations()
def m002_article_search(db: Database) -> None:
    # Full-text search over articles for the queue's search box.
    for statement in fragments(db).ARTICLE_SEARCH_DDL:
        db.execute(statement)


@migrations()
def m003_export_events_flat(db: Database) -> None:
    # Exports filter on the event date (--since/--until) and import-events looks events up
    # by date to detect duplicates: both want this index. A stub article (see
    # workbench/export/importer.py) stores 'stub:<hash>'; the view shows <hash>.
    db.execute("CREATE INDEX IF NOT EXISTS events_date ON events(event_date)")
    # import-events matches another analyst's articles by url, then by file name.
    db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles(url)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_file ON articles(file)")
    # This step also wrote the events_flat view out by hand, once per backend; m013 replaces
    # it with the view generated from the record (store/record.py). Every pending step runs
    # in one transaction, so no database is ever seen between the two: a fresh one gets the
    # view from m013, and one made before m013 still has the hand-written view until m013
    # drops it (m009 no longer edits its text).


@migrations()
def m004_tui_article_status(db: Database) -> None:
    # The queue filters and pages by status, and the progress line counts done articles:
    # without this index each of those reads every article's row (its full text included).
    db.execute("CREATE INDEX articles_status ON articles(status, id)")


@migrations()
def m005_foreign_key_indexes(db: Database) -> None:
    # With foreign keys on, deleting or re-pointing an entity or event scans every child
    # column that references it; unindexed, undoing a 10,000-event import took 20 s.
    # These also serve entity merges, which re-point events by actor and place.
    for name, table, column in (
        ("events_actor1", "events", "actor1_id"),
        ("events_actor2", "events", "actor2_id"),
        ("events_place", "events", "place_id"),
        ("events_merged_into", "events", "merged_into"),
        ("entities_merged_into", "entities", "merged_into"),
    ):
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table}({column})")


@migrations()
def m006_event_id_sequence(db: Database) -> None:
    # The high-water mark of event ids (see store/ids.py): an id is never given twice.
    db.execute("CREATE TABLE id_sequence (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)")
    db.execute("INSERT INTO id_sequence SELECT 'events', coalesce(max(id), 0) FROM events")


@migrations()
def m007_article_skipped_chars(db: Database) -> None:
    # How many characters extraction did not read for events (boilerplate, headings), shown
    # on the review screen: text left out is never left out silently. NULL: not extracted.
    db.execute("ALTER TABLE articles ADD COLUMN skipped_chars INTEGER")


@migrations()
def m008_event_incomplete(db: Database) -> None:
    # Required fields the extractor could not fill ("actor1, date"): such a proposal is made
    # all the same, with a lower confidence, and the review screen says what to add.
    db.execute("ALTER TABLE events ADD COLUMN incomplete TEXT")


@migrations()
def m009_teams(db: Database) -> None:
    # Team work (issue 16). Roles are a guard against mistakes among colleagues on one
    # machine, not security: anyone who can write the file can change them.
    backend = fragments(db)
    db.execute(
        """
        CREATE TABLE analysts (
            id {PK},
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL DEFAULT 'coder',  -- coder | reviewer | admin
            created_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )
        """.replace("{PK}", backend.PK)  # ids spelled per backend
    )
    db.execute(
        """
        CREATE TABLE assignments (
            id {PK},
            article_id INTEGER NOT NULL REFERENCES articles(id),
            analyst TEXT NOT NULL,
            blind INTEGER NOT NULL DEFAULT 0,      -- 1: double-coded, on the coder's own copy
            status TEXT NOT NULL DEFAULT 'assigned',  -- assigned | done
            assigned_by TEXT NOT NULL,
            assigned_at TEXT NOT NULL,
            done_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE(article_id, analyst)
        )
        """.replace("{PK}", backend.PK)  # ids spelled per backend
    )
    db.execute("CREATE INDEX assignments_analyst ON assignments(analyst, article_id)")
    # A blind coder's copy of an article's events: `coder` names whose copy it is (NULL for
    # the shared events, the only ones exported), `copy_of` the shared event it was copied
    # from (NULL for an event the coder added). No foreign key on `copy_of`: re-extraction
    # may replace an untouched shared proposal, and the copy outlives it. Copies have
    # origin 'copy', so re-extraction never replaces them.
    db.execute("ALTER TABLE events ADD COLUMN coder TEXT")
    db.execute("ALTER TABLE events ADD COLUMN copy_of INTEGER")
    db.execute("CREATE INDEX events_coder ON events(coder, article_id)")
    db.execute("CREATE INDEX events_copy_of ON events(copy_of)")
    # events_flat mirrors the export, which leaves coders' copies out: so does the view
    # m013 makes (this step once edited the hand-written text of m003's view to say so).


@migrations()
def m010_adjudication_and_review(db: Database) -> None:
    # Who built a double-coded article's final event from its coders' copies, and the
    # review tier: a reviewer passes a confirmed event (reviewed) or sends it back to its
    # coder with a comment.
    for column in ("adjudicated_by", "adjudicated_at", "reviewed_by", "reviewed_at",
                   "review_note"):  # fmt: skip
        db.execute(f"ALTER TABLE events ADD COLUMN {column} TEXT")


@migrations()
def m011_presence(db: Database) -> None:
    # Which article each analyst has open, refreshed by a heartbeat; stale after a minute.
    # Not analyst data: never logged, never undone (see store/presence.py).
    db.execute(
        """
        CREATE TABLE presence (
            analyst TEXT PRIMARY KEY,
            article_id INTEGER,
            seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX presence_article ON presence(article_id, seen_at)")


@migrations()
def m012_article_extract_error(db: Database) -> None:
    # Why an article's extraction failed or was stopped (its time limit): such an article
    # stays unextracted, is reported by ingest and the queue, and is not retried by them.
    db.execute("ALTER TABLE articles ADD COLUMN extract_error TEXT")


@migrations()
def m013_events_flat_from_record(db: Database) -> None:
    # events_flat is now generated from the record declaration (store/record.py), column for
    # column what the JSONL export writes; the same rows as before. A migration that adds a
    # record field's column ends with the same call.
    create_flat_view(db)


@migrations()
def m014_record_reviewer(db: Database) -> None:
    # The export record names the reviewer (reviewed_by/at, columns added by m010).
    create_flat_view(db)


@migrations()
def m015_learned_models(db: Database) -> None:
    # The learned layer's model, kept in the database it learned from, so a copy of the file
    # carries it and `workbench model export/import` moves it between projects. One row per
    # kind ("types"); `data` is the model's own npz bytes, `meta` what it was trained on.
    blob = fragments(db).BLOB  # bytes: BLOB on SQLite, BYTEA on a server
    db.execute(
        f"""
        CREATE TABLE learned_models (
            kind TEXT PRIMARY KEY,
            trained_at TEXT NOT NULL,
            examples INTEGER NOT NULL,          -- training-set size
            decisions INTEGER NOT NULL,         -- analyst decisions in the database then
            meta TEXT NOT NULL DEFAULT '{{}}',    -- JSON: embedder, per-type counts, CV figures
            data {blob} NOT NULL
        )
        """
    )
    # Sentence vectors by (features, text hash): retraining embeds only new evidence.
    db.execute(
        f"""
        CREATE TABLE learned_vectors (
            key TEXT PRIMARY KEY,               -- features name + sha1 of the text
            vector {blob} NOT NULL                -- float32
        )
        """
    )


@migrations()
def m016_analyst_is_the_database_role(db: Database) -> None:
    # On a server each analyst connects as their own role, and the log records the role: a
    # name in an environment variable cannot pass for another analyst (see backends/).
    for statement in fragments(db).ANALYST_ROLE_DDL:
        db.execute(statement)


@migrations()
def m017_live_changes(db: Database) -> None:
    # Open screens learn of other analysts' actions as they commit (store/live.py).
    for statement in fragments(db).LIVE_DDL:
        db.execute(statement)


@migrations()
def m018_event_odds(db: Database) -> None:
    # The model's P(real event) per event, written by the learned layer's worker: the queue
    # orders articles by it and filters the proposals the model doubts. Derived data (the
    # model rescores after each retrain), so never logged; gone with its event.
    db.execute(
        f"""
        CREATE TABLE event_odds (
            event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            article_id INTEGER,                 -- the event's (copied: one probe per article)
            p_event {fragments(db).REAL},  -- NULL: no evidence sentence to judge
            model TEXT NOT NULL                 -- which trained model gave it
        )
        """
    )
    # The queue's order and filter look up an article's likeliest and doubted events here
    # (0.3 s less per page at 100k articles than through events; bench/learn-queue).
    db.execute("CREATE INDEX event_odds_article ON event_odds(article_id, p_event)")


@migrations()
def m019_server_view_names_the_reviewer(db: Database) -> None:
    # The server's events_flat lacked reviewed_by/at (m014 added them on SQLite only).
    create_flat_view(db)


@migrations()
def m020_events_flat_derived_on_both_backends(db: Database) -> None:
    # The server's view was written out by hand until now; both backends' views are now
    # generated from the record with the backend's JSON fragments (the same rows).
    create_flat_view(db)


@migrations()
def m021_article_odds(db: Database) -> None:
    # An article's place in the model's order, one indexed row per scored article: read
    # through event_odds per article, ordering 100k articles cost ~1.6 s per n/p key in
    # review (bench/learn-queue). Derived from event_odds (store/models.py keeps it), never
    # logged; its own table so that no logged article row carries it.
    db.execute(
        f"""
        CREATE TABLE article_odds (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            likely {fragments(db).REAL} NOT NULL  -- max P(real event) of its scored events
        )
        """
    )
    # The order's own direction (likeliest first, ties by id), so that a page and a
    # neighbour either way are one index range.
    db.execute("CREATE INDEX article_odds_likely ON article_odds(likely DESC, article_id)")
    db.execute(
        "INSERT INTO article_odds (article_id, likely) SELECT article_id, max(p_event) "
        "FROM event_odds WHERE article_id IS NOT NULL AND p_event IS NOT NULL "
        "GROUP BY article_id"
    )


@migrations()
def m022_article_odds_count_doubts(db: Database) -> None:
    # The "doubted" filter probed every article's events (0.3-1.5 s for its count, ~2.9 s
    # for an article's place in the likely order at 100k articles, bench/learn-queue): each
    # scored article's row now counts its doubted proposals, kept by triggers (store/odds.py),
    # which also recompute a row when an event's odds go with the event (an undone add left
    # its article ordered by the deleted event's odds until the next retrain).
    db.execute("ALTER TABLE article_odds ADD COLUMN doubted INTEGER NOT NULL DEFAULT 0")
    db.execute("DELETE FROM article_odds")
    db.execute(
        "INSERT INTO article_odds (article_id, likely, doubted) "
        + article_odds_rows("o.article_id IN (SELECT id FROM articles)")
    )
    # The filter alone (its count, an article's place by id), and in the likely order.
    db.execute("CREATE INDEX article_odds_doubted ON article_odds(article_id) WHERE doubted > 0")
    db.execute(
        "CREATE INDEX article_odds_doubted_likely ON article_odds(likely DESC, article_id) "
        "WHERE doubted > 0"
    )
    for name, fired_by, when, statements in TRIGGERS:
        for statement in fragments(db).row_trigger(name, fired_by, when, statements):
            db.execute(statement)


@migrations()
def m023_undo_reads_by_index(db: Database) -> None:
    # Undo and redo look up the replays of an action by `ref`: unindexed, every undo read the
    # whole log inside the write lock (200 ms at 200,000 actions on a server, growing).
    db.execute("CREATE INDEX actions_ref ON actions(ref, id)")


@migrations()
def m024_writers_notify_after_commit(db: Database) -> None:
    # A NOTIFY inside a transaction holds one server-wide lock through its commit's flush to
    # disk, so every action waited for every other's: writers now notify after committing
    # (backends/postgres.commit), and the trigger goes.
    for statement in fragments(db).NOTIFY_BY_WRITER_DDL:
        db.execute(statement)


@migrations()
def m025_action_targets_by_action(db: Database) -> None:
    # Undo beside other writers locks the rows of the action it undoes by that action's
    # targets (history._lock_targets), in the round trip that finds it: unindexed, each
    # undo read every target row of the log.
    db.execute("CREATE INDEX action_targets_action ON action_targets(action_id)")


@migrations()
def m026_undo_stack_by_index(db: Database) -> None:
    # The undo stack's top is found by walking the analyst's undoable actions newest first
    # (history._UNDO_TOP): one entry of this index a step, whatever plan the server caches.
    db.execute("CREATE INDEX actions_undoable ON actions(analyst, id) WHERE undoable = 1")
