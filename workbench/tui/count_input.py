"""Provides `read_count`: what the edit form accepts as a fatality count.

Digits always; and what the extractor reads in articles: number words ("eleven",
"twenty-one") and vague quantities coded by ACLED's convention ("dozens" -> 12, "hundreds"
-> 100, from the `[quantities]` table of the extractor's lexicon, the one place they are
written). A vague word returns a note, so the convention applied is kept with the event.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _quantities() -> dict[str, int]:
    try:
        text = resources.files("workbench.data").joinpath("lexicon.toml").read_text("utf-8")
        return {k.lower(): int(v) for k, v in tomllib.loads(text).get("quantities", {}).items()}
    except (FileNotFoundError, ModuleNotFoundError, tomllib.TOMLDecodeError):
        return {}


def _words(text: str) -> int | None:
    from ..base.numbers import words_to_int

    return words_to_int(text.replace("-", " "))


def read_count(text: str) -> tuple[str, str | None]:
    """(the count as digits, or "" when empty; a note when a convention was applied).

    Raises ValueError with a message for the analyst when the text is not a count."""
    raw = (text or "").strip()
    folded = re.sub(r"\s+", " ", raw.lower())
    if not folded or folded.isdigit():
        return raw, None
    vague = _quantities().get(folded) or _quantities().get(folded.removeprefix("about "))
    if vague is not None:
        return str(vague), f"fatalities: “{raw}” coded {vague} (ACLED convention)"
    number = _words(folded)
    if number is not None:
        return str(number), None
    raise ValueError(f"fatalities: {raw!r} is not a count; write a number, 'eleven' or 'dozens'")
