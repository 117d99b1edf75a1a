"""Where the default study's time goes: the scenario runs, then each section of the report.

Runs ``korea1950 study`` as ``make run`` does (every core, 100,000 worlds per scenario
and reading unless told otherwise) into a temporary folder and prints the seconds
spent simulating the scenarios, in each report section (the weighing and the
sensitivity indices run their own worlds inside theirs) and in total. The report is
the same as ``make run``'s: only the clock is added around its parts.

    .venv/bin/python benchmarks/study_sections.py [--replicates 100000] [--workers 2]
"""

import argparse
import functools
import tempfile
import time
from pathlib import Path

import korea1950.reporting.study as study
from korea1950.reporting.study.sections import section_modules


def timed(function, label: str, seconds: dict[str, float]):
    """``function``, adding its wall-clock seconds to ``seconds[label]`` on every call."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - started
    return wrapper


def main() -> None:
    """Run the study once and print its parts' seconds, largest first, then the total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=study.DEFAULT_STUDY_REPLICATES,
                        help="worlds per scenario and reading (default 100,000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: every core)")
    args = parser.parse_args()
    seconds: dict[str, float] = {}
    study.run_comparison = timed(study.run_comparison, "simulating the scenarios", seconds)
    for module in section_modules():
        module.build = timed(module.build, f"section {module.__name__.rsplit('.', 1)[-1]}",
                             seconds)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        study.run_study(Path(folder) / "results", args.replicates, workers=args.workers,
                        progress=False)
    total = time.perf_counter() - started
    for label, value in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{label:<40} {value:7.1f} s")
    print(f"{'total':<40} {total:7.1f} s")


if __name__ == "__main__":  # worker processes import this file; only the parent runs
    main()
