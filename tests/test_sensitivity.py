"""Sensitivity analysis: SALib's indices for every reading parameter, reproducibly."""

import json

import numpy as np
import pytest
from SALib.analyze import sobol

from korea1950.analysis.sensitivity import (
    CONVERGED_HALF_WIDTH,
    run_sensitivity,
    sample,
    to_prior,
    varied_parameters,
)
from korea1950.analysis.sobol import chance_variance, sobol_indices
from korea1950.cli.main import main
from korea1950.inputs.readings import load_reading
from korea1950.running.evaluators import Processes


def test_quantiles_map_through_each_prior():
    reading = load_reading("stueck")
    grid = np.linspace(0.01, 0.99, 99)
    for name in varied_parameters(reading):
        prior = reading.priors[name]
        values = to_prior(prior, grid)
        low, high = prior.support()
        assert np.all(np.diff(values) >= 0), name
        assert values.min() >= low and values.max() <= high
        assert abs(to_prior(prior, np.array([0.5]))[0] - prior.mean()) < 0.1


def test_sobol_gives_first_order_and_total_indices_with_intervals(capsys):
    code = main(["sensitivity", "--method", "sobol", "--samples", "32",
                 "--replicates-per-point", "16", "--outcomes", "invasion,soviet_veto",
                 "--workers", "1", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    parameters = set(varied_parameters(load_reading("stueck")))
    assert set(result["parameters"]) == parameters
    assert len(result["indices"]) == 2 * len(parameters)
    for row in result["indices"]:
        assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(row)
        assert row["ST_conf"] >= 0
    veto = {r["parameter"]: r for r in result["indices"] if r["outcome"] == "soviet_veto"}
    # The boycott's value decides whether he comes back to veto; how candid his later
    # letters are cannot touch the veto at all.
    assert veto["values_boycott_solidarity"]["ST"] > veto["letter_candour"]["ST"]
    # 32 base samples are far too few, and the result says so for each outcome.
    assert [s["outcome"] for s in result["convergence"]] == ["invasion", "soviet_veto"]
    veto_summary = result["convergence"][1]
    assert not veto_summary["converged"] and "NOT CONVERGED" in veto_summary["statement"]
    assert 0.5 < veto_summary["chance"] < 1


def test_estimators_are_salibs_for_a_yes_or_no_output_without_chance():
    names = ["a", "b", "c"]
    points = sample("sobol", names, 256, seed=1)
    values = (points[:, 0] + 0.3 * points[:, 1] > 0.6).astype(float)
    ours = sobol_indices(values, np.zeros_like(values), 3, seed=1)
    theirs = sobol.analyze({"num_vars": 3, "names": names, "bounds": [[0, 1]] * 3}, values,
                           calc_second_order=False, seed=1)
    np.testing.assert_allclose(ours["ST"], theirs["ST"], atol=1e-12)
    # SALib centres on the mean of every point, we on the A and B points: a hair apart.
    np.testing.assert_allclose(ours["S1"], theirs["S1"], atol=2e-3)
    assert ours["chance"] == pytest.approx(0, abs=1e-12)


def test_chance_within_the_worlds_is_not_credited_to_the_parameters():
    """p(x) = 0.2 + 0.6 x0: the share of variance due to x0 is Var(p) / (p(1-p)) =
    0.03 / 0.25 = 0.12, chance's share 0.88, and x1, x2 none - even though each point
    is only a share of 32 draws."""
    per_point = 32
    points = sample("sobol", ["x0", "x1", "x2"], 1024, seed=3)
    probability = 0.2 + 0.6 * points[:, 0]
    shares = np.random.default_rng(4).binomial(per_point, probability) / per_point
    result = sobol_indices(shares, chance_variance(shares, per_point), 3, seed=5)
    for key in ("S1", "ST"):
        se = result[f"{key}_conf"] / 1.96
        assert result[key][0] == pytest.approx(0.12, abs=4 * se[0])
        assert np.all(np.abs(result[key][1:]) < 4 * se[1:] + 1e-3)
    assert result["chance"] == pytest.approx(0.88, abs=4 * result["chance_conf"] / 1.96)
    # Without the correction chance is credited to x1 and x2: about 1/32 of a world's
    # variance each here, and SALib's estimators (on the shares' variance) give them ~0.2.
    naive = sobol_indices(shares, np.zeros_like(shares), 3, seed=5)
    assert np.all(naive["ST"][1:] > 0.02)
    theirs = sobol.analyze({"num_vars": 3, "names": ["x0", "x1", "x2"],
                            "bounds": [[0, 1]] * 3}, shares, calc_second_order=False, seed=1)
    assert np.all(theirs["ST"][1:] > 0.1)


def test_too_few_samples_are_flagged_and_enough_are_not():
    """The boycott's value drives the veto: at 16 base samples its indices are flagged as
    not converged; at 256 (x 32 worlds) they are known to within the threshold."""
    def boycott(samples: int, per_point: int) -> dict:
        result = run_sensitivity(samples=samples, replicates_per_point=per_point,
                                 outcomes=("soviet_veto",))
        return next(r for r in result["indices"]
                    if r["parameter"] == "values_boycott_solidarity")

    few, enough = boycott(16, 16), boycott(256, 32)
    print(f"boycott on veto: 16 samples S1 {few['S1']:.3f} ± {few['S1_conf']:.3f}; "
          f"256 samples S1 {enough['S1']:.3f} ± {enough['S1_conf']:.3f}")
    assert not (few["S1_converged"] and few["ST_converged"])
    assert enough["S1_converged"] and enough["ST_converged"]
    assert enough["S1_conf"] <= CONVERGED_HALF_WIDTH < max(few["S1_conf"], few["ST_conf"])
    assert enough["S1"] - enough["S1_conf"] > 0.02  # clearly more than nothing


def test_same_seed_same_indices_for_any_worker_count():
    first = run_sensitivity(samples=16, replicates_per_point=256, outcomes=("invasion",))
    second = run_sensitivity(samples=16, replicates_per_point=256, outcomes=("invasion",),
                             execution=Processes(2))
    assert first == second


def test_the_command_states_convergence_in_text_markdown_and_json(tmp_path, capsys):
    out = tmp_path / "sens"
    assert main(["sensitivity", "--samples", "8", "--replicates-per-point", "8",
                 "--outcomes", "soviet_veto", "--workers", "1", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "William Stueck's reading" in text and "stueck," not in text
    assert "Soviet veto at the Security Council: NOT CONVERGED" in text
    assert "*" in text  # the unconverged indices are marked
    assert "Soviet veto at the Security Council: chance within the world explains" in text
    table = text[text.index("* = not converged."):].splitlines()[2:]
    header = text[text.index("* = not converged."):].splitlines()[2]
    rows = [line for line in table[1:] if line.strip()]
    assert rows and all(len(line) == len(header) for line in rows), "columns line up"
    assert all(not line.split("  ")[-1].strip().startswith("-") for line in rows), \
        "no share below zero is printed as a number"

    markdown = (out / "sensitivity.md").read_text()
    assert "## Convergence" in markdown and "**no**" in markdown
    saved = json.loads((out / "sensitivity.json").read_text())
    assert saved["convergence"][0]["not_converged"] > 0
    assert saved["converged_half_width"] == CONVERGED_HALF_WIDTH
    assert (out / "sensitivity.png").stat().st_size > 10_000


def test_an_index_below_zero_is_never_printed_as_a_share():
    from korea1950.cli.sensitivity import shown

    assert shown(0.125, 0.05) == "0.125"
    assert shown(-0.04, 0.05) == "0 (noise)"
    assert shown(-0.12, 0.05) == "<0 (too few samples)"


def test_morris_and_bad_outcome(capsys):
    assert main(["sensitivity", "--method", "morris", "--samples", "6", "--workers", "1",
                 "--replicates-per-point", "8", "--outcomes", "invasion"]) == 0
    assert "mu*" in capsys.readouterr().out
    assert main(["sensitivity", "--outcomes", "invasoin", "--workers", "1"]) == 2
    assert "unknown outcome 'invasoin'" in capsys.readouterr().err
