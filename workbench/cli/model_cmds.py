"""Provides `workbench model`: the learned layer's status, training, scoring and transfer."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import main
from .common import pass_store


def _engine(store):
    from ..learn.engine import engine_for

    engine, why = engine_for(store)
    if why:
        click.echo(f"embedding off: {why}; using hashed word features", err=True)
    return engine


@main.group("model")
def model_group() -> None:
    """Type suggestions learned from the codebook and your decisions.

    \b
    Example:
      workbench model status
      workbench model eval --gold gold.jsonl
    """


@model_group.command("status")
@click.option("--no-cv", is_flag=True, help="Skip the cross-validated figures (faster).")
@pass_store
def status_cmd(store, no_cv: bool) -> None:
    """What the model was trained on, and its cross-validated figures on your decisions.

    \b
    Example:
      workbench model status --no-cv
    """
    from ..learn.checks import cross_validate
    from ..learn.engine import KIND, is_stale
    from ..store.models import decision_count, load_model

    engine = _engine(store)
    click.echo(f"features: {engine.features}")
    row = load_model(store, KIND)
    if row is None:
        click.echo(
            "model: none yet (suggestions come from the codebook definitions)"
            if engine.index is not None
            else "model: none yet (no suggestions until you confirm or reject events)"
        )
    else:
        counts = row.meta.get("counts", {})
        click.echo(
            f"model: trained {row.trained_at} on {row.examples} example(s) "
            f"({sum(counts.values())} typed, {row.meta.get('rejected', 0)} rejected), "
            f"features {row.meta.get('features')}"
            + (", imported" if row.meta.get("imported") else "")
        )
        for sub, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {n:>5}  {sub}")
        stale = is_stale(store, engine)
        click.echo(f"decisions now: {decision_count(store)}" + (" (retrain due)" if stale else ""))
    if not no_cv:
        cv = cross_validate(engine, store)
        if "note" in cv:
            click.echo(f"cross-validation: {cv['note']}")
        else:
            auc = "n/a" if cv["event_auc"] is None else f"{cv['event_auc']:.3f}"
            click.echo(
                f"cross-validated ({cv['folds']} folds, {cv['examples']} examples): "
                f"type accuracy {cv['type_accuracy']:.3f}, weighted F1 "
                f"{cv['type_weighted_f1']:.3f}, event/non-event AUC {auc}"
            )


@model_group.command("train")
@pass_store
def train_cmd(store) -> None:
    """Retrain now on every decision in the database (the workbench also does this itself).

    \b
    Example:
      workbench model train
    """
    from ..learn.engine import retrain, score_events
    from ..store.models import MIN_EVENTNESS_NOTE

    engine = _engine(store)
    model = retrain(store, engine)
    if model is None:
        click.echo("no decisions yet: nothing to train on")
        return
    click.echo(
        f"trained on {model.examples} example(s): {len(model.labels)} typed, "
        f"{model.rejected} rejected"
    )
    scored = 0
    while done := score_events(store, engine, 1000):  # the queue's order (workbench open, o)
        scored += done
    if scored and (model.eventness is None or not engine.model_id):
        # score_events wrote the extractor's confidence, not the model's figure.
        click.echo(
            f"scored {scored} event(s) with the extractor's confidence for the queue's order "
            f"and filter, until {MIN_EVENTNESS_NOTE}"
        )
    elif scored:
        click.echo(f"scored {scored} event(s): P(real event) for the queue's order and filter")


@model_group.command("eval")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False))
@pass_store
def eval_cmd(store, gold: str) -> None:
    """Score the suggestions against gold events whose articles are in the database.

    \b
    Example:
      workbench model eval --gold tests/data/seeds.gold.jsonl
    """
    from ..learn.checks import against_gold

    result = against_gold(_engine(store), store, Path(gold))
    if not result["events"]:
        raise click.ClickException(
            f"{gold}: no gold event's quote was found in this database's articles"
        )
    click.echo(
        f"{result['events']} gold event(s) ({result['left_out']} left out: quote not found); "
        f"suggested {result['suggested']}, right {result['right']}; "
        f"weighted F1 {result['weighted_f1']:.3f} (from the {result['source']})"
    )


@model_group.command("rank")
@click.option("--doubted", is_flag=True, help="Only proposals the model doubts (P(event) < 0.5).")
@click.option("--limit", type=int, default=50, show_default=True)
@pass_store
def rank_cmd(store, doubted: bool, limit: int) -> None:
    """Proposed events, most likely real events first (the model's P(event)).

    Needs a model trained on confirmed and rejected events (at least 3 of each).

    \b
    Example:
      workbench model rank --doubted
    """
    from ..store.models import proposals
    from ..store.odds import DOUBT

    engine = _engine(store)
    if engine.model is None or engine.model.eventness is None:
        raise click.ClickException(
            "no event/non-event model yet: confirm and reject a few proposals "
            "(at least 3 of each), then `workbench model train`"
        )
    rows = proposals(store)
    odds = engine.eventness([r.text for r in rows])
    ranked = sorted(zip(odds, rows, strict=True), key=lambda pr: -(pr[0] or 0.0))
    if doubted:
        ranked = [(p, r) for p, r in ranked if p is not None and p < DOUBT]
    click.echo("p_event\tevent_id\tarticle_id\tsub_event_type\tevidence")
    for p, r in ranked[:limit]:
        quote = " ".join(r.text.split())[:100]
        click.echo(f"{p:.2f}\t{r.event_id}\t{r.article_id}\t{r.sub_event_type}\t{quote}")


@model_group.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@pass_store
def export_cmd(store, path: str) -> None:
    """Write this database's model to a file another project can import.

    \b
    Example:
      workbench model export syria.wbm
    """
    from ..learn.transfer import export_model

    export_model(store, Path(path))
    click.echo(f"wrote {path}")


@model_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@pass_store
def import_cmd(store, path: str) -> None:
    """Start from another project's model: its examples join this database's decisions.

    \b
    Example:
      workbench --db new.db model import syria.wbm
    """
    from ..learn.transfer import import_model

    meta = import_model(store, Path(path))
    click.echo(f"imported a model trained on {meta['examples']} example(s) ({meta['features']})")
    click.echo(json.dumps(meta.get("counts", {}), sort_keys=True))
