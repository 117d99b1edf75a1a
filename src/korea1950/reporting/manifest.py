"""The manifest of a results folder: what is needed to reproduce it, and to check it.

Why a separate module: `study` and `compare` both write results folders and
both must say the same things - package and library versions, seed,
replicates, how the runs were executed, the command line, and the sha256 of
every scenario, reading and seed file used. The date lives only here, so the
tables themselves stay byte-identical between runs with the same seed.
"""

import argparse
import hashlib
import json
import platform
from datetime import UTC, datetime
from pathlib import Path

import mesa
import numpy as np

from korea1950 import __version__
from korea1950.analysis.compare import Comparison
from korea1950.inputs.paths import seeds_dir
from korea1950.running.evaluators import Evaluator

MANIFEST = "manifest.json"


def build_manifest(comparison: Comparison, execution: Evaluator, command: list[str],
                   folder: Path) -> dict:
    """Versions, settings, input hashes and the hash of every file already in ``folder``."""
    return {
        "package": "korea1950",
        "version": __version__,
        "command": command,
        "seed": comparison.seed,
        "replicates": comparison.replicates,
        "workers": execution.workers,
        "chunk_size": execution.chunk_size,
        "scheduler": execution.scheduler,
        "scenarios": {s.name: {"file": str(s.path), "sha256": s.sha256}
                      for s in comparison.scenarios},
        "readings": {r.name: {"file": str(r.path), "sha256": r.sha256}
                     for r in comparison.readings},
        "inputs": {path.name: sha256(path) for path in sorted(seeds_dir().glob("*.toml"))},
        "python": platform.python_version(),
        "numpy": np.__version__,
        "mesa": mesa.__version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {str(path.relative_to(folder)): sha256(path)
                  for path in sorted(folder.rglob("*")) if path.is_file()},
    }


def write_manifest(comparison: Comparison, execution: Evaluator, command: list[str],
                   folder: Path) -> Path:
    """Write ``manifest.json`` into ``folder`` (last, so it lists every other file)."""
    path = folder / MANIFEST
    manifest = build_manifest(comparison, execution, command, folder)
    path.write_text(json.dumps(manifest, indent=2) + "\n")
    return path


def command_line(command: str, args: argparse.Namespace) -> list[str]:
    """The command that reproduces a run, rebuilt from its parsed arguments.

    Why rebuilt rather than ``sys.argv``: defaults get spelled out (a later
    version may change them), and it is right when the command line is called
    from Python, where ``sys.argv`` belongs to the caller.
    """
    words = ["korea1950", command]
    for key, value in vars(args).items():
        if key in ("handler", "command") or value is None or value is False:
            continue
        if isinstance(value, list):
            words += [str(item) for item in value]
        elif value is True:
            words.append(f"--{key.replace('_', '-')}")
        else:
            words += [f"--{key.replace('_', '-')}", str(value)]
    return words


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
