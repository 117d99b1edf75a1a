"""Rules as declared objects: each actor's decision carries its title, sources and levers.

Why a declaration: one rule used to go by four or five names (its method, a
trace key, a role-play point, a title in the story, evidence ids written twice)
and every body wrapped its decision in the same three layers (the lever, the
student's hook, the trace). ``@rule(...)`` states once what the rule is and
does those three things itself, so the body holds only the decision: it returns
a ``Decision`` (where the actor acts, where the choice was open, what it
weighed). ``rule_table()`` lists every declaration for the command line, the
story, the role-play and the tests, which check the declarations against what
the rules do (as Axelrod's tests check each strategy's ``classifier``).
"""

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from korea1950.simulation.agents.base import Actor

FORCED = ("never", "always")
"""Lever values that take a decision out of the actor's hands."""


@dataclass(frozen=True)
class Decision:
    """What one rule decided this month, in every world.

    ``acts``: the worlds where the actor acts (says yes). ``eligible``: the
    worlds where the choice was open - where a lever forcing "always" acts, and
    where a student playing the actor is asked. ``terms``: what the rule weighed
    (the student's situation and the story's "weighed:"). ``told``: the worlds
    in which the story tells the rule (default: ``eligible``). ``then``: what
    follows from the decision, beyond the event the rule declares it records,
    once a lever or a student has had their say; it may return more terms for
    the story. A rule whose outcome nobody can replace may act in its body.
    """

    acts: np.ndarray
    eligible: np.ndarray
    terms: Mapping[str, Any] = field(default_factory=dict)
    told: np.ndarray | None = None
    then: Callable[[np.ndarray], Mapping[str, Any] | None] | None = None


@dataclass(frozen=True)
class Rule:
    """The declaration of one rule: who decides, on what evidence, under which levers."""

    actor: str
    name: str
    title: str
    evidence: tuple[str, ...]
    assumption: str
    lever: str | None
    lever_overrides: bool
    levers: tuple[str, ...]
    reads: tuple[str, ...]
    point: str | None
    outcome: str | None
    records: str | None
    sends: str | None
    also_records: tuple[str, ...]
    also_sends: tuple[str, ...]
    summary: str

    @property
    def all_levers(self) -> tuple[str, ...]:
        """Every scenario lever the rule obeys or reads."""
        return ((self.lever,) if self.lever else ()) + self.levers

    def as_dict(self) -> dict[str, Any]:
        """The declaration as plain data (for ``korea1950 rules --json``)."""
        return {"actor": self.actor, "name": self.name, "title": self.title,
                "evidence": list(self.evidence), "assumption": self.assumption,
                "levers": list(self.all_levers), "parameters": list(self.reads),
                "point": self.point, "records": self.records,
                "sends": self.sends, "also_records": list(self.also_records),
                "also_sends": list(self.also_sends), "summary": self.summary}


class RuleMethod:
    """A rule as a method of its actor; calling it runs lever, body, hook, consequences, trace.

    A descriptor rather than a plain wrapper so that the declaration learns the
    actor's name from the class it is written in (``__set_name__``).
    """

    def __init__(self, body: Callable[["Actor"], Decision | None], **declared: Any) -> None:
        self.body = body
        self.declared = declared
        self.rule: Rule | None = None
        self.__doc__ = body.__doc__
        self.__name__ = body.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        doc = inspect.getdoc(self.body) or ""
        actor = getattr(owner, "ACTOR", owner.__name__)  # a part of an actor names its whole
        self.rule = Rule(actor=actor, name=name, summary=doc.split("\n")[0], **self.declared)

    def __get__(self, actor: "Actor | None", owner: type | None = None) -> Any:
        if actor is None:
            return self
        return functools.partial(self.run, actor)

    def run(self, actor: "Actor") -> np.ndarray | None:
        """Apply the rule to every world; return where the actor acts (None if it did not run)."""
        rule = self.rule
        assert rule is not None, "a rule must be declared in an actor's class"
        model = actor.model
        lever = getattr(model.levers, rule.lever) if rule.lever else None
        if lever == "never" and not rule.lever_overrides:
            return None
        decision = self.body(actor)
        if decision is None:
            return None
        acts = decision.acts
        if lever == "always":
            acts = decision.eligible.copy()
        elif lever == "never":
            acts = np.zeros_like(decision.eligible)
        elif rule.point and model.player is not None and bool(np.any(decision.eligible)):
            acts = model.player.choose(rule.point, model.world.month, acts,
                                       decision.eligible, dict(decision.terms))
        if rule.records:
            model.world.record(rule.records, acts)
        if rule.sends:
            model.world.send(rule.sends, acts)
        more = decision.then(acts) if decision.then else None
        told = decision.eligible if decision.told is None else decision.told
        if model.trace is not None and bool(np.any(told)):
            terms = {**decision.terms, **({rule.outcome: acts} if rule.outcome else {}),
                     **(more or {}), **({"imposed": lever == "always"}
                                        if lever in ("always", "never") else {})}
            model.trace.note(model.world.month, rule.actor, rule.name, terms, rule.evidence)
        return acts


def rule(*, title: str, evidence: tuple[str, ...] = (), assumption: str = "",
         lever: str | None = None, lever_overrides: bool = False,
         levers: tuple[str, ...] = (), reads: tuple[str, ...] = (),
         point: str | None = None, outcome: str | None = None, records: str | None = None,
         sends: str | None = None, also_records: tuple[str, ...] = (),
         also_sends: tuple[str, ...] = (),
         ) -> Callable[[Callable[..., Decision | None]], RuleMethod]:
    """Declare an actor's method a rule.

    Args:
        title: what the actor does, as the story says it after his name.
        evidence: ids in ``seeds/evidence.toml`` the rule rests on.
        assumption: where the documents are silent, the assumption the rule is.
        lever: the scenario lever that can take the decision out of his hands:
            "never" switches the rule off (nothing weighed, nothing drawn) and
            "always" makes him act wherever the choice is open.
        lever_overrides: True if under "never" the rule still runs (it records
            the refusal, or its random draws must stay in place) and only its
            outcome is replaced.
        levers: other levers the rule reads.
        reads: the model parameters the rule reads, its helpers included.
        point: the role-play point at which a student may decide instead.
        outcome: the name under which the story shows the decision.
        records: the event recorded where the actor acts (after lever and student).
        sends: the message (``world.MESSAGES``) sent where the actor acts.
        also_records: other events the body (or its ``then``) records itself, where
            one decision has more than one consequence (declared so that
            ``korea1950 rules --json`` lists every event a rule can record).
        also_sends: other messages the body sends itself.
    """
    if not evidence and not assumption:
        raise ValueError(f"rule {title!r} needs evidence ids or a declared assumption")

    def declare(body: Callable[..., Decision | None]) -> RuleMethod:
        return RuleMethod(body, title=title, evidence=tuple(evidence), assumption=assumption,
                          lever=lever, lever_overrides=lever_overrides, levers=tuple(levers),
                          reads=tuple(reads), point=point, outcome=outcome, records=records,
                          sends=sends, also_records=tuple(also_records),
                          also_sends=tuple(also_sends))

    return declare


def rule_methods(actor: type) -> dict[str, RuleMethod]:
    """An actor's rule methods by name: its own class first, then the parts it is made of.

    Why the whole MRO: a long actor is split by responsibility into parts
    (``Stalin`` = ``StalinAtTheCouncil`` + ``StalinAtWar`` + his own rules),
    each a class whose ``ACTOR`` names the actor its rules belong to.
    """
    methods: dict[str, RuleMethod] = {}
    for klass in actor.__mro__:
        for name, member in vars(klass).items():
            if isinstance(member, RuleMethod) and member.rule is not None:
                methods.setdefault(name, member)
    return methods


def rules_of(actor: type) -> tuple[Rule, ...]:
    """The rules declared for one actor, in the order they are written, part by part."""
    return tuple(member.rule for member in rule_methods(actor).values())


def rule_table() -> tuple[Rule, ...]:
    """Every rule of every actor, in the order the actors move within a month."""
    from korea1950.simulation.agents import ACTORS

    return tuple(r for actor in ACTORS for r in rules_of(actor))


def find_rule(actor: str, name: str) -> Rule | None:
    """The declaration of ``actor``'s rule ``name`` (class name, method name), if any."""
    return next((r for r in rule_table() if r.actor == actor and r.name == name), None)


def rules_markdown_table() -> str:
    """The rule table as Markdown, for ``docs/ODD.md``."""
    lines = ["| Actor | Rule | What it does | Evidence or assumption | Levers | Parameters |",
             "|---|---|---|---|---|---|"]
    for r in rule_table():
        basis = ", ".join(f"`{i}`" for i in r.evidence)
        if r.assumption:
            basis = f"{basis}; assumption: {r.assumption}" if basis else \
                f"assumption: {r.assumption}"
        lines.append(f"| {r.actor} | `{r.name}` | {r.title} | {basis} | "
                     f"{', '.join(f'`{x}`' for x in r.all_levers)} | "
                     f"{', '.join(f'`{x}`' for x in r.reads)} |")
    return "\n".join(lines) + "\n"
