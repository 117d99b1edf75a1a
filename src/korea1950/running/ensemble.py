"""Running many worlds: a run's blocks, chunked, handed to an evaluator, merged in order.

Why one function for every run: ``run_many`` takes several runs at once (every
scenario x reading of a study, every run a weighing needs), so they share one
evaluator, one progress bar and, inside a ``with``, one pool of workers.
Chunks come back in the order they were sent and each is merged into its run's
tallies at once, so memory stays flat and the figures are bit-identical for any
evaluator, worker count or chunk size.

Scenarios and readings share the seed's streams (common random numbers), so
differences between scenarios are not swamped by sampling noise. The pairing is
of streams, not of worlds: each world keeps its drawn motives and stances, but
the worlds of a block draw their chances from one stream, so once one world
decides differently (a what-if Stalin foresees, from the first month) the later
draws of the others change too (``docs/things_to_notice.md``).
"""

from collections.abc import Hashable, Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.running.blocks import make_tasks, run_chunk, worlds_in
from korea1950.running.evaluators import Evaluator, evaluator_for
from korea1950.running.summary import Summary
from korea1950.running.worlds import BlockTask


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
    terminal; ``scheduler`` ("tcp://host:port") runs the blocks on a Dask
    cluster. ``Experiment`` runs several cells at once, with any evaluator.
    """
    tasks = make_tasks(scenario, reading, replicates, seed, parameters)
    evaluator = evaluator_for(workers, chunk_size, scheduler)
    label = description or f"{tasks.scenario.name}/{tasks.reading.name}"
    return run_many({"run": tasks}, evaluator, progress, label)["run"]


def run_many(groups: dict[Hashable, Sequence[BlockTask]],
             evaluator: "Evaluator | int | None" = 1, progress: bool | None = None,
             description: str = "") -> dict[Hashable, Summary]:
    """Run several ensembles (e.g. every scenario x reading) through one evaluator.

    Why one evaluator: starting worker processes costs about a second each
    time; a study of 26 runs shares one pool and one progress bar. The
    summaries are the same as running each group alone. An int or None is taken
    as a worker count (None: every core).
    """
    evaluator = evaluator_for(evaluator)
    per_chunk = evaluator.blocks_per_chunk()
    count = sum(-(-len(tasks) // per_chunk) for tasks in groups.values())
    keys = (key for key, tasks in groups.items() for _ in range(0, len(tasks), per_chunk))
    results: dict[Hashable, Summary] = {key: Summary() for key in groups}
    bar = tqdm(total=sum(worlds_in(tasks) for tasks in groups.values()), unit="world",
               unit_scale=True, desc=description, disable=progress_disabled(progress),
               leave=False)
    with bar:
        summaries = evaluator.map(run_chunk, _chunks(groups, per_chunk), count)
        for key, summary in zip(keys, summaries, strict=True):
            results[key] = results[key].merge(summary)
            bar.update(summary.replicates)
    return results


def _chunks(groups: dict[Hashable, Sequence[BlockTask]], per_chunk: int
            ) -> Iterator[list[BlockTask]]:
    """Each group's tasks in runs of ``per_chunk``, made only as they are asked for."""
    for tasks in groups.values():
        for start in range(0, len(tasks), per_chunk):
            yield list(tasks[start:start + per_chunk])


def progress_disabled(progress: bool | None) -> bool | None:
    """tqdm's ``disable`` for a progress flag: None lets tqdm show bars on a terminal only."""
    if progress is None:
        return None  # tqdm decides: shown on a terminal only
    return not progress
