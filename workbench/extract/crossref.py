"""Provides `CrossIndex`: the same incident reported by two articles becomes one event.

When a proposal from one article matches an event the extractor proposed from another
(same sub-event type, dates that can be one incident's - `base.calendar.dates_agree`, the
rule duplicate detection and the gold matching use - and the same two actors, or the same
place and a shared actor), the article is added to that event as another source instead of
proposing a duplicate. Only untouched proposals are joined: an event an analyst confirmed,
rejected or edited is never changed by extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..base.calendar import PRECISION_DAYS, dates_agree
from ..store import Store


@dataclass(slots=True)
class Known:
    id: int
    when: date | None
    precision: str
    actors: frozenset[int]
    place: int | None
    articles: set[int] = field(default_factory=set)
    filed: list[tuple[str, int]] = field(default_factory=list)  # the buckets it is in


class CrossIndex:
    """Untouched extractor proposals, indexed by sub-event type and day, for one run.

    Each event is filed under every week its date could fall in (its precision window), so
    a lookup reads a few small buckets instead of every event of the type.

    The events an article proposes are filed only once the next article is looked up or
    added (`_settle`): a lookup skips the events of its own article, and a long article's
    thousands of proposals, all of a few weeks, were each read again by every later lookup
    of the same article (quadratic: ~17,000 events for a 10 MB article, bench/ingest-long).
    Filing them later, in the same order, leaves every bucket as it would have been.
    """

    def __init__(self, store: Store) -> None:
        self.buckets: dict[tuple[str, int], list[Known]] = {}
        self.by_id: dict[int, Known] = {}
        self._pending: list[tuple[str, Known]] = []  # the current article's, not yet filed
        self._pending_article: int | None = None
        rows = store.conn.execute(
            "SELECT e.id, e.sub_event_type, e.event_date, e.date_precision, e.actor1_id, "
            f"e.actor2_id, e.place_id, {store.sql.id_list('s.article_id')} FROM events e "
            "LEFT JOIN event_sources s ON s.event_id = e.id "
            "WHERE e.status = 'proposed' AND e.edited = 0 AND e.origin = 'extractor' "
            "GROUP BY e.id"
        )
        for eid, sub, when, precision, a1, a2, place, arts in rows:
            known = Known(eid, _day(when), precision, _actors(a1, a2), place)
            known.articles = {int(x) for x in (arts or "").split(",") if x}
            self._file(sub, known)

    def _settle(self) -> None:
        """File the events of the article written last."""
        for sub, known in self._pending:
            self._file(sub, known)
        self._pending, self._pending_article = [], None

    def _file(self, sub: str, known: Known) -> None:
        self.by_id[known.id] = known
        if known.when is None or known.precision not in PRECISION_DAYS:
            return  # an unknown date is no incident's
        day, w = known.when.toordinal(), PRECISION_DAYS[known.precision]
        for week in range((day - w) // 7, (day + w) // 7 + 1):
            self.buckets.setdefault((sub, week), []).append(known)
            known.filed.append((sub, week))

    def find(
        self, sub: str, when: str | None, precision: str, a1, a2, place, article: int
    ) -> int | None:
        if article != self._pending_article:
            self._settle()
        day, actors = _day(when), _actors(a1, a2)
        if day is None or not actors or precision not in PRECISION_DAYS:
            return None
        w = PRECISION_DAYS[precision]
        d = day.toordinal()
        seen: set[int] = set()
        buckets = self.buckets
        for week in range((d - w) // 7, (d + w) // 7 + 1):
            for known in buckets.get((sub, week), ()):
                kid = known.id
                if kid in seen or article in known.articles:
                    continue
                seen.add(kid)
                assert known.when is not None  # only dated events are filed
                if not dates_agree(day, precision, known.when, known.precision):
                    continue
                if place is not None and known.place is not None:
                    if place == known.place and actors & known.actors:
                        return kid
                elif len(actors) == 2 and actors == known.actors:
                    return kid
        return None

    def add(self, eid: int, sub: str, when, precision, a1, a2, place, article: int) -> None:
        if article != self._pending_article:
            self._settle()
            self._pending_article = article
        known = Known(eid, _day(when), precision, _actors(a1, a2), place, {article})
        self.by_id[eid] = known
        self._pending.append((sub, known))

    def unlink(self, eid: int, article: int) -> None:
        """The article no longer sources the event (its extraction is being redone)."""
        self._settle()
        if eid in self.by_id:
            self.by_id[eid].articles.discard(article)

    def forget(self, eid: int) -> None:
        self._settle()
        known = self.by_id.pop(eid, None)
        if known is not None:
            for key in known.filed:
                self.buckets[key].remove(known)

    def link(self, eid: int, sub: str, article: int) -> None:
        if eid in self.by_id:
            self.by_id[eid].articles.add(article)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _actors(a1, a2) -> frozenset[int]:
    return frozenset(x for x in (a1, a2) if x is not None)
