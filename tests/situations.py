"""Helpers for putting the actors in a described situation across many worlds.

Why: the rule tests read like Axelrod's - "Stalin, asked after the victory in
China with a strong North and little risk, approves" - so building that
situation must take one line, not twenty.
"""

import dataclasses

import numpy as np

from korea1950.inputs.scenarios import load_scenario
from korea1950.simulation.model import CrisisModel

WORLDS = 4000
"""Enough worlds that a share's standard error is below 0.008."""


def situation(levers: dict | None = None, motives: dict | None = None,
              params: dict | None = None, worlds: int = WORLDS, seed: int = 7,
              reading: str = "stueck", month: int = 0) -> CrisisModel:
    """A model at ``month`` with the baseline's levers changed by ``levers``."""
    baseline = load_scenario("baseline")
    scenario = dataclasses.replace(
        baseline, levers=dataclasses.replace(baseline.levers, **(levers or {})))
    model = CrisisModel(scenario=scenario, reading=reading, replicates=worlds, rng=seed,
                        parameters=params, stalin_motives=motives)
    model.world.month = month
    return model


def set_event(model: CrisisModel, event: str, month: int, where: np.ndarray | None = None) -> None:
    """Mark ``event`` as having happened in ``month`` (in ``where`` worlds, default all)."""
    mask = np.ones(model.replicates, dtype=bool) if where is None else where
    model.world.events[event][mask] = month


def everywhere(model: CrisisModel) -> np.ndarray:
    """A mask selecting every world."""
    return np.ones(model.replicates, dtype=bool)


def within(share: float, expected: float, worlds: int, sigmas: float = 4.0) -> bool:
    """True if ``share`` is within ``sigmas`` binomial standard errors of ``expected``."""
    error = np.sqrt(max(expected * (1 - expected), 1e-12) / worlds)
    return abs(share - expected) <= sigmas * error + 1e-12
