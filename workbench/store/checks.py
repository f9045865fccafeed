"""Provides the checks an event must pass to be confirmed, read from the project's TOML.

A confirmed event is what leaves the workbench, so confirming is where the data is checked:
`set_status(..., "confirmed")`, adding a confirmed event and editing a confirmed one all
refuse, with the reasons on one line, an event that breaks a rule. The CLI and the TUI go
through the same store functions, so both refuse the same way; `workbench events check`
lists confirmed events that break a rule added after they were confirmed.

Rules live in `workbench.toml` beside the database (ACLED's required fields by default)::

    [confirm]
    required = ["event_date", "event_type", "sub_event_type", "actor1", "location|country"]
    max_days_before_published = 365   # optional: older events are refused (off by default)

`a|b` means either will do. A date after the article's publication is always refused,
beyond what its precision allows (a day-precision date one day late for time zones, a week
seven days, a month the rest of its month): an article cannot report what has not happened,
so such a date is a typo (2019 for 2018, 11 for 01).
"""

from __future__ import annotations

import calendar
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .db import Store, StoreError

CONFIG_NAME = "workbench.toml"
DEFAULT_REQUIRED = ("event_date", "event_type", "sub_event_type", "actor1", "location|country")
FIELDS = (
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "fatalities",
    "notes",
)


class CheckError(ValueError):
    """An event breaks a confirm rule; the message is one line for the analyst."""


@dataclass(frozen=True)
class Rules:
    required: tuple[tuple[str, ...], ...]
    max_days_before: int | None = None
    source: str = "defaults"


def _parse(data: dict[str, Any], source: str) -> Rules:
    section = data.get("confirm", {})
    if not isinstance(section, dict):
        raise StoreError(f"{source}: [confirm] must be a table")
    unknown = sorted(set(section) - {"required", "max_days_before_published"})
    if unknown:
        raise StoreError(f"{source}: unknown setting {unknown[0]!r} in [confirm]")
    required = section.get("required", list(DEFAULT_REQUIRED))
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        raise StoreError(f"{source}: [confirm] required must be a list of field names")
    groups = []
    for entry in required:
        names = tuple(n.strip() for n in entry.split("|") if n.strip())
        bad = [n for n in names if n not in FIELDS]
        if bad or not names:
            raise StoreError(
                f"{source}: {entry!r} is not a field that can be required "
                f"(fields: {', '.join(FIELDS)})"
            )
        groups.append(names)
    days = section.get("max_days_before_published")
    if days is not None and (not isinstance(days, int) or days < 0):
        raise StoreError(f"{source}: max_days_before_published must be a whole number of days")
    return Rules(tuple(groups), days, source)


def config_path(store: Store) -> Path | None:
    folder = store.config_dir
    return None if folder is None else folder / CONFIG_NAME


_cache: dict[str, tuple[float, Rules]] = {}


def load_rules(store: Store) -> Rules:
    """The project's rules (re-read when the file changes), ACLED's defaults without one."""
    path = config_path(store)
    if path is None or not path.exists():
        return _parse({}, "defaults")
    mtime = path.stat().st_mtime
    cached = _cache.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: not valid TOML ({exc})") from exc
    rules = _parse(data, str(path))
    _cache[str(path)] = (mtime, rules)
    return rules


# What the rules read beyond an event's own row, for a stored event: the names of its
# actors and place, the place's attributes, the article's publication date (the event's own
# article, else the first of its sources); with the ids they were read for.
_FACTS = (
    "SELECT e.actor1_id, e.actor2_id, e.place_id, e.article_id, "
    "(SELECT canonical FROM entities WHERE id = e.actor1_id) AS actor1, "
    "(SELECT canonical FROM entities WHERE id = e.actor2_id) AS actor2, "
    "(SELECT canonical FROM entities WHERE id = e.place_id) AS location, "
    "(SELECT attrs FROM entities WHERE id = e.place_id) AS attrs, "
    "(SELECT published FROM articles WHERE id = coalesce(e.article_id, (SELECT article_id "
    "FROM event_sources WHERE event_id = e.id ORDER BY id LIMIT 1))) AS published "
    "FROM events e WHERE e.id = ?"
)
_FACT_IDS = ("actor1_id", "actor2_id", "place_id", "article_id")
_FACT_NAMES = {"actor1_id": "actor1", "actor2_id": "actor2", "place_id": "location"}

Facts = Callable[[], list[dict[str, Any]]]


def facts_later(store: Store, event_id: int, *, if_confirmed: bool = False) -> Facts:
    """What the rules read of the stored event `event_id` beyond its row, sent with the next
    statement: with the event's row lock, an action checks the rules without a round trip
    of its own while the lock is held. `if_confirmed`: only if it is confirmed."""
    sql = _FACTS + (" AND e.status = 'confirmed'" if if_confirmed else "")
    found: Facts = store.sql.rows_later(store.conn, sql, [event_id])
    return found


def _values(
    store: Store, row: dict[str, Any], facts: Facts | None = None
) -> tuple[dict[str, Any], str | None]:
    """The event's public values plus the place's country, and the article's date (from
    `facts`, when they were read for the ids this row holds)."""
    from .entities import entity_names_later
    from .events import named_entities, public_values

    known = next(iter(facts()), None) if facts else None
    if known is not None and all(known[k] == row.get(k) for k in _FACT_IDS):
        names = {known[k]: known[name] or "" for k, name in _FACT_NAMES.items() if known[k]}
        attrs, published = known["attrs"], known["published"]
        values = public_values(store, row, names)  # associated actors: not in the rules
    else:
        # The names, the place's attributes and the article's date in one round trip (on
        # a server each is one, made while the event's row lock is held). The article is
        # the event's own, else the first of its sources.
        names_later = entity_names_later(store, named_entities(row))
        attrs, published = store.conn.execute(
            "SELECT (SELECT attrs FROM entities WHERE id = ?), (SELECT published FROM articles "
            "WHERE id = coalesce(?, (SELECT article_id FROM event_sources WHERE event_id = ? "
            "ORDER BY id LIMIT 1)))",
            [row.get("place_id"), row.get("article_id") or None, row["id"]],
        ).fetchone()
        values = public_values(store, row, names_later())
    values["country"] = (json.loads(attrs) if attrs else {}).get("country") or ""
    return values, published


def _range(day: date, precision: str) -> tuple[date, date]:
    """The earliest and latest real dates an event coded `day` at `precision` can stand for
    (a day is a time zone either way)."""
    if precision == "week":
        return day - timedelta(days=7), day + timedelta(days=7)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day - timedelta(days=1), day + timedelta(days=1)


def problems(
    store: Store, row: dict[str, Any], rules: Rules | None = None, facts: Facts | None = None
) -> list[str]:
    """What stops this events row from being confirmed (empty when nothing does); `facts`:
    from `facts_later`, read with the row."""
    rules = rules or load_rules(store)
    values, published = _values(store, row, facts)
    found = []
    for group in rules.required:
        if not any(values.get(f) not in (None, "", []) for f in group):
            found.append(f"no {' or '.join(group)}")
    when = values.get("event_date")
    if when and published:
        try:
            day, pub = date.fromisoformat(when), date.fromisoformat(str(published)[:10])
        except ValueError:
            return found
        earliest, latest = _range(day, values.get("date_precision") or "day")
        if earliest > pub:
            found.append(f"event_date {when} is after the article was published ({pub})")
        limit = rules.max_days_before
        if limit is not None and (pub - latest).days > limit:
            found.append(f"event_date {when} is more than {limit} days before the article ({pub})")
    return found


def check_confirmable(store: Store, row: dict[str, Any], facts: Facts | None = None) -> None:
    """Raise `CheckError` naming every broken rule of this row (as it would be saved)."""
    found = problems(store, row, facts=facts)
    if found:
        raise CheckError(f"event {row['id']} cannot be confirmed: {'; '.join(found)}")


# The events the rules hold for (every copy: a coder's confirmed copy too).
_CONFIRMED = "FROM events WHERE status = 'confirmed'"


def confirmed_count(store: Store) -> int:
    """How many events `broken` checks."""
    return int(store.scalar(f"SELECT count(*) {_CONFIRMED}") or 0)


def broken(store: Store) -> list[tuple[int, list[str]]]:
    """Every confirmed event that breaks a rule now, with its problems."""
    rules = load_rules(store)
    out = []
    for row in store.query(f"SELECT * {_CONFIRMED} ORDER BY id"):
        found = problems(store, row, rules)
        if found:
            out.append((row["id"], found))
    return out
