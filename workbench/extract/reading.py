"""Provides `Reading`: one article's words and annotations as the candidate rules read them.

`Finder` (candidates.py) and its parts `Cues` (cues.py), `Doers` (doers.py), `Targets`
(targets.py), `Sides` (sides.py) and `Reference` (reference.py) all read the same state: the token keys, the text, the dictionaries and the annotation under each token.
It is declared once here, with the look-ups the parts share.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .annotate import Ann
    from .candidates import Candidate
    from .lexicon import Lexicon


# A token's word: a full stop inside it belongs to it ("U.S.", "3.5"), and one after a
# single letter ("2 a.m. today") or a title ("Gen. Votel"); one after any other word ends
# the sentence ("weeks. Then"), as the gap `_gap` returns must show.
_WORD = re.compile(
    r"^(?:[^\W\d_]\.(?!\w)|(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Brig|Adm|Gov|Sen|Rep"
    r"|Rev|Prof|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp|Mt|Ft)\.|[\w'’-]+(?:(?:\.[\w'’-]+)+\.?)?)"
)


class Reading:
    lex: Lexicon
    keys: list[str]  # token keys (lower case)
    starts: list[int]  # token start offsets
    text: str
    anns: list[Ann]
    tokann: list[int]  # token -> index of its strongest annotation, -1 for none
    ann_starts: list[int]  # each annotation's start, set by `find_candidates`
    published: date | None  # the article's, to tell old years from this one
    made: list[Candidate]  # the candidates of the sentences before, as they are read
    quote_marks: list[int] | None  # offsets of the quotation marks, once asked for
    intro_date: list[Ann | None]  # a bulletin's introduction date, once asked for (0 or 1)

    def ann_at(self, k: int) -> Ann | None:
        idx = self.tokann[k]
        return self.anns[idx] if idx >= 0 else None

    def _gap(self, k: int) -> str:
        """The punctuation and spaces between token k-1 and token k."""
        if k <= 0 or k >= len(self.starts):
            return ""
        between = self.text[self.starts[k - 1] : self.starts[k]]
        if between[-1] == " " and between[:-1].isalnum():
            return " "  # a plain word and one space, the usual case: no pattern to run
        return _WORD.sub("", between, count=1)

    def skip_when_where(self, k: int, limit: int, words: frozenset[str]) -> int:
        """First token from k (before `limit`) that is not a date, a place or one of `words`:
        "Fighting erupted overnight in Tripoli between ...", "On Monday in Idlib, the ..."."""
        while k < limit:
            a = self.ann_at(k)
            if a is not None and a.kind in ("date", "place"):
                k = a.j
            elif self.keys[k] in words:
                k += 1
            else:
                break
        return k

    def side_fought(self, p: int) -> Ann | None:
        """The side named right after a side participle at token `p` ("fighting", "backing"),
        when another side is named right before it: "the coalition fighting (the) Islamic
        State" gives the Islamic State."""
        keys = self.keys
        if not p or keys[p] not in self.lex.side_participles:
            return None
        before = self.ann_at(p - 1)
        if before is None or before.kind != "actor":
            return None
        k = p + 1 + (keys[p + 1 : p + 2] == ["the"])
        after = self.ann_at(k) if k < len(keys) else None
        return after if after is not None and after.kind == "actor" else None
