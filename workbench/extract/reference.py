"""Provides `Reference`: who a pronoun, a quotation or a source stands for (part of `Finder`).

"Hezbollah said it fired", "... the rebels. They shelled", '"Our air defences shot down two
drones," the ministry said': the doer is named elsewhere than before the verb. These readers
find it: the speaker of a quotation, the antecedent of a pronoun, the source reporting its
own act; and the segment and quotation bounds they read within. `anaphora` resolves "the
group" in the annotations; this reads pronouns as candidates are built.
"""

from __future__ import annotations

import bisect
import re

from ..base.actors import ARMED_TYPES
from .annotate import Ann
from .reading import Reading

SELF_PRONOUNS = frozenset(["it", "they", "we"])
# Inside a quotation, the speaker's own side: '"Our air defences shot down two drones," the
# ministry said'.
FIRST_PERSON = frozenset(["we", "our"])
_QUOTE_MARK = re.compile('["“”]')
BE = frozenset(["is", "was", "are", "were", "s", "has", "had", "would", "will"])
PREPS = frozenset(["against", "of", "with", "by", "to", "on", "from", "for", "at", "in"])
_SENTENCE_GAP = re.compile(r"[.!?][\"”’)]*\s")
_BREAK = re.compile(r"[,;:()\"“”]|[.!?]\s|\n")
STOP = re.compile(r"[;:]|[.!?]\s|\n")


class Reference(Reading):
    """Part of `Finder`."""

    def reports(self, a: Ann) -> bool:
        """The actor is a source ("the Syrian Observatory ... reported"), not a participant."""
        return a.j < len(self.keys) and self.keys[a.j] in self.lex.reporting

    def self_report(self, k: int, first_tok: int, verb_at: int | None = None) -> list[Ann]:
        """ "Hezbollah said it fired missiles": the source speaks of its own attack."""
        m = k - 1 if verb_at is None else verb_at
        if m >= first_tok and self.keys[m] == "that":
            m -= 1
        d = self.ann_at(m) if m >= first_tok else None
        if d is not None and d.kind == "date":
            m = d.i - 1  # "the coalition said on Monday it had intercepted"
        if m - 1 < first_tok or self.keys[m] not in self.lex.reporting:
            return []
        # The speaker just before the verb: "Hezbollah said", "Nigeria's air force said".
        for x in range(m - 1, max(first_tok, m - 4) - 1, -1):
            a = self.ann_at(x)
            if a is not None:
                return [a] if a.kind == "actor" and not a.role else []
        return []

    def quoted_speaker(self, k: int) -> list[Ann]:
        """The named speaker of the quotation holding token k, attributed right after it
        ('..., the Russian defence ministry said') or right before it ('the ministry said:
        "We ..."'); none when the quote is unattributed or its speaker unnamed ("he said")."""
        text, starts = self.text, self.starts
        head = self._sentence_start(k)
        if not _quoted(text[max(0, starts[head] - 2) : starts[k]]):  # the opening mark too
            return []
        # The first quotation mark from token k on and the last one before it.
        marks = self._quote_marks()
        i = bisect.bisect_left(marks, starts[k])
        close = marks[i] if i < len(marks) else -1
        after = bisect.bisect_left(starts, close + 1) if close >= 0 else len(starts)
        opened = marks[i - 1] if i else -1
        before = bisect.bisect_left(starts, opened)
        for lo, hi in ((after, min(after + 8, len(starts))), (max(0, before - 8), before)):
            if not any(self.keys[x] in self.lex.reporting for x in range(lo, hi)):
                continue
            for x in range(lo, hi):
                a = self.ann_at(x)
                if a is not None and a.kind == "actor" and not a.role:
                    return [a]
        return []

    def _quote_marks(self) -> list[int]:
        """Offsets of the article's quotation marks, found once: a `find` and an `rfind` of
        each mark per first-person pronoun scanned the whole text when a mark was missing
        (quadratic: "we" in every sentence of an article without curly quotes)."""
        if self.quote_marks is None:
            self.quote_marks = [m.start() for m in _QUOTE_MARK.finditer(self.text)]
        return self.quote_marks

    def antecedent(self, k: int, nearest: bool = False) -> list[Ann]:
        """The armed actor a pronoun at token k stands for: the first one named in its own
        sentence before it ("Turkey downed two jets, and its drones ..."), else the first
        one in the sentence before ("The rebels entered ... On Tuesday they shelled"). Not
        an expletive "it was", not a source, not the object of a preposition."""
        if k + 1 < len(self.keys) and self.keys[k] in SELF_PRONOUNS and self.keys[k + 1] in BE:
            return []
        here = self._sentence_start(k)
        before = self._sentence_start(here - 1) if here > 0 else here
        if _quoted(self.text[self.starts[here] - 1 if here else 0 : self.starts[k]]):
            # "They bombed the hospital," a resident said: whoever "they" are, unless the
            # sentence before, the writer's own, names one side doing such acts ("Turkish
            # jets have pounded the town for weeks. 'Last night they bombed ...'").
            return self._doer_told_before(before, here) if here > 0 else []
        for lo, hi in ((here, k), (before, here)):
            for x in range(hi - 1, lo - 1, -1) if nearest else range(lo, hi):
                a = self.ann_at(x)
                if a is None or a.kind != "actor" or a.i != x or a.role:
                    continue
                if a.atype in ARMED_TYPES and not self.reports(a) and self.keys[x - 1] not in PREPS:
                    return [a]
        return []

    def _doer_told_before(self, lo: int, hi: int) -> list[Ann]:
        """The one armed side of tokens lo..hi (a sentence outside any quotation) that is the
        doer of an act there: an actor followed closely by a trigger."""
        if _quoted(self.text[self.starts[lo] - 1 if lo else 0 : self.starts[lo]]) or any(
            q in self.text[self.starts[lo] : self.starts[hi]].rstrip(' "“') for q in '"“”'
        ):
            return []
        doers = []
        for x in range(lo, hi):
            a = self.ann_at(x)
            if a is None or a.kind != "actor" or a.i != x or a.role or a.atype not in ARMED_TYPES:
                continue
            if self.reports(a):
                return []
            close = range(a.j, min(hi, a.j + 5))
            if any((b := self.ann_at(y)) is not None and b.kind == "trigger" for y in close):
                doers.append(a)
        return doers[:1] if len({d.name for d in doers}) == 1 else []

    def _sentence_start(self, k: int, limit: int = 60) -> int:
        text, starts = self.text, self.starts
        x = k
        while x > 0 and x > k - limit:
            # A gap ends a sentence only with a ".", "!" or "?" between the two tokens' starts:
            # most have none, and skip the gap's regex (which an article of quotations ran
            # 60 times per pronoun).
            raw = text[starts[x - 1] : starts[x]] if x < len(starts) else ""
            if ("." in raw or "!" in raw or "?" in raw) and _SENTENCE_GAP.search(self._gap(x)):
                break
            x -= 1
        return x

    def _segment_start(self, k: int, limit: int = 30) -> int:
        """First token of the comma segment that ends just before token k."""
        x = k - 1
        while x > 0 and x > k - limit and not _BREAK.search(self._gap(x)):
            x -= 1
        return x

    def _quoted_start(self, first_tok: int) -> int | None:
        """The segment start before a quoted or bracketed name that closes at first_tok."""
        gap = self._gap(first_tok)
        if not gap or gap[0] not in '"”)':
            return None
        opener = {'"': '"', "”": "“", ")": "("}[gap[0]]
        x = first_tok - 1
        while x > max(0, first_tok - 8) and opener not in self._gap(x):
            x -= 1
        if x <= 0 or opener not in self._gap(x) or STOP.search(self._gap(x)):
            return None
        return self._segment_start(x)


def _quoted(span: str) -> bool:
    """The span ends inside a quotation: more opening than closing marks."""
    if "“" in span or "”" in span:
        return span.count("“") > span.count("”")
    return span.count('"') % 2 == 1
