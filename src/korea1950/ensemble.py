"""Running many worlds: fixed blocks with their own seeds, spread over worker processes.

Why blocks: the random stream of block ``i`` is ``SeedSequence(seed,
spawn_key=(i,))`` and its size is fixed (``BLOCK``), so each world's history
depends only on the seed and its position - not on how many workers there are
or how blocks are grouped into tasks. Each block is reduced to a ``Summary``
of integer tallies at once (memory stays flat in the number of worlds), and
integer sums merge exactly, so results are bit-identical for 1, 2 or N workers.

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

BLOCK = 16384
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


def run_block(task: BlockTask) -> Summary:
    """Simulate one block and reduce it to tallies."""
    rng = np.random.default_rng(np.random.SeedSequence(task.seed, spawn_key=(task.index,)))
    model = CrisisModel(scenario=task.scenario, reading=task.reading, replicates=task.size,
                        rng=rng, parameters=dict(task.parameters))
    model.run_model()
    return summarize(model)


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
) -> Summary:
    """Simulate ``replicates`` worlds and return their merged ``Summary``.

    ``workers=None`` uses every core; ``progress=None`` shows a bar only on a terminal.
    """
    tasks = make_tasks(scenario, reading, replicates, seed, parameters)
    return run_tasks(tasks, workers, progress, description or _describe(tasks[0]))


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


def run_tasks(tasks: list[BlockTask], workers: int | None = 1, progress: bool | None = None,
              description: str = "") -> Summary:
    """Run block tasks (in order of completion) and merge their summaries."""
    workers = default_workers() if workers is None else int(workers)
    if workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}")
    bar = tqdm(total=sum(t.size for t in tasks), unit="world", unit_scale=True,
               desc=description, disable=_progress_disabled(progress), leave=False)
    total = Summary()
    with bar:
        for summary in _execute(tasks, workers):
            total = total.merge(summary)
            bar.update(summary.replicates)
    return total


def run_many(groups: dict[Hashable, list[BlockTask]], workers: int | None = 1,
             progress: bool | None = None, description: str = "") -> dict[Hashable, Summary]:
    """Run several ensembles (e.g. every scenario x reading) through one pool of workers.

    Why one pool: starting worker processes costs about a second each time;
    a study of 26 runs shares one pool and one progress bar. The summaries are
    the same as running each group alone.
    """
    workers = default_workers() if workers is None else int(workers)
    if workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}")
    keyed = [(key, task) for key, tasks in groups.items() for task in tasks]
    results: dict[Hashable, Summary] = {key: Summary() for key in groups}
    bar = tqdm(total=sum(task.size for _, task in keyed), unit="world", unit_scale=True,
               desc=description, disable=_progress_disabled(progress), leave=False)
    with bar:
        summaries = _execute([task for _, task in keyed], workers)
        for (key, _), summary in zip(keyed, summaries, strict=True):
            results[key] = results[key].merge(summary)
            bar.update(summary.replicates)
    return results


def _execute(tasks: list[BlockTask], workers: int) -> Iterator[Summary]:
    if workers == 1 or len(tasks) == 1:
        yield from map(run_block, tasks)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)),
                             mp_context=get_context("spawn")) as pool:
        yield from pool.map(run_block, tasks)


def _progress_disabled(progress: bool | None) -> bool | None:
    if progress is None:
        return None  # tqdm decides: shown on a terminal only
    return not progress


def _describe(task: BlockTask) -> str:
    return f"{task.scenario.name}/{task.reading.name}"
