"""Provides the word lists name resolution reasons with (all lower case, before folding).
Here in `base`, not in `resolve`: the extractor reads DIRECTIONS, and importing the resolve
package for it loaded the store, rapidfuzz and the clusterer into every extracting process.

- STATE_WORDS: what turns a country into its state forces ("Turkish forces", "Syrian regime").
- GENERIC: words that describe rather than name an organisation ("army", "brigade", and the
  Arabic "liwa", "jaysh", "kataib"...). Two names that differ only in such words are
  compared on the rest; a name made only of them is not a person.
- PLACE_GENERIC / DIRECTIONS: "Idlib province", "southern Idlib countryside" -> "Idlib"
  (DIRECTIONS are also the extractor's words for a part of a place: "in northern Kaduna").
- PLACE_HEADS: the first word of many Levantine place names ("Kafr", "Tal", "Deir"); spelled
  many ways, so compared loosely, never the word that tells two places apart.
- TITLES / TITLE_MODIFIERS: stripped from the front of a person's name.
"""

from __future__ import annotations

STATE_WORDS = {
    "government", "regime", "forces", "force", "army", "military", "troops", "soldiers",
    "authorities", "administration", "security", "police", "navy", "air", "armed",
    "warplanes", "jets", "aircraft", "helicopters", "defense", "defence", "ministry", "state",
}  # fmt: skip

ARABIC_ORG_WORDS = {
    "liwa", "jaysh", "jaish", "jeish", "kataib", "katiba", "katibat", "saraya", "harakat",
    "haraka", "jabhat", "jabha", "faylaq", "failaq", "tajammu", "tajamu", "hizb", "majlis",
    "ahrar", "ansar", "jamaat", "jamaa", "firqa", "firqat", "quwat", "quwwat", "alwiya",
}  # fmt: skip

GENERIC = (
    STATE_WORDS
    | ARABIC_ORG_WORDS
    | {
        "front", "brigade", "brigades", "battalion", "battalions", "regiment", "division",
        "corps", "party", "council", "movement", "group", "groups", "organization",
        "organisation", "committee", "committees", "union", "militia", "militias", "militants",
        "fighters", "rebels", "insurgents", "jihadists", "gunmen", "network", "observatory",
        "league", "alliance", "coalition", "authority", "units", "unit", "guard", "guards",
        "revolutionary", "revolutionaries", "islamic", "liberation", "national", "democratic",
        "free", "popular", "people", "peoples", "republic", "kingdom", "agency", "office",
        "department", "media", "news", "court", "commission", "center", "centre",
        "foundation", "association", "society", "institute", "company", "university",
        "hospital", "camp", "base", "airport", "operations", "command", "elements", "members",
        "supporters", "loyalists", "pro", "anti", "civilians", "residents", "activists",
        "officials", "sources", "opposition", "resistance", "civil", "human", "rights",
        "united", "nations", "states", "international", "world", "martyrs", "shield",
    }
)  # fmt: skip

PLACE_GENERIC = {
    "province", "governorate", "district", "subdistrict", "city", "town", "village",
    "countryside", "region", "area", "municipality", "county", "suburb", "neighbourhood",
    "neighborhood", "outskirts",
}  # fmt: skip

DIRECTIONS = {
    "northern", "southern", "eastern", "western", "northwestern", "northeastern",
    "southwestern", "southeastern", "central", "rural",
}  # fmt: skip

PLACE_HEADS = {
    "kafr", "kfar", "kufr", "tal", "tall", "tel", "tell", "deir", "dayr", "dair", "ain", "ayn",
    "ein", "jisr", "khan", "bab", "ras", "maarat", "maarrat", "jabal", "jebel", "wadi",
    "beit", "bayt", "bit", "bir", "qasr", "umm", "abu", "marj", "hawsh", "hosh", "khirbet",
    "khirbat", "mazraat", "harat", "arab", "sheikh", "shaykh", "qalaat", "nahr",
}  # fmt: skip

TITLES = {
    "president", "minister", "king", "queen", "prince", "emir", "sultan", "sheikh", "shaykh",
    "general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj", "brigadier",
    "captain", "capt", "sergeant", "sgt", "commander", "cmdr", "leader", "chief", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "secretary", "governor", "mayor",
    "chancellor", "premier", "ayatollah", "imam", "mullah", "cleric", "senator", "sen", "mr",
    "mrs", "ms", "dr", "chairman", "director", "founder", "dictator", "strongman",
}  # fmt: skip

TITLE_MODIFIERS = {
    "former", "acting", "deputy", "vice", "late", "prime", "foreign", "defense", "defence",
    "interior", "crown", "supreme", "top", "senior", "in", "self", "proclaimed", "then",
}  # fmt: skip

BACKED = {"based", "backed", "led", "funded", "supported", "trained", "sponsored", "run"}
LINKED = {"linked", "affiliated", "aligned", "inspired", "allied", "associated", "connected"}
GOVERNMENT = {"regime", "government", "administration"}
