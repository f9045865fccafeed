"""Tokenisation: the fast path for text that is ASCII but for quotes and dashes gives the
same words at the same offsets as a word pattern over the folded text, and so does the
path for text with accented letters."""

import pytest

from workbench.extract.lexicon import cached_lexicon
from workbench.extract.tokens import TOKEN, Tokens, fold

SENTENCES = [
    "Rebels shelled the town of Kafr Zita on Monday, killing 3 people.",
    "“We will not leave,” said a resident of the village – one of 40 families…",
    "The army’s 4th_division moved north\u00a0of the river; two were hurt.",
    "Erdoğan’s forces crossed into the district at dawn, officials said.",
    "  ...leading and trailing marks and a bullet • here  ",
    "",
    "‘’",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_tokens_are_the_folded_words_at_their_offsets(text):
    toks = Tokens.of(text)
    want = [(m.start(), m.end(), fold(m.group())) for m in TOKEN.finditer(text)]
    assert list(zip(toks.starts, toks.ends, toks.keys, strict=True)) == want
    assert list(toks.words) == list(dict.fromkeys(want_key for _, _, want_key in want))


def test_a_possessive_without_its_apostrophe_is_split_only_when_listed():
    toks = Tokens.of("The armys units and Syrias towns")
    split = toks.unglued({"armys": 0})
    assert split.keys == ["the", "army", "s", "units", "and", "syrias", "towns"]
    assert toks.unglued({"regimes": 0}) is toks


def test_the_lexicon_is_built_once_however_it_is_asked_for():
    lex = cached_lexicon()
    assert cached_lexicon(()) is lex
    assert cached_lexicon((), ()) is lex
    assert cached_lexicon([], []) is lex
