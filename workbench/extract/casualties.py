"""Provides casualty figures found in text: "killed 21 and injured 125", "at least 55 people
were killed", "eleven children", "killed the pilot" (1), "dozens of civilians" (12).

Each hit says killed or injured, the count, the hedge ("at least", "more than", "up to"),
the vague word and the convention used to turn it into a number (from lexicon.toml), and
whether it only counts part of another figure ("including eleven children").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base.calendar import MONTH_NAMES
from ..base.numbers import TENS, UNITS, words_to_int
from .lexicon import Lexicon
from .tallies import mark_context

# Number words by value, for the patterns (the order is the alternatives' order).
_ONES = "|".join(w for w, n in UNITS.items() if n < 10)  # one .. nine
_TEENS = "|".join(w for w, n in UNITS.items() if n > 10)  # eleven .. nineteen
_SMALL = "|".join(w for w, n in UNITS.items() if n <= 10)  # one .. ten
# "two dozen", "a couple of dozen", "half a dozen": first, so "two" alone does not match.
_DOZEN = (
    rf"(?:{'|'.join(w for w, n in UNITS.items() if 2 <= n <= 10)}|a\s+couple\s+of|a\s+few"
    r"|half\s+a)\s+dozen(?!s)"
)
_WORDNUM = (
    _DOZEN + rf"|(?:(?:{'|'.join(TENS)})(?:[\s-](?:{_ONES}))?|{_TEENS}|{_SMALL})"
    r"(?:\s+(?:hundred|thousand))?|a\s+(?:hundred|thousand)"
)
# An aside between a count and its verb: "73 civilians, mostly women and children, were
# killed" (the commas often lost in a scrape).
_ASIDE = r"including|among\s+them|mostly|mainly|most\s+of\s+them|many\s+of\s+them"
_HEDGE = (
    r"at\s+least|more\s+than|over|about|around|nearly|almost|roughly|approximately|some|up\s+to"
    r"|as\s+many\s+as|an\s+estimated|at\s+most|fewer\s+than|less\s+than|a\s+total\s+of"
    r"|no\s+fewer\s+than|no\s+less\s+than|upwards\s+of|close\s+to|just\s+over|just\s+under"
    r"|another|a\s+further"
)
_KILL = (
    r"shot\s+dead|killed|killing|kills|kill|dead|died|dies|die|slain|massacred|executed|perished|lost\s+their\s+lives"
    r"|martyred|fatalities|fatality"  # "3 fatalities.": ACLED's own notes
    r"|lynched|(?:beaten|hacked|burnt|burned|stabbed|bludgeoned)\s+to\s+death"
)
_INJ = r"injured|injuring|wounded|wounding|hurt|injures|wounds"
ANCHORS = frozenset(
    [
        "killed",
        "killing",
        "kills",
        "kill",
        "dead",
        "died",
        "die",
        "slain",
        "massacred",
        "executed",
        "perished",
        "lives",
        "harmed",
        "injured",
        "injuring",
        "wounded",
        "wounding",
        "hurt",
        "injures",
        "wounds",
        "injuries",
        "toll",
        "casualties",
        "death",
        "deaths",
        "fatalities",
        "assassinated",
        "murdered",
        "beheaded",
        "buried",
        "martyred",
        "martyrs",
        "lost",
        "losing",
        "lynched",
        "fatally",  # "was fatally shot"
        "dies",
        "succumbed",
        "gunned",  # "gunned down four traders"
    ]
)
NOT_PEOPLE = frozenset({"dead", "bodies", "casualties", "lives"})  # states, not groups
NUMBER_START = frozenset(
    [
        *UNITS,
        *TENS,
        "a",
        "an",
        "at",
        "more",
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "roughly",
        "approximately",
        "some",
        "up",
        "as",
        "fewer",
        "less",
        "no",
        "upwards",
        "close",
        "just",
        "few",
        "several",
        "many",
        "numerous",
        "half",
        "between",
        "another",
        "tens",
        "dozens",
        "scores",
        "hundreds",
        "thousands",
    ]
)
_SUBSET = re.compile(
    r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+those|among)\s*$", re.I
)
_AMONG_THE_DEAD = re.compile(
    r"\bamong\s+(?:the\s+)?(?:dead|victims|those\s+killed|people\s+killed|fatalities)"
    r"\s+(?:were|was|are|is)\s+(?:(?:at\s+least|also)\s+)?$",
    re.I,
)
_AMONG_WHOLE = re.compile(r"\b(?:was|were|is|are|been|be)\s+(?:\w+ly\s+)?among\s*$", re.I)


@dataclass(slots=True)
class CasualtyHit:
    start: int
    end: int
    text: str
    count: int
    kind: str  # killed | injured
    hedge: str = ""
    vague: str = ""  # the vague word, when a convention gave the number
    subset: bool = False
    rule: str = ""
    victims: str = ""  # the person noun ("civilians", "children"), lower case
    high: int = 0  # "between 10 and 15": count 10 (ACLED codes the lowest), high 15
    aggregate: bool = False  # a period or war-wide tally ("since 2011", "so far"): no incident's
    also: bool = False  # "were also killed", "another 5": added to the incident's other figure
    total: bool = False  # "22 combatants on both sides": the whole toll, other figures its parts


class CasualtyFinder:
    def __init__(self, lex: Lexicon) -> None:
        self.quantities = dict(lex.quantities)
        # Whom a side "lost" in a fight are its dead: "lost 13 of its fighters".
        self.lost_people = frozenset(
            noun for noun, side in lex.toll_side.items() if side in ("state", "armed")
        ) | {"men", "members"}
        vague = "|".join(
            re.escape(q).replace(r"\ ", r"\s+")
            for q in sorted(self.quantities, key=len, reverse=True)
        )
        persons = "|".join(
            re.escape(p).replace(r"\ ", r"[\s-]+")
            # "2 Syrians killed": plural demonyms are people too
            for p in sorted(lex.person_nouns | lex.nationals, key=len, reverse=True)
        )
        singles = "|".join(sorted(lex.single_nouns, key=len, reverse=True))
        one = rf"\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDNUM}"
        # "between 10 and 15", "10 to 15", "two or three", "10-15": a range, low and high.
        span = (
            rf"(?:between\s+(?P<lo>{one})\s+and\s+|(?P<lo2>{one})\s+(?:to|or)\s+"
            rf"|(?P<lo3>\d+)\s*[-–]\s*(?=\d))"
        )
        # The figure may be quoted: '"dozens" of militants had been killed'.
        num = rf"(?:(?P<hedge>{_HEDGE})\s+)?(?:{span})?(?P<num>{one}|{vague})[\"”’']?"
        # Not a side's hold on a place: "kills 16 in rebel-held Aleppo" counts no rebels.
        person = (
            rf"(?:\s+of)?(?:\s+(?!{_PLACING}\b)[A-Za-z'’-]+){{0,2}}?\s+(?P<person>{persons})\b(?!-)"
        )
        self.after = re.compile(  # "55 people were killed", "100 dead", "6 civilians was killed"
            rf"\b{num}(?:{person}|\s+{_PLURAL}|{_TITLED})?(?:\s*,\s*(?:{_ASIDE})\s[^,.;]{{1,40}},|\s+(?:{_ASIDE})\s[^,.;]{{1,40}}?)?"
            rf"(?:\s+(?:from|of|in|on|at|inside|near)\s+[\w'’-]+(?:\s+[\w'’-]+)?)?(?:\s*,)?\s+(?:who\s+)?(?:(?:were|was|have\s+been|has\s+been|had\s+been|have|has|had"
            rf"|are|is|being|been)\s+)?(?:(?:reportedly|reported|confirmed|later|also|all|either|allegedly|summarily)\s+)?"
            # "two people are reported to have been killed", "... are feared to have died"
            rf"(?:(?:reported|said|believed|feared|thought|known|estimated)\s+to\s+(?:have\s+(?:been\s+)?)?)?"
            # "41 rebels were rounded up and executed", "17 protesters were shot and killed"
            rf"(?:(?:rounded\s+up|captured|abducted|kidnapped|seized|tortured|shot)\s+and\s+)?"
            rf"(?:(?:seriously|critically|badly|severely|gravely|slightly|lightly|fatally)\s+)?"
            rf"(?:(?P<k1>{_KILL})|(?P<i1>{_INJ}))\b",
            re.I,
        )
        self.before = re.compile(  # "killed 21", "killing at least 12 civilians"
            rf"\b(?:(?P<k2>killed|killing|kills|kill|left|leaving|lost|losing|buried|executed|executing|beheaded"
            rf"|murdered|murdering|lynched|lynching|assassinated|assassinating|gunned\s+down"
            rf"|massacred|shot\s+dead|claimed\s+(?:the\s+)?lives\s+of"
            rf"|claiming\s+(?:the\s+)?lives\s+of|deaths?\s+of|killing\s+of)|(?P<i2>{_INJ}))\s+{num}(?:{person})?"
            # (not "wounded" with a figure of its own: "killed 6 wounded 14 others")
            rf"(?:\s+(?P<state>dead|killed|injured|wounded)\b(?!{_OWN_FIGURE}))?\b",
            re.I,
        )
        # "15 government soldiers and 11 rebels were killed": counts joined before the verb.
        people = "|".join(
            re.escape(p).replace(r"\ ", r"[\s-]+")
            for p in sorted((lex.person_nouns | lex.nationals) - NOT_PEOPLE, key=len, reverse=True)
        )
        # Searched unanchored over a window: the lookahead (the first letters of every hedge
        # and number word) lets most positions fail at one character test.
        self.joined = re.compile(
            rf"(?=\d|[acefjlmnorstu])(?:(?:{_HEDGE})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDNUM})(?:\s+[A-Za-z'’-]+){{0,2}}?"
            rf"\s+(?P<person>{people})\s*(?:,\s*(?:and\s+)?|\s+and\s+)$",
            re.I,
        )
        # "killing three fighters and two civilians": a second count joined to the first.
        # "... and two of his bodyguards", "... two soldiers and a civilian" (one).
        self.more = re.compile(
            rf"(?:\s*,\s*|\s+)(?:and|as\s+well\s+as|(?:along|together)\s+with)\s+(?:(?:her|his|their)\s+)?"
            rf"(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDNUM})(?:\s+of\s+(?:his|her|their|its|the))?"
            rf"(?:\s+[A-Za-z'’-]+){{0,2}}?\s+(?P<person>{people})"
            rf"|(?P<single>an?)\s+(?:[A-Za-z'’-]+\s+){{0,2}}?(?:{singles}))\b",
            re.I,
        )
        self.single = re.compile(
            rf"\b(?:killed|killing|kills|shot\s+dead|murdered|murdering|assassinated|assassinating"
            rf"|executed|executing|beheaded|beheading|lynched|lynching|gunned\s+down)\s+"
            # "killed an 80-year old farmer", "shot dead an 18-year-old boy"
            rf"(?:a|an|the|one)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<one>{singles})\b",
            re.I,
        )
        # "He died immediately", "she later died of her wounds": one victim.
        self.died = re.compile(
            r"\b(?:he|she)\s+(?:later\s+|also\s+|subsequently\s+|soon\s+)?(?:died|succumbed)\b",
            re.I,
        )
        # "The 33-year-old, who ..., died alongside ...": one victim named by age, its verb
        # ending the match (tried from "the" up to 20 words before it).
        self.aged = re.compile(
            r"\bthe\s+\d{1,3}-year-old\b[^.;]{0,160}?\b(?:died|succumbed|was\s+killed)\b",
            re.I,
        )
        # "..., killing him", "shooting her dead": one victim named just before.
        self.pronoun = re.compile(
            r"\b(?:(?:killed|killing|kills|executed|executing)\s+(?:him|her)"
            r"|(?:shot|shooting)\s+(?:him|her)\s+dead)\b",
            re.I,
        )
        # "A child was killed", "a man was shot dead", "a British soldier who was killed
        # by a roadside bomb ... has been named": one victim before the verb.
        self.single_before = re.compile(
            rf"\b(?:a|an|one)\s+(?:\w+\s+)?(?P<one>{singles})\s+(?:(?:who\s+)?(?:was|has\s+been|had\s+been)\s+"
            rf"(?:(?P<k1>killed|shot\s+dead|slain)|(?P<i1>{_INJ}))"
            # "A woman died", "one protester later succumbed to his wounds"
            rf"|(?:later\s+|also\s+)?(?P<k3>died|dies|succumbed))\b",
            re.I,
        )
        # "journalist Armando Ruiz, who ..., was shot dead": one person, named far before.
        self.passive_one = re.compile(
            r"\bwas\s+(?:reportedly\s+|allegedly\s+)?(?:shot\s+dead|killed|assassinated|murdered"
            r"|fatally\s+(?:shot|stabbed|wounded|injured|hit)|(?:shot|stabbed)\s+and\s+killed"
            r"|executed|beheaded|slain|(?:stabbed|beaten|hacked|burnt|burned)\s+to\s+death"
            r"|lynched|gunned\s+down)\b",
            re.I,
        )
        # "killing a family of five": the family's size is the toll.
        self.family = re.compile(
            rf"\b(?:killed|killing|kills|wiped\s+out)\s+(?:a|an|an\s+entire|the)\s+family\s+of\s+"
            rf"(?P<num>\d+|{_WORDNUM})\b",
            re.I,
        )
        # "12 of the dead were soldiers": a part of a toll given before.
        self.partitive = re.compile(
            r"\s+(?:"
            + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lex.toll_partitive)
            + r")\b",
            re.I,
        )
        # "Claim 20 Martyrs", "leaving 5 martyrs", "6 Lebanese martyrs and 22 injured were
        # claimed" (state media):
        # the dead of the act that claimed them (not "the martyrs" remembered).
        self.martyrs = re.compile(
            rf"\b(?P<claim>(?:claim(?:s|ed|ing)?|leaving|left)\s+)?{num}(?:\s+[A-Za-z'’-]+){{0,2}}?\s+martyrs\b"
            rf"(?:(?=[^.;]{{0,40}}\bwere\s+claimed\b)(?P<were>))?",
            re.I,
        )
        # "The death toll from the shelling ... in the past 24 hours has reached 20": a
        # toll that rose reaches its figure across a longer clause.
        self.toll_rose = re.compile(
            rf"\b(?:death\s+)?toll\s+[^.;:]{{0,160}}?\b(?:has\s+|had\s+)?(?:reached|risen\s+to"
            rf"|rose\s+to|climbed\s+to|jumped\s+to|increased\s+to|mounted\s+to)\s+{num}",
            re.I,
        )
        self.toll = re.compile(
            rf"\b(?:death\s+)?toll\s+(?:[\w-]+\s+){{0,6}}?(?:to|at|of|reached|hit|was|is)\s+{num}",
            re.I,
        )
        # "No one was hurt", "causing no casualties", "without causing casualties", "there
        # were no reports of injuries": the report says nobody died (ACLED codes 0).
        harm = r"(?:killed|hurt|injured|wounded|harmed)"
        loss = r"(?:casualties|deaths|fatalities|injuries|victims|loss\s+of\s+life)"
        self.zero = re.compile(
            rf"\b(?:(?:no\s+one|nobody)\s+(?:was|were|has\s+been|had\s+been|is)\s+"
            rf"(?:(?:reported|believed|thought|said)\s+(?:to\s+have\s+been\s+)?)?(?:seriously\s+)?{harm}"
            rf"|no\s+(?:(?:immediate|other|further|reported|human|civilian)\s+)*"
            rf"(?:(?:reports?|word)\s+of\s+(?:any\s+)?)?{loss}"
            rf"|no\s+one\b(?=\s+(?:among|in|on|inside)\b[^.]{{0,40}}\b(?:was|were)\s+{harm})"
            rf"|without\s+(?:(?:causing|inflicting|leaving|any|reported)\s+)*{loss})\b",
            re.I,
        )

    def find(self, text: str, toks=None) -> list[CasualtyHit]:
        """Figures around each kill/injure word; every pattern is tried only where it can
        start (anchored matches near the word), never scanned across the whole text."""
        if toks is None:
            from .tokens import Tokens

            toks = Tokens.of(text)
        keys, starts, ends = toks.keys, toks.starts, toks.ends
        found: list[tuple[int, int, re.Match, str]] = []  # (priority, -length, match, rule)
        for k in toks.anchored(ANCHORS):
            for j in range(max(0, k - 6), k + 1):
                if keys[j] in ("no", "nobody", "without"):
                    self._try(found, 0, self.zero, text, starts[j], "casualty-none")
            if keys[k] == "toll":
                first = k - 1 if k and keys[k - 1] == "death" else k
                if not self._try(found, 1, self.toll, text, starts[first], "casualty-death-toll"):
                    self._try(found, 4, self.toll_rose, text, starts[first], "casualty-death-toll")
            if keys[k] == "martyrs":
                for j in range(max(0, k - 5), k):
                    start = (
                        keys[j].startswith("claim")
                        or keys[j][0].isdigit()
                        or keys[j] in ("leaving", "left")
                    )
                    if (start or keys[j] in NUMBER_START) and self._try(
                        found, 2, self.martyrs, text, starts[j], "casualty-martyrs"
                    ):
                        break
            for j in range(max(0, k - 3), k + 1):
                if j == k or keys[j] in ("left", "leaving", "claimed", "claiming", "shot"):
                    self._try(found, 2, self.before, text, starts[j], "casualty-verb-number")
            for j in range(max(0, k - 12), k):
                key = keys[j]
                if _looks_like_year(key) and self._dateline(text, starts[j], starts[j + 1]):
                    continue  # "Updated 4 May 2020 Dozens of villagers ...": the count follows
                if (
                    key.isdigit()
                    and _looks_like_year(keys[j + 1])
                    and text[ends[j] : starts[j + 1]] in _DATE_SEPARATORS
                ):
                    continue  # "15-02-2016 Eight Civilians Killed": a day or month, no range
                if key[0].isdigit() or key in NUMBER_START:
                    m = self.after.match(text, starts[j], ends[k])
                    if m is not None and m.end() == ends[k]:  # the figure of *this* word
                        found.append((3, m.start() - m.end(), m, "casualty-number-verb"))
                        break  # the earliest start gives the whole figure
            first = k - 1 if k and keys[k - 1] == "shot" else k  # "shot dead a journalist"
            self._try(found, 4, self.single, text, starts[first], "casualty-singular")
            self._try(found, 2, self.family, text, starts[k], "casualty-family")
            first = k - 2 if k > 1 and keys[k] == "dead" else k  # "shooting him dead"
            self._try(found, 4, self.pronoun, text, starts[first], "casualty-pronoun")
            for j in range(max(0, k - 2), k):
                if keys[j] in ("he", "she"):
                    self._try(found, 4, self.died, text, starts[j], "casualty-pronoun")
            for j in range(max(0, k - 20), k):
                if keys[j] == "the" and keys[j + 1 : j + 2] and keys[j + 1][0].isdigit():
                    m = self.aged.match(text, starts[j], ends[k])
                    if m is not None and m.end() == ends[k]:
                        found.append((4, m.start() - m.end(), m, "casualty-pronoun"))
                        break
            for j in range(max(0, k - 3), k):
                if keys[j] == "was" and not (j and keys[j - 1] in ("who", "which", "that")):
                    self._try(found, 5, self.passive_one, text, starts[j], "casualty-passive-one")
            for j in range(max(0, k - 6), k):
                if keys[j] in ("a", "an", "one") and self._try(
                    found, 4, self.single_before, text, starts[j], "casualty-singular-before"
                ):
                    break
        hits: list[CasualtyHit] = []
        # Characters of figures already taken, as a mask: a scan of every taken span per
        # match made a long article quadratic.
        taken = bytearray(len(text) + 1)
        for _, _, m, rule in sorted(found, key=lambda f: (f[0], f[1], f[2].start())):
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            hit = self._hit(m, rule, text)
            if hit is not None:
                hits.append(hit)
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        hits.sort(key=lambda h: h.start)
        for h in hits:
            mark_context(h, text)
        return hits

    @staticmethod
    def _dateline(text: str, year: int, following: int) -> bool:
        """A year ending a dateline run into the sentence: after a month, or before a
        capitalised word or a number word ("4 May 2020 Dozens", "2019 Nine farmers")."""
        word = text[following : following + 12].split(" ", 1)[0].lower()
        return (
            _MONTH_BEFORE.search(text, max(0, year - 12), year) is not None
            or text[following : following + 1].isupper()
            or word in UNITS
            or word in TENS
        )

    @staticmethod
    def _try(found, priority, rx, text, pos, rule, endpos=None) -> bool:
        m = rx.match(text, pos) if endpos is None else rx.match(text, pos, endpos)
        if m is not None:
            found.append((priority, m.start() - m.end(), m, rule))
        return m is not None

    def _hit(self, m: re.Match, rule: str, text: str) -> CasualtyHit | None:
        groups = m.groupdict()
        if rule == "casualty-singular":
            # "killing a woman and her two children": the joined count belongs to the toll.
            joined, end = 1, m.end()
            extra, end = self._more(text, end)
            joined += extra
            return CasualtyHit(
                m.start(), end, text[m.start() : end], joined, "killed", rule=rule,
                victims=m["one"].lower(),
            )  # fmt: skip
        if rule == "casualty-passive-one":
            # "He was killed along with two other people": the others join the one (not "was
            # killed and two civilians were wounded", another clause).
            extra, end = 0, m.end()
            if _ALONG.match(text, m.end()):
                extra, end = self._more(text, m.end())
            return CasualtyHit(
                m.start(), end, text[m.start() : end], 1 + extra, "killed", rule=rule
            )
        if rule == "casualty-pronoun":
            return CasualtyHit(m.start(), m.end(), m.group(0), 1, "killed", rule=rule)
        if rule == "casualty-none":
            return CasualtyHit(m.start(), m.end(), m.group(0), 0, "killed", rule=rule)
        if rule == "casualty-singular-before":
            kind = "killed" if m["k1"] or m["k3"] else "injured"
            return CasualtyHit(
                m.start(), m.end(), m.group(0), 1, kind, rule=rule, victims=m["one"].lower()
            )
        if rule == "casualty-family":
            family = self.number(m["num"])[0]
            if family is None:
                return None
            return CasualtyHit(m.start(), m.end(), m.group(0), family, "killed", rule=rule,
                               victims="family")  # fmt: skip
        raw = groups["num"]
        count, vague = self.number(raw)
        if count is None:
            return None
        high = 0
        low_raw = groups.get("lo") or groups.get("lo2") or groups.get("lo3")
        if low_raw and not vague and (low := self.number(low_raw)[0]) is not None and low < count:
            count, high = low, count  # ACLED codes the lowest figure of a range
        person = (groups.get("person") or "").lower()
        if rule == "casualty-number-verb" and not person and _looks_like_year(raw):
            return None  # "in 2014 killed" is a year, not a toll
        if (
            rule == "casualty-number-verb"
            and not person
            and _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            return None  # "on June 10, killing an officer": a day of the month
        if (
            rule == "casualty-number-verb"
            and _ACTIVE_OBJECT.match(text, m.end())
            and not _AUX.search(m.group(0))
        ):
            return None  # "a dozen people killed a man": the killers, not the dead
        if (
            rule == "casualty-verb-number"
            and groups.get("k2")
            and _PASSIVE_BEFORE.search(text, max(0, m.start() - 16), m.start())
        ):
            # "17 people were killed two of them medics": a passive verb has no object; the
            # count after it is a part of the one before (commas lost in a scrape).
            return None
        if rule == "casualty-verb-number" and "\n" in text[m.start() : m.start("num")]:
            return None  # "7 Injured\n\n16.04.2017": a line's last word, the next line's date
        if (
            rule == "casualty-verb-number"
            and groups.get("k2", "")
            and groups["k2"].lower() not in ("left", "leaving")
            and _HURT_COUNT.match(text, m.end("num"))
        ):
            # "57 Civilians killed 150 Injured in ...": the figure after the verb counts the
            # injured (a headline's commas lost); the one before it is the toll.
            return None
        if (
            rule == "casualty-verb-number"
            and groups.get("k2", "")
            and groups["k2"].lower() in ("lost", "losing")
            and not (groups.get("person") and groups["person"].lower() in self.lost_people)
        ):
            return None  # "lost 13 of its fighters" counts its dead; "lost 20 villages" no one
        if (
            rule == "casualty-verb-number"
            and groups.get("k2", "")
            and groups["k2"].lower() in ("left", "leaving")
        ):
            if not groups.get("state"):
                return None  # "left 5 ..." counts only with "dead"/"wounded"
            kind = "killed" if groups["state"].lower() in ("dead", "killed") else "injured"
        elif rule == "casualty-martyrs":
            if groups.get("claim") is None and groups.get("were") is None:
                return None
            kind = "killed"
        elif rule == "casualty-death-toll":
            kind = "killed"
        else:
            kind = "killed" if (groups.get("k1") or groups.get("k2")) else "injured"
        hedge = " ".join((groups.get("hedge") or "").lower().split())
        start, end = m.start(), m.end()
        if rule == "casualty-number-verb":
            whole = _OF_WHOLE.match(text, m.end("num"))
            if whole is not None and (n := self.number(whole["whole"])[0]) and n > count:
                count = n  # "one of two people killed", "10 of 48 people executed": the 2, 48
            start, count = self._joined(text, start, count)
        elif rule == "casualty-verb-number" and person:
            extra, end = self._more(text, end)
            count += extra
        before = text[max(0, start - 22) : start]
        # "Four Americans were among at least 16 people killed": the figure is the whole.
        subset = (bool(_SUBSET.search(before[-14:])) and not _AMONG_WHOLE.search(before)) or (
            not vague and self.partitive.match(text, m.end("num")) is not None
        )
        # "Among the dead were seven people killed as they queued": a part of the toll.
        subset = subset or bool(_AMONG_THE_DEAD.search(text, max(0, start - 40), start))
        hit = CasualtyHit(
            start, end, text[start:end], count, kind, hedge, vague, subset, rule, person
        )
        if high:
            hit.high = high + hit.count - count  # "killing 2-3 soldiers and 4 civilians"
        return hit

    def _more(self, text: str, end: int) -> tuple[int, int]:
        """(how many more people a second count joined after `end` adds, where it ends)."""
        more = self.more.match(text, end)
        if more is None or _HURT_NEXT.match(text, more.end()):
            return 0, end  # "left 5 dead and 47 others injured": the others were hurt
        extra = 1 if more["single"] else self.number(more["num"])[0]
        return (extra, more.end()) if extra is not None else (0, end)

    def _joined(self, text: str, start: int, count: int) -> tuple[int, int]:
        for _ in range(4):
            # The pattern ends in "," or "and" before `start`: test that first (cheap) rather
            # than search the 90 characters for a figure each time.
            tail = text[max(0, start - 90) : start].rstrip()
            if not (tail.endswith(",") or tail[-3:].lower() == "and"):
                break
            j = self.joined.search(text, max(0, start - 90), start)
            if j is not None and _looks_like_year(j["num"]):
                # "Oct 2014 Ten children and five women were killed": the year ends a dateline.
                after = j.end("num") + 1
                if self._dateline(text, j.start("num"), after):
                    j = self.joined.search(text, after, start)
            if j is None:
                break
            n, _ = self.number(j["num"])
            if n is None:
                break
            count, start = count + n, j.start()
        return start, count

    def number(self, raw: str) -> tuple[int | None, str]:
        word = " ".join(raw.lower().replace("-", " ").split())
        if word in self.quantities:
            return int(self.quantities[word]), word
        if word.endswith(" dozen"):  # "two dozen" 24, "a couple of dozen" 24, "half a dozen" 6
            times = word[: -len(" dozen")]
            n = {"a couple of": 2, "a few": 3, "half a": 0.5}.get(times) or words_to_int(times)
            return (int(n * 12) if n else None), ""
        if word.replace(",", "").isdigit():
            return int(word.replace(",", "")), ""
        return words_to_int(word), ""


# A tally over a period or a whole war, not one incident's toll: "have been killed since
# then", "so far this year", "in total", "the war has killed", "thousands".
# "40 pilgrims were killed": a plural noun the lexicon lacks, right before the verb, still
# counts people (never a guard against years or days, which need a known person noun).
_PLURAL = (
    r"(?!(?:years|days|hours|weeks|months|minutes|times|attacks|strikes|clashes|raids|bombings"
    r"|explosions|blasts|shells|rockets|missiles|drones|vehicles|houses|homes|cases|incidents"
    r"|others)\b)(?-i:[a-z][a-z-]{2,}(?:s|men))\b"
)
# A headline's capitalised words between the count and its capitalised verb: "Nine
# Herders Killed in ...", "6 ISIS Bombers Killed" (any noun: a headline names who died).
# Never a kill or hurt word itself ("35 Dead Dozens Wounded" is 35 dead).
_TITLED = rf"(?:\s+(?!(?:{_KILL}|{_INJ})\b)(?-i:[A-Z][\w'’-]*)){{1,4}}(?=\s+(?-i:[A-Z]))"
# Prepositions that place what follows, never between a count and whom it counts ("of"
# may be: "12 of the rebels").
_PLACING = r"(?:in|at|on|near|inside|outside|across|around|within|throughout)"
# An object after "<number> <people> killed": the number counts who killed ("five men killed a
# farmer"), not a toll ("five men killed in the attack", "three killed the same day").
_ACTIVE_OBJECT = re.compile(
    r"\s+(?:(?:a|an|one|his|her|their|its|two|three|four|five|six|seven|eight|nine|ten|\d+"
    r"|several|some|many)\s+(?!(?:day|days|week|weeks|month|months|year|years|night|hour|hours"
    r"|minute|minutes|moment|time|while|later|earlier|ago|others|injured|wounded|hurt)\b)"
    r"|the\s+(?!(?:previous|same|following|next|other|day|night|week|month|year|morning|evening"
    r"|afternoon)\b)|him\b|them\b)",
    re.I,
)
_HURT_NEXT = re.compile(
    r"\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:injured|wounded|hurt)\b", re.I
)
# A figure told as hurt: "killed 150 injured", "killed 30 others injured" (not "killed 12
# wounded 30", where "wounded" has its own figure).
# A figure of the hurt's own after their word, on the same line and no date ("Killed 7
# Injured\n\n16.04.2017" has none).
_OWN_FIGURE = rf"[ \t]+(?:\d+\b(?![./-]\d)|(?:{_HEDGE}|{_WORDNUM})\b)"
_HURT_COUNT = re.compile(
    rf"\s+(?:others?\s+|people\s+|persons\s+)?(?:{_INJ})\b(?!{_OWN_FIGURE})",
    re.I,
)
_OF_WHOLE = re.compile(rf"\s+of\s+(?:the\s+)?(?P<whole>\d+|{_WORDNUM})\s", re.I)
_AUX = re.compile(r"\b(?:was|were|been|being|are|is|had|have|has)\b", re.I)
_ALONG = re.compile(r"\s+(?:along|together)\s+with\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)
_DATE_SEPARATORS = ("-", "/", ".")  # "15-02-2016", "02/2016"
_MONTH_BEFORE = re.compile(rf"\b(?:{'|'.join(m[:3] for m in MONTH_NAMES)})[a-z]*\.?\s+$", re.I)


def _looks_like_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and raw[:2] in ("19", "20")
