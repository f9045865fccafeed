"""Provides the CSV writer: ACLED's columns first, then ours, safe to open in a spreadsheet.

Columns follow ACLED's names and order where ACLED has the column (`ACLED_COLUMNS`): a
record field with that `acled` name (`store.record`), or a value derived from the event
(`DERIVED`; see `workbench.export.acled` for what is derived and how); values we do not
hold stay empty, never invented. Our own columns follow (`OUR_COLUMNS`): every record field
ACLED has no column for, in record order, then the provenance of every source. Lists are
joined with "; ".

Every text cell goes through `cells.text_cell` (formula-injection neutralising and RFC 4180
quoting); numeric columns through `cells.number_cell`, so numbers stay numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..base.actors import inter_code
from ..base.countries import Country, country_info
from ..store.record import FIELDS, PLACE_COLUMN, PLACE_KINDS, SOURCE_FIELDS, Field
from . import acled
from .cells import LIST_SEPARATOR, joined, number_cell, span, text_cell
from .jsonl import Memo, compile_methods
from .records import EVENT_COLUMNS, EntityCache, Row, Source
from .writer import write_lines

# ACLED's own columns in ACLED's order: the format's fact, not our record's (15 of them
# hold record fields, matched by `Field.acled`; the others are derived below or empty).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# ACLED columns that no record field holds: how each cell is made, as a Python expression
# over the events row's columns (`{column}`), the line's `PRELUDE` variables and the helpers
# of `CsvCells`. Those marked `place` depend on the place alone (`attrs`: its attributes,
# `info`: its country's row) and are computed once per place.
DERIVED: dict[str, tuple[str, bool]] = {
    "event_id_cnty": ('f"{{iso3}}{{{id}}}" if iso3 else ""', False),  # iso3: see PRELUDE
    "year": ("years[{event_date}]", False),
    "time_precision": ("time_precisions[{date_precision}]", False),
    "disorder_type": ("disorders[{event_type}, {sub_event_type}]", False),
    "inter1": ("inter[0]", False),  # inter: see PRELUDE
    "inter2": ("inter[1]", False),
    "interaction": ("inter[2]", False),
    "civilian_targeting": ("inter[3]", False),
    "iso": ("number_cell(info.iso if info else None)", True),
    "region": ('text_cell(info.region if info else "")', True),
    "admin2": ('text_cell(attrs.get("admin2") or "")', True),
    "admin3": ('text_cell(attrs.get("admin3") or "")', True),
    "source": ("src[0]", False),
    "source_scale": ('""', False),  # not recorded
    "tags": ('""', False),  # not recorded
    "timestamp": ('"" if {timestamp} is None else str({timestamp})', False),
}
# Computed once per line before the cells: the sources' cells, and ACLED's actor-type
# columns (which need both actors and the event type). `actor_<column>` is the (name cell,
# inter code) of the actor in that column (see `_CELL`).
PRELUDE = (
    "src = self.sources(sources)",
    "iso3 = self.iso3s[{place_id}]",
    "inter = self.inters[actor_actor1_id[1], actor_actor2_id[1], bool(actor_actor2_id[0]), "
    "{event_type}]",
)
# The provenance of every source, after the record's own columns: `src[1]` is the article
# columns (from these source members), `src[2]` the quotes and their spans (CsvCells.sources).
SOURCE_COLUMNS = (
    ("article_ids", "source_files", "source_titles", "source_urls", "source_published"),
    ("source_quotes", "source_spans"),
)
_MEMBER = {name: i for i, name in enumerate(SOURCE_FIELDS)}
_ARTICLE_CELLS = tuple(_MEMBER[m] for m in ("article_id", "file", "title", "url", "published"))
_ARTICLE_ID, _OUTLET = _MEMBER["article_id"], _MEMBER["outlet"]
_QUOTE, _START, _END = _MEMBER["quote"], _MEMBER["start"], _MEMBER["end"]
OUR_COLUMNS = (
    *(f.name for f in FIELDS if f.acled is None),
    *SOURCE_COLUMNS[0],
    *SOURCE_COLUMNS[1],
)
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
NUMERIC_COLUMNS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "timestamp"}
    | {f.acled or f.name for f in FIELDS if f.numeric}
)
# A cell of a record field, by kind (`{x}` is its events column). Cells of values from small
# sets come from `Memo` caches (a dict lookup in the line itself, not a call): dates, counts
# and scores repeat across events. Each numeric kind has its own cache because a dict takes
# 1 and 1.0 for the same key while `number_cell` writes "1" and "1.0": within one column
# they never meet, as the column's type makes every whole number an int (INTEGER columns) or
# every number a float (REAL columns). The event id (INTEGER PRIMARY KEY) is always an int,
# formatted as `number_cell` would (`int.__repr__`) without the call.
_CELL = {
    "id": "f'{{{{{x}}}}}'",
    "choice": "small[{x}]",
    "date": "dates[{x}]",
    "int": "ints[{x}]",
    "score": "scores[{x}]",
    "text": "text_cell({x})",
    "analyst": "small[{x}]",
    "time": "text_cell({x})",
    "actor": "actor_{source}[0]",
    "actors": '"" if {x} == "[]" else assocs[{x}]',  # lists repeat: parsed once each
    "place": "text_cell(self.entities.name(place_id))",
    "place_text": 'text_cell(attrs.get("{attr}") or "")',
    "place_number": 'number_cell(attrs.get("{attr}"))',
}
ARTICLE_CACHE = 20_000  # article cells kept; events come roughly in article order


def year(event_date: str | None) -> str:
    date = event_date or ""
    return date[:4] if date[:4].isdigit() else ""


def _line_source() -> tuple[str, int]:
    """Python source of `CsvCells.line` (one cell expression per column, COLUMNS order) and
    of a cached method for each run of columns that depend on the place alone; and the
    number of those runs."""
    by_acled = {f.acled: f for f in FIELDS if f.acled}
    names = {c: f"c{i}" for i, c in enumerate(EVENT_COLUMNS)}

    def cell(f: Field) -> tuple[str, bool]:
        expr = _CELL[f.kind].format(x="{" + f.source + "}", attr=f.attr, source=f.source)
        return expr, f.kind in PLACE_KINDS

    cells = [cell(by_acled[c]) if c in by_acled else DERIVED[c] for c in ACLED_COLUMNS]
    cells += [cell(f) for f in FIELDS if f.acled is None]
    cells += [("src[1]", False), ("src[2]", False)]
    parts: list[str] = []
    methods: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            n = len(methods)
            methods.append(
                f"def _place{n}(self, place_id):\n"
                f"    attrs = self.entities.attrs(place_id)\n"
                f"    info = self.country(attrs)\n"
                f"    return ','.join(({', '.join(run)},))\n"
            )
            parts.append(f"places[{n}][{names[PLACE_COLUMN]}]")
            run.clear()

    for expr, place in cells:
        if place:
            run.append(expr)
        else:
            close_run()
            parts.append(expr.format(**names))
    close_run()
    actors = dict.fromkeys(f.source for f in FIELDS if f.kind == "actor")
    prelude = [
        "small = self.small",
        "dates = self.dates",
        "years = self.years",
        "ints = self.ints",
        "scores = self.scores",
        "time_precisions = self.time_precisions",
        "disorders = self.disorders",
        "actors = self.actors",
        "assocs = self.assocs",
        "places = self.places",
        *(f"actor_{c} = actors[{names[c]}]" for c in actors),
        *(p.format(**names) for p in PRELUDE),
    ]
    line = (
        "def line(self, row, sources):\n"
        f"    ({', '.join(names.values())},) = row\n"
        + "".join(f"    {p}\n" for p in prelude)
        + f"    return ','.join(({', '.join(parts)},))\n"
    )
    return "\n".join([line, *methods]), len(methods)


class CsvCells:
    """Builds CSV lines; what depends only on an entity, an article or a small set of values
    is computed once.

    `line` is generated from the record declaration and `DERIVED` when this module loads
    (`LINE_SOURCE`), one expression per column: as fast as a hand-written line, and a
    record field added to `store.record` gets its column here with nothing else to change.
    """

    def __init__(self, entities: EntityCache):
        self.entities = entities
        self.small = Memo(text_cell)  # statuses, types, analysts
        self.dates = Memo(text_cell)
        self.years = Memo(year)
        self.ints: Memo[str] = Memo(number_cell)  # INTEGER columns (see _CELL)
        self.scores: Memo[str] = Memo(number_cell)  # REAL columns
        self.time_precisions = Memo(lambda p: number_cell(acled.TIME_PRECISION.get(p)))
        self.disorders = Memo(lambda t: text_cell(acled.disorder_type(t[0] or "", t[1] or "")))
        self.actors: Memo[tuple[str, int | None]] = Memo(self._actor)
        self.assocs: Memo[str] = Memo(self.assoc)
        self.inters: Memo[tuple[str, str, str, str]] = Memo(self._inter)
        # One cache per run of place columns (generated `_place<n>`), and ISO3 codes.
        self.places = [Memo(getattr(self, f"_place{n}")) for n in range(PLACE_RUNS)]
        self.iso3s: Memo[str] = Memo(self._iso3)
        self._articles: dict[int | tuple[int, ...], tuple[str, str]] = {}

    def _actor(self, eid: int | None) -> tuple[str, int | None]:
        """(name cell, ACLED inter code) of an actor; ("", None) when there is none."""
        name = self.entities.name(eid)
        return text_cell(name), inter_code(self.entities.attrs(eid)) if name else None

    @staticmethod
    def _inter(key: tuple[int | None, int | None, bool, str]) -> tuple[str, str, str, str]:
        """Cells inter1, inter2, interaction, civilian_targeting (a few dozen in all: keyed
        by inter codes, not by actor ids, whose pairs are as many as the events)."""
        inter1, inter2, has_actor2, event_type = key
        return (
            number_cell(inter1),
            number_cell(inter2),
            number_cell(acled.interaction(inter1, inter2, has_actor2)),
            acled.civilian_targeting(event_type, inter2),
        )

    def country(self, attrs: dict[str, Any]) -> Country | None:
        return country_info(str(attrs.get("country") or ""))

    def _iso3(self, place_id: int | None) -> str:
        info = self.country(self.entities.attrs(place_id))
        return info.iso3 if info else ""

    def assoc(self, ids_json: str | None) -> str:
        if not ids_json or ids_json == "[]":
            return ""
        return text_cell(joined(self.entities.name(i) for i in json.loads(ids_json)))

    def article(self, source: Source) -> tuple[str, str]:
        """(outlet cell, cells article_ids ... source_published) of one article, cached."""
        article_id = source[_ARTICLE_ID]
        cached = self._articles.get(article_id)
        if cached is None:
            if len(self._articles) >= ARTICLE_CACHE:
                self._articles.clear()  # bounded memory on corpora of any size
            cells = (text_cell(source[i]) for i in _ARTICLE_CELLS)
            cached = self._articles[article_id] = (
                text_cell(source[_OUTLET]),
                ",".join(cells),
            )
        return cached

    def sources(self, sources: list[Source]) -> tuple[str, str, str]:
        """Cells (source, article_ids ... source_published, source_quotes + source_spans)."""
        if len(sources) == 1:  # the common case: article cells cached, nothing to join
            source = sources[0]
            outlet, articles = self._articles.get(source[_ARTICLE_ID]) or self.article(source)
            start, end = source[_START], source[_END]
            if type(start) is int and start >= 0 and (end is None or type(end) is int):
                # Digits and hyphens, not at the start: the span is its own text_cell.
                spans = f"{start}-{'' if end is None else end}"  # span()
            else:
                spans = text_cell(span(start, end))
            return outlet, articles, f"{text_cell(source[_QUOTE])},{spans}"
        if not sources:
            return "", "," * (len(_ARTICLE_CELLS) - 1), ","
        key = tuple([s[_ARTICLE_ID] for s in sources])
        cached = self._articles.get(key)
        if cached is None:  # the same articles often report several events
            columns = list(zip(*sources, strict=True))
            outlets = joined(dict.fromkeys(o for o in columns[_OUTLET] if o))
            cached = self._articles[key] = (
                text_cell(outlets),
                ",".join(text_cell(joined(columns[i])) for i in _ARTICLE_CELLS),
            )
        quotes = joined([s[_QUOTE] for s in sources])
        spans = LIST_SEPARATOR.join([span(s[_START], s[_END]) for s in sources])
        return cached[0], cached[1], f"{text_cell(quotes)},{text_cell(spans)}"

    def line(self, row: Row, sources: list[Source]) -> str:
        """One CSV line in COLUMNS order, without the line end (generated below)."""
        raise NotImplementedError


_LINE, PLACE_RUNS = _line_source()
LINE_SOURCE = _LINE
_GLOBALS = {"number_cell": number_cell, "text_cell": text_cell, "year": year}
for _name, _fn in compile_methods(LINE_SOURCE, _GLOBALS).items():
    setattr(CsvCells, _name, _fn)


def write_csv(rows: Iterable[tuple[Row, list[Source]]], entities: EntityCache, out: TextIO) -> int:
    """Write the header and one line per event (RFC 4180: CRLF line ends)."""
    out.write(",".join(COLUMNS) + "\r\n")
    line = CsvCells(entities).line
    return write_lines((line(row, sources) for row, sources in rows), out, "\r\n")
