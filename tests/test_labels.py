"""One table of labels: every outcome, timing and event a reader can meet has a human name,
and "kim" the reading never shares a label with Kim the actor."""

from korea1950.inputs.events import EVENTS
from korea1950.inputs.labels import (
    OUTCOME_LABELS,
    TIMING_LABELS,
    actor_name,
    outcome_label,
    reading_label,
    timing_label,
)
from korea1950.running.summary import OUTCOMES, TIMINGS


def test_every_event_outcome_and_timing_has_a_label_without_underscores():
    for name in (*EVENTS, *OUTCOMES):
        assert "_" not in outcome_label(name), name
    for name in TIMINGS:
        assert "_" not in timing_label(name), name
    assert set(OUTCOME_LABELS) == set(EVENTS) | set(OUTCOMES)
    assert set(TIMING_LABELS) == set(TIMINGS)


def test_the_reading_kim_and_the_actor_kim_have_different_names():
    assert reading_label("kim") == "Donggil Kim's reading"
    assert reading_label("stueck") == "William Stueck's reading"
    assert actor_name("kim") == "Kim Il Sung"
    assert reading_label("mine", "My own reading") == "My own reading"


def test_every_goal_and_belief_of_stalin_has_a_short_label_without_underscores():
    from korea1950.inputs.labels import PARAMETER_LABELS, parameter_label
    from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS

    assert set(PARAMETER_LABELS) == set(STALIN_MOTIVE_PARAMETERS)
    for name in STALIN_MOTIVE_PARAMETERS:
        assert "_" not in parameter_label(name) and len(parameter_label(name)) <= 50, name


def test_a_moved_mean_names_whose_range_it_sits_in():
    from korea1950.inputs.labels import PRIOR_CHANGES, prior_change

    assert prior_change("mean-low", True) == "mean at the low end of its cited range"
    assert prior_change("mean-high", False) == (
        "mean at the high end of its assumed range (no source)")
    assert prior_change("mean-low") == PRIOR_CHANGES["mean-low"]  # many priors: no claim
    assert "cited" not in PRIOR_CHANGES["mean-low"]
    assert prior_change("concentration-half", False) == "concentration halved"


def test_fighting_ends_is_defined_by_how_the_model_ends_a_war():
    """"Fighting ends: fighting ends." says nothing; the definition names every way the model
    ends a war (``World.end_war`` is called with these outcomes)."""
    from korea1950.inputs.labels import event_description

    definition = event_description("war_end")
    assert definition != outcome_label("war_end")
    for way in ("armistice", "conquest", "either side", "limited operation"):
        assert way in definition
    assert event_description("invasion") == EVENTS["invasion"]  # the rest are the events' own
    assert "December 1956" in event_description("still_at_war")


GLOSSED = ("log Bayes factor", "Jensen–Shannon divergence", "cotenability", "posterior",
           "tail probability", "90% interval", "seed", "median", "10th–90th percentile",
           "percentage point", "same worlds", "never here", "Morris screening")
"""Terms the report or the classroom page shows a reader (the review found them undefined)."""


def test_the_glossary_defines_every_term_a_reader_meets_in_one_sentence():
    from korea1950.inputs.labels import GLOSSARY

    for term in GLOSSED:
        meaning = GLOSSARY[term]
        assert meaning.endswith(".") and meaning.count(". ") == 0, term
    assert "natural logarithm" in GLOSSARY["log Bayes factor"]
    assert "2.7 : 1" in GLOSSARY["log Bayes factor"]  # e: what +1 amounts to in odds
    assert "evidence ids" in GLOSSARY["record"]  # the check compares ids, not facts
    assert "not a measure of blame" in GLOSSARY["Shapley share"]
    assert "--method morris" in GLOSSARY["Morris screening"]  # where it is used


def test_the_page_cells_the_glossary_explains_are_the_ones_the_page_prints():
    """"same worlds" and "never here" are defined because the page prints exactly them."""
    import numpy as np

    from korea1950.running.summary import HORIZON_MONTHS, Summary
    from korea1950.teaching.app.tables import difference_cell, shift_cell

    def summary(months: dict[int, int]) -> Summary:
        histogram = np.zeros(HORIZON_MONTHS, dtype=np.int64)
        for month, worlds in months.items():
            histogram[month] = worlds
        return Summary(40, {"count:invasion": np.array([histogram.sum()]),
                            "month:invasion": histogram})

    baseline = summary({9: 40})
    assert difference_cell(baseline, baseline, "invasion") == "same worlds"
    assert shift_cell(summary({}), baseline, "invasion") == "never here"


def test_a_label_too_long_is_cut_after_its_last_whole_word():
    from korea1950.inputs.labels import abridged, in_series

    assert abridged("Kathryn Weathersby: Stalin the cautious opportunist", 24) == \
        "Kathryn Weathersby…"
    assert abridged("(1) Kathryn Weathersby: Stalin", 24) == "(1) Kathryn Weathersby…"
    assert abridged("Donggil Kim's reading", 21) == "Donggil Kim's reading"
    assert abridged("Antidisestablishmentarianism", 10) == "Antidises…"
    assert all(len(abridged("one two three four five", n)) <= n for n in range(2, 30))
    assert [in_series(x) for x in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == \
        ["", "A", "A and B", "A, B and C"]
