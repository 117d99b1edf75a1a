"""Running many worlds: fixed blocks with their own seeds, spread over processes or a cluster.

Why blocks: the random stream of block ``i`` is ``SeedSequence(seed,
spawn_key=(i,))`` and its size is fixed (``BLOCK``), so each world's history
depends only on the seed and its position - not on how many workers there are,
how blocks are grouped into chunks (the unit of work sent to a worker), or
whether they run here or on a Dask cluster. Each block is reduced to a
``Summary`` of integer tallies at once (memory stays flat in the number of
worlds), and integer sums merge exactly, so results are bit-identical for 1, 2
or N workers and any chunk size.

Scenarios and readings share the seed's streams (common random numbers), so
differences between scenarios are not swamped by sampling noise.

Memory stays flat in the number of worlds at every stage: a run's blocks are
a lazy ``BlockPlan`` (a block's task is made only when it is sent), at most a
few chunks per worker are in flight at once, and each finished chunk is merged
into its run's tallies at once. ``MAX_WORLDS`` bounds a run so a typing slip
(``--replicates 1000000000000``) is a clear error, not hours of silence.
"""

import os
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from tqdm import tqdm

from korea1950.inputs.errors import InputError
from korea1950.inputs.readings import Reading, load_reading
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.running.distributed import check_scheduler
from korea1950.running.summary import Summary, summarize
from korea1950.simulation.model import CrisisModel

BLOCK = 32768
"""Worlds per random-stream block: big enough for numpy to be efficient, small for the cache."""

MAX_WORLDS = 1_000_000_000
"""Most worlds in one run (one scenario under one reading). At about a million worlds a
second per core a billion take a quarter of an hour per core, 26 of them (a study) a night;
anything beyond is a typing slip."""

MAX_WORKERS = 256
"""Most local worker processes (each is a full Python process)."""

IN_FLIGHT_PER_WORKER = 4
"""Chunks sent ahead per worker: enough to keep workers busy, few enough to keep memory flat."""


@dataclass(frozen=True)
class BlockTask:
    """One block of worlds to simulate: everything a worker needs, picklable."""

    scenario: Scenario
    reading: Reading
    seed: int
    index: int
    size: int
    parameters: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Execution:
    """Where and how blocks run: local processes (``workers``) or a Dask ``scheduler``."""

    workers: int | None = 1
    chunk_size: int | None = None
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.scheduler is not None:
            check_scheduler(self.scheduler)

    def resolved_workers(self) -> int:
        """The number of local worker processes (all cores if None)."""
        workers = default_workers() if self.workers is None else int(self.workers)
        if not 1 <= workers <= MAX_WORKERS:
            raise InputError(f"workers must be from 1 to {MAX_WORKERS}, got {workers}")
        return workers

    def blocks_per_chunk(self) -> int:
        """Whole blocks per unit of work (a chunk size rounds up to whole blocks)."""
        if self.chunk_size is None:
            return 1
        if self.chunk_size < 1:
            raise InputError(f"chunk size must be at least 1, got {self.chunk_size}")
        return max(1, -(-int(self.chunk_size) // BLOCK))


def run_block(task: BlockTask) -> Summary:
    """Simulate one block and reduce it to tallies."""
    rng = np.random.default_rng(np.random.SeedSequence(task.seed, spawn_key=(task.index,)))
    model = CrisisModel(scenario=task.scenario, reading=task.reading, replicates=task.size,
                        rng=rng, parameters=dict(task.parameters))
    model.run_model()
    return summarize(model)


def run_chunk(tasks: list[BlockTask]) -> Summary:
    """Simulate several blocks one after the other and merge them."""
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


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def simulate(
    scenario: "str | Path | Scenario" = "baseline",
    reading: "str | Path | Reading" = "stueck",
    replicates: int = 10_000,
    seed: int = 1,
    workers: int | None = 1,
    parameters: dict[str, float] | None = None,
    progress: bool | None = None,
    description: str = "",
    chunk_size: int | None = None,
    scheduler: str | None = None,
) -> Summary:
    """Simulate ``replicates`` worlds and return their merged ``Summary``.

    ``workers=None`` uses every core; ``progress=None`` shows a bar only on a
    terminal; ``scheduler`` ("tcp://host:port") runs the blocks on a Dask cluster.
    """
    tasks = make_tasks(scenario, reading, replicates, seed, parameters)
    execution = Execution(workers, chunk_size, scheduler)
    label = description or f"{tasks[0].scenario.name}/{tasks[0].reading.name}"
    return run_many({"run": tasks}, execution, progress, label)["run"]


def make_tasks(scenario, reading, replicates: int, seed: int,
               parameters: dict[str, float] | None = None) -> BlockPlan:
    """Turn a run's arguments into its block tasks, a lazy sequence (validating them first)."""
    if int(seed) < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed}")
    check_replicates(replicates)
    loaded_scenario = load_scenario(scenario)
    loaded_reading = load_reading(reading)
    frozen = tuple(sorted((parameters or {}).items()))
    return BlockPlan(loaded_scenario, loaded_reading, int(seed), int(replicates), frozen)


def run_many(groups: dict[Hashable, Sequence[BlockTask]], execution: "Execution | int | None" = 1,
             progress: bool | None = None, description: str = "") -> dict[Hashable, Summary]:
    """Run several ensembles (e.g. every scenario x reading) through one pool or cluster.

    Why one pool: starting worker processes costs about a second each time; a
    study of 26 runs shares one pool and one progress bar. The summaries are the
    same as running each group alone. An int or None is taken as a worker count.
    """
    if not isinstance(execution, Execution):
        execution = Execution(workers=execution)
    per_chunk = execution.blocks_per_chunk()
    count = sum(-(-len(tasks) // per_chunk) for tasks in groups.values())
    keys = (key for key, tasks in groups.items() for _ in range(0, len(tasks), per_chunk))
    results: dict[Hashable, Summary] = {key: Summary() for key in groups}
    bar = tqdm(total=sum(_worlds(tasks) for tasks in groups.values()), unit="world",
               unit_scale=True, desc=description, disable=progress_disabled(progress),
               leave=False)
    with bar:
        summaries = _execute(_chunks(groups, per_chunk), count, execution)
        for key, summary in zip(keys, summaries, strict=True):
            results[key] = results[key].merge(summary)
            bar.update(summary.replicates)
    return results


def _worlds(tasks: Sequence[BlockTask]) -> int:
    """Worlds in a run's tasks, without making them when they are a ``BlockPlan``."""
    if isinstance(tasks, BlockPlan):
        return tasks.worlds
    return sum(task.size for task in tasks)


def _chunks(groups: dict[Hashable, Sequence[BlockTask]], per_chunk: int
            ) -> Iterator[list[BlockTask]]:
    """Each group's tasks in runs of ``per_chunk``, made only as they are asked for."""
    for tasks in groups.values():
        for start in range(0, len(tasks), per_chunk):
            yield list(tasks[start:start + per_chunk])


def _execute(chunks: Iterable[list[BlockTask]], count: int, execution: Execution
             ) -> Iterator[Summary]:
    """Yield each chunk's summary, in order, from wherever the chunks run."""
    if execution.scheduler:
        from korea1950.running.distributed import run_on_cluster
        yield from run_on_cluster(chunks, execution.scheduler)
        return
    workers = execution.resolved_workers()
    if workers == 1 or count == 1:
        yield from map(run_chunk, chunks)
        return
    with ProcessPoolExecutor(max_workers=min(workers, count),
                             mp_context=get_context("spawn")) as pool:
        yield from in_order(lambda chunk: pool.submit(run_chunk, chunk), chunks,
                            IN_FLIGHT_PER_WORKER * min(workers, count))


def in_order(submit: Callable[[list[BlockTask]], Future], chunks: Iterable[list[BlockTask]],
             window: int) -> Iterator[Summary]:
    """Submit chunks with at most ``window`` unfinished, yielding results in submission order.

    Why not ``pool.map``: it submits every chunk at once, so memory would grow
    with the number of worlds. Works for local futures and Dask's alike.
    """
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def progress_disabled(progress: bool | None) -> bool | None:
    """tqdm's ``disable`` for a progress flag: None lets tqdm show bars on a terminal only."""
    if progress is None:
        return None  # tqdm decides: shown on a terminal only
    return not progress
