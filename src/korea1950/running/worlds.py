"""The two places a ``CrisisModel`` is built: a seeded block of an ensemble, and one world.

Why only two: every command, analysis and page reaches the model through one
of these, so a change in how worlds are seeded or set up is made once and the
same seed keeps giving the same figures everywhere. An ensemble's block
(``simulate_block``) is seeded from the run's seed and the block's index; one
world to tell or play (``one_world``) is seeded from the seed alone.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.simulation.model import CrisisModel


@dataclass(frozen=True)
class BlockTask:
    """One block of worlds to simulate: everything a worker needs, picklable.

    ``stalin_motives`` fixes some of Stalin's motives instead of drawing them
    from the reading (a value for every world, or one per world), as the
    sensitivity analysis and the decision band do.
    """

    scenario: Scenario
    reading: Reading
    seed: int
    index: int
    size: int
    parameters: tuple[tuple[str, float], ...] = ()
    stalin_motives: tuple[tuple[str, "float | np.ndarray"], ...] = ()


def simulate_block(task: BlockTask) -> CrisisModel:
    """Run one block of worlds to the end; its random stream is ``(seed, index)`` alone."""
    rng = np.random.default_rng(np.random.SeedSequence(task.seed, spawn_key=(task.index,)))
    model = CrisisModel(scenario=task.scenario, reading=task.reading, replicates=task.size,
                        rng=rng, parameters=dict(task.parameters),
                        stalin_motives=dict(task.stalin_motives), lean=True)
    model.run_model()
    return model


def one_world(scenario: "str | Path | Scenario" = "baseline",
              reading: "str | Path | Reading" = "stueck", seed: int = 1,
              trace: object | None = None, player: object | None = None) -> CrisisModel:
    """One world, not yet run, for a story (``trace``) or a role-play (``player``).

    The caller steps it month by month, to narrate or to ask the player; the
    seed alone fixes its history, so the story of seed 3 is the same world
    every time.
    """
    model = CrisisModel(scenario=scenario, reading=reading, replicates=1, rng=seed, trace=trace)
    model.player = player
    return model
