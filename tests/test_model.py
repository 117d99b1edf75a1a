"""The model as a whole: the historical course emerges, reproducibly, in one world or many."""

import json

import mesa
import numpy as np
import pytest

from korea1950.cli.main import main
from korea1950.inputs.calendar import month_index
from korea1950.running.ensemble import simulate
from korea1950.simulation.model import CrisisModel


@pytest.fixture(scope="module", params=["kim", "stueck"])
def baseline(request):
    return request.param, simulate("baseline", request.param, replicates=20000, seed=1)


def test_baseline_reaches_the_historical_sequence_under_each_reading(baseline):
    reading, summary = baseline
    for outcome in ("invasion", "us_intervention", "china_intervention", "armistice"):
        assert summary.probability(outcome) > 0.5, (reading, outcome)
    assert summary.probability("soviet_ground_troops") < 0.05
    median_invasion = summary.month_quantile("invasion", 0.5)
    assert month_index("1950-04") <= median_invasion <= month_index("1950-08")


def test_baseline_follows_the_records_order(baseline):
    _, summary = baseline
    median = {event: summary.month_quantile(event, 0.5) for event in
              ("stalin_approves", "invasion", "incheon_landing", "china_intervention",
               "armistice")}
    order = list(median.values())
    assert order == sorted(order)
    assert median["armistice"] >= month_index("1951-07")


def test_readings_differ_where_their_goals_differ():
    """Kim's Stalin, who wants China set against the US, presses Mao more; Stueck's, who
    values a tied-down US less, lets an armistice through before his death more often."""
    kim = simulate("baseline", "kim", replicates=20000, seed=1)
    stueck = simulate("baseline", "stueck", replicates=20000, seed=1)
    gap = kim.probability("stalin_presses_china") - stueck.probability("stalin_presses_china")
    error = np.hypot(kim.standard_error("stalin_presses_china"),
                     stueck.standard_error("stalin_presses_china"))
    assert gap > 5 * error
    alive = month_index("1953-03")
    early = {name: summary.tallies["month:armistice"][:alive].sum() / summary.replicates
             for name, summary in (("kim", kim), ("stueck", stueck))}
    assert early["stueck"] - early["kim"] > 5 * np.sqrt(0.25 * 2 / 20000)


def run_json(capsys, *args: str) -> dict:
    assert main(["run", *args, "--json", "--workers", "1"]) == 0
    return json.loads(capsys.readouterr().out)


def test_same_seed_gives_identical_json(capsys):
    first = run_json(capsys, "baseline", "--replicates", "3000", "--seed", "5")
    second = run_json(capsys, "baseline", "--replicates", "3000", "--seed", "5")
    other = run_json(capsys, "baseline", "--replicates", "3000", "--seed", "6")
    assert first == second
    assert first != other


def test_run_json_has_the_documented_shape(capsys):
    record = run_json(capsys, "baseline", "--reading", "kim", "--replicates", "2000")
    assert {"scenario", "reading", "replicates", "seed", "outcomes", "timing"} <= set(record)
    required = {"stalin_approves", "mao_consents", "invasion", "soviet_veto",
                "un_authorization", "us_intervention", "incheon_landing", "un_crosses_38th",
                "china_intervention", "soviet_ground_troops", "north_unifies", "south_unifies",
                "armistice", "us_europe_buildup"}
    assert required <= set(record["outcomes"])
    assert all(0.0 <= p <= 1.0 for p in record["outcomes"].values())
    for name in ("stalin_approval_month", "invasion_month", "china_intervention_month",
                 "war_end_month"):
        assert set(record["timing"][name]) == {"median", "p10", "p90"}
        assert len(record["timing"][name]["median"]) == 7  # "YYYY-MM"
    assert record["timing"]["war_months"]["median"] > 0


def test_run_table_speaks_in_labels_and_flags_a_median_between_groups(capsys):
    import re

    assert main(["run", "soviet_veto", "--reading", "kim", "--replicates", "2000",
                 "--workers", "1"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("The Soviet delegate returns and vetoes, under Donggil Kim's "
                            "reading: 2,000 worlds, seed 1")
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table), "no code names"
    rows = {line[:44].strip(): line for line in table.splitlines()}
    # the North wins by late 1950 in some worlds, an armistice ends the war in 1953 in others
    assert rows["When the fighting ends"].endswith("*")
    assert rows["When the North invades"].endswith(" ")  # nearly every world in one month
    assert "they fall in groups" in table


def test_run_table_says_the_invasion_counts_counterattacks_only_where_rhee_struck(capsys):
    from korea1950.inputs.labels import INVASION_COUNTS_COUNTERATTACKS as COUNTED
    from korea1950.reporting.run_output import run_record, run_table

    # Mao withholding his consent: every invasion is a counterattack after Rhee's first strike
    assert main(["run", "mao_refuses", "--reading", "stueck", "--replicates", "2000",
                 "--workers", "1"]) == 0
    table = capsys.readouterr().out
    rows = {line[:44].strip(): line for line in table.splitlines()}
    invaded, rhee = (float(rows[label].split()[-2]) for label in
                     ("North Korean invasion", "Rhee attacks first"))
    assert invaded > 0.05 and invaded == rhee
    assert COUNTED in table
    # where no world saw Rhee strike first, the line would only puzzle: it is left out
    summary = simulate("baseline", "stueck", replicates=500, seed=1, progress=False)
    record = run_record(summary, "baseline", "stueck", 1)
    record["outcomes"]["rhee_attacks"] = 0.0
    assert COUNTED not in run_table(record, summary, "Baseline", "a reading")


def test_a_median_is_flagged_only_when_few_worlds_are_near_it():
    from korea1950.reporting.run_output import _near

    one_group = np.zeros(88, dtype=np.int64)
    one_group[9:12] = [30, 50, 20]
    two_groups = np.zeros(88, dtype=np.int64)
    two_groups[[10, 44]] = [49, 51]
    assert _near(one_group, 10) == ("100%", "")
    assert _near(two_groups, 44) == ("51%", "")  # the median's group holds half the worlds
    two_groups[[10, 27, 44]] = [45, 10, 45]  # the median falls on the few worlds between
    assert _near(two_groups, 27) == ("10%", "*")


@pytest.mark.parametrize("args, fragment", [
    (["run", "nosuch"], "unknown scenario 'nosuch'"),
    (["run", "baseline", "--reading", "nobody"], "unknown reading 'nobody'"),
    (["run", "baseline", "--replicates", "0"], "expected a positive integer"),
    (["run", "baseline", "--seed", "x"], "expected a non-negative integer"),
    (["run", "/nonexistent/file.toml"], "file not found"),
])
def test_bad_arguments_exit_2_with_one_line(capsys, args, fragment):
    with pytest.raises(SystemExit) as stop:
        code = main(args)
        raise SystemExit(code)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err
    assert "Traceback" not in err


def test_single_world_runs_agree_with_lockstep_ensemble():
    """R = 1 is the same model: 300 single worlds match 20,000 lockstep worlds."""
    singles = []
    for seed in range(300):
        model = CrisisModel(replicates=1, rng=seed)
        model.run_model()
        singles.append(model.world.happened("invasion")[0]
                       and model.world.happened("us_intervention")[0])
    lockstep = CrisisModel(replicates=20000, rng=12345)
    lockstep.run_model()
    both = lockstep.world.happened("invasion") & lockstep.world.happened("us_intervention")
    p_single, p_lock = np.mean(singles), both.mean()
    error = np.sqrt(p_lock * (1 - p_lock) * (1 / 300 + 1 / 20000))
    assert abs(p_single - p_lock) < 4 * error


def test_mesa_batch_run_drives_single_world_models():
    results = mesa.batch_run(
        CrisisModel, {"scenario": "baseline", "reading": "stueck", "replicates": 1},
        rng=[1, 2, 3, 4], max_steps=200, display_progress=False)
    assert len(results) == 4
    for row in results:
        assert 0.0 <= row["share_at_war"] <= 1.0
        assert row["month"] >= month_index("1950-06")


def test_the_model_stops_when_every_war_has_ended():
    model = CrisisModel(replicates=1, rng=3)
    model.run_model()
    world = model.world
    assert world.month <= 88
    if world.month < 88:
        assert world.all_wars_over()


def test_run_table_never_rounds_a_share_onto_certainty():
    from korea1950.reporting.run_output import run_record, run_table

    summary = simulate("baseline", "kim", replicates=500, seed=1, progress=False)
    record = run_record(summary, "baseline", "kim", 1)
    record["outcomes"].update(invasion=0.99985, soviet_ground_troops=0.0002,
                              ongjin_operation=0.0, us_intervention=0.5)
    record["standard_errors"].update(invasion=0.0000866, soviet_ground_troops=0.0001,
                                     ongjin_operation=0.0, us_intervention=0.02)
    rows = {line[:44].strip(): line[44:].split()
            for line in run_table(record, summary, "Baseline", "a reading").splitlines()}
    assert rows["North Korean invasion"] == [">0.999", "<0.001"]  # 3 in 20,000 did not invade
    assert rows["Soviet ground troops"] == ["<0.001", "<0.001"]
    assert rows["Limited attack on Ongjin"] == ["0.000", "exact"]  # every world agrees
    assert rows["US intervention"] == ["0.500", f"{1.959964 * 0.02:.3f}"]
