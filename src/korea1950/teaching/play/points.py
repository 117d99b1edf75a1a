"""The decisions a student can take in role-play, with their options, hints and the record.

Each decision point is one rule's ``point`` (``simulation/agents/rules.py``):
option 1 is always "yes" (act), option 2 "no". Which actor decides, and the
lever that replays "no, every time" across many worlds, come from the rule's
declaration; what a student reads is data (``seeds/roleplay.toml``). The
hints are evidence ids from ``seeds/evidence.toml``; the record is what the
real actor did.
"""

from dataclasses import dataclass
from functools import cache

from korea1950.inputs.errors import InputError
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.tomlfile import (
    load_toml,
    reject_unknown,
    require_string,
    require_table,
    string_list,
)
from korea1950.simulation.agents.rules import Rule, rule_table


@dataclass(frozen=True)
class DecisionPoint:
    """A decision the played actor takes, as the student sees it.

    The wording (``question``, the ``yes`` and ``no`` options, the evidence
    ``hints``, what the real actor did as ``record``) is data in
    ``seeds/roleplay.toml``; the actor and the lever come from the rule.
    """

    actor: str
    question: str
    yes: str
    no: str
    hints: tuple[str, ...]
    record: str
    lever_if_never: tuple[str, object] | None = None
    """The scenario lever that reproduces "no, every time" across many worlds."""


WORDING_KEYS = ("question", "yes", "no", "hints", "record")
"""What each point of ``seeds/roleplay.toml`` says."""


@cache
def wording() -> dict[str, dict]:
    """The student's text for each point, read through the TOML gate and checked."""
    path = seeds_dir() / "roleplay.toml"
    data = load_toml(path)
    reject_unknown(data, ("point",), path.name, "table")
    points = require_table(data, "point", path.name)
    texts = {}
    for name, table in points.items():
        where = f"{path.name} [point.{name}]"
        if not isinstance(table, dict):
            raise InputError(f"{where}: expected a table")
        reject_unknown(table, WORDING_KEYS, where)
        texts[name] = {key: require_string(table, key, where) for key in WORDING_KEYS
                       if key != "hints"}
        texts[name]["hints"] = string_list(table, "hints", where)
    return texts


REFUSAL_AMOUNTS_TO: dict[str, str] = {"kim.press": "kim_attack"}
"""Points whose rule obeys no lever, but whose standing refusal another lever replays.

Why: a Kim who never presses never gets the go-ahead, so across many worlds he
never attacks.
"""


def _point(declared: Rule) -> DecisionPoint:
    assert declared.point is not None
    words = wording().get(declared.point)
    if words is None:
        raise InputError(f"roleplay.toml: no [point.\"{declared.point}\"] for the rule "
                         f"{declared.actor}.{declared.name}")
    lever = declared.lever or REFUSAL_AMOUNTS_TO.get(declared.point)
    return DecisionPoint(declared.actor.lower(), lever_if_never=(lever, "never") if lever else None,
                         **words)


POINTS: dict[str, DecisionPoint] = {r.point: _point(r) for r in rule_table() if r.point}
"""Every role-play point, from the rules that declare one."""


def rule_of(point: str) -> Rule:
    """The rule that declares the role-play ``point`` (its actor class and method name)."""
    return next(r for r in rule_table() if r.point == point)
