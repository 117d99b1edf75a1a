"""Readings of Stalin's intent: prior distributions over his motive parameters.

A reading is data (``seeds/readings/NAME.toml``), not code, so a historian can
add a third reading by writing a file. Each parameter's prior cites evidence
ids or states openly that it is an assumption; loading checks that, and that
every parameter in ``STALIN_MOTIVE_PARAMETERS`` has a prior: the contested ones
from the reading, the shared ones (which neither historian speaks to) from
``seeds/stalin_shared.toml`` unless the reading restates them.
"""

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from korea1950.inputs.catalogue import Catalogue, file_digest
from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.evidence import check_cited
from korea1950.inputs.labels import READING_HISTORIANS, remember_title
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.paths import readings_dir
from korea1950.inputs.tomlfile import (
    load_toml,
    optional_string,
    reject_unknown,
    require_number,
    require_string,
    require_table,
    string_list,
)
from korea1950.memo import Memo

DISTRIBUTIONS = {
    "beta": ("mean", "concentration"),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "fixed": ("value",),
}
"""Supported prior families and the keys each needs."""

OPTIONAL_ARGUMENTS = {"beta": ("mean_range",)}
"""Keys a family may add: a beta prior's ``mean_range`` is the range of its mean the cited
words allow (for robustness analyses); it does not change the draws."""

PRIOR_KEYS = ("distribution", "evidence", "assumption", "why")
"""Keys every prior may hold besides its family's arguments."""

READING_TABLES = ("reading", "parameters")
"""Top-level tables of a reading file."""

HEADER_KEYS = ("name", "title", "historian", "summary", "evidence")
"""Keys of the ``[reading]`` table."""

BETA_MEAN = (1e-6, 1.0 - 1e-6)
"""Allowed range of a beta prior's mean: closer to 0 or 1 it is a fixed value in disguise,
and the draws underflow to exactly 0 or 1."""

RANGE_ENDS = 2
"""A ``mean_range`` is written ``[low, high]``."""

CONCENTRATION = (0.5, 10_000.0)
"""Allowed range of a beta prior's concentration (alpha + beta): below 0.5 nearly every draw
sits at 0 or 1; above 10,000 the prior is a fixed value (use ``fixed``)."""


@dataclass(frozen=True)
class Prior:
    """One parameter's prior: family, its arguments and its justification."""

    parameter: str
    distribution: str
    arguments: tuple[tuple[str, float], ...]
    evidence: tuple[str, ...]
    assumption: str
    why: str
    mean_range: tuple[float, float] | None = None
    """For a beta prior, the (low, high) range of the mean its sources allow, if the file says."""

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

    def draw(self, rng: np.random.Generator, size: int,
             fixed: Collection[str] = ()) -> dict[str, np.ndarray]:
        """Draw every motive parameter for ``size`` worlds, each from its own stream.

        Why own streams: ``rng`` gives up one number whatever the priors, and each
        parameter draws from a child of it; so changing one prior (a robustness
        variant, a user's reading) changes that parameter's draws only, and every
        other draw of the world - the other priors, the stances, the war - stays
        the same (common random numbers).

        Names in ``fixed`` (values the caller sets itself) are not drawn; the
        others are the same numbers either way.
        """
        entropy = int(rng.integers(2**63))
        return {name: _drawn(self.priors[name], entropy, child, size)
                for child, name in enumerate(STALIN_MOTIVE_PARAMETERS) if name not in fixed}

    def means(self) -> dict[str, float]:
        """Return each parameter's prior mean."""
        return {name: self.priors[name].mean() for name in STALIN_MOTIVE_PARAMETERS}


LARGEST_KEPT = 32_768
"""The most worlds whose draws a run keeps: one block (``running.blocks.BLOCK``, which a test
checks it equals). A model of more worlds built directly would keep arrays of a size no
ensemble block ever asks for again."""

DRAWS = Memo(256)
"""Each prior's draws by (its family and arguments, its stream, how many), kept per process.

Why: every scenario of a study, every coalition of the weighing and every
switch on the page is run with the same seeds, so its blocks draw the same
motives; and a member of the prior family changes one prior of twenty. A beta
draw is slow (a tenth of a block's time at 32,768 worlds), and a kept draw is
the very same numbers, so the results do not change. The arrays are read-only:
a rule that wrote into one would change the next run's draws. 256 draws are
a dozen blocks of 32,768 worlds (a study's worker needs the four blocks of a
run under each reading), 64 MB at most.
"""


def _drawn(prior: Prior, entropy: int, child: int, size: int) -> np.ndarray:
    """``prior``'s draws from child ``child`` of ``SeedSequence(entropy)``, kept in ``DRAWS``."""

    def draw() -> np.ndarray:
        stream = np.random.SeedSequence(entropy, spawn_key=(child,))
        values = prior.draw(np.random.default_rng(stream), size)
        values.flags.writeable = False
        return values

    if size > LARGEST_KEPT:
        return draw()
    key = (prior.distribution, prior.arguments, entropy, child, size)
    return DRAWS.get(key, draw)[0]


CATALOGUE = Catalogue("reading", readings_dir, "bundled: {names}")
"""The bundled readings (``seeds/readings/*.toml``), by name or path."""


def bundled_reading_names() -> list[str]:
    """Return the names of the readings shipped in ``seeds/readings``."""
    return CATALOGUE.names()


def resolve_reading_path(name_or_path: str | Path) -> Path:
    """Turn a bundled name or a path into a file path, or raise a one-line error."""
    return CATALOGUE.resolve(name_or_path)


def load_reading(name_or_path: "str | Path | Reading") -> Reading:
    """Load a reading by bundled name or by path (cached by path and content)."""
    if isinstance(name_or_path, Reading):
        reading = name_or_path
    else:
        path = resolve_reading_path(name_or_path).resolve()
        reading = _load_reading_cached(path, file_digest(path),
                                       file_digest(shared_priors_path()))
    remember_title(reading.name, reading.title)
    return reading


@lru_cache(maxsize=64)
def _load_reading_cached(path: Path, digest: str, shared_digest: str) -> Reading:
    """Why both digests: a reading takes its shared priors from another file, so an edit to
    either (in a long-running page server, say) must load afresh."""
    data = load_toml(path)
    reject_unknown(data, READING_TABLES, str(path), "table or key",
                   "expected [reading] and [parameters.NAME] tables")
    header = require_table(data, "reading", path)
    where = f"{path}: [reading]"
    reject_unknown(header, HEADER_KEYS, where)
    evidence = string_list(header, "evidence", where)
    check_cited(evidence, where)
    name = require_string(header, "name", where)
    table = require_table(data, "parameters", path)
    _check_parameter_names(table, f"{path}: [parameters]")
    priors = shared_priors(shared_digest) | {key: parse_prior(key, spec,
                                                             f"{path}: [parameters.{key}]")
                                for key, spec in table.items()}
    priors = {key: priors[key] for key in STALIN_MOTIVE_PARAMETERS}
    _check_own_name(name, digest, where)
    return Reading(
        name=name,
        title=optional_string(header, "title", where, name),
        historian=optional_string(header, "historian", where),
        summary=optional_string(header, "summary", where),
        evidence=evidence,
        priors=priors,
        path=path,
        sha256=digest,
    )


def _check_own_name(name: str, digest: str, where: str) -> None:
    """Refuse a file that takes a bundled reading's name without being that reading (the same
    content: a copy elsewhere is the same reading).

    Why: tables, figures and the weighing tell readings apart by name, and a
    bundled name is labelled by its historian ("Donggil Kim's reading"), so an
    edited copy would credit him with priors that are not his.
    """
    if name in bundled_reading_names() and digest != file_digest(resolve_reading_path(name)):
        raise InputError(f"{where}: name {name!r} is the bundled reading of "
                         f"{READING_HISTORIANS.get(name, name)}, and this file differs from it; "
                         "give yours a name of its own")


def _check_parameter_names(table: dict[str, Any], where: str) -> None:
    """Every contested parameter has a prior, and nothing unknown does.

    A shared parameter (``Parameter.shared``: neither historian speaks to it)
    takes its prior from ``seeds/stalin_shared.toml`` unless the reading restates it.
    """
    reject_unknown(table, list(STALIN_MOTIVE_PARAMETERS), where, "parameter")
    contested = [key for key, spec in STALIN_MOTIVE_PARAMETERS.items() if not spec.shared]
    missing = [key for key in contested if key not in table]
    if missing:
        raise InputError(f"{where} missing a prior for '{missing[0]}' (every reading gives "
                         f"all of: {', '.join(contested)})")


def shared_priors_path() -> Path:
    """The priors every reading shares: Stalin's goals and beliefs neither historian discusses."""
    return readings_dir().parent / "stalin_shared.toml"


@lru_cache(maxsize=4)
def shared_priors(digest: str = "") -> dict[str, Prior]:
    """The shared priors, one per parameter marked ``shared`` in the registry.

    ``digest`` (the file's SHA-256) is the cache key: an edited file loads afresh.
    """
    path = shared_priors_path()
    data = load_toml(path)
    reject_unknown(data, ("parameters",), str(path), "table")
    table = require_table(data, "parameters", path)
    shared = [key for key, spec in STALIN_MOTIVE_PARAMETERS.items() if spec.shared]
    reject_unknown(table, shared, f"{path}: [parameters]", "shared parameter")
    missing = [key for key in shared if key not in table]
    if missing:
        raise InputError(f"{path}: [parameters] missing the shared prior for '{missing[0]}'")
    return {key: parse_prior(key, table[key], f"{path}: [parameters.{key}]") for key in shared}


def parse_prior(key: str, spec: Any, where: str) -> Prior:
    """Validate one ``[parameters.KEY]`` table as the prior of motive parameter ``key``.

    ``where`` names the file and table in messages. Each check is its own small
    function so the list of parameters can change without touching them.
    """
    if not isinstance(spec, dict):
        raise InputError(f"{where}: expected a table with 'distribution' and its arguments")
    family = _family(spec, where)
    reject_unknown(spec, (*PRIOR_KEYS, *DISTRIBUTIONS[family],
                          *OPTIONAL_ARGUMENTS.get(family, ())), where,
                   expected=f"a {family} prior takes {', '.join(DISTRIBUTIONS[family])}")
    bounds = STALIN_MOTIVE_PARAMETERS[key]
    arguments = _arguments(family, spec, (bounds.low, bounds.high), where)
    evidence = string_list(spec, "evidence", where)
    check_cited(evidence, where)
    assumption = optional_string(spec, "assumption", where)
    if not evidence and not assumption.strip():
        raise InputError(f"{where}: cite 'evidence' ids or state an 'assumption'")
    mean_range = _mean_range(spec, arguments, where) if "mean_range" in spec else None
    return Prior(key, family, tuple(arguments.items()), evidence, assumption,
                 optional_string(spec, "why", where), mean_range)


def _family(spec: dict[str, Any], where: str) -> str:
    family = spec.get("distribution")
    if not isinstance(family, str) or family not in DISTRIBUTIONS:
        hint = did_you_mean(family, list(DISTRIBUTIONS))
        raise InputError(f"{where}: distribution = {shown(family)}: expected one of "
                         f"{', '.join(DISTRIBUTIONS)}{hint}")
    return family


def _arguments(family: str, spec: dict[str, Any], bounds: tuple[float, float],
               where: str) -> dict[str, float]:
    """The family's arguments as finite numbers within their documented ranges."""
    if family == "beta":
        if bounds != (0.0, 1.0):
            raise InputError(f"{where}: beta only fits parameters on [0, 1]")
        return {"mean": require_number(spec.get("mean"), f"{where}: 'mean'", *BETA_MEAN),
                "concentration": require_number(spec.get("concentration"),
                                                f"{where}: 'concentration'", *CONCENTRATION)}
    args = {name: require_number(spec.get(name), f"{where}: '{name}'", *bounds)
            for name in DISTRIBUTIONS[family]}
    if family == "uniform" and args["low"] > args["high"]:
        raise InputError(f"{where}: uniform needs low <= high")
    if family == "triangular" and not args["low"] <= args["mode"] <= args["high"]:
        raise InputError(f"{where}: triangular needs low <= mode <= high")
    return args


def _mean_range(spec: dict[str, Any], arguments: dict[str, float],
                where: str) -> tuple[float, float]:
    """A beta prior's ``mean_range = [low, high]``: 0 < low <= mean <= high < 1."""
    value = spec["mean_range"]
    if not isinstance(value, list) or len(value) != RANGE_ENDS:
        raise InputError(f"{where}: 'mean_range' = {shown(value)}: expected [low, high] with "
                         "0 < low <= mean <= high < 1")
    low, high = (require_number(item, f"{where}: 'mean_range'", *BETA_MEAN) for item in value)
    if not low <= arguments["mean"] <= high:
        raise InputError(f"{where}: 'mean_range' = [{low:g}, {high:g}]: expected low <= mean "
                         f"({arguments['mean']:g}) <= high")
    return (low, high)


def markdown_table(readings: list[Reading] | None = None) -> str:
    """The table of Stalin's goals and beliefs in docs/ODD.md, generated so it cannot drift.

    One row per parameter: its kind, whether the historians disagree about it,
    its meaning, and each reading's prior mean (with the range its sources allow).
    """
    readings = readings or [load_reading(name) for name in bundled_reading_names()]
    head = ["parameter", "kind", "contested?", "meaning", *[r.name for r in readings]]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, spec in STALIN_MOTIVE_PARAMETERS.items():
        cells = [f"`{name}`", spec.kind, "shared" if spec.shared else "**contested**",
                 spec.meaning]
        for reading in readings:
            prior = reading.priors[name]
            span = prior.mean_range or prior.support()
            cells.append(f"{prior.mean():.3g} ({span[0]:.3g}–{span[1]:.3g})")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
