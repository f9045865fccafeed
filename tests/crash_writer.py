"""A process that applies a stream of analyst changes and acknowledges each on stdout.

Used by test_store_crash.py, which kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import sys

from workbench.store import Store
from workbench.store.events import add_event, set_status, update_event


def main(path: str, start: int) -> None:
    store = Store(path, analyst="crash")
    base = store.scalar("SELECT min(id) FROM events")
    i = start
    while True:
        i += 1
        if i % 5 == 0:
            eid = add_event(
                store,
                1,
                {"sub_event_type": "Armed clash", "notes": f"n{i}", "actor1": f"Group {i}"},
            )
            set_status(store, eid, "confirmed")
        else:
            update_event(store, base, {"fatalities": i, "notes": f"n{i}"})
        sys.stdout.write(f"{i}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
