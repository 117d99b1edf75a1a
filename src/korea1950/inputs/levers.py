"""The fixed vocabulary of interventions a scenario may make on history.

Why a fixed vocabulary: a lever is applied by the model identically under
every reading, so comparing readings within a scenario is fair. Each lever's
default is the historical course; a scenario changes only what its antecedent
needs (the minimal-rewrite rule).

Three kinds of value:
* a month ``"YYYY-MM"`` or ``"never"`` for a scheduled event;
* ``"rule"`` (the actor decides by its rule), ``"never"`` or ``"always"`` for a
  decision the scenario may force;
* a named choice for the few levers with their own options.
"""

from dataclasses import dataclass, fields
from typing import Any

from korea1950.inputs.calendar import HORIZON, HORIZON_MONTHS, month_index, month_label
from korea1950.inputs.errors import InputError, did_you_mean, shown

NEVER = -1
"""Month index meaning 'does not happen'."""

FIRST_MONTH = month_label(0)
"""The first month a month lever may name (the model's first step)."""


@dataclass(frozen=True)
class LeverSpec:
    """What one lever means, its historical default and the values it accepts."""

    name: str
    default: str | bool
    kind: str  # "month", "decision", "choice" or "switch"
    meaning: str
    choices: tuple[str, ...] = ()


LEVERS: dict[str, LeverSpec] = {
    spec.name: spec
    for spec in [
        LeverSpec("ccp_victory", "1949-10", "month",
                  "month the Communists' victory in China is complete ('never' delays it "
                  "past the horizon)"),
        LeverSpec("acheson_speech", "1950-01", "month",
                  "month Acheson publicly leaves Korea outside the US defensive perimeter"),
        LeverSpec("us_garrison_remains", False, "switch",
                  "the US keeps combat troops in Korea instead of withdrawing them in 1949"),
        LeverSpec("soviet_boycott", "rule", "decision",
                  "whether the Soviet delegate leaves the Security Council over China's seat",
                  ("rule", "never")),
        LeverSpec("soviet_veto", "rule", "decision",
                  "whether a Soviet delegate is at the June 1950 vote to veto UN action",
                  ("rule", "always", "never")),
        LeverSpec("stalin_approval", "full", "choice",
                  "what Stalin may approve: the full invasion, only a limited Ongjin "
                  "operation, or nothing",
                  ("full", "ongjin_only", "never")),
        LeverSpec("kim_attack", "rule", "decision",
                  "whether Kim may attack at all (his own enabling decision)", ("rule", "never")),
        LeverSpec("kim_waits_for_approval", True, "switch",
                  "Kim acts only with a patron's go-ahead (false: he attacks on his own)"),
        LeverSpec("mao_consent", "rule", "decision",
                  "whether Mao can consent to Kim's plan", ("rule", "never")),
        LeverSpec("us_intervention", "rule", "decision",
                  "whether the US may fight for the South", ("rule", "never", "always")),
        LeverSpec("incheon_landing", "rule", "decision",
                  "whether an amphibious counter-stroke is possible", ("rule", "never")),
        LeverSpec("un_cross_38th", "rule", "decision",
                  "whether UN forces may carry the war north of the 38th parallel",
                  ("rule", "never")),
        LeverSpec("china_intervention", "rule", "decision",
                  "whether China may send troops", ("rule", "never")),
        LeverSpec("stalin_death", "1953-03", "month",
                  "month Stalin dies ('never': he lives past the horizon)"),
    ]
}


def _month(name: str) -> int:
    """A month lever's historical default as the model uses it: a step index."""
    return month_index(str(LEVERS[name].default))


def _choice(name: str) -> str:
    """A decision or choice lever's historical default."""
    return str(LEVERS[name].default)


def _switch(name: str) -> bool:
    """A switch lever's historical default."""
    return bool(LEVERS[name].default)


@dataclass(frozen=True)
class Levers:
    """Lever settings resolved for the model: month levers as step indices.

    Why the defaults are looked up: ``LEVERS`` states each lever's historical
    default once; the fields name the levers (with their types) for the model's
    code, and a test checks they are exactly the levers of ``LEVERS``, in order.
    """

    ccp_victory: int = _month("ccp_victory")
    acheson_speech: int = _month("acheson_speech")
    us_garrison_remains: bool = _switch("us_garrison_remains")
    soviet_boycott: str = _choice("soviet_boycott")
    soviet_veto: str = _choice("soviet_veto")
    stalin_approval: str = _choice("stalin_approval")
    kim_attack: str = _choice("kim_attack")
    kim_waits_for_approval: bool = _switch("kim_waits_for_approval")
    mao_consent: str = _choice("mao_consent")
    us_intervention: str = _choice("us_intervention")
    incheon_landing: str = _choice("incheon_landing")
    un_cross_38th: str = _choice("un_cross_38th")
    china_intervention: str = _choice("china_intervention")
    stalin_death: int = _month("stalin_death")

    def changed(self) -> dict[str, Any]:
        """Return the levers that differ from the historical defaults."""
        default = Levers()
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) != getattr(default, f.name)}


ALSO_DECIDES: dict[tuple[str, object], tuple[str, ...]] = {
    ("stalin_approval", "never"): ("stalin_approves",),
    ("stalin_approval", "ongjin_only"): ("ongjin_operation",),
    ("mao_consent", "never"): ("mao_consents",),
    ("kim_attack", "never"): ("invasion",),
    ("un_cross_38th", "never"): ("un_crosses_38th",)}
"""Outcomes a lever's value decides directly, besides the outcome of the lever's own name
(``ongjin_only`` leaves the approval to Stalin's rule but makes the attack the limited one)."""


def imposed_outcomes(levers: Levers) -> set[str]:
    """The outcomes a scenario's levers set directly: the lever's own outcome and those its
    value decides (``ALSO_DECIDES``).

    Why: that the veto scenario has a veto is its premise, not a finding; summaries
    (the study's, ``korea1950 compare``'s) lead with what follows from it instead.
    """
    names: set[str] = set()
    for lever, value in levers.changed().items():
        names |= {lever, *ALSO_DECIDES.get((lever, value), ())}
    return names


def parse_levers(table: dict[str, Any], where: str) -> Levers:
    """Validate a ``[levers]`` table and return resolved ``Levers``; one-line errors.

    Why suggestions: a misspelt lever is the likeliest mistake in a hand-written
    scenario, and silently ignoring it would run history unchanged.
    """
    values: dict[str, Any] = {}
    for key, value in table.items():
        spec = LEVERS.get(key)
        if spec is None:
            raise InputError(f"{where}: unknown lever {shown(key, 40)}"
                             f"{did_you_mean(key, list(LEVERS))} (see docs/scenarios.md)")
        values[key] = _parse_value(spec, value, where)
    return Levers(**values)


def expected_values(spec: LeverSpec) -> str:
    """What a lever accepts, in words (used by error messages and docs/scenarios.md)."""
    if spec.kind == "switch":
        return "true or false"
    if spec.kind == "month":
        return f'a month "YYYY-MM" from {FIRST_MONTH} to {HORIZON} or "never"'
    return " or ".join(f'"{choice}"' for choice in spec.choices)


def _parse_value(spec: LeverSpec, value: Any, where: str) -> int | str | bool:
    label = f"{where}: lever '{spec.name}' = {shown(value)}"
    problem = InputError(f"{label}: expected {expected_values(spec)}")
    if spec.kind == "switch":
        if not isinstance(value, bool):
            raise problem
        return value
    if spec.kind == "month":
        if value == "never":
            return NEVER
        try:
            index = month_index(value)
        except ValueError:
            raise problem from None
        if not 0 <= index < HORIZON_MONTHS:
            raise problem
        return index
    if not isinstance(value, str) or value not in spec.choices:
        raise InputError(f"{label}: expected {expected_values(spec)}"
                         f"{did_you_mean(value, list(spec.choices))}")
    return value


def setting_text(name: str, value: int | str | bool) -> str:
    """A resolved lever value as a scenario file writes it ("1950-06", "never", "true")."""
    if LEVERS[name].kind == "month":
        return "never" if value == NEVER else month_label(int(value))
    return str(value).lower() if isinstance(value, bool) else str(value)


def markdown_table() -> str:
    """The lever table of docs/scenarios.md, generated so the documentation cannot drift."""
    lines = ["| lever | values | default (history) | what it changes |", "|---|---|---|---|"]
    for spec in LEVERS.values():
        default = str(spec.default).lower() if isinstance(spec.default, bool) else spec.default
        lines.append(f"| `{spec.name}` | {expected_values(spec)} | `{default}` | "
                     f"{spec.meaning} |")
    return "\n".join(lines)
