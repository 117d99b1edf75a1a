"""`korea1950 study`: every bundled scenario under every reading, written as a report.

The study runs the comparison once, then lets each report section (see
``korea1950.reporting.study.sections``) write its tables and figures and return its
Markdown; the sections are joined, led by a title, a one-screen summary and the
contents (``front``, written last because it quotes the sections' results), into
``report.md`` and ``report.html`` (one self-contained page). Everything goes into a
temporary folder that replaces the results folder only when complete, with
``manifest.json`` written last (``korea1950.reporting.atomic``: a folder holding
anything korea1950 did not write is never replaced, and the refusal comes before
the simulation, not after).
"""

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from tqdm import tqdm

from korea1950.analysis.compare import comparison_tables, run_comparison, write_tables
from korea1950.reporting.atomic import OutputFolder
from korea1950.reporting.manifest import write_manifest
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.front import TITLE, front_matter
from korea1950.reporting.study.render import to_html
from korea1950.reporting.study.sections import section_modules
from korea1950.running.evaluators import Evaluator, evaluator_for

DEFAULT_STUDY_REPLICATES = 100_000
"""Worlds per scenario x reading when no --replicates is given."""


def run_study(out: Path, replicates: int = DEFAULT_STUDY_REPLICATES, seed: int = 1,
              workers: "int | Evaluator | None" = None, progress: bool | None = None,
              command: list[str] | None = None, force: bool = False,
              readings: list[str] | None = None) -> Path:
    """Run the whole study and write it to ``out`` atomically; return ``out``.

    ``force`` replaces files korea1950 wrote into ``out`` that were changed since;
    ``readings`` (names or paths) replaces the bundled readings, so that a
    historian's own reading is in every table, figure and the weighing.
    """
    folder = OutputFolder(out, force)
    with evaluator_for(workers) as evaluator:  # one pool of workers for the whole study
        comparison = run_comparison(None, readings, replicates, seed, evaluator, progress)
        with folder.staging() as staging:
            tables = comparison_tables(comparison)
            context = StudyContext(staging, replicates, seed, evaluator, comparison, progress,
                                   tables)
            write_tables(tables, context.tables_dir)
            context.figures_dir.mkdir(parents=True, exist_ok=True)
            parts = [module.build(context)
                     for module in _with_progress(section_modules(), progress)]
            body = "\n\n".join(part.strip() for part in parts)
            report = front_matter(context, body) + "\n\n" + body + "\n"
            (staging / "report.md").write_text(report)
            (staging / "report.html").write_text(to_html(report, staging, TITLE))
            write_manifest(comparison, evaluator, command or sys.argv, staging)
    return Path(out)


def _with_progress(modules: list[ModuleType], progress: bool | None) -> Iterator[ModuleType]:
    """Yield the section modules under a progress bar naming the section being written."""
    disabled = None if progress is None else not progress
    with tqdm(modules, desc="report", unit="section", disable=disabled, leave=False) as bar:
        for module in bar:
            bar.set_postfix_str(getattr(module, "TITLE", module.__name__)[:40])
            yield module
