"""Provides the JSONL writer: one export record per line.

`JsonLines` writes the exact bytes of `json_text(to_record(...))` (`json.dumps` with
`ensure_ascii=False`, and what a terminal would obey escaped: the files are safe to `cat`,
the data the same) straight from the row tuples, without building the record dict: the same
text at about twice the speed (a 500k-event export is dominated by per-event Python work).
What depends only on an entity or an article (names, the place's fields, the article's
fields) is encoded once and reused. The encoding methods are generated from the record declaration
(`store.record`, see `LINE_SOURCE`) when the module loads, so they name no field here.
`tests/test_export_jsonl.py` checks the equality on awkward values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from itertools import groupby
from json.encoder import encode_basestring  # the C implementation when available
from typing import Any, TextIO, TypeVar

from ..base.untrusted import escape_json
from ..store.record import FIELDS, PER_SOURCE, PLACE_COLUMN, PLACE_KINDS, SOURCE_FIELDS, Field
from .records import EVENT_COLUMNS, EntityCache, Row, Source
from .writer import write_lines

_INF = float("inf")
EMPTY = '""'  # an empty JSON string
ARTICLE_CACHE = 20_000  # article fragments kept; events come roughly in article order


def value(x: Any) -> str:
    """`escape_json(json.dumps(x, ensure_ascii=False))`, with the common scalar types first.

    Escaping each value, not each line, gives the same text (only strings can hold what it
    escapes) and scans only the per-event text: the cached names and article members are
    escaped once. ASCII text can hold only DEL of what it escapes, found without a regex."""
    if x is None:
        return "null"
    kind = type(x)
    if kind is str:
        text = encode_basestring(x)
        return text if text.isascii() and "\x7f" not in text else escape_json(text)
    if kind is int:
        return int.__repr__(x)
    if kind is float:
        if x != x:
            return "NaN"
        if x == _INF:
            return "Infinity"
        if x == -_INF:
            return "-Infinity"
        return float.__repr__(x)
    return escape_json(json.dumps(x, ensure_ascii=False))


# How a field's value is encoded, by kind (`x` is its events column's value). Values that
# repeat across events (from small sets, dates, counts, scores) come from `Memo` caches, a
# dict lookup instead of a call; one cache per kind, as `value` writes 1 and 1.0
# differently and a dict takes them for one key (within one column they never meet: its
# type makes every whole number an int, or every number a float; TEXT columns hold str or
# None). The event id (INTEGER PRIMARY KEY) is always an int, formatted as `value` would.
_ENCODE = {
    "id": "{x}",
    "choice": "small[{x}]",
    "date": "dates[{x}]",
    "int": "ints[{x}]",
    "score": "scores[{x}]",
    "text": "value({x})",
    "analyst": "small[{x}]",
    "time": "value({x})",
    "actor": "names.get({x}, EMPTY)",
    "actors": '"[]" if {x} == "[]" else self.names_list({x})',  # "[]": most events
    "place": "names.get({x}, EMPTY)",
    "place_text": 'value(attrs.get("{attr}") or "")',
    "place_number": 'value(attrs.get("{attr}"))',
}


CACHE_LIMIT = 100_000  # values kept per `Memo`
V = TypeVar("V")


class Memo(dict[Any, V]):
    """A cache that computes a missing value on first use: `memo[key]` is one dict lookup in
    the common case. Bounded: past CACHE_LIMIT entries new keys are computed, not kept."""

    def __init__(self, make: Callable[[Any], V]):
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> V:
        cell = self.make(key)
        if len(self) < CACHE_LIMIT:
            self[key] = cell
        return cell


def _member(name: str, expr: str) -> str:
    return f'"{name}": {{{expr}}}'


def _line_source() -> tuple[str, int]:
    """Python source of `JsonLines.line` and of one cached method per run of place fields
    (the record's members in FIELDS order, as one f-string), and the number of runs."""
    column = {c: i for i, c in enumerate(EVENT_COLUMNS)}
    parts: list[str] = []
    methods: list[str] = []
    run: list[Field] = []

    def close_run() -> None:
        if not run:
            return
        n = len(methods)
        inner = ", ".join(
            _member(f.name, _ENCODE[f.kind].format(x="place_id", attr=f.attr)) for f in run
        )
        methods.append(
            f"def _place{n}(self, place_id):\n"
            f"    found = self._places[{n}].get(place_id)\n"
            f"    if found is None:\n"
            f"        names = self.names\n"
            f"        attrs = self.entities.attrs(place_id)\n"
            f"        found = self._places[{n}][place_id] = f'{inner}'\n"
            f"    return found\n"
        )
        place = f"c{column[PLACE_COLUMN]}"
        parts.append(f"{{places[{n}].get({place}) or self._place{n}({place})}}")
        run.clear()

    for f in FIELDS:
        if f.kind in PLACE_KINDS:
            run.append(f)
            continue
        close_run()
        parts.append(_member(f.name, _ENCODE[f.kind].format(x=f"c{column[f.source]}")))
    close_run()
    parts.append('"sources": [{", ".join([self.source(s) for s in sources])}]')
    unpack = ", ".join(f"c{i}" for i in range(len(EVENT_COLUMNS)))
    body = "{{" + ", ".join(parts) + "}}"
    line = (
        "def line(self, row, sources):\n"
        f"    ({unpack},) = row\n"
        "    names = self.names\n"
        "    small, dates, ints, scores = self.small, self.dates, self.ints, self.scores\n"
        "    places = self._places\n"
        f"    return f'{body}'\n"
    )
    return "\n".join([line, *methods]), len(methods)


def _source_source() -> str:
    """Python source of `JsonLines.source`: SOURCE_FIELDS in order; each run of members
    that depend only on the article is encoded once per article and reused."""
    unpack = ", ".join(f"m{i}" for i in range(len(SOURCE_FIELDS)))
    runs = groupby(enumerate(SOURCE_FIELDS), key=lambda item: item[1] not in PER_SOURCE)
    cached: list[str] = []  # f-strings of the article's runs
    out: list[str] = []  # the source's members: its own, and the article's runs
    for of_article, members in runs:
        text = ", ".join(_member(name, f"value(m{i})") for i, name in members)
        if of_article:
            out.append(f"{{parts[{len(cached)}]}}")
            cached.append(f"f'{text}'")
        else:
            out.append(text)
    return (
        "def source(self, s):\n"
        f"    ({unpack},) = s\n"
        "    parts = self._articles.get(m0)\n"
        "    if parts is None:\n"
        "        if len(self._articles) >= ARTICLE_CACHE:\n"
        "            self._articles.clear()  # bounded memory on corpora of any size\n"
        f"        parts = self._articles[m0] = ({', '.join(cached)},)\n"
        "    return f'{{" + ", ".join(out) + "}}'\n"
    )


def compile_methods(source: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """The functions `source` defines, compiled with `namespace` as their globals."""
    known = set(namespace)
    exec(compile(source, "<generated from workbench.store.record>", "exec"), namespace)
    return {k: v for k, v in namespace.items() if k not in known and k != "__builtins__"}


class JsonLines:
    """Encodes export records from row tuples, caching per entity and per article.

    `line` and `source` are generated from the record declaration (`store.record`) when this
    module loads: one f-string per record, as fast as writing it by hand, and a field added
    there appears here with nothing else to change.
    """

    def __init__(self, entities: EntityCache):
        self.entities = entities
        self.names: dict[int | None, str] = {
            eid: value(name) for eid, name in entities.names.items()
        }
        self._places: list[dict[int | None, str]] = [{} for _ in range(PLACE_RUNS)]
        self._articles: dict[int, tuple[str, ...]] = {}
        self.small: Memo[str] = Memo(value)  # statuses, types, analysts
        self.dates: Memo[str] = Memo(value)
        self.ints: Memo[str] = Memo(value)  # INTEGER columns (see _ENCODE)
        self.scores: Memo[str] = Memo(value)  # REAL columns

    def names_list(self, ids_json: str | None) -> str:
        if not ids_json or ids_json == "[]":
            return "[]"
        names = self.names
        return "[" + ", ".join(names.get(i, '""') for i in json.loads(ids_json)) + "]"

    def line(self, row: Row, sources: list[Source]) -> str:
        """The JSON text of one record (generated below from LINE_SOURCE)."""
        raise NotImplementedError

    def source(self, s: Source) -> str:
        """The JSON text of one source (generated below from LINE_SOURCE)."""
        raise NotImplementedError


_LINE, PLACE_RUNS = _line_source()
LINE_SOURCE = _LINE + "\n" + _source_source()
_GLOBALS = {"value": value, "EMPTY": EMPTY, "ARTICLE_CACHE": ARTICLE_CACHE}
for _name, _fn in compile_methods(LINE_SOURCE, _GLOBALS).items():
    setattr(JsonLines, _name, _fn)


def write_jsonl_rows(
    rows: Iterable[tuple[Row, list[Source]]], entities: EntityCache, out: TextIO
) -> int:
    line = JsonLines(entities).line
    return write_lines((line(row, sources) for row, sources in rows), out)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ready-made records (any dicts), one JSON object per line."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    count = 0
    for record in records:
        out.write(escape_json(encode(record)))
        out.write("\n")
        count += 1
    return count
