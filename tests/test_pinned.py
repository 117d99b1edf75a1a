"""Today's figures, pinned: a restructuring must not move a single world.

Why: the model's code is reorganised often (run paths, rule declarations, the
registry as data); every bundled scenario under every reading, with one seed,
must give the same integer tallies as before. If a change is a deliberate fix
that moves figures, say so in the commit and regenerate the pins with
``python tests/test_pinned.py`` (it rewrites ``tests/pinned_figures.json``).
"""

import hashlib
import json
from pathlib import Path

import pytest

from korea1950 import CrisisModel, simulate
from korea1950.inputs.paths import readings_dir, scenarios_dir
from korea1950.running.summary import OUTCOMES, Summary

PINS = Path(__file__).with_name("pinned_figures.json")
REPLICATES, SEED = 1500, 7
SINGLE_WORLDS = 12


def tally_digest(summary: Summary) -> str:
    """A short hash of every tally (counts, month histograms, front histograms, joints)."""
    digest = hashlib.sha256()
    for key in sorted(summary.tallies):
        digest.update(key.encode())
        digest.update(summary.tallies[key].astype("<i8").tobytes())
    return digest.hexdigest()[:16]


def runs() -> list[str]:
    """Every bundled scenario under every bundled reading, as "scenario/reading"."""
    scenarios = sorted(path.stem for path in scenarios_dir().glob("*.toml"))
    readings = sorted(path.stem for path in readings_dir().glob("*.toml"))
    return [f"{scenario}/{reading}" for scenario in scenarios for reading in readings]


def run(name: str) -> Summary:
    scenario, reading = name.split("/")
    return simulate(scenario, reading, replicates=REPLICATES, seed=SEED, progress=False)


def single_world(seed: int) -> dict[str, int]:
    """The month of every event in one world (R = 1, the story's and the page's model)."""
    model = CrisisModel(reading="kim" if seed % 2 else "stueck", replicates=1, rng=seed)
    model.run_model()
    return {name: int(months[0]) for name, months in sorted(model.world.events.items())}


def test_every_bundled_run_is_pinned():
    pinned = json.loads(PINS.read_text())
    assert sorted(pinned["figures"]) == runs()
    assert (pinned["replicates"], pinned["seed"]) == (REPLICATES, SEED)


@pytest.mark.parametrize("name", runs())
def test_same_seed_same_figures_as_pinned(name):
    pinned = json.loads(PINS.read_text())
    summary = run(name)
    assert {outcome: summary.count(outcome) for outcome in OUTCOMES} == pinned["figures"][name]
    assert tally_digest(summary) == pinned["digests"][name]


@pytest.mark.parametrize("seed", range(SINGLE_WORLDS))
def test_one_world_same_history_as_pinned(seed):
    assert single_world(seed) == json.loads(PINS.read_text())["single_worlds"][str(seed)]


if __name__ == "__main__":
    pins = {"replicates": REPLICATES, "seed": SEED, "figures": {}, "digests": {},
            "single_worlds": {str(seed): single_world(seed) for seed in range(SINGLE_WORLDS)}}
    for name in runs():
        summary = run(name)
        pins["figures"][name] = {outcome: summary.count(outcome) for outcome in OUTCOMES}
        pins["digests"][name] = tally_digest(summary)
    PINS.write_text(json.dumps(pins, indent=1, sort_keys=True) + "\n")
