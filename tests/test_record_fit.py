"""How close the baseline comes to the record: every fact counted, the war's length, the report."""

import csv
import re

import numpy as np
import pytest

from korea1950.analysis import record_fit as fit
from korea1950.analysis.compare import comparison_tables, run_comparison
from korea1950.inputs.record import fact_matches, load_record, record_tallies, weighing_facts
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.sections import record_fit
from korea1950.running.evaluators import evaluator_for
from korea1950.simulation.model import CrisisModel

FACTS = load_record()


def test_each_fact_is_counted_in_the_worlds_that_match_it_and_agrees_with_the_patterns():
    model = CrisisModel(reading="stueck", replicates=3000, rng=5)
    model.run_model()
    tallies = record_tallies(model)
    counts = tallies["record:fact"]
    assert counts.tolist() == fact_matches(model.world.events, FACTS).sum(axis=1).tolist()
    assert len(counts) == len(FACTS) and counts.min() > 0 and counts.max() <= 3000
    patterns = tallies["record:pattern"]
    for bit, fact in enumerate(weighing_facts(FACTS)):  # the same worlds, tallied twice
        marginal = sum(int(n) for code, n in enumerate(patterns) if code >> bit & 1)
        assert marginal == counts[FACTS.index(fact)], fact.id


def test_the_record_war_lasts_37_months_by_the_dates_of_its_own_facts():
    # June 1950 (the invasion) to July 1953 (the armistice); docs/facts.md: "about 37 months"
    assert fit.record_war_months(FACTS) == 37
    without_armistice = tuple(f for f in FACTS if f.event != "armistice")
    assert fit.record_war_months(without_armistice) is None


def test_dates_read_as_months_in_words():
    assert fit.date_text("1950-06") == "June 1950"
    assert fit.date_text("1950-01/1950-04") == "January 1950 to April 1950"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The section written from a real comparison: the baseline, both readings, 4,000 worlds."""
    out = tmp_path_factory.mktemp("record_fit")
    with evaluator_for(1) as evaluator:
        comparison = run_comparison(["baseline"], None, 4000, 2, evaluator, False)
        context = StudyContext(out, 4000, 2, evaluator, comparison, False,
                               comparison_tables(comparison))
        markdown = record_fit.build(context)
    with open(out / "tables" / "baseline_vs_record.csv") as handle:
        rows = list(csv.DictReader(handle))
    return context, markdown, rows


def test_every_fact_is_tabled_under_every_reading_with_its_share_of_worlds(written):
    context, markdown, rows = written
    readings = context.reading_names
    assert len(rows) == len(FACTS) * len(readings)
    for row in rows:
        summary = context.summaries[("baseline", row["reading"])]
        position = [f.id for f in FACTS].index(row["fact"])
        assert int(row["matching_worlds"]) == summary.tallies["record:fact"][position]
        assert float(row["share"]) == pytest.approx(int(row["matching_worlds"]) / 4000)
    table = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(FACTS)  # the header, then a line per fact
    assert all(fact.description in markdown for fact in FACTS)
    assert "set a number" in markdown and "weighs the readings" in markdown


def test_the_facts_most_worlds_miss_are_listed_and_no_other(written):
    _, markdown, rows = written
    missed = {row["description"] for row in rows if float(row["share"]) < fit.MOSTLY_MISSED}
    listed = markdown.split("**Facts the baseline mostly misses**")[1].split("**The war's")[0]
    assert missed, "the baseline misses some fact in most worlds (pressing Mao after Incheon)"
    for fact in FACTS:
        assert (f"*{fact.description}*" in listed) == (fact.description in missed), fact.id


def test_the_war_is_measured_against_the_records_37_months(written):
    context, markdown, _ = written
    for reading in context.reading_names:
        months = context.summaries[("baseline", reading)].war_months()
        label = context.reading_label(reading)
        assert (f"Under {label}, a war lasts {months['median']:.0f} months at the median"
                in markdown)
    assert "(the record: 37 months, from the invasion to the armistice)" in markdown
    assert len(re.findall(r"\(the record: 37[,)]", markdown)) == len(context.reading_names)


def test_a_fitted_fact_that_most_worlds_miss_says_a_number_was_set_from_it():
    rows = [{"fact": "f", "description": "fitted", "use": "calibration", "share": 0.3,
             "reading": "a"},
            {"fact": "t", "description": "tested", "use": "test", "share": 0.2, "reading": "a"},
            {"fact": "k", "description": "kept", "use": "test", "share": 0.9, "reading": "a"}]
    lines = fit.missed_lines(rows, {"a": "A's reading"}, share=lambda row: f"{row['share']:.2f}")
    assert len(lines) == 2
    assert "0.30 of worlds under A's reading" in lines[0] and "set from it" in lines[0]
    assert "set from it" not in lines[1]
    assert np.isclose(float(lines[1].split("only ")[1].split(" ")[0]), 0.2)
    kept = fit.missed_lines(rows[2:], {"a": "A's reading"}, share=str)
    assert kept == ["- None: every fact is reproduced in at least 50% of worlds under every "
                    "reading."]


def test_a_baseline_tallied_against_another_record_is_refused_in_one_line():
    from korea1950.inputs.errors import InputError
    from korea1950.running.summary import Summary

    summary = Summary(replicates=10, tallies={"record:fact": np.zeros(len(FACTS) - 1)})
    with pytest.raises(InputError, match=f"against {len(FACTS) - 1} facts of the record"):
        fit.fact_rows(FACTS, {"a": summary}, {"a": "A's reading"})


def test_a_fact_says_when_a_world_matches_it_not_only_its_date():
    by_id = {fact.id: fact for fact in FACTS}
    assert fit.counted_as(by_id["invasion-june-1950"]) == "May 1950 to July 1950"
    assert fit.counted_as(by_id["no-soviet-veto"]) == "if the event never happens"
    assert fit.counted_as(by_id["un-authorisation"]) == "any month"
    assert fit.counted_as(by_id["china-after-crossing"]).startswith("not before: ")
    assert "within 6 months after" in fit.counted_as(
        by_id["armistice-after-stalins-death"])


def test_a_fact_that_the_war_never_ended_gives_no_date_for_its_end():
    from dataclasses import replace

    never = tuple(replace(f, occurs=False) if f.event == "armistice" else f for f in FACTS)
    assert fit.record_war_months(never) is None


def test_every_war_ends_one_way_or_is_still_fought(written):
    context, _, _ = written
    for reading in context.reading_names:
        summary = context.summaries[("baseline", reading)]
        ends = sum(summary.count(outcome) for outcome in fit.WAR_ENDS)
        assert ends == summary.count("war_start") > 0
