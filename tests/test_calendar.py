"""The baseline keeps the record's calendar under every bundled reading.

Why a test and not a figure in a note: the calendar emerges from the actors'
rules (Kim's road to Moscow and Beijing, the plan's preparation, the war's
decisions), so any change to a rule can move it. The windows are the issue's
("within about a month" of the record); the shares are the least the record
asks of a model that reaches its outcomes in most worlds. Medians over 20,000
worlds with a fixed seed: their sampling error is a fraction of a month.
"""

import itertools

import numpy as np
import pytest

from korea1950.inputs.calendar import month_index
from korea1950.inputs.readings import bundled_reading_names
from korea1950.simulation.model import CrisisModel

WORLDS = 20_000

WINDOWS = {
    "stalin_approves": ("1950-01", "1950-05"),
    "mao_consents": ("1950-04", "1950-06"),
    "invasion": ("1950-05", "1950-07"),
    "incheon_landing": ("1950-08", "1950-10"),
    "china_intervention": ("1950-09", "1950-11"),
}
"""Event -> the window (inclusive) its median month must fall in."""

ARMISTICE_WINDOW = ("1953-05", "1953-09")

MOST_WORLDS = ("invasion", "us_intervention", "china_intervention", "armistice")


@pytest.fixture(scope="module", params=bundled_reading_names())
def events(request) -> dict[str, np.ndarray]:
    model = CrisisModel("baseline", request.param, WORLDS, rng=21)
    model.run_model()
    return model.world.events


@pytest.mark.parametrize("event", sorted(WINDOWS))
def test_median_month_is_within_a_month_of_the_record(events, event):
    months = events[event][events[event] >= 0]
    first, last = (month_index(label) for label in WINDOWS[event])
    assert first <= np.median(months) <= last


def test_an_armistice_after_stalins_death_comes_within_a_month_or_two_of_the_record(events):
    """Checked on the armistices that follow his death, not on all of them, and why.

    Whether Stalin lets an armistice be signed while he lives is what the
    record's test fact ``armistice-after-stalins-death`` weighs: under Stueck's
    reading about a third of armistices come before his death, so the median
    of all of them sits at the window's edge (1953-04 or -05, by seed). Tuning
    a shared number until it moved inside would dial in the verdict; the
    calendar of the road to the signing (Mao's terms, Rhee's consent) is what
    the model owes the record under every reading.
    """
    death = events["stalin_death"]
    after = (events["armistice"] >= 0) & (events["armistice"] >= death) & (death >= 0)
    first, last = (month_index(label) for label in ARMISTICE_WINDOW)
    assert after.mean() > 0.4
    assert first <= np.median(events["armistice"][after]) <= last


def test_fewer_than_a_tenth_of_invasions_come_before_the_april_talks(events):
    invaded = events["invasion"] >= 0
    early = invaded & (events["invasion"] < month_index("1950-04"))
    assert early.sum() / invaded.sum() < 0.10


@pytest.mark.parametrize("event", MOST_WORLDS)
def test_the_war_s_milestones_happen_in_most_worlds(events, event):
    assert np.mean(events[event] >= 0) >= 0.60


def test_kims_road_runs_in_the_record_s_order(events):
    """Request, invitation, Moscow, approval, Beijing, consent, attack: never out of order."""
    road = ("kim_asks_for_general_offensive", "stalin_invites_kim", "kim_in_moscow",
            "stalin_approves", "kim_visits_mao", "mao_consents", "invasion")
    for earlier, later in itertools.pairwise(road):
        both = (events[earlier] >= 0) & (events[later] >= 0)
        assert both.mean() > 0.9
        assert (events[earlier][both] <= events[later][both]).all(), (earlier, later)
