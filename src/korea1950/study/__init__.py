"""`korea1950 study`: every bundled scenario under every reading, written as a report.

The study runs the comparison once, then lets each report section (see
``korea1950.study.sections``) write its tables and figures and return its
Markdown; the sections are joined into ``report.md`` and ``report.html`` (one
self-contained page). Everything goes into a temporary folder that replaces
the results folder only when complete, with ``manifest.json`` written last.
"""

import hashlib
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import mesa
import numpy as np

from korea1950 import __version__
from korea1950.atomic import atomic_folder
from korea1950.compare import run_comparison
from korea1950.ensemble import Execution
from korea1950.study.context import StudyContext
from korea1950.study.render import to_html
from korea1950.study.sections import section_modules

DEFAULT_STUDY_REPLICATES = 20_000
"""Worlds per scenario x reading when no --replicates is given."""


def run_study(out: Path, replicates: int = DEFAULT_STUDY_REPLICATES, seed: int = 1,
              workers: "int | Execution | None" = None, progress: bool | None = None,
              command: list[str] | None = None) -> Path:
    """Run the whole study and write it to ``out`` atomically; return ``out``."""
    comparison = run_comparison(None, None, replicates, seed, workers, progress)
    with atomic_folder(Path(out)) as staging:
        execution = workers if isinstance(workers, Execution) else Execution(workers)
        context = StudyContext(staging, replicates, seed, execution, comparison, progress)
        parts = [module.build(context) for module in section_modules()]
        report = "\n\n".join(part.strip() for part in parts) + "\n"
        (staging / "report.md").write_text(report)
        (staging / "report.html").write_text(
            to_html(report, staging, "korea1950: what-if scenarios of the Korean War"))
        manifest = build_manifest(context, command or sys.argv)
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return Path(out)


def build_manifest(context: StudyContext, command: list[str]) -> dict:
    """What is needed to reproduce the study: versions, settings and input hashes."""
    comparison = context.comparison
    return {
        "package": "korea1950",
        "version": __version__,
        "command": command,
        "seed": context.seed,
        "replicates": context.replicates,
        "workers": context.workers.workers,
        "chunk_size": context.workers.chunk_size,
        "scheduler": context.workers.scheduler,
        "scenarios": {s.name: {"file": str(s.path), "sha256": s.sha256}
                      for s in comparison.scenarios},
        "readings": {r.name: {"file": str(r.path), "sha256": r.sha256}
                     for r in comparison.readings},
        "inputs": {name: _sha256(path) for name, path in _seed_files().items()},
        "python": platform.python_version(),
        "numpy": np.__version__,
        "mesa": mesa.__version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": sorted(str(p.relative_to(context.out_dir))
                        for p in context.out_dir.rglob("*") if p.is_file()),
    }


def _seed_files() -> dict[str, Path]:
    from korea1950.paths import seeds_dir
    return {path.name: path for path in sorted(seeds_dir().glob("*.toml"))}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
