"""The seeds names check (issue 5): every `same` group in tests/data/seeds.names.json is one
entity already or suggested as one cluster; no `different` pair ever shares a cluster.

Two versions: one on entities made from the gold surface forms (as an extractor that knows
only a small general dictionary would make them, plus noise); one on the real ingest +
extraction of the seeds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.resolve import suggest
from workbench.store import change
from workbench.store.entities import create_entity, find_entity, find_or_create

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

GOLD = Path(__file__).resolve().parent / "data" / "seeds.names.json"
PLACES = {"Kafranbil", "Idlib"}  # the groups that name places (first member)

# General knowledge a packaged dictionary holds (not the seed articles' wording).
DICTIONARY = {
    "Islamic State": ["ISIS", "ISIL", "IS", "Daesh"],
    "Military Forces of Syria": ["Syrian government", "Assad regime", "Syrian Arab Army"],
    "United Nations": ["UN", "U.N.", "UN Security Council", "UNSC"],
}
NOISE = {
    "actor": [
        "Free Syrian Army", "Syrian Army", "Russian warplanes", "Kurdish militias",
        "Iranian-backed fighters", "Hezbollah", "Hizballah", "Jaish al-Islam",
        "Jaysh al-Islam", "Ahrar al-Sham", "Ahrar ash-Sham", "Morgan Ortagus",
        "Dmitry Peskov", "Kremlin spokesman Dmitry Peskov", "Donald Trump",
        "President Trump", "Barack Obama", "President Barrack Obama", "Human Rights Watch",
        "European Union", "E.U.", "Abu Muhammad", "Iranian militias", "Hamas",
    ],
    "place": [
        "Aleppo", "Halab", "Idleb", "Maarat al-Numan", "Ma'arrat al-Nu'man", "Khan Sheikhoun",
        "Khan Shaykhun", "Hama", "Hama province", "Homs", "Damascus", "Eastern Ghouta",
        "Deir ez-Zor", "Deir al-Zour", "Raqqa", "Raqqah", "Afrin", "Khusham", "Jordan",
        "Iran", "Prussia", "Russia",
    ],
}  # fmt: skip


def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def kind_of(group: list[str]) -> str:
    return "place" if group[0] in PLACES else "actor"


def suggested_sets(store) -> dict[str, list[set[int]]]:
    out: dict[str, list[set[int]]] = {"actor": [], "place": []}
    for s in suggest(store):
        out[s.kind].append({m.entity_id for m in s.members})
    return out


def check(store, names: dict) -> list[str]:
    """Problems found; also asserts the check is not vacuous."""
    clusters = suggested_sets(store)
    problems = []
    checked = 0
    for group in names["same"]:
        for kind in ("actor", "place"):
            ids = {find_entity(store, kind, n) for n in group} - {None}
            if len(ids) < 2:
                checked += bool(ids)
                continue
            checked += 1
            if not any(ids <= c for c in clusters[kind]):
                found = {n: find_entity(store, kind, n) for n in group}
                problems.append(f"same group not one cluster ({kind}): {found}")
    for a, b in names["different"]:
        for kind in ("actor", "place"):
            ia, ib = find_entity(store, kind, a), find_entity(store, kind, b)
            if ia is None or ib is None:
                continue
            if ia == ib or any({ia, ib} <= c for c in clusters[kind]):
                problems.append(f"different pair together ({kind}): {a!r} / {b!r}")
    assert checked >= len(names["same"]) // 2, "too few gold names exist as entities"
    return problems


def test_gold_names_on_entities_made_from_surface_forms(seeded):
    store, names = seeded, gold()
    with change(store, "load-dictionary") as tx:
        for canonical, aliases in DICTIONARY.items():
            create_entity(tx, "actor", canonical, aliases=aliases, origin="dictionary")
    with change(store, "add-entities") as tx:
        for group in names["same"]:
            for name in group:
                find_or_create(tx, kind_of(group), name, origin="extracted")
        for pair in names["different"]:
            for name in pair:
                for kind in ("actor", "place"):  # worst case: both look-alikes in one kind
                    find_or_create(tx, kind, name, origin="extracted")
        for kind, extra in NOISE.items():
            for name in extra:
                find_or_create(tx, kind, name, origin="extracted")
    assert check(store, names) == []


def test_gold_names_on_the_real_ingest_and_extraction(store):
    from workbench.seeds import ingest_seeds

    ingest_seeds(store, extract=True)
    assert check(store, gold()) == []
