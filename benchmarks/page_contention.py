"""A click while the page works: 10,000 worlds alone, beside a picture thread, beside a worker,
beside the anticipator.

The case the page's workers (``korea1950.teaching.app.workers``) are for: a
student changes a setting while the previous setting's two pictures are still
being drawn. Times a new setting's 10,000 worlds (median of ``--repeats``)
computed in this process alone, in this process while a thread draws pictures,
in a worker while another worker draws them, and in a worker while the
anticipator (``korea1950.teaching.app.anticipation``, at the lowest priority)
computes the settings one step from a 50,000-world view.

    .venv/bin/python benchmarks/page_contention.py [--repeats 5]
"""

import argparse
import itertools
import statistics
import threading
import time

from korea1950.running.ensemble import simulate
from korea1950.teaching.app import anticipation, charts, results, workers
from korea1950.teaching.app.classroom import Setting

SETTINGS = ("no_incheon", "stop_at_38th", "mao_refuses")
WORLDS = 10_000


def seconds(compute, beside=None) -> float:
    """Wall-clock seconds of ``compute()``, with ``beside()`` running in a thread meanwhile."""
    other = threading.Thread(target=beside) if beside else None
    if other:
        other.start()
    started = time.perf_counter()
    compute()
    took = time.perf_counter() - started
    if other:
        other.join()
    return took


def main() -> None:
    """Print, per setting, the three medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    baseline = simulate("baseline", "stueck", replicates=WORLDS, seed=1, progress=False)
    shown = simulate("soviet_veto", "stueck", replicates=WORLDS, seed=1, progress=False)

    def draw_here() -> None:
        charts.front_line(shown, baseline)
        charts.timeline(shown, baseline)

    workers.start()
    workers._STATE.warm.result()
    busy_seeds = itertools.count(1_000)  # a new view per setting: the anticipator has work
    print(f"{'setting':<14}{'alone':>8}{'beside a thread':>18}{'in a worker, beside one':>26}"
          f"{'beside the anticipator':>25}")
    seeds = itertools.count(1)  # a new seed each time: nothing is cached anywhere
    for name in SETTINGS:
        def here(name: str = name) -> None:
            simulate(name, "stueck", replicates=WORLDS, seed=next(seeds), progress=False)

        def there(name: str = name) -> None:
            workers.run_setting(name, "stueck", WORLDS, next(seeds))

        alone = [seconds(here) for _ in range(args.repeats)]
        crowded = [seconds(here, draw_here) for _ in range(args.repeats)]
        apart = [seconds(there, lambda: workers.draw_pictures(shown, baseline))
                 for _ in range(args.repeats)]
        busy = Setting(worlds=50_000, seed=next(busy_seeds))  # 12 steps of 50,000 worlds
        results.baseline(busy.reading, busy.worlds, busy.seed)
        anticipation.anticipate(busy)
        if anticipation.idle(0.5):
            raise SystemExit("the anticipator had nothing to do: no setting was computed beside it")
        ahead = [seconds(there) for _ in range(args.repeats)]
        if anticipation.idle(0):
            raise SystemExit("the anticipator ran out of work while the clicks were timed")
        print(f"{name:<14}{statistics.median(alone):8.3f}{statistics.median(crowded):18.3f}"
              f"{statistics.median(apart):26.3f}{statistics.median(ahead):25.3f}")


if __name__ == "__main__":
    main()
