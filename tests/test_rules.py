"""The rule declarations hold: each rule's evidence exists, and it reads what it declares.

Why: the table of rules (``korea1950 rules``) is what the story, the role-play
and the docs show; like Axelrod's ``classifier``, a declaration is only worth
something if a test checks it against what the rule does.
"""

import inspect
import json
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
from situations import situation

from korea1950.cli.main import main
from korea1950.inputs.events import EVENTS, MESSAGES
from korea1950.inputs.levers import LEVERS
from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.paths import seeds_dir
from korea1950.simulation import agents
from korea1950.simulation.agents.rules import (
    RuleMethod,
    find_rule,
    rule_methods,
    rule_table,
    rules_markdown_table,
)
from korea1950.simulation.model import CrisisModel
from korea1950.simulation.war import advance_war, fighting_power, rearm_north, us_share
from korea1950.teaching.play.points import POINTS, wording

RULES = rule_table()
SIMULATION = Path(__file__).resolve().parents[1] / "src" / "korea1950" / "simulation"


def known_ids() -> set[str]:
    data = tomllib.loads((seeds_dir() / "evidence.toml").read_text())
    return {item["id"] for item in data["evidence"]}


def test_every_actor_method_that_decides_is_a_declared_rule():
    names = {(r.actor, r.name) for r in RULES}
    assert len(names) == len(RULES) == 34
    assert ("Stalin", "answer_kim") in names and ("UnitedStates", "seek_armistice") in names


@pytest.mark.parametrize("declared", RULES, ids=lambda r: f"{r.actor}.{r.name}")
def test_a_rule_cites_evidence_that_exists_or_declares_its_assumption(declared):
    assert declared.evidence or declared.assumption
    assert set(declared.evidence) <= known_ids()


@pytest.mark.parametrize("declared", RULES, ids=lambda r: f"{r.actor}.{r.name}")
def test_a_rule_names_only_real_levers_parameters_events_and_messages(declared):
    assert set(declared.all_levers) <= set(LEVERS)
    assert set(declared.reads) <= set(MODEL_PARAMETERS)
    assert declared.records is None or declared.records in EVENTS
    assert declared.sends is None or declared.sends in MESSAGES


class Recorder(dict):
    """Model parameters that note which rule reads each one (the nearest rule on the stack)."""

    def __init__(self, values: dict, bodies: dict) -> None:
        super().__init__(values)
        self.bodies = bodies
        self.read: dict[tuple[str, str], set[str]] = {}

    def __getitem__(self, name: str) -> float:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code not in self.bodies:
            frame = frame.f_back
        if frame is not None:
            self.read.setdefault(self.bodies[frame.f_code], set()).add(name)
        return super().__getitem__(name)


def rule_bodies() -> dict:
    """The code object of each rule's body (and of functions defined in it) -> the rule."""
    bodies = {}
    for actor in {getattr(agents, declared.actor) for declared in RULES}:
        for member in rule_methods(actor).values():
            if isinstance(member, RuleMethod):
                key = (member.rule.actor, member.rule.name)
                code = member.body.__code__
                bodies[code] = key
                bodies |= {c: key for c in code.co_consts if hasattr(c, "co_code")}
    return bodies


def test_each_rule_reads_exactly_the_parameters_it_declares():
    """Over runs that reach every rule and every branch of one, reads match declarations."""
    bodies = rule_bodies()
    read: dict[tuple[str, str], set[str]] = {}
    for scenario, reading in (("baseline", "stueck"), ("baseline", "kim"),
                              ("us_stays_out", "kim"), ("kim_acts_alone", "stueck"),
                              ("ongjin_only", "stueck"), ("us_troops_remain", "kim")):
        model = CrisisModel(scenario, reading, replicates=2000, rng=11)
        model.params = Recorder(model.params, bodies)
        model.run_model()
        for key, names in model.params.read.items():
            read.setdefault(key, set()).update(names)
    for declared in RULES:
        key = (declared.actor, declared.name)
        assert read.get(key, set()) == set(declared.reads), key


def test_a_lever_set_to_never_switches_its_rule_off_without_a_draw():
    """Under "never" a switchable rule neither decides nor draws: other worlds stay as they are."""
    switchable = [r for r in RULES if r.lever and not r.lever_overrides
                  and "never" in LEVERS[r.lever].choices]
    assert {r.lever for r in switchable} >= {"kim_attack", "mao_consent", "china_intervention"}
    for declared in switchable:
        model = situation(levers={declared.lever: "never"}, worlds=50)
        actor = {"Kim": model.kim, "Stalin": model.stalin, "Mao": model.mao,
                 "UnitedStates": model.us}[declared.actor]
        before = model.rng.bit_generator.state
        assert getattr(actor, declared.name)() is None
        assert model.rng.bit_generator.state == before


def test_a_lever_set_to_always_makes_the_us_fight_wherever_attacked():
    model = situation(levers={"us_intervention": "always"}, worlds=200)
    model.world.phase[:] = 1
    model.world.events["invasion"][:] = model.world.month
    fights = model.us.respond_to_attack()
    assert fights is not None and fights.all()
    assert model.world.happened("us_intervention").all()


def test_every_role_play_point_comes_from_a_rule_and_has_wording():
    declared = {r.point: r for r in RULES if r.point}
    assert set(POINTS) == set(declared) == set(wording())
    assert POINTS["kim.attack"].lever_if_never == ("kim_attack", "never")
    assert POINTS["stalin.press_china"].lever_if_never is None
    assert POINTS["mao.consent"].actor == "mao"


def test_no_actor_reads_another_actors_attributes():
    """Requests and permissions pass through the world's messages, not another agent."""
    for path in (SIMULATION / "agents").glob("*.py"):
        text = path.read_text()
        for other in ("kim", "stalin", "mao", "us"):
            assert f"self.model.{other}." not in text, f"{path.name} reads model.{other}"
    for submodel in (advance_war, rearm_north, fighting_power, us_share):
        assert "model" not in inspect.signature(submodel).parameters, submodel.__name__
    assert list(inspect.signature(advance_war).parameters) == ["world", "params", "levers", "rng"]


def test_rules_command_lists_every_rule_as_json(capsys):
    assert main(["rules", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["actor"], r["name"]) for r in listed] == [(r.actor, r.name) for r in RULES]
    assert all(r["evidence"] or r["assumption"] for r in listed)
    assert set().union(*(r["evidence"] for r in listed)) <= known_ids()


def test_rules_command_prints_titles_and_sources(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "Stalin answers Kim's request  [Stalin.answer_kim]" in out
    assert "Kim Il Sung grows impatient  [Kim.grow_impatience]" in out
    assert "Syngman Rhee's South Korea weighs marching north" in out
    assert "evidence:   armistice-after-stalins-death" in out


def test_markdown_table_has_one_row_per_rule():
    rows = rules_markdown_table().strip().splitlines()
    assert len(rows) == 2 + len(RULES)
    assert rows[2].startswith(
        "| SouthKorea | `march_north` | weighs marching north (a first strike) |")


def test_the_rule_returns_what_the_actor_does():
    model = situation(worlds=100)
    model.world.send("kim_asks_stalin", np.ones(100, dtype=bool))
    model.world.events["ccp_victory"][:] = -1
    approves = model.stalin.answer_kim()
    assert approves is not None and not approves.any()
    assert model.world.happened("stalin_advises_waiting").all()


def test_every_event_and_message_a_rule_writes_is_declared(monkeypatch):
    """Spy on the world while whole models run: each write is declared by the rule making it."""
    from korea1950.simulation.world import WorldState

    running: list = []
    written: set[tuple[str, str, str, str]] = set()
    run, record, send = RuleMethod.run, WorldState.record, WorldState.send

    def spied_run(self, actor):
        running.append(self.rule)
        try:
            return run(self, actor)
        finally:
            running.pop()

    def spy(kind, original):
        def write(world, name, mask):
            if running and np.any(mask):
                written.add((running[-1].actor, running[-1].name, kind, name))
            return original(world, name, mask)
        return write

    monkeypatch.setattr(RuleMethod, "run", spied_run)
    monkeypatch.setattr(WorldState, "record", spy("record", record))
    monkeypatch.setattr(WorldState, "send", spy("send", send))
    for scenario in ("baseline", "ongjin_only", "kim_acts_alone", "stalin_lives", "soviet_veto",
                     "us_troops_remain", "mao_refuses", "no_ccp_victory"):
        for reading in ("kim", "stueck"):
            CrisisModel(scenario, reading, 1000, rng=3).run_model()
    assert len(written) > 30
    undeclared = []
    for actor, name, kind, target in sorted(written):
        declared = find_rule(actor, name)
        allowed = ({declared.records, *declared.also_records} if kind == "record"
                   else {declared.sends, *declared.also_sends})
        if target not in allowed:
            undeclared.append(f"{actor}.{name} {kind}s {target}")
    assert not undeclared, undeclared
