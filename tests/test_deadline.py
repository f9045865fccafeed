"""The per-article budget counts the extracting thread's CPU time, not the machine's load."""

from __future__ import annotations

import time

import pytest

from workbench.extract.deadline import ExtractionTimeout, Watchdog


def test_a_busy_article_is_stopped_once_it_has_used_its_budget():
    watchdog = Watchdog(0.2)
    started = time.process_time()
    with pytest.raises(ExtractionTimeout), watchdog.limit():
        while time.process_time() - started < 10:
            pass
    assert time.process_time() - started < 5
    watchdog.close()


def test_waiting_is_not_counted_against_the_budget():
    # A thread that waits (as one starved of CPU on a loaded machine does) has used none
    # of its budget: it is not stopped.
    watchdog = Watchdog(0.2)
    with watchdog.limit():
        time.sleep(0.6)
    watchdog.close()
