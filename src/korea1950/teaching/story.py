"""The story of one simulated world, month by month, with what each actor weighed.

A ``Trace`` is handed to a single-world ``CrisisModel``; the actors' rules
report to it (through ``simulation.agents.rules.rule``) the terms they weighed
and the evidence their rule rests on. ``tell`` runs the world and renders the
story as text, Markdown or HTML, quoting each piece of evidence the first time
it is cited.
"""

import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from korea1950.inputs.calendar import month_label, month_name
from korea1950.inputs.events import EVENTS
from korea1950.inputs.evidence import cite
from korea1950.running.worlds import one_world
from korea1950.simulation.agents.rules import find_rule

ACTOR_NAMES = {"Kim": "Kim Il Sung", "Stalin": "Stalin", "Mao": "Mao Zedong",
               "UnitedStates": "The United States", "SouthKorea": "Syngman Rhee",
               "SecurityCouncil": "The Security Council"}


@dataclass
class Decision:
    """One rule firing in the traced world."""

    actor: str
    rule: str
    terms: dict[str, object]
    evidence: tuple[str, ...]


@dataclass
class Month:
    """What happened in one month of the traced world."""

    index: int
    events: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


class Trace:
    """Collects what the rules report in a single-world model."""

    def __init__(self) -> None:
        self.months: dict[int, Month] = {}

    def note(self, month: int, actor: str, rule: str, terms: dict, evidence: tuple) -> None:
        """Record a rule that fired (terms are arrays of length one, or scalars)."""
        values = {name: _scalar(value) for name, value in terms.items()}
        self.month(month).decisions.append(Decision(actor, rule, values, tuple(evidence)))

    def month(self, index: int) -> Month:
        """The record of month ``index``, created on first use."""
        return self.months.setdefault(index, Month(index))


def _scalar(value: object) -> object:
    array = np.asarray(value)
    return array.reshape(-1)[0].item() if array.size else None


def trace_world(scenario: str = "baseline", reading: str = "stueck", seed: int = 1) -> Trace:
    """Run one world with a trace attached and return the trace, events included."""
    trace = Trace()
    model = one_world(scenario, reading, seed, trace=trace)
    while model.running:
        month = model.world.month
        model.step()
        happened = [name for name in EVENTS if model.world.events[name][0] == month]
        if happened:
            trace.month(month).events.extend(happened)
    return trace


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _lines(trace: Trace) -> list[tuple[str, str]]:
    """The story as (kind, text) pairs: month, event, decision, quote."""
    cited: set[str] = set()
    out: list[tuple[str, str]] = []
    for index in sorted(trace.months):
        month = trace.months[index]
        if not month.events and not month.decisions:
            continue
        out.append(("month", f"{month_name(index)} ({month_label(index)})"))
        for event in month.events:
            out.append(("event", EVENTS[event][0].upper() + EVENTS[event][1:]))
        for decision in month.decisions:
            weighed = "; ".join(f"{name.replace('_', ' ')} = {_value(value)}"
                                for name, value in decision.terms.items())
            actor = ACTOR_NAMES.get(decision.actor, decision.actor)
            declared = find_rule(decision.actor, decision.rule)
            title = declared.title if declared else decision.rule.replace("_", " ")
            basis = (f"evidence: {', '.join(decision.evidence)}" if decision.evidence
                     else f"assumption: {declared.assumption if declared else 'not declared'}")
            out.append(("decision", f"{actor} {title} — weighed: {weighed} — {basis}"))
            for evidence_id in decision.evidence:
                if evidence_id not in cited:
                    cited.add(evidence_id)
                    out.append(("quote", cite(evidence_id)))
    return out


def render(trace: Trace, fmt: str = "text", title: str = "") -> str:
    """The story as plain text, Markdown or a complete HTML page."""
    lines = _lines(trace)
    if fmt == "markdown":
        body = [f"# {title}", ""] if title else []
        for kind, text in lines:
            body += {"month": [f"\n## {text}", ""], "event": [f"- **{text}**"],
                     "decision": [f"- {text}"], "quote": [f"  > {text}"]}[kind]
        return "\n".join(body) + "\n"
    if fmt == "html":
        parts = [f"<h1>{html.escape(title)}</h1>"] if title else []
        for kind, text in lines:
            safe = html.escape(text)
            parts.append({"month": f"<h2>{safe}</h2>", "event": f"<p><strong>{safe}</strong></p>",
                          "decision": f"<p>{safe}</p>",
                          "quote": f"<blockquote>{safe}</blockquote>"}[kind])
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(title)}</title></head><body>\n"
                + "\n".join(parts) + "\n</body></html>\n")
    body = [title, "=" * len(title)] if title else []
    for kind, text in lines:
        body.append({"month": f"\n{text}", "event": f"  * {text}", "decision": f"  - {text}",
                     "quote": f"      {text}"}[kind])
    return "\n".join(body) + "\n"


def tell(scenario: str = "baseline", reading: str = "stueck", seed: int = 1,
         fmt: str = "text") -> str:
    """Run one world and return its story."""
    trace = trace_world(scenario, reading, seed)
    name = Path(str(scenario)).stem
    return render(trace, fmt, f"One world: scenario {name}, reading {reading}, seed {seed}")
