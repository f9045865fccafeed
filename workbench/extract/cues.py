"""Provides `Cues`: the test that a trigger is not a reported incident (part of `Finder`).

A trigger is dropped when its clause frames it as hypothetical ("vowed to", "would"), denied
("denied", "no"), habitual or aggregate ("since", "routinely"), background ("had" without a
date in reported speech), mine clearance, or an accusation of a pattern. Word lists live in
data/lexicon.toml [cues]; the constants here are grammar, not vocabulary.
"""

from __future__ import annotations

import functools

from ..base.actors import CIVILIANS, CROWD_TYPES, PERSON
from ..base.codebook import CHANGE, GRENADE, IED, PROTESTS, RIOTS, event_type_of
from ..base.numbers import NUMBER_WORDS
from .annotate import Ann
from .lexicon import CUE_NAMES
from .model import MENTION_KINDS
from .reading import Reading
from .spans import DURATIONS, a_duration, recent_span, span_after
from .trigger_context import headline_end

_NEG_AFTER = 4
SUBORDINATORS = frozenset(
    ["after", "before", "when", "because", "that", "which", "who", "where", "while", "until"]
)
REPORTING = frozenset(("said", "says", "reported", "announced", "stated", "confirmed"))
COVERED = frozenset(MENTION_KINDS)
VERB_FORMS = frozenset(
    ["fought", "struck", "hit", "shot", "down", "overran", "retook", "took", "bombed", "shelled",
     "beat", "beaten", "sent", "sends", "withdrew", "withdrawn", "brought", "came", "went",
     "threw", "burnt", "broke"]
)  # fmt: skip


# Words before a past form that make it no finite verb of its own: "to be arrested", "would
# have stormed", "demanding that they be released".
_NOT_FINITE = frozenset(["to", "be", "been", "being", "is", "are", "was", "were", "would",
                         "will", "could", "should", "might", "may", "must", "have", "has",
                         "had", "that", "who", "which", "not", "never"])  # fmt: skip


def _accusing(window: list[str]) -> bool:
    """An accusation in the window: an accusing word with its "of" after it ("accused the
    government of using"), not "the accused man's home"."""
    return any(w in ACCUSING and "of" in window[x + 1 : x + 8] for x, w in enumerate(window))


# A verdict or trial's charge: the act is retold from court, not news of it ("acquitted of
# killing seven in a bomb attack", "jailed for the bombing"). "cleared ... of" only before a
# charge ("cleared the sociologist of killing", not "cleared the town of militants").
COURT = frozenset(["acquitted", "convicted", "guilty", "sentenced", "jailed", "indicted",
                   "imprisoned", "prosecuted", "trial"])  # fmt: skip
_CHARGES = frozenset(["charges", "charge", "murder", "murders", "involvement", "responsibility"])


# A noun act whose own verb is still to come: "a rally will take place", "a protest is
# planned for Friday", "the offensive is expected to begin" (not "was planned by IS").
_BE = frozenset(["is", "are", "was", "were", "has", "have", "had", "been", "being"])
_TO_COME = frozenset(["will", "would", "shall", "could", "might", "may", "planned", "scheduled",
                      "expected", "slated", "likely", "proposed"])  # fmt: skip
# ... only after "is"/"are" and before "to"/"for": "a march is set for Friday", "due to
# begin" (not "threw stones, set vehicles on fire", "killed due to shelling").
_TO_COME_AFTER_BE = frozenset(["set", "due"])


def to_come(after: list[str]) -> bool:
    """The words right after a noun trigger tell an act still to come."""
    k = 0
    while k < len(after) and after[k] in _BE:
        k += 1
    if k < len(after) and after[k] in _TO_COME_AFTER_BE:
        return k > 0 and after[k + 1 : k + 2] in (["to"], ["for"])
    if k >= len(after) or after[k] not in _TO_COME:
        return False
    # "the attack was planned by the cell", "clashes may have killed five": it happened.
    return after[k + 1 : k + 2] not in (["by"], ["have"])


def in_court(window: list[str]) -> bool:
    """A verdict or trial word with its "of"/"for"/"over" before the trigger, and no "and"
    between them that starts another act."""
    for x, w in enumerate(window):
        if w in COURT or w == "cleared":
            for k in range(x + 1, min(x + 6, len(window))):
                if window[k] in ("of", "for", "over"):
                    nxt = window[k + 1] if k + 1 < len(window) else ""
                    if "and" in window[k + 1 :]:
                        break  # "during the trial of a suspect and stoned it": a new act
                    if w != "cleared" or nxt.endswith("ing") or nxt in _CHARGES:
                        return True
                    break
    return False


def _past_verb_joined(window: list[str], x: int) -> bool:
    """Whether "and" and a past verb follow the cue `window[x]` before the trigger."""
    return any(
        window[k] == "and" and past_verb(window[k + 1]) for k in range(x + 1, len(window) - 1)
    )


def past_verb(word: str) -> bool:
    return (word.endswith("ed") and len(word) > 4) or word in VERB_FORMS


def is_verb(t: Ann) -> bool:
    return _verb_phrase(t.trigger.phrase)


@functools.cache
def _verb_phrase(phrase: str) -> bool:
    """Asked for every trigger (cues, scoring) of a few hundred phrases: remembered."""
    # A phrasal verb is a verb by its first word: "fought off", "beat back".
    words = phrase.lower().split()
    return any(w.endswith("ed") or w in VERB_FORMS for w in (words[0], words[-1]))


DEVICES = frozenset([IED, GRENADE])
CLEARANCE = frozenset(["remove", "removing", "removed", "clear", "clearing", "cleared",
                       "dismantle", "dismantled", "dismantling", "defuse", "defused", "defusing",
                       "demining", "detonated", "disarm", "disarmed", "found", "seized",
                       "discovered", "planting", "plant"])  # fmt: skip
# Told after the device in the passive ("the bomb was removed"): not "was detonated", which
# is as often the attack itself.
CLEARED = CLEARANCE - {"detonated", "planting", "plant"}
# An accusation with a day names one attack (ACLED codes it, noting who is accused); without
# one it is a charge of a pattern ("accused of using chemical weapons").
COORDINATORS = frozenset(["with", "and", "but", "while", "whereas", "as"])
PROGRESSIVE = frozenset(["is", "are", "was", "were", "been", "have", "has", "had", "still", "now"])
LONG_UNITS = frozenset(["days", "weeks", "months", "years", "decades", "decade", "year", "month"])
# "killed in rebel shelling of ...": a preposition before a side and an "-ing" word, and a
# word after it that starts no object, make the "-ing" word a noun whose doer the side is.
NOUN_PREPOSITIONS = frozenset(["in", "by", "from", "during", "amid", "under", "after", "of"])
NOUN_FOLLOWERS = frozenset(["of", "on", "in", "at", "near", "against", "that", "which", "and",
                            "targeting", "hit", "killed", "struck", "left"])  # fmt: skip
# Words before an "-ing" trigger that make it what someone was doing when hurt or held.
CIRCUMSTANCE = frozenset(["while", "whilst", "killed", "died", "wounded", "injured", "captured"])
# Actors who are not armed: people accused of an act by them are no armed group's act.
UNARMED = CROWD_TYPES | {CIVILIANS, PERSON, ""}
# Repetition that makes an act a pattern, unless it befell one person.
REPEATED = frozenset(["repeatedly"])
ACCUSING = frozenset(["accused", "accusing", "accusations", "allegations", "accuse", "accuses"])


class Cues(Reading):
    """Part of `Finder`."""

    def _since_clause(self, t: Ann, lo: int) -> bool:
        """The trigger is in a "since <actor> <act>" clause: "since Turkey launched its
        incursion" (not "killed hundreds since the offensive began")."""
        keys = self.keys
        at = max(k for k in range(lo, t.i) if keys[k] == "since")
        return any(
            self.tokann[k] >= 0 and self.anns[self.tokann[k]].kind == "actor"
            for k in range(at + 1, t.i)
        )

    def _ongoing(self, t: Ann, first_tok: int) -> bool:
        """An undated "-ing" trigger that describes a side rather than reports an act: "the
        coalition fighting Islamic State", "a Saudi-led coalition is fighting the Houthis",
        "militias have been fighting Isis"."""
        keys = self.keys
        if t.j - t.i != 1 or not keys[t.i].endswith("ing") or t.i <= first_tok:
            return False
        if t.trigger.sub_event_type == CHANGE:
            return False  # "troops are massing around Idlib": the movement is the news
        k = t.i - 1
        if (
            keys[k] == "been"
            and keys[k - 1] in ("have", "has", "had")
            and headline_end(self.text) < self.starts[first_tok]
        ):
            # "whose militia have been fighting Isis", "jets have been pounding the area":
            # undated and past a report's first sentence, the perfect progressive tells a
            # stretch of time, not an act (a note's "students have been rioting" is its news).
            return True
        if keys[t.i] == "fighting" and (
            keys[k] in self.lex.single_nouns or keys[k] in self.lex.person_nouns
        ):
            # "a British woman fighting alongside Kurdish forces ... has been killed",
            # "volunteers fighting with the YPG": what the people were doing, not an act
            # (but "a militant shooting on a church" is one).
            return True
        while k > first_tok and keys[k] in PROGRESSIVE:
            k -= 1
        a = self.anns[self.tokann[k]] if self.tokann[k] >= 0 else None
        # ", clearing the militants from ...": after a comma, the doer's next act.
        if a is None or a.kind != "actor" or "," in self.text[a.end : t.start]:
            return False
        return not self._doer_modifier(a, t)

    def _doer_modifier(self, a: Ann, t: Ann) -> bool:
        """ "killed in rebel shelling of the west", "died in regime bombing on the town": the
        side right after a preposition names the doer of a noun, an act told (not "police
        firing tear gas", "the coalition fighting Isis": a side doing something, told by
        the object that follows)."""
        keys = self.keys
        if a.i == 0 or keys[a.i - 1] not in NOUN_PREPOSITIONS:
            return False
        if t.j >= len(keys):
            return True
        return keys[t.j] in NOUN_FOLLOWERS or not self.text[t.end : self.starts[t.j]].isspace()

    def _describes_doer(self, t: Ann) -> bool:
        """ "The coalition fighting Islamic State bombed a bridge": a side participle whose
        side is named right before it describes the doer of the verb after its object."""
        fought = self.side_fought(t.i) if t.j - t.i == 1 else None
        after = self.ann_at(fought.j) if fought is not None and fought.j < len(self.keys) else None
        return after is not None and after.kind == "trigger"

    def motive_from(self, lo: int, hi: int, stop: int) -> int | None:
        """Token of the first motive phrase (`[grammar] motive`: "in response to", "to
        punish") in tokens lo..hi with no date after it before token `stop`: what follows
        it is why an act told before it was done ("jets struck three sites on Saturday in
        response to the use of chemical weapons"), not a second act; an act with a date of
        its own after the motive ("in response to the gas attack on 7 April") is told too."""
        keys, tokann, anns, motives = self.keys, self.tokann, self.anns, self.lex.motives
        at = next(
            (x for x in range(lo, hi) if any(tuple(keys[x : x + n]) in motives for n in (1, 2, 3))),
            None,
        )
        if at is None or any(
            tokann[k] >= 0 and anns[tokann[k]].kind == "date" for k in range(at, stop)
        ):
            return None
        return at

    def _motive(self, t: Ann, first_tok: int, end_tok: int | None) -> bool:
        """The trigger is named after a motive phrase that follows another act of its
        sentence ("struck ... to deter the use of chemical weapons"). Not a crowd's act: "police
        fired tear gas in response to stone-throwing" is told by what the crowd did (ACLED
        types a demonstration by it)."""
        if event_type_of(t.trigger.sub_event_type) in (PROTESTS, RIOTS):
            return False
        tokann, anns = self.tokann, self.anns
        act = next(
            (
                k
                for k in range(first_tok, t.i)
                if tokann[k] >= 0 and anns[tokann[k]].kind == "trigger"
            ),
            None,
        )
        if act is None:
            return False
        stop = end_tok if end_tok is not None else len(self.keys)
        return self.motive_from(max(act + 1, t.i - 8), t.i, stop) is not None

    def _dated_sentence(self, lead: int, end_tok: int | None) -> bool:
        """A date anywhere in the sentence of tokens lead..end_tok."""
        if lead < 0 or end_tok is None:
            return False
        return any(
            self.tokann[k] >= 0 and self.anns[self.tokann[k]].kind == "date"
            for k in range(lead, end_tok)
        )

    def _main_verb_after(self, t: Ann, window: list[str], x: int) -> bool:
        """Whether trigger `t` is a finite past verb ("clashed", "stormed") that a cue
        participle `window[x]` ("demanding", "calling for") two or more words before it only
        describes its subject with: no auxiliary, modal or "to" right before the trigger."""
        keys = self.keys
        return (
            window[x].endswith("ing")
            and len(window) - x > 2
            and t.i > 0
            and keys[t.i - 1] not in _NOT_FINITE
            and past_verb(keys[t.i])
        )

    def _in_aside(self, k: int, end: int) -> bool:
        """Token k sits in brackets closed before `end`: "in Bhopal (Bhopal, MP), ... clashed"
        names a province (Madhya Pradesh), not a member of parliament."""
        at = self.starts[k]
        opened = self.text.rfind("(", 0, at)
        return opened > self.text.rfind(")", 0, at) and 0 <= self.text.find(")", at) < end

    def _accused_armed(self, t: Ann) -> bool:
        """Whether the accusation before the act names an armed group or force as the
        accused, beside the accusing word ("soldiers accused of", "accused the army of"):
        then it tells one act. Not a charge told of someone in an aside ("a man, accused of
        raping a girl, was lynched"), nor of a man a crowd then beat ("villagers thrashed a
        man accused of abducting two children"): what befell the accused is the act."""
        keys = self.keys
        at = next((x for x in range(t.i - 1, max(-1, t.i - 8), -1) if keys[x] in ACCUSING), None)
        if at is None or "," in self._gap(at):
            return False
        before = at - 1
        while before > 0 and keys[before] in self.lex.passive_aux:
            before -= 1  # "Mai Mai Simba are accused of"
        return any(self._armed_at(k) for k in (before, *range(at + 1, t.i)))

    def _charged_before(self, t: Ann) -> bool:
        """Whether another act lies between the accusation and this one ("a youth accused
        of raping a girl was beaten to death by a mob"): the charge was the other's."""
        keys, tokann, anns = self.keys, self.tokann, self.anns
        at = next((x for x in range(t.i - 1, max(-1, t.i - 16), -1) if keys[x] in ACCUSING), None)
        # "siblings accused of being witches were burnt to death": the sentence's own verb.
        return at is not None and any(
            tokann[k] >= 0 and anns[tokann[k]].kind == "trigger" or keys[k] in self.lex.passive_aux
            for k in range(at + 2, t.i)
        )

    def _place_has_seen(self, t: Ann, lo: int) -> bool:
        """ "Latakia province has seen several rounds of heavy fighting", "Homs has been the
        scene of fierce fighting": an undated act named as what a place has seen or was the
        scene of, a summary of its war, with no verb, clause or side between."""
        keys, tokann, anns = self.keys, self.tokann, self.anns
        for x in range(t.i - 1, max(lo, t.i - 7) - 1, -1):
            if past_verb(keys[x]) or keys[x] in SUBORDINATORS:
                return False
            if tokann[x] >= 0 and anns[tokann[x]].kind == "actor":
                return False  # "witnesses had seen soldiers beating ...": the act seen
            if keys[x] == "seen" and x and keys[x - 1] in ("has", "have", "had"):
                return True
            if keys[x : x + 2] == ["scene", "of"] and keys[max(0, x - 2) : x][:1] in (
                ["been"],
                ["was"],
                ["were"],
            ):
                return True  # not "is now the scene of fierce clashes": the news
        return False

    def _one_victim(self, t: Ann) -> bool:
        """Whether the act befell one person named as such, as its object or as the subject
        of its passive ("repeatedly raped a young woman", "a girl was repeatedly abused"):
        acts done again and again to one victim are one incident to ACLED."""
        keys = self.keys
        near = [*keys[max(0, t.i - 8) : t.i], "|", *keys[t.j : t.j + 6]]
        return any(
            w in ("a", "an")
            and any(k in self.lex.victim_nouns for k in near[x + 1 : x + 6] if k != "|")
            for x, w in enumerate(near)
        )

    def _counted_victims(self, t: Ann) -> bool:
        """Whether the act's object right after it is people counted ("raping two girls",
        "abducting a trader", "killing 13 villagers"): one act, not a pattern."""
        keys, j = self.keys, t.j
        head = keys[j] if j < len(keys) else ""
        if not (head in ("a", "an") or head.isdigit() or head in NUMBER_WORDS):
            return False
        return any(k in self.lex.victim_nouns for k in keys[j + 1 : j + 4])

    def _armed_at(self, k: int) -> bool:
        """Whether token k is part of a named actor other than civilians or a crowd."""
        if k < 0 or self.tokann[k] < 0:
            return False
        a = self.anns[self.tokann[k]]
        return a.kind == "actor" and a.atype not in UNARMED

    def blocked(
        self, t: Ann, first_tok: int, has_date: bool, lead: int = -1, end_tok: int | None = None
    ) -> str:
        keys, cues, tokann, anns = self.keys, self.lex.cues, self.tokann, self.anns
        # "Since December, ... displaced by the offensive", "During the war, ...": a
        # sentence-wide tally or the war as a whole.
        # Names and dates in the opening are skipped: "During the Iran-Iraq war, ...".
        opening = (
            [
                keys[k]
                for k in range(lead, min(t.i, lead + 8))
                if tokann[k] < 0 or anns[tokann[k]].kind not in COVERED
            ]
            if 0 <= lead < t.i and keys[lead] in self.lex.cue_firsts["habitual"]
            else []
        )
        if (
            opening
            and any(tuple(opening[:n]) in cues["habitual"] for n in (1, 2, 3))
            and not recent_span(keys, lead)
        ):
            return "cue-habitual"
        # Words inside names and dates ("May 5", "Will Smith") are not cues.
        lo = max(first_tok, t.i - 15)
        for x in range(t.i - 1, lo, -1):
            # "... to highlight events in Afrin, with a similar protest held at ...": a cue
            # does not reach past a comma and a new coordinated clause.
            if keys[x] in COORDINATORS and "," in self._gap(x):
                lo = x
                break
        window = [
            keys[k] for k in range(lo, t.i) if tokann[k] < 0 or anns[tokann[k]].kind not in COVERED
        ]
        near = window[-10:]
        for x in range(len(near) - 1, -1, -1):
            if near[x] in SUBORDINATORS:
                near = near[x + 1 :]
                break
        names: tuple[str, ...] = CUE_NAMES
        if self.lex.cue_heads.isdisjoint(window):
            # No cue's first word in the window (nor in `near`, its end): where the tests
            # below would leave it, at one set test instead of three.
            names, window = (), near
        for name in names:
            phrases, heads = cues[name], self.lex.cue_firsts[name]
            # Habitual cues ("uptick in") modify a noun phrase: they do not reach past
            # "after"/"which"; hypothetical ones ("vowed to") scope over what follows.
            window = near if name == "habitual" else window
            if heads.isdisjoint(window):
                continue  # most windows hold no cue's first word: skip the phrase tests
            for x, w in enumerate(window):
                if w in heads and any(tuple(window[x : x + n]) in phrases for n in (1, 2, 3)):
                    if recent_span(window, x):
                        continue  # "over the past week, officials sent armoured columns"
                    if w in REPEATED and self._one_victim(t):
                        continue  # "repeatedly raped a displaced girl": one incident
                    if w in ACCUSING and (
                        "of" not in window[x + 1 :]  # "accusing them and throwing stones"
                        or self._charged_before(t)
                        or (has_date or self._counted_victims(t))
                        and self._accused_armed(t)
                    ):
                        # "accused the army of dropping a barrel bomb ... on Friday",
                        # "accused soldiers of raping two girls": one act, told as charged
                        continue
                    if name == "hypothetical" and (
                        self._main_verb_after(t, window, x)
                        or _past_verb_joined([*window, self.keys[t.i]], x)
                    ):
                        # "Demonstrators demanding action ... clashed with the police": the
                        # participle's wish ends before the sentence's own verb; "said it
                        # would resist and accused militias of shelling": "and" and a past
                        # verb end what the modal governs.
                        continue
                    if has_date and w == "since" and self._since_clause(t, lo):
                        # "the first to die since Turkey launched its incursion on 20
                        # January": the since-clause's own act, dated, is a point event.
                        continue
                    return f"cue-{name}"
        if not has_date and keys[t.j - 1].endswith("s") and not is_verb(t):
            # "there have been dozens of US airstrikes on Idlib": counted, and no date in the
            # sentence, a tally ("a barrage of dozens of airstrikes" after a dated act is not).
            ahead = keys[max(lo, t.i - 4) : t.i]
            tally = cues["tally"]
            if any(
                tuple(ahead[x : x + n]) in tally for x in range(len(ahead)) for n in (1, 2)
            ) and not self._dated_sentence(lead, end_tok):
                return "cue-habitual"
        such = t.i - 2 if t.i >= 2 and keys[t.i - 1] in ("a", "an") else t.i - 1
        if (
            such >= 0
            and keys[such] == "such"
            and all(self._gap(k).isspace() for k in range(such + 1, t.i + 1))
        ):
            # "the worst such attack in 16 years", "such strikes are rare": a kind of act
            # named by one told before it, or no act at all.
            return "cue-sense"
        other = self.lex.senses.get(tuple(keys[t.i : t.j]))
        if other is not None and t.j < len(keys) and keys[t.j] in other:
            return "cue-sense"  # "a battle tank", "which demonstrated her courage"
        before = self.lex.senses_before.get(tuple(keys[t.i : t.j]))
        if before and any(tuple(keys[max(0, t.i - n) : t.i]) in before for n in (1, 2, 3)):
            return "cue-sense"  # "resigned in protest": a motive, not a protest held
        after_words = self.lex.senses_after.get(tuple(keys[t.i : t.j]))
        if after_words and not after_words.isdisjoint(keys[t.j : t.j + 5]):
            return "cue-sense"  # "clashed with Trump's assessment": words, not arms
        window_words = self.lex.senses_window.get(tuple(keys[t.i : t.j]))
        if window_words and not window_words.isdisjoint(
            keys[k] for k in range(max(0, t.i - 6), t.i) if not self._in_aside(k, t.start)
        ):
            return "cue-sense"  # "sentenced two men to death": a verdict, not a killing
        if (not has_date or self._describes_doer(t)) and self._ongoing(t, first_tok):
            return "cue-ongoing"
        if (
            t.i
            and keys[t.i - 1] in CIRCUMSTANCE
            and keys[t.j - 1].endswith("ing")
            and "," not in self._gap(t.i)  # "left four killed and four injured, raping ..."
        ):
            # "killed by a roadside bomb while fighting Isis", "the first Briton killed
            # fighting alongside Kurdish forces": what the victim was doing.
            return "cue-circumstance"
        if (
            not has_date
            and _accusing(window)
            and not self._charged_before(t)
            and not (self._counted_victims(t) and self._accused_armed(t))
        ):
            return "cue-habitual"  # "have long accused the government of using ...": a pattern
        if in_court(window):
            return "cue-court"
        if self._motive(t, first_tok, end_tok):
            return "cue-motive"
        if not is_verb(t) and to_come(keys[t.j : min(t.j + 4, end_tok or len(keys))]):
            return "cue-hypothetical"  # "a rally is scheduled to take place on Friday"
        # Within the sentence: "... with mortar rounds. No casualties occurred" denies nothing.
        stop = end_tok if end_tok is not None else len(keys)
        after = keys[t.j : min(t.j + _NEG_AFTER, stop)]
        after_long = keys[t.j : min(t.j + 8, stop)]
        if not self.lex.cue_words["negation"].isdisjoint(after):
            return "cue-negation"
        if t.trigger.sub_event_type in DEVICES and not CLEARANCE.isdisjoint(
            keys[max(lo, t.i - 4) : t.i]
        ):
            return "cue-clearance"  # "engineers began to remove mines and explosive devices"
        if (
            t.trigger.sub_event_type in DEVICES
            and after[:1] in (["was"], ["were"])
            and not CLEARED.isdisjoint(keys[t.j + 1 : min(t.j + 4, stop)])
        ):
            return "cue-clearance"  # "a roadside bomb was found and defused": told as cleared
        # "has fought the PKK for four decades", "shelled for weeks": a campaign.
        if "for" in after_long and not DURATIONS.isdisjoint(after_long):
            x = after_long.index("for")
            if a_duration(after_long[x + 1 : x + 5]):
                return "cue-habitual"
        # "the scene of heavy fighting in recent months", "the battles to reclaim cities in
        # the last few years": an undated act told over a span of months or years behind it.
        if not has_date and self._place_has_seen(t, lo):
            return "cue-habitual"
        if not has_date:
            # The act's own phrase only: a comma starts another ("blocked the railway to
            # denounce ..., having led to several dead in the last few months").
            end = t.j
            while (
                end < min(t.j + 14, stop)
                and (end == t.j or self._gap(end).isspace())
                and keys[end] not in SUBORDINATORS
            ):
                # nor a relative clause: "detained 900 foreign fighters who joined Isis
                # during the civil war"
                end += 1
            if span_after(keys[t.j : min(end + 4, stop)], end - t.j):
                return "cue-habitual"
        # "fought a four-decade civil war", "days-long battles", "a months-long siege".
        if (
            "decade" in after_long[:4]
            or "decades" in after_long[:4]
            or (t.i >= 2 and keys[t.i - 1] == "long" and keys[t.i - 2] in LONG_UNITS)
        ):
            return "cue-habitual"
        # "hundreds of strikes ... since the start of the war": a tally, not an incident.
        if t.trigger.phrase.endswith("s") and "since" in keys[t.j : t.j + 12]:
            return "cue-habitual"
        # "The army said its forces had repelled ...": reported speech shifts the tense back;
        # that pluperfect tells the news, not the background.
        reported = not REPORTING.isdisjoint(keys[max(first_tok, t.i - 8) : t.i - 1])
        if t.i and keys[t.i - 1] == "had" and not has_date and is_verb(t) and not reported:
            return "cue-background"
        return ""
