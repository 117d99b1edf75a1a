"""Every number the actors' rules and the war submodel use, with where it comes from.

Why a registry: a rule never hides a constant. Each parameter says what it
means, its default, the range a scenario may set it to, and either the
evidence ids it rests on or, where the documents are silent, the assumption
it is. The registry is data, ``seeds/parameters.toml`` beside the readings, so
a historian can read and amend it without reading Python; it passes the same
TOML gate and the same kind of checks as a scenario or a reading, and
``docs/ODD.md``'s tables are generated from it.

Two kinds live there:

* ``MODEL_PARAMETERS`` (``[model.NAME]`` tables) - Kim's, Mao's, the US's, the
  war's and the reading-independent parts of Stalin's behaviour. One value for
  every world; a scenario's ``[parameters]`` table may override them.
* ``STALIN_MOTIVE_PARAMETERS`` (``[stalin.NAME]`` tables) - what the two
  historians disagree about. Each reading (``seeds/readings/*.toml``) gives a
  prior distribution for every one of them, with its sources, and each world
  draws its own values from it.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.evidence import check_cited
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.tomlfile import (
    load_toml,
    optional_string,
    reject_unknown,
    require_string,
    string_list,
)

GROUPS = ("model", "stalin")
"""Top-level tables of the registry: one ``[GROUP.NAME]`` table per parameter."""

COMMON_KEYS = ("default", "low", "high", "meaning")
"""Keys every entry must hold."""

GROUP_KEYS = {"model": (*COMMON_KEYS, "evidence", "assumption", "calibrated_on"),
              "stalin": (*COMMON_KEYS, "kind", "shared")}
"""Keys each group's entries may hold. A Stalin parameter cites no sources here: each
reading's prior for it does (and must), so the sources sit beside the numbers they justify."""

KINDS = ("goal", "belief", "observation")
"""What a Stalin parameter is: something he wants, something he expects, or how his
letters render what he thought."""

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""A parameter name: scenario files and rules use it as a key, so an identifier."""


@dataclass(frozen=True)
class Parameter:
    """One named number: meaning, default, allowed range and its source."""

    name: str
    default: float
    low: float
    high: float
    meaning: str
    evidence: tuple[str, ...] = ()
    assumption: str = ""
    calibrated_on: tuple[str, ...] = ()
    """Record facts (``seeds/record.toml``, ``use = "calibration"``) this value was set from;
    the record's loader refuses one that names a test fact."""
    kind: str = ""
    """For Stalin's parameters: "goal", "belief" or "observation" (how he writes letters)."""
    shared: bool = False
    """For Stalin's parameters: True if neither historian speaks to it (every reading agrees)."""


def registry_path() -> Path:
    """The registry file, ``seeds/parameters.toml``."""
    return seeds_dir() / "parameters.toml"


def load_registry(path: Path) -> tuple[dict[str, Parameter], dict[str, Parameter]]:
    """The model parameters and Stalin's motive parameters of ``path``, in file order.

    Why order matters: each world draws Stalin's parameters from one random
    stream per parameter, in this order, and the tables list them so.
    Any problem is one ``InputError`` line naming the file, the table and the key.
    """
    data = load_toml(path)
    reject_unknown(data, GROUPS, str(path), "table", "expected [model.NAME] and [stalin.NAME]")
    groups = {}
    for group in GROUPS:
        entries = data.get(group, {})
        if not isinstance(entries, dict) or not entries:
            raise InputError(f"{path}: expected at least one [{group}.NAME] table")
        groups[group] = {name: _parse_entry(group, name, entry, f"{path}: [{group}.{name}]")
                         for name, entry in entries.items()}
    both = sorted(set(groups["model"]) & set(groups["stalin"]))
    if both:
        raise InputError(f"{path}: '{both[0]}' is both a [model] and a [stalin] parameter")
    return groups["model"], groups["stalin"]


def _parse_entry(group: str, name: str, entry: Any, where: str) -> Parameter:
    """One ``[GROUP.NAME]`` table as a ``Parameter``, checked key by key."""
    if not NAME_PATTERN.fullmatch(name):
        raise InputError(f"{where}: expected a name of lower-case letters, digits and _")
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a table with {', '.join(COMMON_KEYS)}")
    reject_unknown(entry, GROUP_KEYS[group], where)
    low, default, high = (_number(entry, key, where) for key in ("low", "default", "high"))
    if not low <= default <= high:
        raise InputError(f"{where}: expected low <= default <= high, got {low:g}, {default:g}, "
                         f"{high:g}")
    meaning = require_string(entry, "meaning", where)
    if group == "stalin":
        kind = require_string(entry, "kind", where)
        if kind not in KINDS:
            raise InputError(f"{where}: key 'kind' = {shown(kind)}: expected one of "
                             f"{', '.join(KINDS)}{did_you_mean(kind, KINDS)}")
        shared = entry.get("shared")
        if not isinstance(shared, bool):
            raise InputError(f"{where}: key 'shared' = {shown(shared)}: expected true or false")
        return Parameter(name, default, low, high, meaning, kind=kind, shared=shared)
    evidence = string_list(entry, "evidence", where)
    check_cited(evidence, where)
    assumption = optional_string(entry, "assumption", where)
    if not evidence and not assumption.strip():
        raise InputError(f"{where}: cite 'evidence' ids or state an 'assumption'")
    calibrated_on = string_list(entry, "calibrated_on", where)
    return Parameter(name, default, low, high, meaning, evidence, assumption,
                     calibrated_on=calibrated_on)


def _number(entry: dict[str, Any], key: str, where: str) -> float:
    """``entry[key]`` as written (an integer stays one, so a month count stays a count)."""
    value = entry.get(key)
    if value is None:
        raise InputError(f"{where}: missing key '{key}' (expected a number)")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where}: key '{key}' = {shown(value)}: expected a number")
    return value


MODEL_PARAMETERS, STALIN_MOTIVE_PARAMETERS = load_registry(registry_path())
"""``MODEL_PARAMETERS``: one value for every world, overridable by a scenario.
``STALIN_MOTIVE_PARAMETERS``: Stalin's goals and beliefs; each reading gives a prior for
every one (checked when loaded). A reading may not set how often he vetoes or how long he
prolongs the war: his acts follow from these through one decision rule
(``agents/stalin_calculus.py``). ``shared`` marks what neither historian speaks to; the
bundled readings give those the same prior (a test checks it)."""


def validate_override(name: str, value: object, where: str) -> float:
    """Return ``value`` as a float if ``name`` is a model parameter and value is in range.

    Raises ``InputError`` with a one-line message naming ``where`` otherwise.
    """
    if name not in MODEL_PARAMETERS:
        raise InputError(f"{where}: unknown parameter {shown(name)}"
                         f"{did_you_mean(name, list(MODEL_PARAMETERS))}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where}: parameter '{name}' = {shown(value)}: expected a number")
    spec = MODEL_PARAMETERS[name]
    if not spec.low <= float(value) <= spec.high:
        raise InputError(
            f"{where}: parameter '{name}' = {shown(value)}: expected a number "
            f"between {spec.low:g} and {spec.high:g}"
        )
    return float(value)


def markdown_table() -> str:
    """The parameter table of docs/ODD.md, generated so the documentation cannot drift."""
    rows = ["| parameter | default | range | meaning | source |", "|---|---|---|---|---|"]
    for spec in MODEL_PARAMETERS.values():
        source = ", ".join(f"`{item}`" for item in spec.evidence)
        if spec.assumption:
            source = (source + "; " if source else "") + "**assumption:** " + spec.assumption
        if spec.calibrated_on:
            facts = ", ".join(f"`{fact}`" for fact in spec.calibrated_on)
            source = f"{source}; **calibrated on** {facts}"
        rows.append(f"| `{spec.name}` | {spec.default:g} | {spec.low:g}–{spec.high:g} "
                    f"| {spec.meaning} | {source} |")
    return "\n".join(rows)
