"""The story of one world: months named, decisions with their terms and cited evidence."""

import re
import tomllib

from korea1950.cli.main import main
from korea1950.inputs.paths import seeds_dir
from korea1950.simulation.agents.rules import find_rule
from korea1950.teaching.story import tell, trace_world

KNOWN = {item["id"] for item in
         tomllib.loads((seeds_dir() / "evidence.toml").read_text())["evidence"]}


def test_baseline_story_spans_many_months_with_cited_decisions(capsys):
    assert main(["explain", "baseline", "--reading", "stueck", "--seed", "3"]) == 0
    story = capsys.readouterr().out
    months = re.findall(r"^(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December) \d{4} \(\d{4}-\d{2}\)$", story, re.M)
    assert len(months) >= 12
    cited = set()
    for line in story.splitlines():
        if "— evidence:" in line:
            cited |= {item.strip() for item in line.split("— evidence:")[1].split(",")}
    assert len(cited) >= 8 and cited <= KNOWN
    assert "weighed: " in story and "“" in story


def test_every_decision_in_a_war_world_carries_known_evidence_or_its_assumption():
    trace = trace_world("baseline", "kim", seed=1)
    decisions = [d for month in trace.months.values() for d in month.decisions]
    events = {e for month in trace.months.values() for e in month.events}
    assert "invasion" in events or "stalin_advises_waiting" in events
    assert decisions and all(set(d.evidence) <= KNOWN for d in decisions)
    for decision in decisions:
        declared = find_rule(decision.actor, decision.rule)
        assert decision.evidence or declared.assumption, (decision.actor, decision.rule)


def test_story_formats():
    markdown = tell("baseline", "kim", 1, "markdown")
    html = tell("baseline", "kim", 1, "html")
    assert markdown.startswith("# One world") and "\n## " in markdown
    assert html.startswith("<!DOCTYPE html>") and "<h2>" in html and "<blockquote>" in html


def test_same_seed_same_story():
    assert tell("soviet_veto", "stueck", 5) == tell("soviet_veto", "stueck", 5)
