"""How far the verdict can be trusted: the prior family, simulated records, the predictive check.

Small runs (at most 2,000 worlds per run) with fixed seeds; where a figure is
estimated, the tolerance comes from its standard error.
"""

import math
from dataclasses import replace

import numpy as np
import pytest
from test_weigh import copy_reading

import korea1950.analysis.weigh.variants as variants_module
from korea1950.analysis.weigh import run_weigh
from korea1950.analysis.weigh.calibration import calibration
from korea1950.analysis.weigh.markdown import SHOWN_PRIORS, robustness_markdown
from korea1950.analysis.weigh.predictive import predictive, predictive_check
from korea1950.analysis.weigh.robustness import (
    REFERENCE,
    other_end,
    robustness,
    robustness_groups,
)
from korea1950.analysis.weigh.variants import (
    Variant,
    describe,
    mean_range,
    move_mean,
    prior_family,
    scale_concentration,
)
from korea1950.analysis.weigh.verdict import influence_sentence, predictive_sentence, rarity_clause
from korea1950.inputs.labels import reading_label
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.ensemble import run_many

WORLDS, SEED = 2000, 7
SMALL = {"replicates": WORLDS, "seed": SEED, "execution": 1, "scenarios": ["baseline"],
         "coalition_replicates": 200, "band": False, "robustness_replicates": WORLDS,
         "calibration_replicates": WORLDS}


def first_prior(family: str):
    """The first prior of a bundled reading in the given family (and its reading)."""
    for name in ("kim", "stueck"):
        reading = load_reading(name)
        for prior in reading.priors.values():
            if prior.distribution == family:
                return reading, prior
    pytest.skip(f"no {family} prior in the bundled readings")


def test_a_beta_prior_moves_its_mean_and_scales_its_concentration():
    _, prior = first_prior("beta")
    moved = move_mean(prior, 0.25)
    assert moved.argument("mean") == 0.25
    assert moved.argument("concentration") == prior.argument("concentration")
    assert scale_concentration(prior, 0.5).argument("concentration") == pytest.approx(
        prior.argument("concentration") / 2)


def test_a_uniform_prior_keeps_its_width_when_moved_and_widens_like_a_halved_beta():
    _, prior = first_prior("uniform")
    spec = STALIN_MOTIVE_PARAMETERS[prior.parameter]
    low, high = prior.support()
    target = low + 0.25 * (high - low)
    moved = move_mean(prior, target)
    assert moved.mean() == pytest.approx(max(target, spec.low + (high - low) / 2))
    # Halving the concentration of a beta multiplies its variance by about 2, so the width of a
    # uniform prior grows by sqrt(2) (clipped to the parameter's range).
    wider = scale_concentration(prior, 0.5).support()
    expected = (max(spec.low, prior.mean() - (high - low) / 2 * math.sqrt(2)),
                min(spec.high, prior.mean() + (high - low) / 2 * math.sqrt(2)))
    assert wider == pytest.approx(expected)


def test_the_family_varies_every_prior_of_every_reading():
    readings = [load_reading("kim"), load_reading("stueck")]
    family, skipped = prior_family(readings)
    single = [v for v in family if v.parameter is not None]
    for reading in readings:
        for name, prior in reading.priors.items():
            touching = {v.change for v in single if v.parameter == name
                        and reading.name in v.reading_names()}
            if prior.distribution == "beta":
                assert {"concentration-half", "concentration-double"} <= touching, name
            if mean_range(prior) is not None:
                assert touching & {"mean-low", "mean-high"}, name
            else:
                assert any(item["parameter"] == name and item["change"] == "mean-low"
                           for item in skipped), name
    everything = {v.change for v in family if v.parameter is None and v.shared}
    assert {"concentration-half", "concentration-double"} <= everything
    if any(v.change.startswith("mean") for v in single):
        assert {"mean-low", "mean-high"} <= everything
    assert len({v.id for v in family}) == len(family)


def test_a_shared_parameter_moves_in_every_reading_at_once(monkeypatch):
    readings = [load_reading("kim"), load_reading("stueck")]
    shared = next(iter(STALIN_MOTIVE_PARAMETERS))
    monkeypatch.setattr(variants_module, "is_shared", lambda name: name == shared)
    family, _ = prior_family(readings)
    moved = [v for v in family if v.parameter == shared]
    assert moved and all(v.shared and v.reading_names() == ["kim", "stueck"] for v in moved)
    contested = [v for v in family if v.parameter not in (shared, None)]
    assert contested and all(len(v.readings) == 1 for v in contested)


@pytest.fixture(scope="module")
def weighing(tmp_path_factory):
    """Kim, Stueck and a twin of Stueck's reading (a copy under another name), weighed once."""
    twin = tmp_path_factory.mktemp("twin") / "twin.toml"
    copy_reading("stueck", twin, "twin")
    return run_weigh(["kim", "stueck", str(twin)], **SMALL)


def pair_of(rows: list[dict], a: str, b: str) -> dict:
    return next(row for row in rows if (row["a"], row["b"]) == (a, b))


def test_robustness_range_contains_the_headline_and_every_variant(weighing):
    robust = weighing["robustness"]
    pair = pair_of(robust["pairs"], "kim", "stueck")
    headline = pair_of(weighing["bayes_factors"], "kim", "stueck")["log_bf"]
    values = [cell["log_bf"] for cell in pair["table"]]
    assert robust["log_bf_min"] == pair["log_bf_min"] <= headline <= pair["log_bf_max"]
    assert pair["log_bf_min"] == min(values) and pair["log_bf_max"] == max(values)
    # At the run's own size and seed, the cited priors' member is the headline run itself.
    assert pair["log_bf_as_cited"] == pytest.approx(headline, abs=2e-4)
    assert [cell["variant"] for cell in pair["table"]] == [row["id"] for row in
                                                            robust["variants"]]
    assert robust["variants"][0]["id"] == REFERENCE
    assert robust["pair"] == ["kim", "stueck"]
    assert pair["sign_holds"] == (pair["log_bf_min"] > 0 or pair["log_bf_max"] < 0)
    top = robust["most_influential"]
    shifts = [abs(c["shift"]) for c in pair["table"]
              if c["variant"] != REFERENCE and ":joint:" not in c["variant"]]
    assert abs(top["shift"]) == max(shifts) > 0


def test_a_variant_that_changes_nothing_reproduces_the_cited_verdict_exactly():
    """Common random numbers: every member of the family runs on the seed's own streams."""
    readings = [load_reading("kim"), load_reading("stueck")]
    unchanged = Variant(id="kim:none", label="kim unchanged", change="mean-low",
                        parameter=next(iter(readings[0].priors)), shared=False,
                        readings=(readings[0],))
    baseline = load_scenario("baseline")
    groups = robustness_groups([unchanged], baseline, 1000, SEED)
    groups |= {("cited", r.name): make_tasks(baseline, r, 1000, SEED) for r in readings}
    runs = run_many(groups, 1)
    result = robustness([unchanged], [], readings,
                        {r.name: runs[("cited", r.name)] for r in readings}, runs, {})
    cited, same = result["pairs"][0]["table"]
    assert same["variant"] == "kim:none" and same["log_bf"] == cited["log_bf"]
    assert same["shift"] == 0


def test_confusion_rows_sum_to_one_and_the_json_has_every_part(weighing):
    confusion = weighing["calibration"]["confusion"]
    assert confusion["labels"] == ["kim", "stueck", "twin"]
    for row in confusion["matrix"]:
        assert sum(row) == pytest.approx(1.0, abs=1e-3)
    assert 0 <= weighing["calibration"]["undecided_all"] <= 1
    assert set(weighing["predictive"]["readings"]) == {"kim", "stueck", "twin"}
    for cell in weighing["predictive"]["readings"].values():
        assert 0 <= cell["tail_probability"] <= 1
        assert sum(cell["facts_matched"]["distribution"]) == pytest.approx(1.0, abs=1e-3)
    assert weighing["verdict"][0].startswith("The record ")


def test_the_posterior_table_shifts_from_the_cited_prior(weighing):
    for name, parameters in weighing["posterior"].items():
        for parameter, cell in parameters.items():
            spec = STALIN_MOTIVE_PARAMETERS[parameter]
            if name != "twin":
                cited = load_reading(name).priors[parameter].mean()
                assert cell["cited_prior"]["mean"] == pytest.approx(cited, abs=1e-4)
            # The simulated prior mean is the cited one up to half a bin (1/80 of the range)
            # and four standard errors (a standard deviation is at most half the range).
            half_range = (spec.high - spec.low) / 2
            assert cell["prior_mean"] == pytest.approx(
                cell["cited_prior"]["mean"], abs=half_range / 40 + 4 * half_range /
                math.sqrt(WORLDS))
            assert cell["shift"] == pytest.approx(cell["posterior_mean"] - cell["prior_mean"],
                                                  abs=2e-4)


def test_the_family_runs_give_the_same_figures_for_any_worker_count():
    readings = [load_reading("kim"), load_reading("stueck")]
    family, skipped = prior_family(readings)
    baseline = load_scenario("baseline")
    cited = {("cited", r.name): make_tasks(baseline, r, 1000, SEED) for r in readings}
    results = []
    for workers in (1, 2):
        runs = run_many(robustness_groups(family[:4], baseline, 1000, SEED) | cited, workers)
        results.append(robustness(family[:4], skipped, readings,
                                  {r.name: runs[("cited", r.name)] for r in readings}, runs, {}))
    assert results[0] == results[1]


def test_a_twin_reading_comes_out_even(weighing):
    """A copy of Stueck's reading under another name cannot be told from the original."""
    factor = pair_of(weighing["bayes_factors"], "stueck", "twin")
    assert factor["ci"][0] <= 0 <= factor["ci"][1]
    matching = [weighing["readings"][name]["matching_worlds"] for name in ("stueck", "twin")]
    assert abs(factor["log_bf"]) <= 2 * math.hypot(*(1 / math.sqrt(m) for m in matching))
    robust = pair_of(weighing["robustness"]["pairs"], "stueck", "twin")
    assert robust["log_bf_min"] <= 0 <= robust["log_bf_max"]
    assert not robust["sign_holds"]
    calib = weighing["calibration"]
    labels = calib["confusion"]["labels"]
    for i in (labels.index("stueck"), labels.index("twin")):
        row, errors = calib["confusion"]["matrix"][i], calib["confusion"]["se"][i]
        # The twins share every record the weighing names either of them for, half and half.
        twins = [row[labels.index("stueck")], row[labels.index("twin")]]
        assert abs(twins[0] - twins[1]) <= 3 * max(errors[i], 1 / WORLDS)
    pair = pair_of(calib["pairs"], "stueck", "twin")
    assert abs(pair["accuracy"] - 0.5) <= 3 * math.sqrt(0.25 / WORLDS)
    assert pair["undecided"] > 0.9
    assert any(sentence.startswith("The record does not decide between William Stueck's "
                                   f"reading and {reading_label('twin')}")
               for sentence in weighing["verdict"])


def test_calibration_on_hand_made_records_gives_the_exact_confusion():
    kim = np.array([900, 100, 0, 0])
    stueck = np.array([100, 900, 0, 0])
    result = calibration({"kim": kim, "stueck": stueck}, {"kim": kim, "stueck": stueck})
    assert result["confusion"]["matrix"] == [[0.9, 0.1], [0.1, 0.9]]
    # log(900 / 100) = 2.2 > 1: every record decides.
    assert result["undecided_all"] == 0
    assert result["median_margin"]["kim"] == pytest.approx(math.log(9), abs=1e-4)
    even = calibration({"a": kim, "b": kim}, {"a": kim, "b": kim})
    assert even["confusion"]["matrix"] == [[0.5, 0.5], [0.5, 0.5]]
    assert even["undecided_all"] == 1


def test_the_predictive_check_flags_a_record_nobody_produces():
    # Two facts: patterns 0..3, the record (both facts) is pattern 3.
    nobody = np.array([500, 500, 0, 0])
    check = predictive_check(nobody, nobody)
    assert check["tail_probability"] == 0 and not check["fits"]
    assert check["facts_matched"]["distribution"] == [0.5, 0.5, 0.0]
    common = np.array([200, 300, 0, 500])
    fitting = predictive_check(common, common)
    assert fitting["tail_probability"] == 1 and fitting["fits"]
    assert fitting["facts_matched"]["mean"] == pytest.approx(1.3)
    both = predictive({"kim": nobody, "stueck": nobody}, {"kim": nobody, "stueck": nobody})
    assert both["verdict"].startswith("neither fits")
    assert {cell["verdict"] for cell in both["readings"].values()} == {"neither fits"}
    one = predictive({"kim": common, "stueck": nobody}, {"kim": common, "stueck": nobody})
    assert one["verdict"].startswith("only Donggil Kim's reading fits")  # in words


def test_one_reading_is_weighed_without_pairs():
    result = run_weigh(["kim"], **{**SMALL, "replicates": 500, "robustness_replicates": 500,
                                   "calibration_replicates": 500})
    assert result["bayes_factors"] == [] and result["robustness"]["pairs"] == []
    assert result["calibration"]["confusion"]["matrix"] == [[1.0]]


def test_a_cited_mean_range_moves_the_mean_to_its_ends():
    reading, prior = first_prior("beta")
    span = (max(prior.mean() - 0.1, 0.01), min(prior.mean() + 0.1, 0.99))
    try:
        ranged = replace(prior, mean_range=span)
    except TypeError:
        pytest.skip("Prior has no mean_range yet")
    changed = replace(reading, priors={**reading.priors, prior.parameter: ranged})
    family, _ = prior_family([changed, load_reading("stueck" if reading.name == "kim"
                                                   else "kim")])
    means = {v.change: dict(v.readings[0].priors[prior.parameter].arguments)["mean"]
             for v in family if v.parameter == prior.parameter
             and v.reading_names() == [reading.name]}
    assert means["mean-low"] == pytest.approx(span[0])
    assert means["mean-high"] == pytest.approx(span[1])


def test_the_calendar_fitted_to_the_record_is_swept_within_its_tolerance(weighing):
    """Every calibrated term moves by a month (a lag) or 0.1 (a chance), and the range is said."""
    from korea1950.inputs.parameters import MODEL_PARAMETERS

    calendar = weighing["calendar_terms"]
    calibrated = {name for name, spec in MODEL_PARAMETERS.items() if spec.calibrated_on}
    pair = pair_of(calendar["pairs"], "kim", "stueck")
    assert {row["parameter"] for row in pair["table"]} == calibrated
    for row in pair["table"]:
        default = MODEL_PARAMETERS[row["parameter"]].default
        assert abs(row["value"] - default) == pytest.approx(abs(row["factor"]))
        assert abs(row["factor"]) in (calendar["month"], calendar["chance_step"])
    assert pair["log_bf_min"] <= pair["log_bf_default"] <= pair["log_bf_max"]
    assert pair["sign_holds"] == (pair["log_bf_min"] > 0 or pair["log_bf_max"] < 0)
    assert any(sentence.startswith("Over the calendar fitted to the record")
               for sentence in weighing["verdict"])


def test_a_prior_that_cites_no_evidence_moves_in_an_assumed_range_not_a_cited_one():
    """A range no source gave must not read as "cited" (the verdict swung on one such)."""
    readings = [load_reading("kim"), load_reading("stueck")]
    family, _ = prior_family(readings)
    moved = [v for v in family if v.parameter is not None and v.change.startswith("mean")]
    kinds = set()
    for variant in moved:
        prior = moved_prior(readings, variant)
        kinds.add(bool(prior.evidence))
        assert variant.sourced is bool(prior.evidence), variant.id
        if prior.evidence:
            assert "end of its cited range" in variant.label, variant.label
        else:
            assert "end of its assumed range (no source)" in variant.label, variant.label
            assert "cited" not in variant.label, variant.label
    assert kinds == {True, False}, "the bundled readings have priors of both kinds"
    _, cited = first_prior("beta")
    assumed = replace(cited, evidence=(), assumption="ours")
    target = cited.mean() / 2
    assert ", the low end of its cited range" in describe(cited, move_mean(cited, target),
                                                          "mean-low")
    assert ", the low end of its assumed range (no source)" in describe(
        assumed, move_mean(assumed, target), "mean-low")


def moved_prior(readings, variant):
    """The cited prior a single-prior variant moved (in the first reading it changes)."""
    name = variant.reading_names()[0]
    return next(r for r in readings if r.name == name).priors[variant.parameter]


def _robust(sourced: bool | None, other: float | None, se: float = 0.1,
            top_bf: float = -1.98) -> dict:
    """A hand-made pair of the prior family: the top prior moves the log BF from -0.30 to
    ``top_bf``, and (if ``other`` is given) to ``other`` at the other end of its range; each
    end's standard error is ``se``."""
    shift = round(top_bf + 0.30, 2)
    top = {"variant": "shared:cost:mean-low", "label": "the shared prior on a cost, mean 0.4 "
           "-> 0.2", "parameter": "cost", "readings": ["kim", "stueck"], "sourced": sourced,
           "log_bf": top_bf, "se": se, "shift": shift, "shift_se": se,
           "beyond_noise": abs(shift) > 2 * se, "flips_sign": False,
           "other_end": None if other is None else {"variant": "shared:cost:mean-high",
                                                    "log_bf": other, "shift": other + 0.30,
                                                    "se": se}}
    return {"most_influential": top}


def test_the_prior_the_verdict_depends_on_most_says_both_ends_and_when_it_has_no_source():
    unsourced = influence_sentence(_robust(False, 1.42))
    assert "by -1.68 (to -1.98)" in unsourced
    assert "at the other end of that range, by +1.72 (to +1.42)" in unsourced
    assert "so that one prior sets the verdict's sign" in unsourced
    assert "cites no source" in unsourced and "modellers' assumption" in unsourced
    cited = influence_sentence(_robust(True, -0.9))
    assert "cites no source" not in cited and "sets the verdict's sign" not in cited
    assert "at the other end of that range, by -0.60 (to -0.90)" in cited
    assert "other end" not in influence_sentence(_robust(None, None))
    # both ends on either side of zero but within the noise: the verdict is near zero, and no
    # prior is said to set its sign; the noise is said of the first shift, where it belongs
    near = influence_sentence(_robust(False, 0.02, se=0.2, top_bf=-0.34))
    assert "sets the verdict's sign" not in near
    assert near.index("within twice the simulation noise") < near.index("other end")


def test_the_other_end_of_a_moved_mean_is_found_in_the_family_table():
    table = [{"variant": "kim:x:mean-low", "log_bf": -1.0, "shift": -0.7, "se": 0.2},
             {"variant": "kim:x:mean-high", "log_bf": 0.5, "shift": 0.8, "se": 0.2},
             {"variant": "kim:x:concentration-half", "log_bf": 0.1, "shift": 0.4, "se": 0.2}]
    assert other_end("kim:x:mean-low", table) == {"variant": "kim:x:mean-high",
                                                   "log_bf": 0.5, "shift": 0.8, "se": 0.2}
    assert other_end("kim:x:concentration-half", table) is None
    assert other_end("kim:y:mean-low", table) is None  # that prior's other end was not run


def test_the_family_table_shows_both_ends_and_which_run_each_as_cited_figure_is_from(weighing):
    robust = weighing["robustness"]
    pair = pair_of(robust["pairs"], "kim", "stueck")
    top = pair["most_influential"]
    assert "sourced" in top and "other_end" in top
    same = "\n".join(robustness_markdown(robust, robust["replicates"]))
    assert "family's own run" not in same  # one run: one "as cited" figure
    assert "other end: log BF (shift)" in same
    assert f"{len(robust['variants'])} members: the cited priors and " \
           f"{len(robust['variants']) - 1} variants" in same
    bigger = "\n".join(robustness_markdown(robust, 2 * robust["replicates"]))
    assert (f"{pair['log_bf_as_cited']:+.2f} in the family's own run of "
            f"{robust['replicates']:,} worlds per reading") in bigger
    assert (f"the headline {pair['log_bf_headline']:+.2f} above comes from the run of "
            f"{2 * robust['replicates']:,} worlds") in bigger
    rows = {cell["variant"]: cell for cell in pair["table"]}
    for item in pair["by_prior"][:SHOWN_PRIORS]:  # the rows the table shows
        far = other_end(item["variant"], pair["table"])
        if far is not None:
            assert f"{far['log_bf']:+.2f} ({far['shift']:+.2f})" in same
            assert rows[far["variant"]]["log_bf"] == far["log_bf"]


def test_a_record_that_fits_is_called_not_unusually_improbable_never_typical():
    common = np.array([200, 300, 0, 500])
    check = predictive({"kim": common, "stueck": common}, {"kim": common, "stueck": common})
    assert check["verdict"] == ("every reading fits: the record is not unusually improbable "
                                "under any of them")
    sentence = predictive_sentence(check)
    assert "typical" not in sentence.replace("atypical", "")
    # P(all facts) is 0.5 under each: not rare, so said as a share of worlds
    assert "under no reading do more than 50% of worlds reproduce all 2 facts" in sentence
    rare = np.array([900, 50, 0, 50])  # 1 world in 20 matches both facts
    assert "1 world in 20 reproduce" in rarity_clause(predictive({"kim": rare}, {"kim": rare}))
