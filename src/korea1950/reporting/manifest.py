"""The manifest of a results folder: what is needed to reproduce it, and to check it.

Why a separate module: `study`, `compare`, `weigh` and `sensitivity` write results folders and
all must say the same things - package and library versions, seed,
replicates, how the runs were executed, the command line, and the sha256 of
every scenario, reading and seed file used. The date lives only here, so the
tables themselves stay byte-identical between runs with the same seed.

Why no absolute path: a results folder is handed on (to a student, a
reviewer, another machine), and the machine it was made on is nobody's
business. Inputs are named relative to the project (``scenarios/baseline.toml``),
files relative to the results folder, and a file from elsewhere by its name
alone; its sha256 still identifies it.
"""

import argparse
import hashlib
import json
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import mesa
import numpy as np

from korea1950 import __version__
from korea1950.analysis.compare import Comparison
from korea1950.inputs.paths import data_root, seeds_dir
from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.running.evaluators import Evaluator

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Inputs:
    """What a results folder was computed from: the seed, the worlds per run, the scenarios
    and readings (each with its file and sha256), and anything else its command fixes."""

    seed: int
    replicates: int
    scenarios: Sequence[Scenario]
    readings: Sequence[Reading]
    extra: dict = field(default_factory=dict)
    """Further settings a reader needs beside the command line (e.g. a sensitivity's samples)."""


def inputs_of(comparison: Comparison) -> Inputs:
    """What a comparison (``compare``, ``study``) was computed from."""
    return Inputs(comparison.seed, comparison.replicates, comparison.scenarios,
                  comparison.readings)


def build_manifest(inputs: Inputs, execution: Evaluator, command: list[str],
                   folder: Path) -> dict:
    """Versions, settings, input hashes and the hash of every file already in ``folder``."""
    return {
        "package": "korea1950",
        "version": __version__,
        "command": portable_command(command, folder),
        "seed": inputs.seed,
        "replicates": inputs.replicates,
        **inputs.extra,
        "workers": execution.workers,
        "chunk_size": execution.chunk_size,
        "scheduler": execution.scheduler,
        "scenarios": {s.name: {"file": portable_path(s.path, folder), "sha256": s.sha256}
                      for s in inputs.scenarios},
        "readings": {r.name: {"file": portable_path(r.path, folder), "sha256": r.sha256}
                     for r in inputs.readings},
        "inputs": {path.name: sha256(path) for path in sorted(seeds_dir().glob("*.toml"))},
        "python": platform.python_version(),
        "numpy": np.__version__,
        "mesa": mesa.__version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {path.relative_to(folder).as_posix(): sha256(path)
                  for path in sorted(folder.rglob("*")) if path.is_file()},
    }


def portable_path(path: "str | Path", folder: Path | None = None) -> str:
    """A path as the manifest records it: relative to the project or the results folder.

    A relative path is kept as given (it names no machine); an absolute one
    inside the project (inputs) or the results folder is made relative to it;
    any other absolute path is reduced to its file name.
    """
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    resolved = path.resolve()
    for base in (data_root(), folder):
        if base is None:
            continue
        try:
            return resolved.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.name


def portable_command(command: list[str], folder: Path | None = None) -> list[str]:
    """The command line with every absolute path made portable (``portable_path``).

    A comma-separated list (``--readings kim,/some/where/third.toml``) is made
    portable item by item.
    """
    return [",".join(portable_path(item, folder) if Path(item).is_absolute() else item
                     for item in str(word).split(","))
            for word in command]


def write_manifest(inputs: "Comparison | Inputs", execution: Evaluator, command: list[str],
                   folder: Path) -> Path:
    """Write ``manifest.json`` into ``folder`` (last, so it lists every other file)."""
    if isinstance(inputs, Comparison):
        inputs = inputs_of(inputs)
    path = folder / MANIFEST
    path.write_text(json.dumps(build_manifest(inputs, execution, command, folder), indent=2)
                    + "\n")
    return path


def command_line(command: str, args: argparse.Namespace) -> list[str]:
    """The command that reproduces a run, rebuilt from its parsed arguments.

    Why rebuilt rather than ``sys.argv``: defaults get spelled out (a later
    version may change them), and it is right when the command line is called
    from Python, where ``sys.argv`` belongs to the caller. ``--out`` is left
    out: the manifest sits in that folder, and where a rerun writes is the
    rerunner's choice (its path would name this machine's folders).
    """
    words = ["korea1950", command]
    for key, value in vars(args).items():
        if key in ("handler", "command", "out") or value is None or value is False:
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
