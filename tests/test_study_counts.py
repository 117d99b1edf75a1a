"""The study report counts what it ran in words that agree with the count ("1 reading")."""

import pytest

from korea1950.analysis.compare import comparison_tables, run_comparison
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.front import summary
from korea1950.reporting.study.numbers import counted, months_text
from korea1950.reporting.study.sections import overview


def test_a_count_takes_its_noun_in_the_right_number():
    assert counted(1, "reading") == "1 reading"
    assert counted(13, "scenario") == "13 scenarios"
    assert counted(0, "world") == "0 worlds"
    assert counted(20_000, "simulated world") == "20,000 simulated worlds"
    assert counted(2, "analysis", "analyses") == "2 analyses"
    assert months_text(-1) == "1 month earlier" and months_text(12) == "12 months later"


@pytest.fixture(scope="module")
def one_reading(tmp_path_factory) -> StudyContext:
    """A study's context for two scenarios under Kim's reading alone (a data folder holding
    one reading runs so), 200 worlds each."""
    comparison = run_comparison(["baseline", "soviet_veto"], ["kim"], 200, 3, 1)
    return StudyContext(tmp_path_factory.mktemp("study"), 200, 3, None, comparison,
                        tables=comparison_tables(comparison))


def test_the_summary_of_a_study_on_one_reading_says_1_reading(one_reading):
    text = summary(one_reading)
    assert ("**What was run.** 2 scenarios × 1 reading of Stalin's intent (Donggil Kim's "
            "reading) × 200 simulated worlds each, seed 3.") in text
    assert "1 readings" not in text


def test_the_overview_of_a_study_on_one_reading_says_1_reading(one_reading):
    text = " ".join(overview.build(one_reading).split())
    assert ("This report simulates **2 scenarios** under **1 reading** of Stalin's intent, "
            "**200 worlds** each (seed 3).") in text
