"""Scenarios: a minimal rewrite of history, as data.

A scenario file holds a ``[scenario]`` table (what is changed, from when, why it
was feasible, what else it needs) and a ``[levers]`` table in the fixed
vocabulary of ``korea1950.inputs.levers``; an optional ``[parameters]`` table
overrides model parameters (``korea1950.inputs.parameters.MODEL_PARAMETERS``).
Loading parses TOML only - nothing in a scenario is ever executed - and any
problem is one ``InputError`` line naming the file, the key and what was
expected.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korea1950.inputs.calendar import HORIZON, HORIZON_MONTHS, month_index, month_label
from korea1950.inputs.catalogue import Catalogue, file_digest
from korea1950.inputs.errors import InputError, shown
from korea1950.inputs.evidence import check_cited, evidence_ids
from korea1950.inputs.levers import LEVERS, Levers, parse_levers
from korea1950.inputs.parameters import validate_override
from korea1950.inputs.paths import scenarios_dir
from korea1950.inputs.tomlfile import (
    optional_string,
    reject_unknown,
    require_string,
    require_table,
    string_list,
)

__all__ = ["Scenario", "bundled_scenario_names", "evidence_ids", "load_scenario",
           "parse_scenario", "resolve_scenario_path"]

SCENARIO_KEYS = ("name", "title", "antecedent", "date", "feasibility", "evidence",
                 "cotenability", "switch", "switch_name")
"""Keys of the ``[scenario]`` table; ``evidence`` and ``cotenability`` may be empty lists,
``switch`` and ``switch_name`` may be absent."""

SWITCH_LABEL_LIMIT = 40
"""Longest ``switch`` label: it sits beside a checkbox in the page's narrow sidebar."""

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
    switch: str = ""
    """The label of the classroom switch that applies these levers ("" if it offers none)."""
    switch_name: str = ""
    """The switch's key on the page: the scenario's name unless the file says otherwise."""


CATALOGUE = Catalogue("scenario", scenarios_dir, "see 'korea1950 list'", first="baseline")
"""The bundled scenarios (``scenarios/*.toml``), by name or path."""


def bundled_scenario_names() -> list[str]:
    """Return the names of the scenarios shipped in ``scenarios/``, baseline first."""
    return CATALOGUE.names()


def resolve_scenario_path(name_or_path: str | Path) -> Path:
    """Turn a bundled name or a path into a file path, or raise a one-line error."""
    return CATALOGUE.resolve(name_or_path)


def load_scenario(name_or_path: "str | Path | Scenario") -> Scenario:
    """Load and validate a scenario by bundled name or path."""
    if isinstance(name_or_path, Scenario):
        return name_or_path
    path, data = CATALOGUE.load(name_or_path)
    return parse_scenario(data, path)


@functools.cache
def scenario_title(name: str) -> str:
    """A scenario by its own title ("The Soviet delegate returns and vetoes"), for a reader.

    A name that is no bundled scenario (a row of a hand-written table) is shown
    with spaces for underscores rather than failing the figure or the text.
    """
    try:
        return load_scenario(name).title
    except (InputError, OSError):
        return name.replace("_", " ")


def switches() -> dict[str, tuple[str, dict[str, Any]]]:
    """The classroom page's switches: key -> (label, the levers it sets), from the scenarios.

    Why from the files: a switch applies one bundled scenario's levers on top of
    whatever scenario the class chose, so the scenario file is its one
    definition; a scenario offers itself with a ``switch`` label. Ordered as the
    lever vocabulary is (historical order), so the page lists them as events came.
    """
    order = list(LEVERS)
    offered = [scenario for scenario in map(load_scenario, bundled_scenario_names())
               if scenario.switch]
    offered.sort(key=lambda s: min(order.index(name) for name in s.levers.changed()))
    return {s.switch_name: (s.switch, s.levers.changed()) for s in offered}


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
    switch = _switch(header, levers, where)
    digest = file_digest(path)
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
        switch=switch,
        switch_name=(optional_string(header, "switch_name", where) or texts["name"]
                     if switch else ""),
    )


def _switch(header: dict[str, Any], levers: Levers, where: str) -> str:
    """The ``switch`` label, checked: short, one line, and on a scenario that changes history.

    ``switch_name`` (the page's key for it, when it is not the scenario's name) needs a label.
    """
    label = optional_string(header, "switch", where)
    if "switch_name" in header:
        if not label:
            raise InputError(f"{where}: key 'switch_name' needs a 'switch' label beside it")
        key = optional_string(header, "switch_name", where)
        if not NAME_PATTERN.fullmatch(key):
            raise InputError(f"{where}: key 'switch_name' = {shown(key)}: expected a lower-case "
                             "letter, then letters, digits or _")
    if "switch" not in header:
        return ""
    if not label.strip() or "\n" in label or len(label) > SWITCH_LABEL_LIMIT:
        raise InputError(f"{where}: key 'switch' = {shown(label)}: expected a label of one line "
                         f"and at most {SWITCH_LABEL_LIMIT} characters")
    if not levers.changed():
        raise InputError(f"{where}: key 'switch': a switch must change at least one lever "
                         "from history")
    return label


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
