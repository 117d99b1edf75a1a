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
"""

import os
from collections.abc import Hashable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from tqdm import tqdm

from korea1950.errors import InputError
from korea1950.model import CrisisModel
from korea1950.readings import Reading, load_reading
from korea1950.scenarios import Scenario, load_scenario
from korea1950.summary import Summary, summarize

BLOCK = 32768
"""Worlds per random-stream block: big enough for numpy to be efficient, small for the cache."""


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

    def resolved_workers(self) -> int:
        """The number of local worker processes (all cores if None)."""
        workers = default_workers() if self.workers is None else int(self.workers)
        if workers < 1:
            raise InputError(f"workers must be at least 1, got {workers}")
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


def plan_blocks(replicates: int, block: int = BLOCK) -> list[tuple[int, int]]:
    """Return (block index, size) pairs covering ``replicates`` worlds."""
    if replicates < 1:
        raise InputError(f"replicates must be at least 1, got {replicates}")
    full, rest = divmod(replicates, block)
    sizes = [block] * full + ([rest] if rest else [])
    return list(enumerate(sizes))


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
               parameters: dict[str, float] | None = None) -> list[BlockTask]:
    """Turn a run's arguments into the list of block tasks (validating them first)."""
    if int(seed) < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed}")
    loaded_scenario = load_scenario(scenario)
    loaded_reading = load_reading(reading)
    frozen = tuple(sorted((parameters or {}).items()))
    return [BlockTask(loaded_scenario, loaded_reading, int(seed), index, size, frozen)
            for index, size in plan_blocks(int(replicates))]


def run_many(groups: dict[Hashable, list[BlockTask]], execution: "Execution | int | None" = 1,
             progress: bool | None = None, description: str = "") -> dict[Hashable, Summary]:
    """Run several ensembles (e.g. every scenario x reading) through one pool or cluster.

    Why one pool: starting worker processes costs about a second each time; a
    study of 26 runs shares one pool and one progress bar. The summaries are the
    same as running each group alone. An int or None is taken as a worker count.
    """
    if not isinstance(execution, Execution):
        execution = Execution(workers=execution)
    per_chunk = execution.blocks_per_chunk()
    chunks = [(key, tasks[i:i + per_chunk]) for key, tasks in groups.items()
              for i in range(0, len(tasks), per_chunk)]
    results: dict[Hashable, Summary] = {key: Summary() for key in groups}
    bar = tqdm(total=sum(t.size for _, chunk in chunks for t in chunk), unit="world",
               unit_scale=True, desc=description, disable=progress_disabled(progress),
               leave=False)
    with bar:
        summaries = _execute([chunk for _, chunk in chunks], execution)
        for (key, _), summary in zip(chunks, summaries, strict=True):
            results[key] = results[key].merge(summary)
            bar.update(summary.replicates)
    return results


def _execute(chunks: list[list[BlockTask]], execution: Execution) -> Iterator[Summary]:
    """Yield each chunk's summary, in order, from wherever the chunks run."""
    if execution.scheduler:
        from korea1950.distributed import run_on_cluster
        yield from run_on_cluster(chunks, execution.scheduler)
        return
    workers = execution.resolved_workers()
    if workers == 1 or len(chunks) == 1:
        yield from map(run_chunk, chunks)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)),
                             mp_context=get_context("spawn")) as pool:
        yield from pool.map(run_chunk, chunks)


def progress_disabled(progress: bool | None) -> bool | None:
    """tqdm's ``disable`` for a progress flag: None lets tqdm show bars on a terminal only."""
    if progress is None:
        return None  # tqdm decides: shown on a terminal only
    return not progress
