"""Provides the proposals stage's score: what a proposal has and lacks, and a calibrated
confidence that it is right.

`features` describes a finished proposal in a few numbers (an explicit date or only the
publication date, a named doer or none, a town or only a province, the trigger's kind and
strength, where in the article it is told ...). `Scorer` turns them into a probability with
a logistic model whose weights live in `data/confidence.toml`, fitted by
`bench/calibrate` on labelled proposals (the hand-coded sets other than the frozen real
articles): a proposal scored 0.8 should be right about eight times in ten. Proposals under
the file's `floor` are not made. A missing field lowers the score; it never drops a
proposal by itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# The features, in the order of the weights file. Each is 0/1 unless said otherwise.
FEATURES = (
    "strength",  # trigger strength / 100
    "generic",  # a generic word ("attack", "strikes") typed by weapon or target
    "noun",  # the trigger is a noun ("clashes", "airstrikes"), not a verb
    "explicit_date",  # a date in the text, not the publication date
    "day",  # ... to the day
    "carried_date",  # the date came from an earlier sentence
    "actor1",  # a named doer
    "unidentified",  # the doer is ACLED's unidentified armed group (a default)
    "actor2",  # a named target or other side
    "town",  # a place below province level
    "broad_place",  # only a province, region or country
    "toll",  # a death toll above zero
    "retold",  # the incident is told in more than one sentence
    "lead",  # told in the article's first fifth
    "late",  # told in its last half
    "quoted",  # inside quotation marks
    "strategic",  # Strategic developments
    "territory",  # a territory change
    "weak",  # a weak word with no date of its own in one sentence
    "plural",  # a plural noun trigger ("attacks", "clashes"): often a topic, not one act
    "infinitive",  # "to" right before the trigger ("to direct attacks", "to end the fighting")
    "pluperfect",  # "had (been) ..." before it in its clause: background
    "question",  # the sentence asks
    "said",  # the sentence is attributed ("..., officials said")
    "own_date",  # the date is in the trigger's own clause
)
_QUOTES = re.compile(r"[\"“”]")
_TO = re.compile(r"\bto\s+(?:\w+\s+)?\Z", re.I)
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:been\s+)?\w+[^.;:,]*\Z", re.I)
_SAID = re.compile(r"\b(?:said|says|reported|according to|told)\b", re.I)


def features(
    ev, inc, main, text: str, explicit: bool, unidentified: bool, weak: bool, verb: bool
) -> dict[str, float]:
    """The feature values of a proposal (`ev`, filled) made from incident `inc` whose
    strongest trigger is `main` (`verb`: a verb, not a noun)."""
    n = max(1, len(text))
    before = text[max(0, ev.start - 400) : ev.start]
    near = text[max(0, main.start - 30) : main.start]
    clause = text[max(ev.start, main.start - 60) : main.start]
    sentence = text[ev.start : ev.end]
    return {
        "strength": main.info.strength / 100,
        "generic": float("generic" in main.info.flags),
        "noun": float(not verb),
        "explicit_date": float(explicit),
        "day": float(explicit and ev.date_precision == "day"),
        "carried_date": float("date-previous-sentence" in inc.rules),
        "actor1": float(bool(ev.actor1) and not unidentified),
        "unidentified": float(unidentified),
        "actor2": float(bool(ev.actor2)),
        "town": float(bool(ev.place) and ev.geo_precision != 3),
        "broad_place": float(bool(ev.place) and ev.geo_precision == 3),
        "toll": float(bool(ev.fatalities)),
        "retold": float(len(inc.cands) > 1),
        "lead": float(ev.start < n / 5),
        "late": float(ev.start > n / 2),
        "quoted": float(len(_QUOTES.findall(before)) % 2 == 1),
        "strategic": float(ev.event_type == "Strategic developments"),
        "territory": float("territory" in main.info.flags),
        "weak": float(weak),
        "plural": float(not verb and main.info.phrase.endswith("s")),
        "infinitive": float(_TO.search(near) is not None),
        "pluperfect": float(_PLUPERFECT.search(clause) is not None),
        "question": float(sentence.rstrip().endswith("?")),
        "said": float(_SAID.search(sentence) is not None),
        "own_date": float("date-clause" in inc.rules or "date-clause" in inc.primary.rules),
    }


@dataclass(frozen=True, slots=True)
class Scorer:
    """A logistic model over `FEATURES`; `floor`: the least confidence proposed."""

    bias: float
    weights: dict[str, float]
    floor: float

    @classmethod
    def from_table(cls, table: dict) -> Scorer:
        weights = {k: float(v) for k, v in table.get("weights", {}).items()}
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"confidence.toml: unknown features {', '.join(sorted(unknown))}")
        return cls(float(table.get("bias", 0.0)), weights, float(table.get("floor", 0.0)))

    def confidence(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * values.get(k, 0.0) for k, w in self.weights.items())
        return round(1 / (1 + math.exp(-z)), 2)
