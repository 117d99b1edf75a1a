"""Lockstep worlds against mesa.batch_run, on the same model, in the same run.

What it measures (worlds per second, on one core unless --workers says otherwise):

(a) the same ``CrisisModel`` ("baseline", "stueck") as R worlds in lockstep,
    through ``korea1950.running.ensemble.simulate`` (blocks of ``BLOCK`` = 32,768 worlds);
(b) ``mesa.batch_run`` with ``replicates=1`` per run, one process.

Then (c) a classroom page's recompute: 10,000 worlds of a setting plus 10,000 of the
baseline, median of 5 (new seeds each time, nothing reused). Then worlds per second and
peak resident memory of the streaming ensemble at
R = 10^4, 10^5, 10^6 (and 10^7 with --huge), each size in a fresh subprocess so
the memory figure is that run's alone. The last line states the ratio (a / b).

    .venv/bin/python benchmarks/ensemble_vs_batch_run.py [--batch-runs 200] [--huge]
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

import mesa

from korea1950.running.ensemble import simulate
from korea1950.simulation.model import CrisisModel

SCENARIO, READING = "baseline", "stueck"
PAGE_SETTING = "soviet_veto"
"""The setting timed beside the baseline, as the classroom page computes one."""


def lockstep_rate(worlds: int, workers: int = 1) -> float:
    """Worlds per second through the block ensemble."""
    started = time.perf_counter()
    simulate(SCENARIO, READING, replicates=worlds, seed=1, workers=workers, progress=False)
    return worlds / (time.perf_counter() - started)


def batch_run_rate(runs: int) -> float:
    """Worlds per second through mesa.batch_run, one world per model."""
    started = time.perf_counter()
    results = mesa.batch_run(CrisisModel, {"scenario": SCENARIO, "reading": READING,
                                           "replicates": 1},
                             rng=list(range(runs)), number_processes=1, max_steps=200,
                             display_progress=False)
    assert len(results) == runs
    return runs / (time.perf_counter() - started)


def page_pair_seconds(worlds: int = 10_000, repeats: int = 5) -> list[float]:
    """Seconds for a setting and the baseline at ``worlds`` each, as a page recompute does.

    Each repeat uses a new seed, so nothing is reused between them.
    """
    times = []
    for seed in range(1, repeats + 1):
        started = time.perf_counter()
        simulate(PAGE_SETTING, READING, replicates=worlds, seed=seed, progress=False)
        simulate(SCENARIO, READING, replicates=worlds, seed=seed, progress=False)
        times.append(time.perf_counter() - started)
    return times


def measure_in_subprocess(worlds: int, workers: int) -> dict:
    """Run one ensemble size in a fresh interpreter; return its rate and peak memory."""
    code = (
        "import json, resource, time\n"
        "from korea1950.running.ensemble import simulate\n"
        "t = time.perf_counter()\n"
        f"simulate('{SCENARIO}', '{READING}', replicates={worlds}, seed=1, workers={workers}, "
        "progress=False)\n"
        "elapsed = time.perf_counter() - t\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'seconds': elapsed, 'peak_mb': max(own, kids) / 1024}))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    """Print the comparison; the last line is the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-runs", type=int, default=200,
                        help="single-world runs for mesa.batch_run (default 200)")
    parser.add_argument("--lockstep-worlds", type=int, default=200_000,
                        help="worlds for the lockstep rate (default 200,000)")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes for the scaling table (default 1)")
    parser.add_argument("--huge", action="store_true", help="also measure 10^7 worlds")
    args = parser.parse_args()

    lockstep_rate(20_000)  # warm-up: imports, caches
    lockstep = lockstep_rate(args.lockstep_worlds)
    batch = batch_run_rate(args.batch_runs)
    print(f"lockstep ensemble, 1 process: {lockstep:12,.0f} worlds/s "
          f"({args.lockstep_worlds:,} worlds)")
    print(f"mesa.batch_run, 1 process:    {batch:12,.1f} worlds/s ({args.batch_runs} runs)")
    pair = page_pair_seconds()
    print(f"a page recompute, 10,000 worlds of '{PAGE_SETTING}' + 10,000 of the baseline, "
          f"1 process: median {statistics.median(pair):.3f} s of "
          f"{', '.join(f'{t:.3f}' for t in pair)}")
    print()
    print(f"{'worlds':>12} {'workers':>8} {'worlds/s':>12} {'peak memory':>12}")
    sizes = [10**4, 10**5, 10**6] + ([10**7] if args.huge else [])
    for worlds in sizes:
        figures = measure_in_subprocess(worlds, args.workers)
        rate = worlds / figures["seconds"]
        print(f"{worlds:>12,} {args.workers:>8} {rate:>12,.0f} {figures['peak_mb']:>9,.0f} MB")
    print(f"this process peak memory: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print()
    print(f"ratio lockstep / batch_run: {lockstep / batch:,.0f}x")


if __name__ == "__main__":
    main()
