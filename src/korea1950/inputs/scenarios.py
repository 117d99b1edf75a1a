"""Scenarios: a minimal rewrite of history, as data.

A scenario file holds a ``[scenario]`` table (what is changed, from when, why it
was feasible, what else it needs) and a ``[levers]`` table in the fixed
vocabulary of ``korea1950.inputs.levers``; an optional ``[parameters]`` table
overrides model parameters (``korea1950.inputs.parameters.MODEL_PARAMETERS``).
Loading parses TOML only - nothing in a scenario is ever executed - and any
problem is one ``InputError`` line naming the file, the key and what was
expected.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korea1950.inputs.calendar import HORIZON, HORIZON_MONTHS, month_index, month_label
from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.evidence import check_cited, evidence_ids
from korea1950.inputs.levers import Levers, parse_levers
from korea1950.inputs.parameters import validate_override
from korea1950.inputs.paths import scenarios_dir
from korea1950.inputs.tomlfile import (
    load_toml,
    reject_unknown,
    require_string,
    require_table,
    string_list,
)

__all__ = ["Scenario", "bundled_scenario_names", "evidence_ids", "load_scenario",
           "parse_scenario", "resolve_scenario_path"]

SCENARIO_KEYS = ("name", "title", "antecedent", "date", "feasibility", "evidence",
                 "cotenability")
"""Keys of the ``[scenario]`` table; ``evidence`` and ``cotenability`` may be empty lists."""

TABLES = ("scenario", "levers", "parameters")
"""Top-level tables of a scenario file (``parameters`` is optional)."""

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,47}")
"""A scenario name: it labels tables and figures, so a short identifier."""

EARLIEST_DATE = month_index("1945-08")
"""Earliest antecedent date: Korea is divided in August 1945; nothing before is in scope."""


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: its story, its levers and its parameter overrides."""

    name: str
    title: str
    antecedent: str
    date: str
    feasibility: str
    evidence: tuple[str, ...]
    cotenability: tuple[str, ...]
    levers: Levers
    parameters: tuple[tuple[str, float], ...] = ()
    """Model-parameter overrides as sorted (name, value) pairs (hashable, picklable)."""
    path: Path | None = None
    sha256: str = ""


def bundled_scenario_names() -> list[str]:
    """Return the names of the scenarios shipped in ``scenarios/``, baseline first."""
    names = sorted(path.stem for path in scenarios_dir().glob("*.toml"))
    return sorted(names, key=lambda name: (name != "baseline", name))


def resolve_scenario_path(name_or_path: str | Path) -> Path:
    """Turn a bundled name or a path into a file path, or raise a one-line error."""
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        return Path(text)
    names = bundled_scenario_names()
    if text in names:
        return scenarios_dir() / f"{text}.toml"
    raise InputError(f"unknown scenario {shown(text)} (see 'korea1950 list')"
                     f"{did_you_mean(text, names)}")


def load_scenario(name_or_path: "str | Path | Scenario") -> Scenario:
    """Load and validate a scenario by bundled name or path."""
    if isinstance(name_or_path, Scenario):
        return name_or_path
    path = resolve_scenario_path(name_or_path)
    data = load_toml(path)
    return parse_scenario(data, path)


def parse_scenario(data: dict[str, Any], path: Path) -> Scenario:
    """Validate parsed TOML as a scenario; ``path`` is used in messages and the hash."""
    if not data:
        raise InputError(f"{path}: missing table [scenario] (the file holds no settings: "
                         "is it empty or is everything commented out?)")
    reject_unknown(data, TABLES, str(path), "table or key",
                   "expected [scenario], [levers] and optionally [parameters]")
    header = require_table(data, "scenario", path)
    where = f"{path}: [scenario]"
    reject_unknown(header, SCENARIO_KEYS, where)
    texts = {key: require_string(header, key, where)
             for key in ("name", "title", "antecedent", "date", "feasibility")}
    _check_name(texts["name"], where)
    _check_date(texts["date"], where)
    for key in ("evidence", "cotenability"):
        if key not in header:
            raise InputError(f"{where}: missing key '{key}' (expected a list of strings, "
                             "possibly empty)")
    evidence = string_list(header, "evidence", where)
    check_cited(evidence, where)
    levers = parse_levers(require_table(data, "levers", path), f"{path}: [levers]")
    overrides_table = data.get("parameters", {})
    if not isinstance(overrides_table, dict):
        raise InputError(f"{path}: key 'parameters' = {shown(overrides_table)}: expected a "
                         "table [parameters]")
    overrides = {key: validate_override(key, value, f"{path}: [parameters]")
                 for key, value in overrides_table.items()}
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return Scenario(
        name=texts["name"],
        title=texts["title"],
        antecedent=texts["antecedent"],
        date=texts["date"],
        feasibility=texts["feasibility"],
        evidence=evidence,
        cotenability=string_list(header, "cotenability", where),
        levers=levers,
        parameters=tuple(sorted(overrides.items())),
        path=path,
        sha256=digest,
    )


def _check_name(name: str, where: str) -> None:
    """Names label tables, figures and file names, so they are short lower-case identifiers."""
    if not NAME_PATTERN.fullmatch(name):
        raise InputError(f"{where}: key 'name' = {shown(name)}: expected a lower-case letter, "
                         "then letters, digits or _ (e.g. \"soviet_veto\")")


def _check_date(date: str, where: str) -> None:
    """The date the antecedent becomes possible: a real month between 1945 and the horizon."""
    try:
        index = month_index(date)
    except ValueError:
        index = None
    if index is None or not EARLIEST_DATE <= index < HORIZON_MONTHS:
        raise InputError(f"{where}: key 'date' = {shown(date)}: expected a month \"YYYY-MM\" "
                         f"from {month_label(EARLIEST_DATE)} to {HORIZON}")
