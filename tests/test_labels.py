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
