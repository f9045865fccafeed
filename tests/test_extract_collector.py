"""Extraction pauses the cyclic garbage collector (a third of a 10 MB article's time went to
its passes over the growing heap, bench/extract-size) and leaves it as it found it, whatever
the threads do."""

from __future__ import annotations

import gc
import threading

import pytest

from workbench.extract import core, extract

REPORT = "Government forces shelled Kafranbil on Monday, killing 6 civilians, residents said."


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_while_extracting_and_on_again_after(collector_on, monkeypatch):
    seen = []
    monkeypatch.setattr(core, "STAGES", [lambda doc: seen.append(gc.isenabled()), *core.STAGES])
    extract(REPORT, "2020-01-01")
    assert seen == [False] and gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(collector_on):
    gc.disable()
    extract(REPORT, "2020-01-01")
    assert not gc.isenabled()


def test_two_threads_extracting_leave_it_on_only_when_both_are_done(collector_on, monkeypatch):
    entered, release = threading.Event(), threading.Event()
    states = []

    def hold(doc):
        if threading.current_thread().name == "held":
            entered.set()
            release.wait(10)

    monkeypatch.setattr(core, "STAGES", [hold, *core.STAGES])
    held = threading.Thread(target=extract, args=(REPORT, "2020-01-01"), name="held")
    held.start()
    assert entered.wait(10)
    extract(REPORT, "2020-01-01")  # starts and ends while the other is inside
    states.append(gc.isenabled())
    release.set()
    held.join(10)
    states.append(gc.isenabled())
    assert states == [False, True]


def test_a_thread_stopped_inside_does_not_hold_the_pause_forever(collector_on):
    pause = core._CollectorPause()
    stuck = pause()
    stuck.__enter__()  # as if the watchdog's exception skipped the exit
    assert not gc.isenabled()
    with pause():  # the same thread's next extraction forgets the stale entry
        assert not gc.isenabled()
    assert gc.isenabled()
