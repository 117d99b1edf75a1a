"""A click's 10,000 worlds in a page worker, with the anticipator idle and with it working.

Taken in turn (idle, working; working, idle; ...) so that the machine's own
drift falls on both alike. "Working" means the anticipator is computing the
settings one step from a 50,000-world view (a new one each time). With
``--no-quiet`` the anticipator is not stopped during the click
(``korea1950.teaching.app.quiet``), which is how the page ran before it was.

    .venv/bin/python benchmarks/click_beside_anticipator.py [--rounds 12] [--no-quiet]
"""

import argparse
import itertools
import statistics
import time

from korea1950.teaching.app import anticipation, quiet, results, workers
from korea1950.teaching.app.classroom import Setting

SETTING = "mao_refuses"
WORLDS = 10_000


def main() -> None:
    """Print the median and the sorted times of each condition."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--no-quiet", action="store_true",
                        help="do not stop the anticipator while the click is computed")
    args = parser.parse_args()
    if args.no_quiet:
        quiet.CAN_STOP = False
    workers.start()
    workers._STATE.warm.result()
    seeds, views = itertools.count(10), itertools.count(5_000)
    times: dict[str, list[float]] = {"idle": [], "working": []}
    for round_ in range(args.rounds):
        for mode in ("idle", "working") if round_ % 2 == 0 else ("working", "idle"):
            if mode == "working":
                view = Setting(worlds=50_000, seed=next(views))
                results.baseline(view.reading, view.worlds, view.seed)
                anticipation.anticipate(view)
                time.sleep(1.5)  # past starting: computing a step
                if anticipation.idle(0):
                    raise SystemExit("the anticipator had nothing to do")
            else:
                anticipation.idle(600)
            started = time.perf_counter()
            workers.run_setting(SETTING, "stueck", WORLDS, next(seeds))
            times[mode].append(time.perf_counter() - started)
    for mode, taken in times.items():
        print(f"{mode:<8} median {statistics.median(taken):.3f} s   "
              + " ".join(f"{t:.3f}" for t in sorted(taken)))


if __name__ == "__main__":
    main()
