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
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from korea1950.calendar import HORIZON, HORIZON_MONTHS, month_index, month_label
from korea1950.errors import InputError
from korea1950.levers import Levers, closest_hint, parse_levers, shown
from korea1950.parameters import validate_override
from korea1950.paths import scenarios_dir, seeds_dir
from korea1950.tomlfile import load_toml, require_string, require_table, string_list

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
    candidate = scenarios_dir() / f"{text}.toml"
    if candidate.is_file():
        return candidate
    hint = closest_hint(text, bundled_scenario_names())
    raise InputError(f"unknown scenario {shown(text)} (see 'korea1950 list'){hint}")


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
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise InputError(
            f"{path}: unknown table or key '{shown(unknown[0], 40)[1:-1]}'"
            f"{closest_hint(unknown[0], list(TABLES))} "
            "(expected [scenario], [levers] and optionally [parameters])"
        )
    header = require_table(data, "scenario", path)
    where = f"{path}: [scenario]"
    extra = sorted(set(header) - set(SCENARIO_KEYS))
    if extra:
        raise InputError(f"{where}: unknown key '{shown(extra[0], 40)[1:-1]}'"
                         f"{closest_hint(extra[0], list(SCENARIO_KEYS))}")
    texts = {key: require_string(header, key, where)
             for key in ("name", "title", "antecedent", "date", "feasibility")}
    _check_name(texts["name"], where)
    _check_date(texts["date"], where)
    for key in ("evidence", "cotenability"):
        if key not in header:
            raise InputError(f"{where}: missing key '{key}' (expected a list of strings, "
                             "possibly empty)")
    evidence = string_list(header, "evidence", where)
    _check_evidence(evidence, where)
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
        raise InputError(f"{where}: key 'name' = {shown(name)}: expected lower-case letters, "
                         "digits and underscores, starting with a letter (e.g. \"soviet_veto\")")


def _check_date(date: str, where: str) -> None:
    """The date the antecedent becomes possible: a real month between 1945 and the horizon."""
    try:
        index = month_index(date)
    except ValueError:
        index = None
    if index is None or not EARLIEST_DATE <= index < HORIZON_MONTHS:
        raise InputError(f"{where}: key 'date' = {shown(date)}: expected a month \"YYYY-MM\" "
                         f"from {month_label(EARLIEST_DATE)} to {HORIZON}")


def _check_evidence(evidence: tuple[str, ...], where: str) -> None:
    """Every cited id must exist in seeds/evidence.toml, or the citation is a dead link."""
    known = evidence_ids()
    if not known:
        return
    for item in evidence:
        if item not in known:
            raise InputError(f"{where}: key 'evidence' cites {shown(item)}, which is not an "
                             f"id in seeds/evidence.toml{closest_hint(item, sorted(known))}")


@lru_cache(maxsize=1)
def evidence_ids() -> frozenset[str]:
    """The ids of seeds/evidence.toml (empty if that file is absent or unreadable)."""
    path = seeds_dir() / "evidence.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return frozenset()
    items = data.get("evidence", [])
    return frozenset(item["id"] for item in items
                     if isinstance(item, dict) and isinstance(item.get("id"), str))
