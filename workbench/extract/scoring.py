"""Provides the proposals stage's score: what a proposal has and lacks, whether it is
proposed at all, and a calibrated confidence that it is right.

`features` describes a finished proposal in a few numbers (an explicit date or only the
publication date, a named doer or none, a town or only a province, the trigger's kind and
strength, where in the article it is told ...). `Scorer` turns them into two logistic
scores whose weights live in `data/confidence.toml`:

- the gate (`[gate]`): a candidate scored under its `floor` is no proposal of its own (it
  can only join the same event from another article). It decides what is proposed, so it
  sets precision and recall; it is refitted only on purpose (`bench/calibrate --gate`).
- the confidence (`bias`, `[weights]`): the probability that a proposal the gate lets
  through is right, fitted by `bench/calibrate` on the gated proposals of the labelled sets
  (never the frozen real articles) and scaled to what held-out sets showed: a proposal
  scored 0.8 should be right about eight times in ten on text nobody tuned rules on.
  Refitting it changes no proposal, only its score.

A file with no `[gate]` gates with the confidence itself (`floor` then beside `bias`). A
missing field lowers the score; it never drops a proposal by itself.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass

from ..base.codebook import STRATEGIC
from .dates import DATE_CLAUSE, DATE_PRESENT, DATE_PREVIOUS_SENTENCE, DATE_SENTENCE

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
    "own_date",  # the date is in the trigger's own sentence
)
_TO = re.compile(r"\bto\s+(?:\w+\s+)?\Z", re.I)
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:been\s+)?\w+[^.;:,]*\Z", re.I)
# The lookahead (the words' first letters) fails most positions at one character test.
# The rule that fills a demonstration's intervening force in by ACLED's convention (the
# police), not from the text: it is no named other side for the scores.
POLICE_BY_DEFAULT = "actor2-police-intervened"
_SAID = re.compile(r"\b(?=[srat])(?:said|says|reported|according to|told)\b", re.I)


def features(
    ev, inc, main, text: str, explicit: bool, unidentified: bool, weak: bool, verb: bool
) -> tuple[float, ...]:
    """The feature values of a proposal (`ev`, filled) made from incident `inc` whose
    strongest trigger is `main` (`verb`: a verb, not a noun), in the order of `FEATURES`
    (`named` turns them into a dict)."""
    n = max(1, len(text))
    start, flags, place = ev.start, main.trigger.flags, bool(ev.place)
    sentence = text[start : ev.end]
    # A named village coded at its province's point (no gazetteer has it) is as precise a
    # report as any town: only a province, country or region named as such is broad.
    broad = ev.geo_precision == 3 and "place-at-province-point" not in ev.rules
    return (
        main.trigger.strength / 100,
        "generic" in flags,
        not verb,
        explicit,
        explicit and ev.date_precision == "day",
        DATE_PREVIOUS_SENTENCE in inc.rules,
        bool(ev.actor1) and not unidentified,
        unidentified,
        bool(ev.actor2) and POLICE_BY_DEFAULT not in ev.rules,
        place and not broad,
        place and broad,
        bool(ev.fatalities),
        len(inc.cands) > 1,
        start < n / 5,
        start > n / 2,
        text.count('"', max(0, start - 400), start) % 2 == 1
        or text.count("“", max(0, start - 400), start)
        > text.count("”", max(0, start - 400), start),
        ev.event_type == STRATEGIC,
        "territory" in flags,
        weak,
        not verb and main.trigger.phrase.endswith("s"),
        _TO.search(text, max(0, main.start - 30), main.start) is not None,
        _PLUPERFECT.search(text, max(start, main.start - 60), main.start) is not None,
        sentence.rstrip().endswith("?"),
        _SAID.search(sentence) is not None,
        any(
            r in inc.rules or r in inc.primary.rules
            for r in (DATE_CLAUSE, DATE_SENTENCE, DATE_PRESENT)
        ),
    )


def named(values: tuple[float, ...]) -> dict[str, float]:
    """Feature values by name (to explain a score, or to fit the model)."""
    return {name: float(v) for name, v in zip(FEATURES, values, strict=True)}


def _logistic(z: float) -> float:
    return round(1 / (1 + math.exp(-z)), 2)


def _model(table: dict) -> tuple[float, tuple[float, ...]]:
    """(bias, weights in the order of FEATURES) of a table with `bias` and `weights`."""
    weights = {k: float(v) for k, v in table.get("weights", {}).items()}
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise ValueError(f"confidence.toml: unknown features {', '.join(sorted(unknown))}")
    return float(table.get("bias", 0.0)), tuple(weights.get(f, 0.0) for f in FEATURES)


@dataclass(frozen=True, slots=True)
class Scorer:
    """Two logistic models over `FEATURES`: the confidence, and the gate whose score under
    `floor` makes a candidate no proposal of its own."""

    bias: float
    vector: tuple[float, ...]  # the confidence's weights in the order of FEATURES
    floor: float
    gate_bias: float
    gate_vector: tuple[float, ...]

    @classmethod
    def from_table(cls, table: dict) -> Scorer:
        bias, vector = _model(table)
        gate = table.get("gate")
        gate_bias, gate_vector = _model(gate) if gate is not None else (bias, vector)
        floor = (gate if gate is not None else table).get("floor", 0.0)
        return cls(bias, vector, float(floor), gate_bias, gate_vector)

    def confidence(self, values: tuple[float, ...]) -> float:
        return _logistic(self.bias + sum(map(operator.mul, self.vector, values)))

    def proposed(self, values: tuple[float, ...]) -> bool:
        """Whether a candidate with these feature values is a proposal of its own."""
        z = self.gate_bias + sum(map(operator.mul, self.gate_vector, values))
        return _logistic(z) >= self.floor
