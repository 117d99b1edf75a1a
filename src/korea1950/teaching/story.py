"""The story of one simulated world, month by month, with what each actor weighed.

A ``Trace`` is handed to a single-world ``CrisisModel``; the actors' rules
report to it (through ``simulation.agents.rules.rule``) the terms they weighed
and the evidence their rule rests on. ``tell`` runs the world and renders the
story as text, Markdown or HTML, quoting each piece of evidence the first time
it is cited.

Why the story leaves things out: a world runs to the end of its war or to
the horizon (December 1956), and most rules are asked again every month. The
story tells a decision only when it is news (``_signature``), folds a run of
months without news into one "nothing changes" line, says the terms in words
(``story_terms``) and closes with a summary of what happened and which rules
decided it (``story_summary``).
"""

import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from korea1950.inputs.calendar import month_label, month_name
from korea1950.inputs.events import EVENTS
from korea1950.inputs.evidence import cite
from korea1950.inputs.labels import in_series, reading_label, said_event
from korea1950.inputs.readings import load_reading
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.running.worlds import one_world
from korea1950.simulation.agents.rules import find_rule
from korea1950.teaching.story_summary import actor_label, full_names, summary
from korea1950.teaching.story_terms import in_words, shown_terms


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
        self.last_month: int | None = None
        """The last month simulated (set by ``trace_world``)."""

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


def trace_world(scenario: "str | Path | Scenario" = "baseline", reading: str = "stueck",
                seed: int = 1) -> Trace:
    """Run one world with a trace attached and return the trace, events included."""
    trace = Trace()
    model = one_world(scenario, reading, seed, trace=trace)
    while model.running:
        month = model.world.month
        model.step()
        happened = [name for name in EVENTS if model.world.events[name][0] == month]
        if happened:
            trace.month(month).events.extend(happened)
        trace.last_month = month
    return trace


def _signature(terms: dict[str, object]) -> tuple:
    """What makes a decision news: its yes/no answers, not drifting numbers or counts.

    Why: the front, the gains and the counts (months elapsed, clashes so far)
    drift every month; a rule that answers the same way as the last time it
    was told adds nothing a student needs to read again.
    """
    return tuple((name, value) for name, value in terms.items() if isinstance(value, bool))


def _decision_line(decision: Decision, stalin_dead: bool, assumption_told: bool = False) -> str:
    """One decision in words, with its evidence ids or its assumption (the assumption in full
    the first time its rule is told, as quotes are given at their first citation)."""
    actor = actor_label(decision.actor)
    declared = find_rule(decision.actor, decision.rule)
    title = full_names(declared.title if declared else decision.rule.replace("_", " "))
    phrases = [full_names(p) for p in in_words(decision.actor, decision.rule, decision.terms,
                                                stalin_dead)]
    if _against_his_leaning(decision, declared.outcome if declared else None):
        phrases.append("chance went against his leaning this time")
    weighed = f": {'; '.join(phrases)}" if phrases else ""
    assumption = declared.assumption if declared else "not declared"
    basis = (f"evidence: {', '.join(decision.evidence)}" if decision.evidence
             else "assumption: as said above" if assumption_told
             else f"assumption: {assumption}")
    return f"{actor[0].upper()}{actor[1:]} {title}{weighed} — {basis}"


def _against_his_leaning(decision: Decision, outcome: str | None) -> bool:
    """Whether the actor's weighing leaned one way (``net_gain``) and he acted the other.

    Why say it: a stance is a probability, so a Stalin who leans for acting
    sometimes does not act; without a word the story reads as if he
    contradicted himself.
    """
    gain, acted = decision.terms.get("net_gain"), decision.terms.get(outcome or "")
    if "imposed" in decision.terms or not isinstance(acted, bool):
        return False
    if not isinstance(gain, float | int) or gain == 0:
        return False
    return (gain > 0) != acted


def _quiet(first: int, last: int, repeated: dict[tuple[str, str], tuple[int, Decision]],
           at_end: bool, stalin_dead: bool, at_war: bool = False) -> str:
    """One line for a run of months in which nothing new happens (at war: the fighting goes
    on, but no one decides anything new)."""
    until = f"the horizon ({month_name(last)})" if at_end else month_name(last)
    when = (f"In {month_name(first)}" if first == last
            else f"From {month_name(first)} until {until}")
    if not repeated:
        return (f"{when} the fighting goes on, and no one decides anything new." if at_war
                else f"{when} nothing happens.")
    doings = []
    for (actor_class, rule_name), (times, decision) in repeated.items():
        declared = find_rule(actor_class, rule_name)
        title = full_names(declared.title if declared else rule_name.replace("_", " "))
        outcome = declared.outcome if declared else None
        answer = (in_words(actor_class, rule_name, {outcome: decision.terms[outcome]})
                  if outcome in decision.terms else [])
        counted = f"{times} times" if times > 1 else "once"
        who = actor_label(actor_class)
        if stalin_dead and actor_class == "Stalin":
            who, title = "Stalin's word, given before his death, still", title
        doings.append(f"{who} {title} ({'; '.join([*answer, counted])})")
    fighting = "the fighting goes on and " if at_war else ""
    return f"{when} {fighting}nothing changes: as before, {in_series(doings)}."


def _lines(trace: Trace) -> list[tuple[str, str]]:
    """The story as (kind, text) pairs: month, event, decision, quote, quiet, summary.

    A decision is told when it is news (its answers differ from the last time
    its rule was told); a run of months with no event and no news becomes one
    "nothing changes" line; the story closes with a summary.
    """
    cited: set[str] = set()
    assumed: set[tuple[str, str]] = set()  # rules whose assumption has been given in full
    out: list[tuple[str, str]] = []
    last_told: dict[tuple[str, str], tuple] = {}
    death = next((i for i, m in sorted(trace.months.items()) if "stalin_death" in m.events), None)
    run: list[int] = []
    repeated: dict[tuple[str, str], tuple[int, Decision]] = {}
    last = trace.last_month if trace.last_month is not None else max(trace.months, default=0)
    rhee_first = False  # Rhee has struck first, so the North's offensive is a counterattack
    at_war = False  # a quiet stretch of war is not "nothing happens": the front still moves
    for index in range(min(trace.months, default=0), last + 1):
        month = trace.months.get(index, Month(index))
        dead = death is not None and index >= death
        news, again = [], []
        for decision in month.decisions:
            key = (decision.actor, decision.rule)
            signature = _signature(shown_terms(decision.terms, dead))
            if last_told.get(key) == signature:
                again.append(decision)
                continue
            last_told[key] = signature
            news.append(decision)
        if not month.events and not news:
            run.append(index)
            for decision in again:
                key = (decision.actor, decision.rule)
                repeated[key] = (repeated.get(key, (0, decision))[0] + 1, decision)
            continue
        if run:
            out.append(("quiet", _quiet(run[0], run[-1], repeated, False,
                                        death is not None and run[0] >= death, at_war)))
        run, repeated = [], {}
        at_war = (at_war or "war_start" in month.events) and "war_end" not in month.events
        out.append(("month", f"{month_name(index)} ({month_label(index)})"))
        rhee_first = rhee_first or "rhee_attacks" in month.events
        for event in month.events:
            out.append(("event", said_event(event, rhee_first)))
        for decision in news:
            key = (decision.actor, decision.rule)
            out.append(("decision", _decision_line(decision, dead, key in assumed)))
            assumed.add(key)
            for evidence_id in decision.evidence:
                if evidence_id not in cited:
                    cited.add(evidence_id)
                    out.append(("quote", cite(evidence_id)))
    if run:
        out.append(("quiet", _quiet(run[0], run[-1], repeated, True,
                                    death is not None and run[0] >= death, at_war)))
    events = {i: m.events for i, m in trace.months.items() if m.events}
    fired = {i: {(d.actor, d.rule) for d in m.decisions if "imposed" not in d.terms}
             for i, m in trace.months.items()}
    imposed = {i: {(d.actor, d.rule) for d in m.decisions if "imposed" in d.terms}
               for i, m in trace.months.items()}
    out.append(("heading", "In short"))
    out += [("summary", line) for line in summary(events, fired, last, imposed)]
    return out


SOURCES = ("Each decision names the evidence its rule rests on, quoted the first time: "
           "sources from any date, not news of that month.")
"""Said once at the top. Why: a quote from January 1950 under a decision of September 1949
read as an anachronism; it is why the rule is written as it is, not what happened then."""


MARKDOWN = {"month": "\n## {}\n", "event": "- **{}**", "decision": "- {}", "quote": "  > {}",
            "quiet": "\n*{}*", "heading": "\n## {}\n", "summary": "- {}"}
QUOTE_BREAK = "  >"
"""Between two quotes of one decision: an empty line of the quote, so each is a paragraph."""
HTML = {"month": "<h2>{}</h2>", "event": "<p><strong>{}</strong></p>", "decision": "<p>{}</p>",
        "quote": "<blockquote>{}</blockquote>", "quiet": "<p><em>{}</em></p>",
        "heading": "<h2>{}</h2>", "summary": "<li>{}</li>"}
TEXT = {"month": "\n{}", "event": "  * {}", "decision": "  - {}", "quote": "      {}",
        "quiet": "\n{}", "heading": "\n{}\n" + "-" * 8, "summary": "  - {}"}


def render(trace: Trace, fmt: str = "text", title: str = "", what_if: str = "") -> str:
    """The story as plain text, Markdown or a complete HTML page; ``what_if``, the
    scenario's antecedent, opens it (a decision a scenario takes out of an actor's hands
    is not weighed, so the story would otherwise never say it)."""
    lines = _lines(trace)
    if any(kind == "quote" for kind, _ in lines):
        lines.insert(0, ("quiet", SOURCES))
    if what_if:
        lines.insert(0, ("quiet", f"What if: {what_if}"))
    if fmt == "markdown":
        body = [f"# {title}", ""] if title else []
        for (kind, text), previous in zip(lines, [None, *(kind for kind, _ in lines)],
                                          strict=False):
            if kind == previous == "quote":  # else Markdown runs the quotes into one paragraph
                body.append(QUOTE_BREAK)
            body.append(MARKDOWN[kind].format(text))
        return "\n".join(body) + "\n"
    if fmt == "html":
        parts = [f"<h1>{html.escape(title)}</h1>"] if title else []
        in_list = False
        for kind, text in lines:
            if (kind == "summary") != in_list:
                parts.append("<ul>" if not in_list else "</ul>")
                in_list = not in_list
            parts.append(HTML[kind].format(html.escape(text)))
        if in_list:
            parts.append("</ul>")
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(title)}</title></head><body>\n"
                + "\n".join(parts) + "\n</body></html>\n")
    body = [title, "=" * len(title)] if title else []
    body += [TEXT[kind].format(text) for kind, text in lines]
    return "\n".join(body) + "\n"


def tell(scenario: str = "baseline", reading: str = "stueck", seed: int = 1,
         fmt: str = "text") -> str:
    """Run one world and return its story."""
    trace = trace_world(scenario, reading, seed)
    chosen, read = load_scenario(scenario), load_reading(reading)
    changed = bool(chosen.levers.changed() or chosen.parameters)
    return render(trace, fmt, f"One world of \"{chosen.title}\", under "
                              f"{reading_label(read.name)}, seed {seed}",
                  chosen.antecedent if changed else "")
