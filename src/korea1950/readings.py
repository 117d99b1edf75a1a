"""Readings of Stalin's intent: prior distributions over his motive parameters.

A reading is data (``seeds/readings/NAME.toml``), not code, so a historian can
add a third reading by writing a file. Each parameter's prior cites evidence
ids or states openly that it is an assumption; loading checks that, and that
every parameter in ``STALIN_MOTIVE_PARAMETERS`` has a prior.
"""

import hashlib
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from korea1950.errors import InputError
from korea1950.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.paths import readings_dir
from korea1950.tomlfile import load_toml, require_string, require_table, string_list

DISTRIBUTIONS = {
    "beta": ("mean", "concentration"),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "fixed": ("value",),
}
"""Supported prior families and the keys each needs."""


@dataclass(frozen=True)
class Prior:
    """One parameter's prior: family, its arguments and its justification."""

    parameter: str
    distribution: str
    arguments: tuple[tuple[str, float], ...]
    evidence: tuple[str, ...]
    assumption: str
    why: str

    def argument(self, key: str) -> float:
        """Return the named argument of the distribution."""
        return dict(self.arguments)[key]

    def mean(self) -> float:
        """Return the prior mean (used in tables and reports)."""
        args = dict(self.arguments)
        match self.distribution:
            case "beta":
                return args["mean"]
            case "uniform":
                return (args["low"] + args["high"]) / 2
            case "triangular":
                return (args["low"] + args["mode"] + args["high"]) / 3
            case _:
                return args["value"]

    def support(self) -> tuple[float, float]:
        """Return the range of values the prior can produce."""
        args = dict(self.arguments)
        match self.distribution:
            case "beta":
                return (0.0, 1.0)
            case "uniform" | "triangular":
                return (args["low"], args["high"])
            case _:
                return (args["value"], args["value"])

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` values from this prior with ``rng``."""
        args = dict(self.arguments)
        match self.distribution:
            case "beta":
                a = args["mean"] * args["concentration"]
                b = (1.0 - args["mean"]) * args["concentration"]
                return rng.beta(a, b, size)
            case "uniform":
                return rng.uniform(args["low"], args["high"], size)
            case "triangular":
                if args["low"] == args["high"]:
                    return np.full(size, args["low"])
                return rng.triangular(args["low"], args["mode"], args["high"], size)
            case _:
                return np.full(size, args["value"])


@dataclass(frozen=True)
class Reading:
    """A named set of priors over Stalin's motive parameters."""

    name: str
    title: str
    historian: str
    summary: str
    evidence: tuple[str, ...]
    priors: dict[str, Prior]
    path: Path
    sha256: str

    def draw(self, rng: np.random.Generator, size: int) -> dict[str, np.ndarray]:
        """Draw every motive parameter for ``size`` worlds, in a fixed order."""
        return {name: self.priors[name].draw(rng, size) for name in STALIN_MOTIVE_PARAMETERS}

    def means(self) -> dict[str, float]:
        """Return each parameter's prior mean."""
        return {name: self.priors[name].mean() for name in STALIN_MOTIVE_PARAMETERS}


def bundled_reading_names() -> list[str]:
    """Return the names of the readings shipped in ``seeds/readings``."""
    return sorted(path.stem for path in readings_dir().glob("*.toml"))


def resolve_reading_path(name_or_path: str | Path) -> Path:
    """Turn a bundled name or a path into a file path, or raise a one-line error."""
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        return Path(text)
    candidate = readings_dir() / f"{text}.toml"
    if candidate.is_file():
        return candidate
    names = bundled_reading_names()
    close = get_close_matches(text, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise InputError(f"unknown reading '{text}' (bundled: {', '.join(names)}){hint}")


def load_reading(name_or_path: "str | Path | Reading") -> Reading:
    """Load a reading by bundled name or by path (cached by path and content)."""
    if isinstance(name_or_path, Reading):
        return name_or_path
    path = resolve_reading_path(name_or_path).resolve()
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = ""
    return _load_reading_cached(path, digest)


@lru_cache(maxsize=64)
def _load_reading_cached(path: Path, digest: str) -> Reading:
    data = load_toml(path)
    header = require_table(data, "reading", path)
    where = f"{path}: [reading]"
    name = require_string(header, "name", where)
    table = require_table(data, "parameters", path)
    unknown = sorted(set(table) - set(STALIN_MOTIVE_PARAMETERS))
    if unknown:
        close = get_close_matches(unknown[0], list(STALIN_MOTIVE_PARAMETERS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise InputError(f"{path}: [parameters] unknown parameter '{unknown[0]}'{hint}")
    missing = [key for key in STALIN_MOTIVE_PARAMETERS if key not in table]
    if missing:
        raise InputError(
            f"{path}: [parameters] missing a prior for '{missing[0]}' "
            f"(every reading gives all of: {', '.join(STALIN_MOTIVE_PARAMETERS)})"
        )
    priors = {key: _parse_prior(key, table[key], path) for key in STALIN_MOTIVE_PARAMETERS}
    return Reading(
        name=name,
        title=str(header.get("title", name)),
        historian=str(header.get("historian", "")),
        summary=str(header.get("summary", "")),
        evidence=string_list(header, "evidence", where),
        priors=priors,
        path=path,
        sha256=digest,
    )


def _parse_prior(key: str, spec: Any, path: Path) -> Prior:
    where = f"{path}: [parameters.{key}]"
    if not isinstance(spec, dict):
        raise InputError(f"{where}: expected a table with 'distribution' and its arguments")
    family = spec.get("distribution")
    if family not in DISTRIBUTIONS:
        raise InputError(
            f"{where}: distribution = {family!r}: expected one of {', '.join(DISTRIBUTIONS)}"
        )
    arguments = []
    for argument in DISTRIBUTIONS[family]:
        value = spec.get(argument)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(f"{where}: '{argument}' = {value!r}: expected a number")
        arguments.append((argument, float(value)))
    _check_arguments(family, dict(arguments), STALIN_MOTIVE_PARAMETERS[key], where)
    evidence = string_list(spec, "evidence", where)
    assumption = spec.get("assumption", "")
    if not isinstance(assumption, str):
        raise InputError(f"{where}: 'assumption' = {assumption!r}: expected a string")
    if not evidence and not assumption.strip():
        raise InputError(f"{where}: cite 'evidence' ids or state an 'assumption'")
    return Prior(key, family, tuple(arguments), evidence, assumption, str(spec.get("why", "")))


def _check_arguments(family: str, args: dict[str, float], bounds: Any, where: str) -> None:
    low, high = bounds.low, bounds.high
    if family == "beta":
        if not 0.0 < args["mean"] < 1.0 or args["concentration"] <= 0:
            raise InputError(f"{where}: beta needs 0 < mean < 1 and concentration > 0")
        if (low, high) != (0.0, 1.0):
            raise InputError(f"{where}: beta only fits parameters on [0, 1]")
        return
    values = list(args.values())
    if any(not low <= value <= high for value in values):
        raise InputError(f"{where}: values {values} outside the allowed {low:g}..{high:g}")
    if family == "uniform" and args["low"] > args["high"]:
        raise InputError(f"{where}: uniform needs low <= high")
    if family == "triangular" and not args["low"] <= args["mode"] <= args["high"]:
        raise InputError(f"{where}: triangular needs low <= mode <= high")
