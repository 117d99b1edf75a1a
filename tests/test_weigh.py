"""Weighing the readings: the record's facts, the Bayes factor, discrimination, Shapley shares."""

import json

import numpy as np
import pytest

from korea1950.calendar import month_index
from korea1950.cli.main import main
from korea1950.ensemble import simulate
from korea1950.readings import load_reading
from korea1950.record import fact_matches, load_record, pattern_codes
from korea1950.scenarios import bundled_scenario_names
from korea1950.weigh import run_weigh
from korea1950.weigh.likelihood import bayes_factor, reading_likelihood
from korea1950.weigh.responsibility import ACTORS, coalitions, shapley
from korea1950.world import empty_event_months

FACTS = load_record()


def historical_world() -> dict[str, np.ndarray]:
    """One world whose events follow the record month by month."""
    events = empty_event_months(1)
    for event, label in [("stalin_advises_waiting", "1949-09"), ("ccp_victory", "1949-10"),
                         ("stalin_approves", "1950-01"), ("mao_consents", "1950-05"),
                         ("invasion", "1950-06"), ("un_authorization", "1950-06"),
                         ("us_intervention", "1950-06"), ("soviet_return", "1950-08"),
                         ("us_europe_buildup", "1950-08"), ("incheon_landing", "1950-09"),
                         ("un_crosses_38th", "1950-10"), ("china_intervention", "1950-10"),
                         ("stalin_death", "1953-03"), ("armistice", "1953-07")]:
        events[event][0] = month_index(label)
    return events


def test_the_record_has_at_least_ten_dated_cited_facts():
    assert len(FACTS) >= 10
    for fact in FACTS:
        assert fact.date and fact.evidence and fact.description


def test_the_historical_course_matches_every_fact():
    assert fact_matches(historical_world(), FACTS).all()


@pytest.mark.parametrize("change, broken", [
    (("soviet_veto", "1950-06"), "no-soviet-veto"),
    (("invasion", "1951-03"), "invasion-june-1950"),
    (("china_intervention", "1950-07"), "china-after-crossing"),
    (("armistice", "1951-10"), "armistice-after-stalins-death"),
])
def test_a_world_that_departs_from_the_record_fails_that_fact(change, broken):
    events = historical_world()
    event, label = change
    events[event][0] = month_index(label)
    matches = fact_matches(events, FACTS)[:, 0]
    failed = {fact.id for fact, ok in zip(FACTS, matches, strict=True) if not ok}
    assert broken in failed


def test_pattern_codes_set_one_bit_per_fact():
    matches = np.array([[True, False], [False, False], [True, True]])
    assert pattern_codes(matches).tolist() == [0b101, 0b100]


def test_eight_times_the_worlds_narrows_the_bayes_factor_interval():
    widths = []
    for worlds in (4000, 32000):
        rng = np.random.default_rng(0)
        kim, stueck = (reading_likelihood(simulate("baseline", name, worlds, seed=2), FACTS, rng)
                       for name in ("kim", "stueck"))
        factor, _ = bayes_factor(kim, stueck, FACTS)
        widths.append(factor["ci"][1] - factor["ci"][0])
    assert widths[1] < 0.5 * widths[0]


def test_shapley_shares_add_up_to_the_whole_effect():
    rng = np.random.default_rng(3)
    values = {c: float(rng.random()) for c in coalitions()}
    shares = shapley(values)
    assert sum(shares.values()) == pytest.approx(values[frozenset(ACTORS)] - values[frozenset()])
    symmetric = {c: float(len(c) == 4) for c in coalitions()}
    assert all(v == pytest.approx(0.25) for v in shapley(symmetric).values())


@pytest.fixture(scope="module")
def weighing(tmp_path_factory):
    path = tmp_path_factory.mktemp("third") / "third.toml"
    source = load_reading("stueck").path.read_text().replace('name = "stueck"', 'name = "third"')
    path.write_text(source)
    return run_weigh(["kim", "stueck", str(path)], replicates=1500, seed=4, band=False)


def test_a_third_reading_by_path_appears_in_every_table(weighing):
    assert set(weighing["readings"]) == {"kim", "stueck", "third"}
    assert {(f["a"], f["b"]) for f in weighing["bayes_factors"]} == {
        ("kim", "stueck"), ("kim", "third"), ("stueck", "third")}
    assert set(weighing["responsibility"]) == {"kim", "stueck", "third"}
    assert set(weighing["posterior"]) == {"kim", "stueck", "third"}
    fact = next(iter(weighing["contributions"].values()))
    assert {"kim/stueck", "kim/third", "stueck/third"} <= set(fact)


def test_discrimination_ranks_every_bundled_scenario(weighing):
    ranked = [row for row in weighing["discrimination"] if row["readings"] == ["kim", "stueck"]]
    assert {row["scenario"] for row in ranked} == set(bundled_scenario_names())
    divergences = [row["divergence"] for row in weighing["discrimination"]]
    assert divergences == sorted(divergences, reverse=True)
    for row in ranked:
        assert row["ci"][0] <= row["divergence"] + 0.05 and row["ci"][1] >= 0


def test_shares_sum_to_the_probability_of_war(weighing):
    for shares in weighing["responsibility"].values():
        total = sum(shares[a]["share"] for a in ACTORS)
        assert total == pytest.approx(shares["p_war_all"] - shares["p_war_none"], abs=2e-3)
        assert shares["p_war_none"] == 0.0


def test_weigh_json_is_complete_and_reproducible(capsys):
    args = ["weigh", "--replicates", "1000", "--seed", "6", "--workers", "1", "--json"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert {"replicates", "seed", "readings", "bayes_factors", "contributions",
            "discrimination", "responsibility"} <= set(first)
    for cell in first["readings"].values():
        assert {"log_p_record", "matching_worlds"} <= set(cell)
    assert {"a", "b", "log_bf", "ci"} <= set(first["bayes_factors"][0])
    assert first["decision_band"]["band"] is not None
