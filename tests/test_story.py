"""The story of one world: it ends, it does not repeat itself, it speaks in words, it sums up."""

import dataclasses
import itertools
import re
import tomllib

import pytest

from korea1950.cli.main import main
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.scenarios import load_scenario
from korea1950.simulation.agents.rules import find_rule
from korea1950.teaching.story import render, tell, trace_world
from korea1950.teaching.story_terms import AFTER_STALIN, in_words, phrasing

KNOWN = {item["id"] for item in
         tomllib.loads((seeds_dir() / "evidence.toml").read_text())["evidence"]}

MONTH = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|"
                   r"October|November|December) \d{4} \(\d{4}-\d{2}\)$", re.M)

WORLDS = [(reading, seed) for reading in ("kim", "stueck") for seed in range(1, 7)]
"""Baseline worlds under both readings whose stories the tests read."""


@pytest.fixture(scope="module")
def seed3() -> str:
    return tell("baseline", "stueck", 3)


@pytest.fixture(scope="module")
def traces() -> dict:
    return {key: trace_world("baseline", *key) for key in WORLDS}


def month_blocks(story: str) -> list[tuple[str, str]]:
    """(month header, the lines under it up to the next header or paragraph)."""
    blocks = []
    for part in re.split(r"\n\n", story):
        head, _, body = part.partition("\n")
        if MONTH.match(head):
            blocks.append((head, body))
    return blocks


def test_must_show_seed_3_is_short_and_ends_with_a_summary(capsys):
    assert main(["explain", "baseline", "--reading", "stueck", "--seed", "3"]) == 0
    story = capsys.readouterr().out
    lines = story.splitlines()
    print(f"explain baseline --reading stueck --seed 3: {len(lines)} lines")
    assert len(lines) <= 160
    summary = story[story.rindex("\nIn short\n"):]
    assert lines[-1].startswith("  - The story ends in March 1951: the North unifies Korea")
    # the summary names turning points with their months and the rules that decided them
    assert "April 1950: Stalin approves the attack (decided by: Stalin answers Kim Il Sung's " \
           "request)" in summary
    assert "Chinese intervention (decided by: Mao Zedong considers sending troops)" in summary
    assert not re.search(r"\bkim\b", summary) and not re.search(r"\bKim(?! Il Sung)", summary)
    assert "_" not in summary


def test_story_cites_known_evidence_for_many_months(seed3):
    assert len(MONTH.findall(seed3)) >= 12
    cited = set()
    for line in seed3.splitlines():
        if "— evidence:" in line:
            cited |= {item.strip() for item in line.split("— evidence:")[1].split(",")}
    assert len(cited) >= 8 and cited <= KNOWN
    assert "“" in seed3


def test_terms_are_said_in_words(seed3, traces):
    veto = in_words("Stalin", "decide_on_veto", {"seated": False, "net_gain": -0.61,
                                                  "veto": False})
    assert veto == ["his delegate was away (the boycott)",
                    "on balance acting was worth -0.61 to him (he leans against it)",
                    "he let the Council act"]
    # the January 1950 answer to Kim Il Sung, as the trace recorded it, in the story
    trace = trace_world("baseline", "stueck", 3)
    answer = next(d for d in trace.months[4].decisions if d.rule == "answer_kim")
    assert not answer.terms["in_moscow"]
    assert (f"on balance a war was worth {answer.terms['net_gain']:+.2f} to him, weighed at "
            "the best moment he foresaw (he leans") in seed3
    in_moscow = in_words("Stalin", "answer_kim", {"in_moscow": True, "moment_ripe": True,
                                                  "net_gain": 0.42})
    assert in_moscow == ["Kim Il Sung asked in Moscow", "the moment was ripe",
                         "on balance a war was worth +0.42 to him, weighed as things stood "
                         "(he leans for it)"]
    assert f"the North was {answer.terms['north_strength']:.2f} times as strong" in seed3
    assert not re.search(r"\w = \S", seed3), "no raw 'name = value' dumps"


def test_every_term_in_baseline_stories_has_a_phrasing(traces):
    seen = {(d.actor, d.rule, term) for trace in traces.values()
            for month in trace.months.values() for d in month.decisions for term in d.terms}
    assert len(seen) > 60
    missing = sorted(key for key in seen if phrasing(*key) is None)
    assert not missing


def test_no_two_consecutive_month_blocks_alike(traces):
    stories = [render(trace) for trace in traces.values()]
    stories.append(tell("mao_refuses", "stueck", 1))  # no war: it runs to the horizon
    for story in stories:
        bodies = [body for _, body in month_blocks(story)]
        assert bodies, story[:200]
        assert all(a != b for a, b in itertools.pairwise(bodies))
    long = tell("mao_refuses", "stueck", 1)
    assert "until the horizon (December 1956) nothing changes" in long
    print("mao_refuses stueck 1:", len(long.splitlines()), "lines")


def test_nobody_reaches_stalin_after_his_death():
    baseline = load_scenario("baseline")
    refusing = dataclasses.replace(baseline, levers=dataclasses.replace(
        baseline.levers, stalin_approval="never"))
    trace = trace_world(refusing, "stueck", 2)
    death = next(i for i, m in trace.months.items() if "stalin_death" in m.events)
    pressed_after = [d for i, m in trace.months.items() if i > death for d in m.decisions
                     if "reached_stalin" in d.terms]
    assert pressed_after, "the rule still records the term after his death"
    story = render(trace)
    before, after = story.split("\nMarch 1953 (1953-03)\n")
    assert "his request reached Stalin" in before
    assert "reached stalin" not in after.lower()
    assert AFTER_STALIN["reached_stalin"] is None


def test_story_formats_all_carry_the_summary():
    markdown = tell("baseline", "kim", 1, "markdown")
    html = tell("baseline", "kim", 1, "html")
    assert markdown.startswith("# One world") and "\n## " in markdown
    assert "\n## In short\n" in markdown and "\n- The story ends" in markdown
    assert html.startswith("<!DOCTYPE html>") and "<h2>" in html and "<blockquote>" in html
    assert "<h2>In short</h2>\n<ul>" in html and html.count("<ul>") == html.count("</ul>")
    assert "Donggil Kim's reading" in markdown


def test_each_quote_of_a_decision_is_a_paragraph_of_its_own_in_markdown():
    import markdown as to_html

    text = tell("baseline", "stueck", 3, "markdown")
    quotes = [line for line in text.splitlines() if line.startswith("  > “")]
    rendered = to_html.markdown(text)
    assert len(quotes) > 10
    assert rendered.count("<p>“") == len(quotes), "two quotes never share a paragraph"


def test_every_decision_carries_known_evidence_or_its_assumption(traces):
    for trace in traces.values():
        for month in trace.months.values():
            for decision in month.decisions:
                declared = find_rule(decision.actor, decision.rule)
                assert set(decision.evidence) <= KNOWN
                assert decision.evidence or declared.assumption


def test_same_seed_same_story():
    assert tell("soviet_veto", "stueck", 5) == tell("soviet_veto", "stueck", 5)


def test_a_story_says_when_a_scenario_imposed_a_decision_or_chance_went_against_a_leaning():
    vetoed = tell("soviet_veto", "stueck", 2)
    veto_line = next(line for line in vetoed.splitlines() if "decides whether to veto" in line
                     and "he vetoed" in line)
    assert "the scenario imposed it, whatever he weighed" in veto_line
    assert "chance went against" not in veto_line  # the lever, not chance, decided
    against = [line for line in tell("baseline", "kim", 1).splitlines()
               if "chance went against his leaning" in line]
    assert against, "seed 1 has decisions that went against Stalin's leaning"
    for line in against:
        assert ("(he leans for it)" in line) != ("(he leans against it)" in line), line


def test_a_veto_from_the_empty_seat_says_the_delegate_came_back():
    vetoed = tell("soviet_veto", "stueck", 2)
    veto_line = next(line for line in vetoed.splitlines() if "decides whether to veto" in line)
    assert "his delegate was away (the boycott)" in veto_line
    assert "he vetoed; he sent the delegate back to cast it" in veto_line


def test_a_decision_that_came_out_no_is_not_told_as_done():
    # the rules' titles say what is weighed, so "no" cannot contradict them
    told = tell("mao_refuses", "kim", 4).splitlines()
    kept = [line for line in told if "he kept his seat" in line]
    assert kept, "in this world Stalin keeps his seat at least once"
    assert all("walks out of the Security Council" not in line for line in kept)
    assert any("weighs walking out of the Security Council" in line for line in kept)


def test_an_offensive_that_answers_rhees_first_strike_is_told_as_a_counterattack():
    from korea1950.inputs.labels import COUNTERATTACK

    answered = tell("baseline", "stueck", 3)  # in this world Rhee strikes first
    lines = [line.strip() for line in answered.splitlines()]
    assert "* Rhee attacks first" in lines and f"* {COUNTERATTACK}" in lines
    assert lines.index("* Rhee attacks first") < lines.index(f"* {COUNTERATTACK}")
    assert "* North Korean invasion" not in lines
    plain = [line.strip() for line in tell("soviet_veto", "stueck", 2).splitlines()]
    assert "* North Korean invasion" in plain and "* Rhee attacks first" not in plain


def test_a_what_if_story_opens_with_its_antecedent_and_the_baseline_does_not():
    refused = tell("mao_refuses", "kim", 4).splitlines()
    antecedent = load_scenario("mao_refuses").antecedent
    assert refused[3] == f"What if: {antecedent}", refused[:5]  # after the title, underlined
    assert not any(line.startswith("What if:") for line in tell("baseline", "stueck", 3)
                   .splitlines())
    markdown = tell("mao_refuses", "kim", 4, fmt="markdown")
    assert f"*What if: {antecedent}*" in markdown


def test_an_assumption_is_given_in_full_once_then_referred_to():
    told = tell("baseline", "kim", 1)
    assumption = find_rule("SouthKorea", "resist_armistice").assumption
    lines = [line for line in told.splitlines()
             if line.startswith("  - Syngman Rhee's South Korea weighs an armistice")]
    assert len(lines) >= 2, "Rhee weighs the armistice more than once in this world"
    assert told.count(assumption) == 1
    assert lines[0].endswith(f"assumption: {assumption}")
    assert all(line.endswith("assumption: as said above") for line in lines[1:])


def test_the_world_docs_things_to_notice_points_to_keeps_the_records_calendar():
    """docs/things_to_notice.md sends a class to this world to watch Kim's road to the war."""
    from pathlib import Path

    notice = (Path(__file__).resolve().parents[1] / "docs" / "things_to_notice.md").read_text()
    assert "`korea1950 explain baseline --reading kim --seed 1`" in notice
    month, when = "", {}
    for line in tell("baseline", "kim", 1).splitlines():
        if line and not line.startswith(" ") and "(19" in line:
            month = line.split(" (")[0]
        elif line.startswith("  * "):
            when.setdefault(line[4:], month)
    assert when["Stalin invites Kim Il Sung to Moscow"] == "January 1950"
    assert when["Stalin approves the attack"] == "April 1950"
    assert when["Mao consents"] == "May 1950"
    assert when["North Korean invasion"] == "June 1950"


def test_the_summary_says_a_veto_the_scenario_forces_was_imposed_as_the_body_does():
    text = tell("soviet_veto", "stueck", 2)
    body, summary = text.split("\nIn short\n", 1)
    assert "the scenario imposed it, whatever he weighed" in body
    veto = next(part for line in summary.splitlines() for part in line.split("; ")
                if "Soviet veto at the Security Council" in part)
    assert veto.endswith("(imposed by the scenario, whatever the actor weighed)")
    assert "decided by: Stalin decides whether to veto" not in summary
    baseline = tell("baseline", "stueck", 3).split("\nIn short\n", 1)[1]
    assert "imposed by the scenario" not in baseline and "decided by: " in baseline


def test_a_quiet_stretch_of_war_is_not_told_as_nothing_happening():
    text = tell("baseline", "stueck", 2)
    war = text[text.index("North Korean invasion"):text.index("\nIn short\n")]
    assert "the fighting goes on, and no one decides anything new" in war
    assert "nothing happens" not in war
    assert "nothing happens" in text[:text.index("North Korean invasion")]  # at peace, it does
