"""Test support for the TUI: a small, fixed database and helpers to let workers settle.

The fixture is built by a separate analyst ("fixture"), so the analyst driving the app in
a test starts with an empty undo stack.
"""

from __future__ import annotations

import asyncio
import json
import threading

from textual.worker import WorkerCancelled

from workbench.store import Store, change, now
from workbench.store.entities import create_entity
from workbench.store.events import add_event

ARTICLES = [
    (
        "Government forces shell Kafranbil",
        "Syrian Observer",
        "2018-02-05",
        "Government forces shell Kafranbil\n"
        "Assad forces shelled Kafranbil on Feb. 3, killing 6 civilians. "
        "The Free Syrian Army said it repelled an attack near Idlib the same day.\n"
        "Also Read: unrelated story",
    ),
    (
        "ISIS attack in Deir ez-Zor",
        "Daily Wire",
        "2018-03-10",
        "ISIS attack in Deir ez-Zor\n\n"
        "Islamic State fighters attacked a checkpoint in Deir ez-Zor, killing 4 soldiers. "
        "Residents fled the area.",
    ),
    (
        "Hostile [@click=app.quit] title",
        "Nowhere",
        None,
        "A line with markup [@click=app.quit]click me[/] and [bold]bold[/bold].\n"
        "Nothing else happened.",
    ),
]


def _mention(store, article_id, text, needle, kind, entity_id=None, value=None):
    start = text.index(needle)
    return {
        "article_id": article_id,
        "start": start,
        "end": start + len(needle),
        "text": needle,
        "kind": kind,
        "entity_id": entity_id,
        "value": json.dumps(value) if value is not None else None,
        "rule": "fixture",
        "confidence": 0.9,
    }


def build_db(path: str) -> dict:
    """Three articles, five entities, mentions, four proposed events. Returns ids."""
    store = Store(path, analyst="fixture")
    ids: dict = {"articles": [], "events": []}
    with change(store, "fixture-entities") as tx:
        ids["assad"] = create_entity(
            tx, "actor", "Syrian government forces", aliases=["Assad forces", "Syrian Army"],
            origin="dictionary",
        )  # fmt: skip
        ids["fsa"] = create_entity(tx, "actor", "Free Syrian Army", origin="dictionary")
        ids["isis"] = create_entity(
            tx, "actor", "Islamic State", aliases=["ISIS", "Daesh"], origin="dictionary"
        )
        ids["civilians"] = create_entity(tx, "actor", "Civilians (Syria)", origin="dictionary")
        ids["kafranbil"] = create_entity(
            tx, "place", "Kafranbil", aliases=["Kafr Nabl"], origin="dictionary"
        )
        ids["idlib"] = create_entity(tx, "place", "Idlib", origin="dictionary")
        ids["deir"] = create_entity(tx, "place", "Deir ez-Zor", origin="dictionary")
    with store.write():
        for n, (title, outlet, published, text) in enumerate(ARTICLES):
            cur = store.conn.execute(
                "INSERT INTO articles (content_hash, file, title, outlet, published, "
                "published_source, text, boilerplate, ingested_at, extracted_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                [
                    f"hash{n}",
                    f"{n:03}.txt",
                    title,
                    outlet,
                    published,
                    "given" if published else "unknown",
                    text,
                    json.dumps(
                        [[text.index("Also Read"), len(text)]] if "Also Read" in text else []
                    ),
                    now(),
                    now(),  # its mentions and events below stand for the extractor's
                ],
            )
            ids["articles"].append(cur.fetchone()[0])
        a1, a2, _ = ids["articles"]
        t1, t2 = ARTICLES[0][3], ARTICLES[1][3]
        mentions = [
            _mention(store, a1, t1, "Assad forces", "actor", ids["assad"]),
            _mention(store, a1, t1, "Kafranbil on", "place", ids["kafranbil"]),
            _mention(store, a1, t1, "Feb. 3", "date", value="2018-02-03"),
            _mention(store, a1, t1, "6 civilians", "casualty", value=6),
            _mention(store, a1, t1, "Free Syrian Army", "actor", ids["fsa"]),
            _mention(store, a1, t1, "Idlib", "place", ids["idlib"]),
            _mention(store, a2, t2, "Islamic State", "actor", ids["isis"]),
            _mention(store, a2, t2, "Deir ez-Zor,", "place", ids["deir"]),
        ]
        for m in mentions:
            if m["text"].endswith((" on", ",")):
                m["text"] = m["text"].rsplit(" ", 1)[0].rstrip(",")
                m["end"] = m["start"] + len(m["text"])
            cols = ", ".join(f'"{c}"' for c in m)  # "end" is a keyword on PostgreSQL
            store.conn.execute(
                f"INSERT INTO mentions ({cols}) VALUES ({', '.join('?' for _ in m)})",
                list(m.values()),
            )
    s1 = "Assad forces shelled Kafranbil on Feb. 3, killing 6 civilians."
    s2 = "The Free Syrian Army said it repelled an attack near Idlib the same day."
    s3 = "Islamic State fighters attacked a checkpoint in Deir ez-Zor, killing 4 soldiers."
    for article, quote, values in (
        (a1, s1, {"event_date": "2018-02-03", "date_precision": "day",
                  "sub_event_type": "Shelling/artillery/missile attack",
                  "actor1": "Syrian government forces", "location": "Kafranbil",
                  "fatalities": 6}),
        (a1, s2, {"event_date": "2018-02-03", "sub_event_type": "Armed clash",
                  "actor1": "Free Syrian Army", "location": "Idlib"}),
        (a1, s1, {"event_date": "2018-02-03", "sub_event_type": "Attack",
                  "actor1": "Syrian government forces", "location": "Kafranbil"}),
        (a2, s3, {"event_date": "2018-03-09", "sub_event_type": "Attack",
                  "actor1": "Islamic State", "location": "Deir ez-Zor", "fatalities": 4}),
    ):  # fmt: skip
        text = ARTICLES[ids["articles"].index(article)][3]
        start = text.index(quote)
        ids["events"].append(
            add_event(
                store, article, values, quote=quote, start=start, end=start + len(quote),
                origin="extractor",
            )
        )  # fmt: skip
    with store.write():
        store.conn.execute("UPDATE events SET edited = 0")
    store.close()
    return ids


async def settle(pilot, app, rounds: int = 2) -> None:
    """Let workers and the writer thread finish, and the screen catch up."""
    for _ in range(rounds):
        await pilot.pause()
        await app.wait_for_writes()
        await app.wait_for_background()  # started on a timer after the first page
        for worker in list(app.workers):
            # "live" follows other analysts for as long as the screen is open: never done.
            if worker.group not in ("writer", "live") and not worker.is_finished:
                try:
                    await worker.wait()
                except WorkerCancelled:
                    pass  # replaced by a newer one of its group (exclusive): waited next round
        await pilot.pause()
        await asyncio.sleep(0.01)


def held(app, read: str) -> threading.Event:
    """The gateway's `read` (bundle, neighbour, names ...) held back until the returned gate
    is set, as on a busy server: keys typed meanwhile meet a screen still waiting for it."""
    gate = threading.Event()
    real = getattr(app.gateway, read)

    def slow(*args):
        gate.wait(5)
        return real(*args)

    setattr(app.gateway, read, slow)
    return gate


async def press(pilot, app, *keys: str) -> None:
    """Press keys, then let the app settle (workers, messages, a redraw)."""
    await pilot.press(*keys)
    await settle(pilot, app)


def event_row(path: str, event_id: int) -> dict:
    with Store(path, analyst="checker") as store:
        return store.row("events", event_id)


def screen_text(app) -> str:
    """The current screen as plain text (for assertions and debugging)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
        legacy_windows=False, safe_box=False,
    )  # fmt: skip
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


def make_app(path: str, **kwargs):
    """The app as `workbench open` builds it (keymap checked), for the analyst "tester"."""
    from workbench.tui import build_app

    return build_app(path, analyst="tester", animations=False, **kwargs)


async def open_review(pilot, app, row: int = 0) -> None:
    """From the queue, open the article on `row`."""
    await settle(pilot, app)
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot, app)
