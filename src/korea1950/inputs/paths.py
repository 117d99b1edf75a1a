"""Where the bundled data (seeds, scenarios) live.

Why two places: in a source checkout (the editable install the Makefile makes)
the folders sit at the repository's top level; in a built wheel they are
copied into the package as ``_data``. The environment variable
``KOREA1950_DATA`` overrides both, for tests and unusual layouts.
"""

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
"""The ``korea1950`` package folder (this file sits in its ``inputs`` layer)."""


def data_root() -> Path:
    """Return the folder holding ``seeds/`` and ``scenarios/``."""
    override = os.environ.get("KOREA1950_DATA")
    if override:
        return Path(override)
    packaged = _PACKAGE / "_data"
    if (packaged / "seeds").is_dir():
        return packaged
    return _PACKAGE.parents[1]


def seeds_dir() -> Path:
    """Return the project's ``seeds/`` folder (documents, evidence, readings, record)."""
    return data_root() / "seeds"


def scenarios_dir() -> Path:
    """Return the folder of bundled scenario files."""
    return data_root() / "scenarios"


def readings_dir() -> Path:
    """Return the folder of bundled reading files."""
    return seeds_dir() / "readings"


def shared_seeds_dir() -> Path | None:
    """Return ``../shared/seeds`` (the source documents) when it is beside the checkout."""
    candidate = data_root().parent / "shared" / "seeds"
    return candidate if candidate.is_dir() else None
