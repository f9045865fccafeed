"""Provides `place_key`: the one spelling-blind key under which a place name is filed.

The gazetteer's index (built by tools/build-gazetteer) and every lookup use this function,
so "Raqa", "Ar-Raqqah" and "al-Raqqa" or "Deir Az-Zour" and "Deir ez-Zor" meet. It is the
name-resolution fold (`base.keys`: al-/el-/ash- articles, ou/u, ei/ay, doubled letters,
hashtags, apostrophes) plus the common Arabic place words ("Kfar"/"Kafr", "Tell"/"Tal")
written one way. A change here needs the index rebuilt: tests/test_gazetteer.py checks
that the committed index still agrees with this function.
"""

from __future__ import annotations

from functools import lru_cache

from ..base.keys import base_tokens, fold

# Words that begin many place names, after `fold`, written one way ("Kfar Nabl" = "Kafr
# Nabl", "Tell Abyad" = "Tal Abyad", "Jebel" = "Jabal", "Khirbet" = "Khirbat").
PLACE_WORDS = {
    "kfar": "kafr", "kafar": "kafr", "kifr": "kafr", "kufr": "kafr", "kfr": "kafr",
    "til": "tal", "tall": "tal", "jibil": "jabal", "jbil": "jabal", "jabl": "jabal",
    "khirbit": "khirbat", "khirbi": "khirbat", "khirba": "khirbat", "shikh": "shaykh",
    "shaikh": "shaykh", "dir": "dayr", "ayin": "ayn", "bir": "bir", "biyt": "bayt",
    "mazraat": "mazrat", "mazrah": "mazrat",
}  # fmt: skip


@lru_cache(maxsize=16384)
def place_key(name: str) -> str:
    """ "Ar-Raqqah" -> "raka", "Deir Az-Zour" -> "dayr zur", "Kfar Nabl" -> "kafr nabl".

    Memoised: the extractor keys the same few names again and again (each place mention's
    province, each candidate place), ~10 µs each uncached."""
    words = [fold(t) for t in base_tokens(name)]
    return " ".join(PLACE_WORDS.get(w, w) for w in words if w)
