"""A run as fixed blocks with their own seeds, each reduced to tallies at once.

Why blocks: the random stream of block ``i`` is ``SeedSequence(seed,
spawn_key=(i,))`` and its size is fixed (``BLOCK``), so each world's history
depends only on the seed and its position - not on how many workers there are,
how blocks are grouped into chunks (the unit of work sent to a worker), or
whether they run here or on a Dask cluster. Each block is reduced to a
``Summary`` of integer tallies at once, and integer sums merge exactly.

A run's blocks are a lazy ``BlockPlan`` (a block's task is made only when it is
sent), so memory stays flat in the number of worlds. ``MAX_WORLDS`` bounds a
run so a typing slip (``--replicates 1000000000000``) is a clear error, not
hours of silence.
"""

from collections.abc import Sequence
from pathlib import Path

from korea1950.inputs.errors import InputError
from korea1950.inputs.parameters import validate_override
from korea1950.inputs.readings import Reading, load_reading
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.running.summary import Summary, summarize
from korea1950.running.worlds import BlockTask, simulate_block

BLOCK = 32768
"""Worlds per random-stream block: big enough for numpy to be efficient, small for the cache."""

MAX_WORLDS = 1_000_000_000
"""Most worlds in one run (one scenario under one reading). At about a million worlds a
second per core a billion take a quarter of an hour per core, 26 of them (a study) a night;
anything beyond is a typing slip."""


def run_block(task: BlockTask) -> Summary:
    """Simulate one block and reduce it to tallies."""
    return summarize(simulate_block(task))


def run_chunk(tasks: list[BlockTask]) -> Summary:
    """Simulate several blocks one after the other and merge them (a worker's unit of work)."""
    total = Summary()
    for task in tasks:
        total = total.merge(run_block(task))
    return total


def check_replicates(replicates: int) -> int:
    """``replicates`` as an int from 1 to ``MAX_WORLDS``, or a one-line ``InputError``."""
    if isinstance(replicates, bool) or int(replicates) != replicates:
        raise InputError(f"replicates must be a whole number, got {replicates!r}")
    if not 1 <= replicates <= MAX_WORLDS:
        raise InputError(f"replicates must be from 1 to {MAX_WORLDS:,} worlds per run, "
                         f"got {replicates:,}")
    return int(replicates)


class BlockPlan(Sequence):
    """The block tasks of one run, made on demand: a list that costs nothing to hold.

    Why lazy: a billion worlds are 30,518 blocks per run and a study has 26
    runs; materialising every task up front cost memory for nothing.
    """

    def __init__(self, scenario: Scenario, reading: Reading, seed: int, replicates: int,
                 parameters: tuple[tuple[str, float], ...] = ()) -> None:
        self.scenario, self.reading, self.seed = scenario, reading, seed
        self.replicates = check_replicates(replicates)
        self.parameters = parameters

    def __len__(self) -> int:
        return -(-self.replicates // BLOCK)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        size = min(BLOCK, self.replicates - index * BLOCK)
        return BlockTask(self.scenario, self.reading, self.seed, index, size, self.parameters)

    @property
    def worlds(self) -> int:
        """How many worlds the plan covers."""
        return self.replicates


def make_tasks(scenario: "str | Path | Scenario", reading: "str | Path | Reading",
               replicates: int, seed: int, parameters: dict[str, float] | None = None
               ) -> BlockPlan:
    """Turn a run's arguments into its block tasks, a lazy sequence (validating them first)."""
    if isinstance(seed, bool) or int(seed) != seed or int(seed) < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed!r}")
    check_replicates(replicates)
    checked = {name: validate_override(name, value, "parameters")
               for name, value in (parameters or {}).items()}
    return BlockPlan(load_scenario(scenario), load_reading(reading), int(seed), int(replicates),
                     tuple(sorted(checked.items())))


def worlds_in(tasks: Sequence[BlockTask]) -> int:
    """Worlds in a run's tasks, without making them when they are a ``BlockPlan``."""
    if isinstance(tasks, BlockPlan):
        return tasks.worlds
    return sum(task.size for task in tasks)
