"""`korea1950 compare` and `list`: scenarios x any number of readings, as tables and figures."""

import csv
import hashlib
import json

import numpy as np
import pytest

from korea1950.analysis.compare import (
    Z95,
    Comparison,
    comparison_tables,
    outcome_rows,
    run_comparison,
)
from korea1950.analysis.timing_shift import (
    NOT_COMPARABLE_NOTE,
    NOT_COMPARABLE_WHEN,
    SHORT_NOTES,
    comparability,
    timing_shift_rows,
)
from korea1950.cli.main import main
from korea1950.inputs.calendar import HORIZON_MONTHS, month_index
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.inputs.scenarios import bundled_scenario_names, load_scenario
from korea1950.reporting import plots
from korea1950.running.summary import TIMINGS, Summary


@pytest.fixture(scope="module")
def small():
    return run_comparison(["soviet_veto", "us_stays_out"], ["kim", "stueck"], replicates=400,
                          seed=7, workers=1, progress=False)


def test_baseline_is_added_first_and_differences_are_taken_against_it(small):
    assert small.scenario_names == ["baseline", "soviet_veto", "us_stays_out"]
    rows = {(r["scenario"], r["reading"], r["outcome"]): r for r in outcome_rows(small)}
    for reading in ("kim", "stueck"):
        assert rows[("baseline", reading, "invasion")]["difference_from_baseline"] == 0
        stays_out = rows[("us_stays_out", reading, "us_intervention")]
        base = rows[("baseline", reading, "us_intervention")]
        assert stays_out["probability"] == 0
        assert stays_out["difference_from_baseline"] == pytest.approx(-base["probability"])


def test_difference_interval_is_the_conservative_independent_samples_one(small):
    base = small.summary("baseline", "kim")
    veto = small.summary("soviet_veto", "kim")
    row = next(r for r in outcome_rows(small) if r["scenario"] == "soviet_veto"
               and r["reading"] == "kim" and r["outcome"] == "soviet_veto")
    error = np.hypot(base.standard_error("soviet_veto"), veto.standard_error("soviet_veto"))
    difference = veto.probability("soviet_veto") - base.probability("soviet_veto")
    assert row["difference_ci_low"] == pytest.approx(difference - Z95 * error, abs=2e-6)
    assert row["difference_ci_high"] == pytest.approx(difference + Z95 * error, abs=2e-6)
    assert row["difference_ci_low"] > 0


def test_same_seed_gives_identical_tables_and_another_seed_does_not(small):
    again = run_comparison(["soviet_veto", "us_stays_out"], ["kim", "stueck"], replicates=400,
                           seed=7, workers=1, progress=False)
    other = run_comparison(["soviet_veto", "us_stays_out"], ["kim", "stueck"], replicates=400,
                           seed=8, workers=1, progress=False)
    first = json.dumps(comparison_tables(small))
    assert json.dumps(comparison_tables(again)) == first
    assert json.dumps(comparison_tables(other)) != first


def test_timing_distributions_count_every_invasion(small):
    rows = comparison_tables(small)["distributions"]
    for reading in ("kim", "stueck"):
        counted = sum(r["worlds"] for r in rows if r["scenario"] == "soviet_veto"
                      and r["reading"] == reading and r["distribution"] == "invasion_month")
        assert counted == small.summary("soviet_veto", reading).count("invasion")


def test_default_readings_are_every_bundled_reading():
    comparison = run_comparison(["baseline"], None, replicates=50, seed=1, workers=1,
                                progress=False)
    assert comparison.reading_names == [load_reading(n).name for n in bundled_reading_names()]


def test_compare_takes_a_third_reading_by_path_with_no_code_change(tmp_path):
    text = load_reading("stueck").path.read_text().replace('name = "stueck"', 'name = "third"')
    third = tmp_path / "third.toml"
    third.write_text(text)
    out = tmp_path / "cmp"
    assert main(["compare", "baseline", "mao_refuses", "--readings", f"kim,stueck,{third}",
                 "--replicates", "300", "--workers", "1", "--out", str(out)]) == 0
    rows = json.loads((out / "tables" / "outcomes.json").read_text())
    assert list(dict.fromkeys(r["reading"] for r in rows)) == ["kim", "stueck", "third"]
    assert {r["scenario"] for r in rows} == {"baseline", "mao_refuses"}
    refused = next(r for r in rows if r["scenario"] == "mao_refuses" and r["reading"] == "third"
                   and r["outcome"] == "invasion")
    assert refused["difference_ci_high"] < 0
    for stem in ("outcomes", "change_vs_baseline", "front_line", "timing"):
        assert (out / "figures" / f"{stem}.png").stat().st_size > 10_000
        assert (out / "figures" / f"{stem}.svg").read_text().lstrip().startswith("<?xml")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["readings"]["third"]["file"] == third.name  # no path naming this machine
    assert manifest["command"][:3] == ["korea1950", "compare", "baseline"]
    assert not list(tmp_path.glob(".cmp*")), "no temporary folder left behind"


def test_each_reading_gets_its_own_colour_in_reading_order():
    colours = plots.reading_colours(["kim", "stueck", "third", "fourth"])
    assert list(colours) == ["kim", "stueck", "third", "fourth"]
    assert len(set(colours.values())) == 4
    assert plots.reading_colours(["stueck"])["stueck"] == colours["kim"]


def test_plots_draw_from_plain_hand_written_tables(tmp_path):
    rows = [{"scenario": s, "reading": r, "outcome": "invasion", "probability": p,
             "standard_error": 0.01, "difference_from_baseline": p - 0.8}
            for s, p in (("baseline", 0.8), ("what_if", 0.3)) for r in ("a", "b", "c")]
    paths = plots.plot_outcomes(rows, ("invasion",), tmp_path / "outcomes")
    paths += plots.plot_heatmap(rows, ("invasion",), tmp_path / "heatmap")
    timing = [{"scenario": "baseline", "reading": r, "distribution": d, "value": v, "worlds": 5}
              for r in ("a", "b") for d in ("invasion_month", "war_months") for v in (9, 12)]
    paths += plots.plot_timing(timing, tmp_path / "timing")
    assert [p.suffix for p in paths] == [".png", ".svg"] * 3
    assert all(p.stat().st_size > 5_000 for p in paths)


@pytest.mark.parametrize("arguments, fragment", [
    (["--readings", "kim,nobody"], "nobody"),
    (["--readings", "kim,kim"], "two readings share the name 'kim'"),
    (["baseline", "atlantis"], "atlantis"),
    (["--replicates", "0"], "positive integer"),
    (["--readings", ""], "one or more comma-separated reading names"),
    (["--readings", " , "], "leave --readings out for the default"),
])
def test_bad_compare_input_is_one_line_and_writes_nothing(tmp_path, capsys, arguments,
                                                          fragment):
    out = tmp_path / "cmp"
    try:
        code = main(["compare", "--replicates", "20", "--workers", "1", "--out", str(out),
                     *arguments])
    except SystemExit as exit_:  # argparse's own errors exit rather than return
        code = exit_.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err
    assert not out.exists()


def test_list_shows_every_bundled_scenario_and_reading_with_its_title(capsys):
    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    for name in bundled_scenario_names():
        assert f"{name} " in printed and load_scenario(name).title in printed
    for name in bundled_reading_names():
        assert load_reading(name).title in printed
    lines = {line.split()[0]: line for line in printed.splitlines() if line.startswith("  ")}
    assert lines["soviet_veto"].endswith("(departs in June 1950)")
    assert lines["us_troops_remain"].endswith("(departs in June 1949)")
    assert "departs" not in lines["baseline"]


def test_compare_with_only_the_baseline_writes_every_figure(tmp_path, capsys):
    out = tmp_path / "base"
    assert main(["compare", "baseline", "--replicates", "100", "--workers", "1",
                 "--out", str(out)]) == 0
    for stem in ("outcomes", "change_vs_baseline", "front_line", "timing"):
        assert (out / "figures" / f"{stem}.png").stat().st_size > 5_000
    assert "Only the baseline" in (out / "figures" / "change_vs_baseline.svg").read_text()


def test_two_runs_with_the_same_seed_write_byte_identical_files(tmp_path):
    folders = []
    for name in ("first", "second"):
        folders.append(tmp_path / name)
        assert main(["compare", "baseline", "soviet_veto", "--replicates", "200", "--seed", "4",
                     "--workers", "1", "--out", str(folders[-1])]) == 0
    first, second = ({str(p.relative_to(f)): p.read_bytes() for p in sorted(f.rglob("*"))
                      if p.is_file()} for f in folders)
    assert set(first) == set(second) and any(name.endswith(".svg") for name in first)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == [".korea1950-output.json", "manifest.json"], "only the manifest differs"
    manifests = [json.loads(f.joinpath("manifest.json").read_text()) for f in folders]
    for manifest in manifests:
        del manifest["created"]
        manifest["command"] = [word for word in manifest["command"]
                               if word not in {str(f) for f in folders}]
    assert manifests[0] == manifests[1], "timestamps and the folder name aside"
    assert manifests[0]["files"] == {name: hashlib.sha256(data).hexdigest()
                                     for name, data in second.items()
                                     if name not in differing}


def test_timing_shifts_compare_median_months_with_the_baseline(small):
    rows = timing_shift_rows(small)
    assert len(rows) == 2 * 2 * len(TIMINGS)  # two what-ifs x two readings x timed events
    for row in rows:
        base = small.summary("baseline", row["reading"])
        assert row["baseline_worlds"] == base.count(row["event"])
        if row["shift_months"] == "":
            assert row["shift_note"] in SHORT_NOTES, row  # the figure says it in short
            continue
        # a shift over different sets of worlds says so on its own row
        assert row["shift_note"] == ("" if row["comparable"] else NOT_COMPARABLE_NOTE), row
        assert row["scenario_worlds"] >= max(30, row["baseline_worlds"] / 2)
        assert row["shift_months"] == (month_index(row["scenario_median_month"])
                                       - month_index(row["baseline_median_month"]))
        assert row["shift_ci_low"] <= row["shift_months"] <= row["shift_ci_high"]
    stays_out = next(r for r in rows if r["scenario"] == "us_stays_out"
                     and r["event"] == "us_intervention")
    assert stays_out["scenario_worlds"] == 0 and stays_out["scenario_median_month"] == ""
    assert stays_out["baseline_median_month"] == small.summary(
        "baseline", stays_out["reading"]).timing("us_intervention")["median"]


def _fake(invasions: dict[int, int]) -> Summary:
    """A summary whose only timed event is the invasion, at the given months (month: worlds)."""
    tallies = {}
    for event in TIMINGS.values():
        tallies[f"month:{event}"] = np.zeros(HORIZON_MONTHS, dtype=np.int64)
    for month, worlds in invasions.items():
        tallies["month:invasion"][month] = worlds
    for event in TIMINGS.values():
        tallies[f"count:{event}"] = np.array([tallies[f"month:{event}"].sum()])
    return Summary(sum(invasions.values()), tallies)


def _shift(base: dict[int, int], what_if: dict[int, int], seed: int = 1) -> dict:
    comparison = Comparison([load_scenario("baseline"), load_scenario("no_ccp_victory")],
                            [load_reading("kim")], 40, seed,
                            {("baseline", "kim"): _fake(base),
                             ("no_ccp_victory", "kim"): _fake(what_if)})
    return next(r for r in timing_shift_rows(comparison) if r["event"] == "invasion")


def test_timing_shift_interval_is_exact_when_every_world_agrees():
    row = _shift({9: 40}, {25: 40})
    assert (row["shift_months"], row["shift_ci_low"], row["shift_ci_high"]) == (16, 16, 16)


def test_timing_shift_interval_widens_with_the_spread_of_the_months():
    # 40 worlds spread evenly over 20 months: the median's standard error is about
    # 1 / (2 * (1/20) * sqrt(40)) = 1.6 months, so a 95% interval of roughly 6 months
    row = _shift({9: 40}, dict.fromkeys(range(20, 40), 2))
    assert row["shift_ci_low"] <= row["shift_months"] <= row["shift_ci_high"]
    assert 3 <= row["shift_ci_high"] - row["shift_ci_low"] <= 12
    assert row["shift_ci_low"] > 0
    assert _shift({9: 40}, dict.fromkeys(range(20, 40), 2), seed=1) == row  # seeded


def test_compare_prints_the_largest_changes_in_the_readers_words_then_where_it_wrote(
        tmp_path, capsys):
    import re

    from korea1950.inputs.labels import outcome_label

    out = tmp_path / "summary"
    assert main(["compare", "baseline", "soviet_veto", "--replicates", "400", "--seed", "7",
                 "--workers", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    summary, _, wrote = printed.partition("\nwrote ")
    assert summary.startswith("2 scenarios x 2 readings: Donggil Kim's reading; William "
                              "Stueck's reading; 400 worlds each, seed 7")
    assert load_scenario("soviet_veto").title in summary
    assert wrote.startswith(f"{out}/tables") and "manifest.json" in wrote
    assert not re.search(r"(?<![\w-])(kim|stueck|soviet_veto|us_intervention)(?![\w-])", summary)
    rows = [r for r in json.loads((out / "tables" / "outcomes.json").read_text())
            if r["scenario"] == "soviet_veto"]
    lines = {line.strip()[:42].strip(): line for line in summary.splitlines()
             if line.startswith("  ")}
    assert outcome_label("soviet_veto") not in lines, "the scenario's premise is not listed"
    authorised = lines[outcome_label("un_authorization")]  # what follows from the veto
    for row in (r for r in rows if r["outcome"] == "un_authorization"):
        assert (f"{row['difference_from_baseline']:+.2f} [{row['difference_ci_low']:+.2f}, "
                f"{row['difference_ci_high']:+.2f}]") in authorised
    assert "tables/timing_vs_baseline.csv" in summary and "tables/timings.csv" not in summary
    assert (out / "tables" / "timing_vs_baseline.csv").exists()
    assert "-0.00" not in summary, "no minus sign on a change that rounds to zero"
    covers_zero = {r["outcome"] for r in rows
                   if r["difference_ci_low"] <= 0 <= r["difference_ci_high"]}
    both = {o for o in covers_zero
            if sum(r["outcome"] == o for r in rows if r["outcome"] in covers_zero) == 2}
    assert "invasion" in both, "the veto comes after the invasion"
    assert not {outcome_label(o) for o in both} & set(lines), "noise is never listed"


def test_a_shift_is_not_given_where_the_scenario_leaves_only_a_selection_of_worlds():
    # 40 baseline invasions, 10 under the what-if: their median says where those 10 fall
    row = _shift({9: 40}, {25: 10})
    assert row["shift_months"] == "" and row["shift_note"].startswith("mostly prevented")
    assert row["scenario_median_month"] != ""  # the median itself is still reported
    assert _shift({9: 40}, {})["shift_note"] == "never happens under the scenario"


def test_what_a_scenario_imposes_depends_on_its_levers_values():
    from korea1950.inputs.levers import imposed_outcomes

    assert "soviet_veto" in imposed_outcomes(load_scenario("soviet_veto").levers)
    assert "mao_consents" in imposed_outcomes(load_scenario("mao_refuses").levers)
    ongjin = imposed_outcomes(load_scenario("ongjin_only").levers)
    assert "ongjin_operation" in ongjin, "the lever makes the attack the limited one"
    assert "stalin_approves" not in ongjin, "whether he approves is still his rule's"
    assert imposed_outcomes(load_scenario("baseline").levers) == set()


def test_outcome_shares_come_with_their_95_percent_interval_clipped_to_zero_and_one(small):
    rows = {(r["scenario"], r["reading"], r["outcome"]): r for r in outcome_rows(small)}
    summary = small.summary("soviet_veto", "kim")
    row = rows[("soviet_veto", "kim", "us_intervention")]
    p, se = summary.probability("us_intervention"), summary.standard_error("us_intervention")
    assert 0 < p < 1 and se > 0
    assert row["probability_ci_low"] == pytest.approx(p - Z95 * se, abs=2e-6)
    assert row["probability_ci_high"] == pytest.approx(p + Z95 * se, abs=2e-6)
    # the US never intervenes where it stays out: share 0, interval exactly [0, 0]
    never = rows[("us_stays_out", "kim", "us_intervention")]
    assert (never["probability"], never["probability_ci_low"],
            never["probability_ci_high"]) == (0, 0, 0)
    for r in rows.values():
        assert 0 <= r["probability_ci_low"] <= r["probability"] <= r["probability_ci_high"] <= 1


def test_the_baselines_difference_from_itself_is_exactly_zero_with_no_interval(small):
    baseline = [r for r in outcome_rows(small) if r["scenario"] == "baseline"]
    assert baseline and any(r["standard_error"] > 0 for r in baseline)  # not vacuous
    for row in baseline:
        assert (row["difference_from_baseline"], row["difference_ci_low"],
                row["difference_ci_high"]) == (0, 0, 0)
        assert "-0.0" not in json.dumps(row)


def test_a_change_in_share_that_rounds_to_zero_is_written_without_a_minus_sign():
    # 4946 of 5000 worlds under the baseline, 4945 under the what-if: -0.02 points
    base, what_if = (_fake({9: n}) for n in (4946, 4945))
    change = comparability(base, what_if, "invasion")["share_change_points"]
    assert change == 0 and str(change) == "0.0"
    assert json.dumps(comparability(_fake({9: 40}), _fake({9: 30}), "invasion")) == (
        '{"baseline_share": 1.0, "scenario_share": 1.0, "share_change_points": 0.0, '
        '"comparable": true}')


def test_a_shift_over_different_sets_of_worlds_says_so_in_its_note():
    # every one of 40 baseline worlds invades in month 9; 30 of the what-if's 40 in month 12:
    # enough worlds for a shift, but 75% against 100% of worlds, 25 points and under 80%
    fewer = Summary(40, _fake({12: 30}).tallies)
    comparison = Comparison([load_scenario("baseline"), load_scenario("no_ccp_victory")],
                            [load_reading("kim")], 40, 1,
                            {("baseline", "kim"): _fake({9: 40}),
                             ("no_ccp_victory", "kim"): fewer})
    row = next(r for r in timing_shift_rows(comparison) if r["event"] == "invasion")
    assert row["share_change_points"] == -25.0 and row["comparable"] is False
    assert row["shift_months"] == 3, "the shift is still given, as the report gives it"
    assert row["shift_note"] == NOT_COMPARABLE_NOTE
    assert row["shift_note"].startswith("not comparable") and NOT_COMPARABLE_WHEN in row[
        "shift_note"] and "like-for-like" in row["shift_note"]


def test_compare_writes_a_readme_giving_every_column_and_its_unit(tmp_path):
    out = tmp_path / "cmp"
    assert main(["compare", "baseline", "us_stays_out", "--readings", "kim",
                 "--replicates", "200", "--workers", "1", "--out", str(out)]) == 0
    readme = (out / "tables" / "README.md").read_text()
    for csv_file in sorted((out / "tables").glob("*.csv")):
        columns = csv_file.read_text().splitlines()[0].split(",")
        section = readme.split(f"## {csv_file.name}\n", 1)[1].split("\n## ", 1)[0]
        for column in columns:
            line = next(x for x in section.splitlines() if x.startswith(f"- `{column}`:"))
            assert "(not described)" not in line, (csv_file.name, column)
    assert "0 to 1, not percent" in readme
    assert "`share_change_points`: scenario_share minus baseline_share in PERCENTAGE POINTS" \
        in readme
    rows = list(csv.DictReader((out / "tables" / "timing_vs_baseline.csv").open()))
    stays_out = next(r for r in rows if r["event"] == "us_intervention")
    assert float(stays_out["share_change_points"]) < -50  # points, not a 0-1 share
    manifest = json.loads((out / "manifest.json").read_text())
    assert "tables/README.md" in manifest["files"]


def test_the_summary_writes_a_change_that_rounds_to_zero_without_a_sign():
    from korea1950.cli.compare import _change

    row = {"difference_from_baseline": -0.004, "difference_ci_low": -0.012,
           "difference_ci_high": 0.0041}
    assert _change(row) == "0.00 [-0.01, 0.00] *"
    assert _change({"difference_from_baseline": -0.32, "difference_ci_low": -0.34,
                    "difference_ci_high": -0.29}) == "-0.32 [-0.34, -0.29]  "


def test_long_reading_titles_head_numbered_columns_and_a_change_that_may_be_none_is_marked():
    from korea1950.cli.compare import INCLUDES_ZERO, _change, column_heads

    alike = ["Kathryn Weathersby: Stalin the cautious opportunist",
             "Kathryn Weathersby: Stalin the defensive realist", "Donggil Kim's reading"]
    heads = column_heads(alike)
    assert len(set(heads)) == 3 and heads[0].startswith("(1) ") and heads[1].startswith("(2) ")
    assert all(len(head) <= 24 and head.endswith("…") for head in heads[:2])
    assert column_heads(alike[2:]) == alike[2:], "a label that fits is not numbered"
    # -0.003 and +0.003 both print as 0.00: the mark says the interval includes zero
    crossing = {"difference_from_baseline": 0.02, "difference_ci_low": -0.003,
                "difference_ci_high": 0.05}
    clear = dict(crossing, difference_ci_low=0.003)
    assert _change(crossing) == "+0.02 [0.00, +0.05]" + INCLUDES_ZERO
    assert _change(clear) == "+0.02 [0.00, +0.05]" + " " * len(INCLUDES_ZERO)
