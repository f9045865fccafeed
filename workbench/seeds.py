"""Provides the seed articles shipped with the project, for the demo and the tests.

In a checkout they are the repository's `seeds/`; in an installed wheel, the copy packaged
as `workbench/_seeds` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

from .ingest import IngestReport, ingest_paths
from .store import Store


def seed_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "seeds", here / "_seeds"):
        if (candidate / "manifest.csv").exists():
            return candidate
    raise FileNotFoundError("the seed articles are missing (expected seeds/manifest.csv)")


def seed_files() -> list[Path]:
    return sorted(seed_dir().glob("*.txt"))


def ingest_seeds(store: Store, *, extract: bool = True) -> IngestReport:
    """Ingest the four seed articles with their manifest (and run extraction on them)."""
    folder = seed_dir()
    report = ingest_paths(store, [str(folder)], manifest=str(folder / "manifest.csv"))
    if extract and report.added:
        from .extract.run import extract_articles

        extract_articles(store, report.added)
    return report
