"""Property tests: whatever the motives and levers, no event comes before its cause."""

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korea1950.inputs.calendar import HORIZON_MONTHS
from korea1950.inputs.levers import LEVERS, NEVER
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.summary import summarize
from korea1950.simulation.model import CrisisModel
from korea1950.simulation.world import ENDED, WAR

BASELINE = load_scenario("baseline")


def lever_values(name: str):
    spec = LEVERS[name]
    if spec.kind == "switch":
        return st.booleans()
    if spec.kind == "month":
        return st.sampled_from([NEVER, 0, 1, 4, 10, 20, 42, 60])
    return st.sampled_from(spec.choices)


levers_strategy = st.fixed_dictionaries({}, optional={name: lever_values(name)
                                                      for name in LEVERS})
motives_strategy = st.fixed_dictionaries({
    name: st.floats(spec.low, spec.high, allow_nan=False)
    for name, spec in STALIN_MOTIVE_PARAMETERS.items()})

CAUSES = {
    "us_intervention": ("war_start",),
    "incheon_landing": ("us_intervention",),
    "un_crosses_38th": ("us_intervention",),
    "china_intervention": ("war_start",),
    "armistice_talks": ("war_start",),
    "armistice": ("armistice_talks", "us_presses_rhee", "rhee_accepts_armistice"),
    "us_presses_rhee": ("armistice_talks",),
    "rhee_accepts_armistice": ("us_presses_rhee",),
    "soviet_veto": ("invasion",),
    "gottwald_letter": ("soviet_return", "un_authorization", "us_intervention"),
    "stalin_presses_china": ("us_intervention",),
    "un_authorization": ("invasion",),
    "un_unified_command": ("un_authorization", "us_intervention"),
    "war_end": ("war_start",),
    "invasion": ("war_start",),
    "stalin_approves": ("ccp_victory",),
    "soviet_return": ("soviet_boycott",),
    "soviet_air_cover": ("china_intervention",),
}


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(levers=levers_strategy, motives=motives_strategy, seed=st.integers(0, 2**16))
def test_no_event_before_its_cause(levers, motives, seed):
    scenario = dataclasses.replace(BASELINE,
                                   levers=dataclasses.replace(BASELINE.levers, **levers))
    model = CrisisModel(scenario=scenario, replicates=64, rng=seed, stalin_motives=motives)
    model.run_model()
    events = model.world.events
    for effect, causes in CAUSES.items():
        happened = events[effect] >= 0
        for cause in causes:
            assert (events[cause][happened] >= 0).all(), (effect, cause)
            assert (events[cause][happened] <= events[effect][happened]).all(), (effect, cause)
    front = model.world.front
    assert ((front >= 0.0) & (front <= 1.0)).all()
    ended = model.world.phase == ENDED
    outcomes = sum((events[name] >= 0).astype(int) for name in
                   ("armistice", "north_unifies", "south_unifies", "limited_war_ends"))
    assert (outcomes[ended] == 1).all()
    assert (outcomes[~ended] == 0).all()


@settings(max_examples=25, deadline=None, derandomize=True)
@given(levers=levers_strategy, seed=st.integers(0, 2**16))
def test_summary_probabilities_are_shares_and_war_at_horizon_is_reported(levers, seed):
    scenario = dataclasses.replace(BASELINE,
                                   levers=dataclasses.replace(BASELINE.levers, **levers))
    model = CrisisModel(scenario=scenario, replicates=48, rng=seed)
    model.run_model()
    summary = summarize(model)
    for name in ("invasion", "armistice", "still_at_war", "us_intervention"):
        assert 0.0 <= summary.probability(name) <= 1.0
    still = int((model.world.phase == WAR).sum())
    assert summary.count("still_at_war") == still
    assert summary.tallies["front"].sum() == 48 * HORIZON_MONTHS
    assert np.all(summary.tallies["war_months"].sum() == summary.count("war_start"))
