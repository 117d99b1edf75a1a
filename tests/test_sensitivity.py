"""Sensitivity analysis: SALib's indices for every reading parameter, reproducibly."""

import csv
import json
import re
from pathlib import Path

import numpy as np
import pytest
from SALib.analyze import sobol

from korea1950.analysis import sensitivity as sensitivity_analysis
from korea1950.analysis.sensitivity import (
    CONVERGED_HALF_WIDTH,
    capped_estimate,
    chance_share,
    run_sensitivity,
    sample,
    to_prior,
    varied_parameters,
)
from korea1950.analysis.sobol import chance_variance, sobol_indices
from korea1950.cli.main import main
from korea1950.inputs.readings import load_reading
from korea1950.reporting import sensitivity_plots
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
    flat = {s["outcome"] for s in result["convergence"] if s["flat"]}
    for row in result["indices"]:
        assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(row)
        if row["outcome"] in flat:  # no indices to give: empty, with the reason
            assert row["ST_conf"] is None and row["note"].startswith("no indices")
        else:
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
    text, _, wrote = capsys.readouterr().out.partition("\nwrote ")
    assert wrote.startswith(f"{out}/sensitivity.json") and f"{out}/manifest.json" in wrote
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
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["readings"]["stueck"]["file"] == "seeds/readings/stueck.toml"
    assert (manifest["seed"], manifest["replicates"], manifest["samples"]) == (1, 8, 8)
    assert manifest["worlds"] == saved["worlds"] and "sensitivity.csv" in manifest["files"]
    assert manifest["command"][:2] == ["korea1950", "sensitivity"]


def test_an_index_below_zero_is_never_printed_as_a_share():
    from korea1950.cli.sensitivity import shown

    assert shown(0.125, 0.05) == "0.125"
    assert shown(-0.04, 0.05) == "0 (noise)"
    assert shown(-0.12, 0.05) == "<0 (too few samples)"


def test_morris_and_bad_outcome(capsys):
    assert main(["sensitivity", "--method", "morris", "--samples", "6", "--workers", "1",
                 "--replicates-per-point", "8", "--outcomes", "invasion"]) == 0
    assert "mu*" in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:  # refused while parsing, before any work
        main(["sensitivity", "--outcomes", "invasoin", "--workers", "1"])
    assert done.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "unknown outcome 'invasoin'" in error and "did you mean 'invasion'?" in error


def test_the_key_to_the_star_is_printed_only_where_a_star_is(capsys):
    """At 256 base samples x 32 worlds every index of the veto converges: no star, so no
    key to it (it read as a warning under a table with nothing to warn of)."""
    assert main(["sensitivity", "--samples", "256", "--outcomes", "soviet_veto",
                 "--workers", "1"]) == 0
    text = capsys.readouterr().out
    assert "Soviet veto at the Security Council: converged" in text
    table = text[text.index("\noutcome "):]
    assert "*" not in table and "not converged" not in text
    header, *rows = table.strip().splitlines()
    assert rows and all(len(row) == len(header) for row in rows), "columns line up"


def test_replicates_is_refused_and_the_help_says_what_sets_the_worlds(capsys):
    """--replicates was accepted and ignored; unregistered, argparse would read it as an
    abbreviation of --replicates-per-point. It is refused, before any work, in one line."""
    for argv in (["--replicates", "1000"], ["--replicates=8"]):
        with pytest.raises(SystemExit) as done:
            main(["sensitivity", *argv, "--samples", "8", "--workers", "1"])
        assert done.value.code == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and error.startswith("korea1950 sensitivity: error: ")
        assert "--samples" in error and "--replicates-per-point" in error
    with pytest.raises(SystemExit) as done:
        main(["sensitivity", "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--replicates REPLICATES" not in text and "number of simulated worlds" not in text
    assert "each point is simulated --replicates-per-point times" in text


def test_the_worlds_are_the_points_times_the_worlds_at_each(capsys):
    parameters = len(varied_parameters(load_reading("stueck")))
    assert main(["sensitivity", "--samples", "4", "--replicates-per-point", "3",
                 "--outcomes", "invasion", "--workers", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["points"] == 4 * (parameters + 2)
    assert result["worlds"] == 3 * 4 * (parameters + 2)


def test_chunk_size_is_refused_with_why(capsys):
    """Its unit of work is a block of points, whatever --chunk-size says: accepted, the option
    did nothing. It is refused, before any work, in one line that says why."""
    with pytest.raises(SystemExit) as done:
        main(["sensitivity", "--chunk-size", "65536", "--samples", "8", "--workers", "1"])
    assert done.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("korea1950 sensitivity: error: ")
    assert "--chunk-size is not an option of sensitivity: its unit of work is a block" in error


@pytest.mark.parametrize(("argv", "points", "worlds", "lower"), [
    (["--samples", "100000"], "2,200,000 points", "70,400,000 worlds", "(lower --samples)"),
    (["--samples", "1000", "--replicates-per-point", "100000"], "22,000 points",
     "2,200,000,000 worlds", "(lower --samples or --replicates-per-point)")])
def test_a_run_too_big_is_refused_in_one_line_before_any_sampling(capsys, monkeypatch, argv,
                                                                  points, worlds, lower):
    monkeypatch.setattr(sensitivity_analysis, "sample", lambda *args: pytest.fail("sampled"))
    assert len(varied_parameters(load_reading("stueck"))) == 20
    assert main(["sensitivity", *argv, "--workers", "1"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and points in error and worlds in error
    assert "at most 1,000,000 points and 1,000,000,000 worlds" in error and lower in error


def _captured_figures(monkeypatch) -> list[dict]:
    """Every sensitivity figure drawn: its suptitle and panel titles."""
    drawn: list[dict] = []
    real = sensitivity_plots.save_figure

    def record(figure, stem: Path) -> list[Path]:
        drawn.append({"suptitle": figure.get_suptitle(),
                      "panels": [ax.get_title() for ax in figure.axes if ax.get_title()]})
        return real(figure, stem)

    monkeypatch.setattr(sensitivity_plots, "save_figure", record)
    return drawn


def test_the_note_on_parameters_not_drawn_bounds_first_order_indices_too(monkeypatch,
                                                                         tmp_path):
    """Parameters are ranked by total index; here a hidden one's first-order estimate (0.5)
    exceeds every total index drawn (at most 0.3), and the note's bound must cover it."""
    names = varied_parameters(load_reading("stueck"))
    assert len(names) > sensitivity_plots.SHOWN_PARAMETERS + 1
    totals = [0.3 - 0.01 * i for i in range(len(names))]
    rows = [{"outcome": "armistice", "parameter": name, "S1": 0.01, "S1_conf": 0.01,
             "S1_converged": True, "ST": total, "ST_conf": 0.01, "ST_converged": True}
            for name, total in zip(names, totals, strict=True)]
    hidden = rows[sensitivity_plots.SHOWN_PARAMETERS]
    hidden["S1"] = 0.5
    drawn = _captured_figures(monkeypatch)
    sensitivity_plots.plot_sensitivity(rows, "Sensitivity", tmp_path / "s",
                                       convergence=[{"outcome": "armistice", "flat": False,
                                                     "chance": 0.6, "chance_conf": 0.05}])
    hidden_count = len(names) - sensitivity_plots.SHOWN_PARAMETERS
    assert (f"{hidden_count} other parameters not drawn: every index (first order and total) "
            "at most 0.500.") in drawn[0]["suptitle"]
    # Without it the largest hidden total index would be the bound.
    hidden["S1"] = 0.01
    assert sensitivity_plots.hidden_note(rows, [r["parameter"] for r in rows[10:]],
                                         ("S1", "ST")).endswith(f"at most {totals[10]:.3f}.")


def test_chance_above_everything_is_said_as_an_estimate_not_a_share():
    assert chance_share(0.954, 0.039) == ("95.4%", "±3.9%")
    assert chance_share(1.018, 0.039) == (
        "100%", "estimate 101.8% ±3.9%; a share cannot exceed 100%")
    assert chance_share(-0.02, 0.01) == ("0%", "estimate -2.0% ±1.0%; a share cannot fall "
                                                "below 0%")
    assert chance_share(0.5) == ("50.0%", "")
    assert capped_estimate(1.018, 0.039) == "101.8% ±3.9%" and capped_estimate(-0.02) == "-2.0%"
    assert capped_estimate(0.954, 0.039) is None and capped_estimate(1.0) is None


def test_an_outcome_without_indices_is_empty_in_the_tables_and_chance_is_capped(
        monkeypatch, tmp_path, capsys):
    """Under the veto the invasion (almost) always happens: no indices, so its rows in the
    CSV and JSON have empty cells and a note, never converged zeros. US intervention has
    indices; noise puts chance's estimated share above 100% at this size, and the text and
    the figure both say 100% with the same estimate and interval."""
    out = tmp_path / "sens"
    drawn = _captured_figures(monkeypatch)
    assert main(["sensitivity", "--scenario", "soviet_veto", "--samples", "8",
                 "--replicates-per-point", "8", "--outcomes", "invasion,us_intervention",
                 "--workers", "1", "--out", str(out)]) == 0
    text = capsys.readouterr().out

    with (out / "sensitivity.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    keys = ("S1", "S1_conf", "S1_converged", "ST", "ST_conf", "ST_converged")
    flat = [r for r in rows if r["outcome"] == "invasion"]
    measured = [r for r in rows if r["outcome"] == "us_intervention"]
    assert flat and measured
    assert all(r[k] == "" for r in flat for k in keys)
    assert all(r["note"].startswith("no indices: happens in ") and "too little variation"
               in r["note"] for r in flat)
    assert all(r["note"] == "" for r in measured)
    assert all(float(r["ST_conf"]) > 0 for r in measured)
    saved = json.loads((out / "sensitivity.json").read_text())
    assert all(r["S1"] is None and r["ST_converged"] is None
               for r in saved["indices"] if r["outcome"] == "invasion")

    summary = saved["convergence"][1]
    assert summary["outcome"] == "us_intervention" and summary["chance"] > 1
    estimate = f"{summary['chance']:.1%} ±{summary['chance_conf']:.1%}"
    assert (f"US intervention: chance within the world explains 100% of its variation "
            f"(estimate {estimate}; a share cannot exceed 100%)") in text
    shares = [float(s) for s in re.findall(r"(?<!estimate )(?<![\d.])(\d+\.?\d*)%", text)]
    assert shares and max(shares) <= 100, "no share above 100% is stated as a share"
    (figure,) = drawn
    assert any(f"100%; estimate\n{estimate})" in title for title in figure["panels"])
    assert "a share cannot exceed 100%" in figure["suptitle"]

    # The scenario by its title, in the text and the figure.
    assert text.splitlines()[0].endswith(
        "The Soviet delegate returns and vetoes, under William Stueck's reading")
    assert "soviet_veto" not in text
    assert "The Soviet delegate returns and vetoes" in figure["suptitle"]
    assert "soviet_veto" not in figure["suptitle"]


def test_the_study_names_the_invasions_leading_parameters_in_words():
    from korea1950.inputs.labels import parameter_label
    from korea1950.reporting.study.sections.sensitivity import _leaders

    rows = [{"outcome": "invasion", "parameter": name, "ST": total, "ST_conf": 0.02}
            for name, total in (("values_boycott_solidarity", 0.4), ("war_burden", 0.1),
                                ("expects_us_to_fight", 0.3), ("acheson_effect", 0.05))]
    text = _leaders(rows)
    assert text.startswith("For the invasion, the largest total indices are "
                           f"{parameter_label('values_boycott_solidarity')} (total 0.40 ± 0.02)")
    assert "values_boycott_solidarity" not in text and "acheson" not in text


def test_one_world_a_point_is_said_in_the_singular(tmp_path, capsys):
    points = 2 * (len(varied_parameters(load_reading("stueck"))) + 2)
    out = tmp_path / "sens"
    assert main(["sensitivity", "--samples", "2", "--replicates-per-point", "1",
                 "--outcomes", "invasion", "--workers", "1", "--out", str(out)]) == 0
    assert f"{points} points x 1 world = {points} worlds" in capsys.readouterr().out
    assert (f"{points} sample points x 1 world = {points} worlds (2 base samples, seed 1)."
            in (out / "sensitivity.md").read_text())
