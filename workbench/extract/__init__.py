"""Provides the extractor: mentions (actors, places, dates, weapons, casualties) and proposed
events, with the evidence and the rules behind each, from dictionaries shipped as data files.

`extract()` is pure (text in, `Extraction` out); `workbench.extract.run.extract_articles`
runs it over stored articles and writes the results.
"""

from .core import extract
from .lexicon import Lexicon, build_lexicon, cached_lexicon
from .model import EntityInfo, EventProposal, Extraction, Mention

__all__ = [
    "EntityInfo",
    "EventProposal",
    "Extraction",
    "Lexicon",
    "Mention",
    "build_lexicon",
    "cached_lexicon",
    "extract",
]
