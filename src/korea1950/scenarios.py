"""Scenarios: a minimal rewrite of history, as data.

A scenario file holds a ``[scenario]`` table (what is changed, from when, why it
was feasible, what else it needs) and a ``[levers]`` table in the fixed
vocabulary of ``korea1950.levers``; an optional ``[parameters]`` table
overrides model parameters (``korea1950.parameters.MODEL_PARAMETERS``).
Loading parses TOML only - nothing in a scenario is ever executed - and any
problem is one ``InputError`` line naming the file, the key and what was
expected.
"""

import hashlib
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from korea1950.calendar import month_index
from korea1950.errors import InputError
from korea1950.levers import Levers, parse_levers
from korea1950.parameters import validate_override
from korea1950.paths import scenarios_dir
from korea1950.tomlfile import load_toml, require_string, require_table, string_list

SCENARIO_KEYS = ("name", "title", "antecedent", "date", "feasibility", "evidence",
                 "cotenability")
"""Keys of the ``[scenario]`` table; ``evidence`` and ``cotenability`` may be empty lists."""


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
    candidate = scenarios_dir() / f"{text}.toml"
    if candidate.is_file():
        return candidate
    names = bundled_scenario_names()
    close = get_close_matches(text, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise InputError(f"unknown scenario '{text}' (see 'korea1950 list'){hint}")


def load_scenario(name_or_path: "str | Path | Scenario") -> Scenario:
    """Load and validate a scenario by bundled name or path."""
    if isinstance(name_or_path, Scenario):
        return name_or_path
    path = resolve_scenario_path(name_or_path)
    data = load_toml(path)
    return parse_scenario(data, path)


def parse_scenario(data: dict[str, Any], path: Path) -> Scenario:
    """Validate parsed TOML as a scenario; ``path`` is used in messages and the hash."""
    unknown = sorted(set(data) - {"scenario", "levers", "parameters"})
    if unknown:
        raise InputError(
            f"{path}: unknown table or key '{unknown[0]}' "
            "(expected [scenario], [levers] and optionally [parameters])"
        )
    header = require_table(data, "scenario", path)
    where = f"{path}: [scenario]"
    extra = sorted(set(header) - set(SCENARIO_KEYS))
    if extra:
        close = get_close_matches(extra[0], SCENARIO_KEYS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise InputError(f"{where}: unknown key '{extra[0]}'{hint}")
    texts = {key: require_string(header, key, where)
             for key in ("name", "title", "antecedent", "date", "feasibility")}
    try:
        month_index(texts["date"])
    except ValueError:
        raise InputError(
            f"{where}: key 'date' = {texts['date']!r}: expected a month \"YYYY-MM\""
        ) from None
    for key in ("evidence", "cotenability"):
        if key not in header:
            raise InputError(f"{where}: missing key '{key}' (expected a list of strings)")
    levers = parse_levers(require_table(data, "levers", path), f"{path}: [levers]")
    overrides_table = data.get("parameters", {})
    if not isinstance(overrides_table, dict):
        raise InputError(f"{path}: key 'parameters' must be a table")
    overrides = {key: validate_override(key, value, f"{path}: [parameters]")
                 for key, value in overrides_table.items()}
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return Scenario(
        name=texts["name"],
        title=texts["title"],
        antecedent=texts["antecedent"],
        date=texts["date"],
        feasibility=texts["feasibility"],
        evidence=string_list(header, "evidence", where),
        cotenability=string_list(header, "cotenability", where),
        levers=levers,
        parameters=tuple(sorted(overrides.items())),
        path=path,
        sha256=digest,
    )
