"""Provides `workbench names ...`: actors and places.

A thin layer over `workbench.resolve`: list entities, suggest duplicate clusters, merge,
split an alias, rename, set attributes, exclude pairs.
"""

from __future__ import annotations

import click

from ..base.untrusted import json_text
from ..resolve import (
    exclude_pairs,
    list_entities,
    merge_entities,
    rename_entity,
    set_attributes,
    split_alias,
    suggest,
)
from ..store.entities import entity_name
from . import main
from .common import echo_table, pass_store

KIND = click.option(
    "--kind",
    type=click.Choice(["actor", "place", "unplaced"]),
    help="Only actors, places, or places without coordinates (most mentioned first).",
)
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


def _json(data) -> None:
    click.echo(json_text(data, indent=2))


@main.group()
def names() -> None:
    """Actors and places: list, suggested duplicates, merge, split, rename.

    \b
    Example:
      workbench names suggest --kind actor
    """


@names.command("list")
@KIND
@click.option("--search", help="Only entities with this text in a name.")
@click.option("--limit", type=int, help="At most this many (most mentioned first).")
@FORMAT
@pass_store
def list_cmd(store, kind: str | None, search: str | None, limit: int | None, fmt: str) -> None:
    """Entities with their aliases and mention counts, most mentioned first.

    \b
    Example:
      workbench names list --kind place --format json
    """
    rows = list_entities(store, kind, search=search, limit=limit)
    if fmt == "json":
        keys = ("entity_id", "kind", "canonical", "aliases", "count")
        _json([{k: r[k] for k in keys} for r in rows])
        return
    for r in rows:
        r["attributes"] = ", ".join(f"{k}={v}" for k, v in r["attrs"].items())
    echo_table(rows, ["entity_id", "kind", "canonical", "count", "aliases", "attributes"])


@names.command("suggest")
@KIND
@FORMAT
@pass_store
def suggest_cmd(store, kind: str | None, fmt: str) -> None:
    """Clusters of names that are probably one entity, best first (nothing is merged).

    \b
    Example:
      workbench names suggest --kind actor --format json
    """
    found = suggest(store, "place" if kind == "unplaced" else kind)
    if fmt == "json":
        _json([s.to_json() for s in found])
        return
    rows = []
    for number, s in enumerate(found, 1):
        for m in s.members:
            canonical = "*" if m.entity_id == s.canonical_id else ""
            rows.append(
                {"cluster": number, "score": round(s.score), "kind": s.kind, "entity_id": m.entity_id,
                 "name": m.name, "count": m.count, "canonical": canonical}
            )  # fmt: skip
    echo_table(rows, ["cluster", "score", "kind", "entity_id", "name", "count", "canonical"])


@names.command("merge")
@click.argument("entity_ids", nargs=-1, type=int, required=True)
@click.option("--into", type=int, help="The entity that survives (default: the first id).")
@pass_store
def merge_cmd(store, entity_ids: tuple[int, ...], into: int | None) -> None:
    """Merge entities into one: names become aliases, events and mentions follow.

    \b
    Example:
      workbench names merge 12 31 40 --into 31
    """
    try:
        survivor = merge_entities(store, list(entity_ids), into)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(f"merged {len(set(entity_ids) | {survivor}) - 1} into {survivor} "
               f"({entity_name(store, survivor)})")  # fmt: skip


@names.command("split")
@click.argument("entity_id", type=int)
@click.argument("alias")
@pass_store
def split_cmd(store, entity_id: int, alias: str) -> None:
    """Move one alias out of an entity into its own (its mentions go with it).

    \b
    Example:
      workbench names split 31 "Free Idlib Army"
    """
    new_id = split_alias(store, entity_id, alias)
    click.echo(f"split {alias!r} out of {entity_id} into {new_id}")


@names.command("rename")
@click.argument("entity_id", type=int)
@click.argument("name")
@pass_store
def rename_cmd(store, entity_id: int, name: str) -> None:
    """Give an entity a new canonical name (the old one stays an alias).

    \b
    Example:
      workbench names rename 31 "Hayat Tahrir al-Sham"
    """
    try:
        rename_entity(store, entity_id, name)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(f"renamed {entity_id} to {name!r}")


@names.command("set")
@click.argument("entity_id", type=int)
@click.argument("values", nargs=-1, required=True, metavar="FIELD=VALUE...")
@pass_store
def set_cmd(store, entity_id: int, values: tuple[str, ...]) -> None:
    """Set attributes: actors type, country; places admin1, country, latitude, longitude.

    \b
    Example:
      workbench names set 7 latitude=35.65 longitude=36.56 admin1=Idlib country=Syria
    """
    parsed = {}
    for pair in values:
        if "=" not in pair:
            raise click.BadParameter(f"{pair!r} is not field=value")
        field, value = pair.split("=", 1)
        parsed[field.strip()] = value
    try:
        set_attributes(store, entity_id, parsed)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(f"updated {entity_id}")


@names.command("exclude")
@click.argument("entity_id", type=int)
@click.argument("others", nargs=-1, type=int, required=True)
@pass_store
def exclude_cmd(store, entity_id: int, others: tuple[int, ...]) -> None:
    """Remember that an entity is not the same as others (never suggested together again).

    \b
    Example:
      workbench names exclude 12 40
    """
    added = exclude_pairs(store, entity_id, list(others))
    click.echo(f"{added} pair(s) remembered as distinct")
