"""Provides the CSV writer: ACLED's columns first, then ours, safe to open in a spreadsheet.

Columns follow ACLED's names and order where ACLED has the column (`ACLED_COLUMNS`); values
we do not hold stay empty, never invented (see `workbench.export.acled` for what is derived
and how). Our own columns follow (`OUR_COLUMNS`): status, who confirmed it and when, and
the provenance of every source. Lists are joined with "; ".

Every text cell goes through `cells.text_cell` (formula-injection neutralising and RFC 4180
quoting); numeric columns through `cells.number_cell`, so numbers stay numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..base.actors import inter_code
from ..base.countries import country_info
from . import acled
from .cells import joined, number_cell, span, text_cell
from .records import EntityCache, Row, Source

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
OUR_COLUMNS = (
    "event_id",
    "status",
    "date_precision",
    "fatalities_low",
    "fatalities_high",
    "confidence",
    "confirmed_by",
    "confirmed_at",
    "article_ids",
    "source_files",
    "source_titles",
    "source_urls",
    "source_published",
    "source_quotes",
    "source_spans",
)
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
NUMERIC_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "timestamp",
        "event_id",
        "fatalities_low",
        "fatalities_high",
        "confidence",
    }
)
ARTICLE_CACHE = 20_000  # article cells kept; events come roughly in article order
CACHE_LIMIT = 10_000  # analysts' names kept


class CsvCells:
    """Builds CSV lines; what depends only on an entity is computed once per entity."""

    def __init__(self, entities: EntityCache):
        self.entities = entities
        self._actor: dict[int | None, tuple[str, int | None]] = {}
        self._derived: dict[tuple, tuple[str, str, str, str]] = {}
        self._places: dict[int | None, tuple[str, str]] = {}
        self._types: dict[tuple[str, str], str] = {}
        self._articles: dict[int | tuple[int, ...], tuple[str, str]] = {}
        self._statuses: dict[tuple[str, str], tuple[str, str, str]] = {}
        self._analysts: dict[str | None, str] = {}

    def actor(self, eid: int | None) -> tuple[str, int | None]:
        """(name cell, inter code); the name cell is "" when there is no actor."""
        found = self._actor.get(eid)
        if found is None:
            name = self.entities.name(eid)
            inter = inter_code(self.entities.attrs(eid)) if name else None
            found = self._actor[eid] = (text_cell(name), inter)
        return found

    def actors(self, actor1_id: int | None, actor2_id: int | None, event_type: str) -> tuple:
        """Cells actor1, inter1, actor2, inter2, interaction, civilian_targeting."""
        actor1, inter1 = self.actor(actor1_id)
        actor2, inter2 = self.actor(actor2_id)
        if not actor2:
            inter2 = None
        key = (inter1, inter2, bool(actor2), event_type)
        derived = self._derived.get(key)
        if derived is None:  # a few dozen combinations in all
            derived = self._derived[key] = (
                number_cell(inter1),
                number_cell(inter2),
                number_cell(acled.interaction(inter1, inter2, bool(actor2))),
                acled.civilian_targeting(event_type, inter2),
            )
        return actor1, derived[0], actor2, derived[1], derived[2], derived[3]

    def place(self, eid: int | None) -> tuple[str, str]:
        """(ISO3 prefix for event_id_cnty, the cells iso ... longitude joined by commas)."""
        found = self._places.get(eid)
        if found is None:
            attrs = self.entities.attrs(eid)
            country = attrs.get("country") or ""
            info = country_info(str(country))
            cells = (
                number_cell(info.iso if info else None),
                text_cell(info.region if info else ""),
                text_cell(country),
                text_cell(attrs.get("admin1") or ""),
                text_cell(attrs.get("admin2") or ""),
                text_cell(attrs.get("admin3") or ""),
                text_cell(self.entities.name(eid)),
                number_cell(attrs.get("latitude")),
                number_cell(attrs.get("longitude")),
            )
            found = self._places[eid] = (info.iso3 if info else "", ",".join(cells))
        return found

    def types(self, event_type: str, sub_event_type: str) -> str:
        """The cells disorder_type, event_type, sub_event_type."""
        key = (event_type, sub_event_type)
        found = self._types.get(key)
        if found is None:
            disorder = acled.disorder_type(event_type or "", sub_event_type or "")
            found = self._types[key] = ",".join(
                text_cell(v) for v in (disorder, event_type, sub_event_type)
            )
        return found

    def assoc(self, ids_json: str | None) -> str:
        if not ids_json or ids_json == "[]":
            return ""
        return text_cell(joined(self.entities.name(i) for i in json.loads(ids_json)))

    def article(self, article_id: int, source: Source) -> tuple[str, str]:
        """(outlet cell, cells article_id ... published) of one article, cached."""
        cached = self._articles.get(article_id)
        if cached is None:
            if len(self._articles) >= ARTICLE_CACHE:
                self._articles.clear()  # bounded memory on corpora of any size
            _id, file, title, url, published, _q, _s, _e, outlet, _h = source
            cells = (text_cell(v) for v in (article_id, file, title, url, published))
            cached = self._articles[article_id] = (text_cell(outlet), ",".join(cells))
        return cached

    def sources(self, sources: list[Source]) -> tuple[str, str, str]:
        """Cells (source, article_ids ... source_published, source_quotes + source_spans)."""
        if len(sources) == 1:  # the common case: article cells cached, nothing to join
            source = sources[0]
            outlet, articles = self.article(source[0], source)
            return (
                outlet,
                articles,
                f"{text_cell(source[5])},{text_cell(span(source[6], source[7]))}",
            )
        if not sources:
            return "", ",,,,", ","
        key = tuple(s[0] for s in sources)
        cached = self._articles.get(key)
        if cached is None:  # the same articles often report several events
            columns = list(zip(*sources, strict=True))
            outlets = joined(dict.fromkeys(o for o in columns[8] if o))
            cached = self._articles[key] = (
                text_cell(outlets),
                ",".join(text_cell(joined(c)) for c in columns[:5]),
            )
        quotes = joined(s[5] for s in sources)
        spans = joined(span(s[6], s[7]) for s in sources)
        return cached[0], cached[1], f"{text_cell(quotes)},{text_cell(spans)}"

    def status(self, status: str, precision: str) -> tuple[str, str, str]:
        """Cells (time_precision, status, date_precision), cached: a handful of pairs."""
        key = (status, precision)
        found = self._statuses.get(key)
        if found is None:
            found = self._statuses[key] = (
                number_cell(acled.TIME_PRECISION.get(precision)),
                text_cell(status),
                text_cell(precision),
            )
        return found

    def line(self, row: Row, sources: list[Source]) -> str:
        """One CSV line in `COLUMNS` order (without the line end).

        Written for speed (it runs once per event): everything that depends only on an
        entity, an article or a small set of values comes from a cache. `event_id` and
        `timestamp` are integers by construction (INTEGER PRIMARY KEY; CAST in SQL).
        """
        (event_id, status, event_date, precision, event_type, sub_event_type, actor1_id,
         actor2_id, assoc1, assoc2, place_id, geo_precision, fatalities, low, high, notes,
         confidence, confirmed_by, confirmed_at, timestamp) = row  # fmt: skip
        actor1, inter1, actor2, inter2, interaction, civilians = self.actors(
            actor1_id, actor2_id, event_type
        )
        iso3, place_cells = self.place(place_id)
        time_precision, status_cell, precision_cell = self.status(status, precision)
        date = event_date or ""
        outlet, articles, quotes = self.sources(sources)
        analyst = self._analysts.get(confirmed_by)
        if analyst is None:
            analyst = text_cell(confirmed_by)
            if len(self._analysts) < CACHE_LIMIT:
                self._analysts[confirmed_by] = analyst
        return ",".join(
            (
                f"{iso3}{event_id}" if iso3 else "",
                text_cell(date),
                date[:4] if date[:4].isdigit() else "",
                time_precision,
                self.types(event_type, sub_event_type),
                actor1,
                "" if assoc1 == "[]" else self.assoc(assoc1),
                inter1,
                actor2,
                "" if assoc2 == "[]" else self.assoc(assoc2),
                inter2,
                interaction,
                civilians,
                place_cells,
                number_cell(geo_precision),
                outlet,
                "",  # source_scale: not recorded
                text_cell(notes),
                number_cell(fatalities),
                "",  # tags: not recorded
                "" if timestamp is None else str(timestamp),
                str(event_id),
                status_cell,
                precision_cell,
                "" if low is None else number_cell(low),
                "" if high is None else number_cell(high),
                number_cell(confidence),
                analyst,
                text_cell(confirmed_at),
                articles,
                quotes,
            )
        )


def write_csv(rows: Iterable[tuple[Row, list[Source]]], entities: EntityCache, out: TextIO) -> int:
    """Write the header and one line per event (RFC 4180: CRLF line ends)."""
    write = out.write
    write(",".join(COLUMNS) + "\r\n")
    cells = CsvCells(entities)
    count = 0
    for row, sources in rows:
        write(cells.line(row, sources))
        write("\r\n")
        count += 1
    return count
