"""Extraction gives the same proposals in every process: Python salts its string hashes per
process, so anything decided by a set's order (a tie between two countries) changed from
one run to the next."""

import json
import os
import subprocess
import sys

# "(Delhi)" names India's territory and a small American town alike.
TEXT = "On 26 October, party leaders staged a protest at the ministry in Rampur (Delhi). Police detained 40 people."
PROGRAM = (
    "import json, sys\n"
    "from workbench.extract import extract\n"
    "r = extract(sys.argv[1], '2018-10-27')\n"
    "print(json.dumps([[e.sub_event_type, e.actor1, e.actor2, e.place] for e in r.events]))\n"
)


def _run(seed: int) -> list:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM, TEXT], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_same_proposals_whatever_the_hash_seed():
    runs = [_run(seed) for seed in range(1, 9)]
    assert all(r == runs[0] for r in runs), runs
    assert runs[0][0][1] == "Protesters (India)"
