"""Provides `inflected`: the other forms of a multi-word trigger's leading verb.

triggers.csv lists phrases as written, mostly in the past tense ("withdrew troops",
"massed troops"); real reports also say "has begun withdrawing troops", "are massing
troops", "had withdrawn its forces". Each packaged multi-word phrase whose first word is a
past-tense verb gains its -ing form and, for irregular verbs, its participle, at a lower
strength (a form nobody listed is a weaker sign). Single words are not inflected: "a
gathering", "the raiding" are nouns as often as verbs; list those in triggers.csv when wanted.
Irregular verbs come from data/lexicon.toml [verbs].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

WEAKER = 10  # strength points a derived form loses against the listed one


def forms(word: str, irregular: Mapping[str, Sequence[str]]) -> list[str]:
    """Other forms of a past-tense verb: "withdrew" -> withdrawing, withdrawn; "massed" ->
    massing; "carried" -> carrying; "agreed" -> agreeing. Not a verb: []."""
    if word in irregular:
        return list(irregular[word])
    if len(word) < 5 or not word.endswith("ed"):
        return []
    if word.endswith("ied"):
        return [word[:-3] + "ying"]
    if word.endswith("eed"):
        return [word[:-1] + "ing"]
    return [word[:-2] + "ing"]  # shelled -> shelling, captured -> capturing, stopped -> stopping


def inflected(phrase: str, irregular: Mapping[str, Sequence[str]]) -> Iterator[str]:
    words = phrase.split()
    if len(words) < 2:
        return
    for form in forms(words[0].lower(), irregular):
        yield " ".join([form, *words[1:]])
