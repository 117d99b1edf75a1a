"""Weighing the readings: likelihood, Bayes factor, contributions, discrimination, Shapley."""

import json
import math
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from korea1950.analysis.weigh import run_weigh
from korea1950.analysis.weigh.likelihood import (
    bayes_factor,
    reading_likelihood,
    strength,
    weighed_facts,
)
from korea1950.analysis.weigh.responsibility import ACTORS, coalition_scenario, coalitions, shapley
from korea1950.cli.main import main
from korea1950.cli.weigh import summary_text
from korea1950.inputs.labels import OUTCOME_LABELS, outcome_label
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import load_reading
from korea1950.inputs.record import load_record
from korea1950.inputs.scenarios import bundled_scenario_names
from korea1950.reporting.weigh_plots import write_figures
from korea1950.running.ensemble import simulate
from korea1950.running.summary import Summary

FACTS = weighed_facts()


def pattern_summary(counts: dict[int, int]) -> Summary:
    """A summary whose worlds fall in the given fact-match patterns (code -> worlds)."""
    patterns = np.zeros(2 ** len(FACTS), dtype=np.int64)
    for code, worlds in counts.items():
        patterns[code] = worlds
    return Summary(int(patterns.sum()), {"record:pattern": patterns})


def test_log_p_record_is_the_log_share_of_worlds_matching_every_fact():
    whole = 2 ** len(FACTS) - 1
    likelihood = reading_likelihood(pattern_summary({whole: 40, 0: 960}), FACTS,
                                    np.random.default_rng(0))
    assert likelihood["log_p_record"] == pytest.approx(math.log(40 / 1000), abs=1e-4)
    assert likelihood["matching_worlds"] == 40
    assert likelihood["warnings"] == []


def test_no_matching_world_gives_a_finite_figure_an_upper_bound_and_a_warning():
    all_but_last = 2 ** (len(FACTS) - 1) - 1
    likelihood = reading_likelihood(pattern_summary({all_but_last: 700, 0: 300}), FACTS,
                                    np.random.default_rng(0))
    assert likelihood["matching_worlds"] == 0
    assert likelihood["log_p_record"] == pytest.approx(math.log(0.5 / 1000), abs=1e-4)
    assert likelihood["log_p_record_upper_bound"] == pytest.approx(math.log(3 / 1000), abs=1e-4)
    assert any("no world" in warning for warning in likelihood["warnings"])


def test_few_matching_worlds_are_flagged():
    whole = 2 ** len(FACTS) - 1
    likelihood = reading_likelihood(pattern_summary({whole: 12, 0: 988}), FACTS,
                                    np.random.default_rng(0))
    assert any("only 12 of 1,000" in warning for warning in likelihood["warnings"])


def test_fact_contributions_add_up_to_the_log_bayes_factor():
    rng = np.random.default_rng(1)
    kim, stueck = (reading_likelihood(simulate("baseline", name, 3000, seed=5), FACTS, rng)
                   for name in ("kim", "stueck"))
    factor, per_fact = bayes_factor(kim, stueck, FACTS)
    total = sum(cell["log_ratio"] for cell in per_fact.values())
    assert total == pytest.approx(factor["log_bf"], abs=len(FACTS) * 1e-4)
    assert factor["log_bf"] == pytest.approx(kim["log_p_record"] - stueck["log_p_record"],
                                             abs=2e-4)
    assert factor["ci"][0] < factor["log_bf"] < factor["ci"][1]


def test_eight_times_the_worlds_narrows_the_bayes_factor_interval():
    widths = []
    for worlds in (4000, 32000):
        rng = np.random.default_rng(0)
        kim, stueck = (reading_likelihood(simulate("baseline", name, worlds, seed=2), FACTS, rng)
                       for name in ("kim", "stueck"))
        factor, _ = bayes_factor(kim, stueck, FACTS)
        widths.append(factor["ci"][1] - factor["ci"][0])
    # The width shrinks like 1/sqrt(worlds): a factor of about 2.8 for eight times the worlds.
    assert widths[1] < 0.5 * widths[0]


def test_shapley_shares_add_up_to_the_whole_effect_exactly():
    rng = np.random.default_rng(3)
    values = {c: float(rng.random()) for c in coalitions()}
    shares = shapley(values)
    whole = values[frozenset(ACTORS)] - values[frozenset()]
    assert abs(sum(shares.values()) - whole) < 1e-12
    symmetric = {c: float(len(c) == 4) for c in coalitions()}
    assert all(v == pytest.approx(0.25) for v in shapley(symmetric).values())
    only_kim = {c: float("kim" in c) for c in coalitions()}
    assert shapley(only_kim) == pytest.approx({"kim": 1.0, "stalin": 0.0, "mao": 0.0, "us": 0.0})


def test_a_coalition_blocks_exactly_the_actors_left_out():
    from korea1950.inputs.scenarios import load_scenario

    levers = coalition_scenario(load_scenario("baseline"), frozenset({"kim", "us"})).levers
    assert (levers.stalin_approval, levers.mao_consent) == ("never", "never")
    assert levers.kim_attack != "never" and levers.us_garrison_remains is False


THIRD_SEED, THIRD_WORLDS = 4, 500


def copy_reading(source: str, path: Path, name: str, new_mean: float | None = None
                 ) -> str | None:
    """Write a copy of a bundled reading under another name to ``path``.

    With ``new_mean``, the first prior that has a ``mean`` gets that mean instead,
    and that parameter's name is returned. Nothing here names a parameter, so the
    tests survive changes to the registry.
    """
    text = load_reading(source).path.read_text()
    text, renamed = re.subn(r'^name = ".*"$', f'name = "{name}"', text, count=1, flags=re.M)
    assert renamed == 1
    if new_mean is None:
        path.write_text(text)
        return None
    parameter = next(key for key, prior in tomllib.loads(text)["parameters"].items()
                     if "mean" in prior)
    head = text.index(f"[parameters.{parameter}]")
    end = text.find("\n[", head + 1)
    end = len(text) if end < 0 else end + 1
    # The moved mean may leave the cited range of the mean, so that range is dropped.
    table = re.sub(r"^mean_range = .*\n", "", text[head:end], flags=re.M)
    table = re.sub(r"^mean = .*$", f"mean = {new_mean}", table, count=1, flags=re.M)
    path.write_text(text[:head] + table + text[end:])
    return parameter


@pytest.fixture(scope="module")
def third_reading(tmp_path_factory):
    """A copy of Stueck's reading under another name, with its first mean moved."""
    path = tmp_path_factory.mktemp("third") / "third.toml"
    source_mean = next(prior.mean() for prior in load_reading("stueck").priors.values()
                       if prior.distribution == "beta")
    new_mean = 0.6 if source_mean < 0.5 else 0.2
    parameter = copy_reading("stueck", path, "third", new_mean)
    assert load_reading(path).priors[parameter].mean() == new_mean
    return path, parameter, new_mean


@pytest.fixture(scope="module")
def weighing(third_reading):
    return run_weigh(["kim", "stueck", str(third_reading[0])], replicates=THIRD_WORLDS,
                     seed=THIRD_SEED, execution=1, robustness_replicates=THIRD_WORLDS,
                     calibration_replicates=THIRD_WORLDS)


def test_a_third_reading_by_path_appears_in_every_table(weighing, third_reading):
    names = {"kim", "stueck", "third"}
    assert set(weighing["readings"]) == names
    assert {(f["a"], f["b"]) for f in weighing["bayes_factors"]} == {
        ("kim", "stueck"), ("kim", "third"), ("stueck", "third")}
    assert set(weighing["responsibility"]) == set(weighing["posterior"]) == names
    assert set(weighing["decision_band"]["shares"]) == names
    assert len(weighing["decision_band"]["pairs"]) == 3
    for cell in weighing["contributions"].values():
        assert {"kim/stueck", "kim/third", "stueck/third"} <= set(cell)
    assert {tuple(row["readings"]) for row in weighing["discrimination"]} == {
        ("kim", "stueck"), ("kim", "third"), ("stueck", "third")}
    _, parameter, new_mean = third_reading
    prior = weighing["posterior"]["third"][parameter]["prior_mean"]
    assert prior == pytest.approx(new_mean, abs=0.03)
    assert {tuple(p[k] for k in ("a", "b")) for p in weighing["robustness"]["pairs"]} == {
        ("kim", "stueck"), ("kim", "third"), ("stueck", "third")}
    assert weighing["calibration"]["confusion"]["labels"] == ["kim", "stueck", "third"]
    assert all(sum(row) == pytest.approx(1, abs=1e-3)
               for row in weighing["calibration"]["confusion"]["matrix"])


def test_discrimination_ranks_every_bundled_scenario(weighing):
    ranked = [row for row in weighing["discrimination"] if row["readings"] == ["kim", "stueck"]]
    assert sorted(row["scenario"] for row in ranked) == sorted(bundled_scenario_names())
    divergences = [row["divergence"] for row in weighing["discrimination"]]
    assert divergences == sorted(divergences, reverse=True)
    for row in ranked:
        assert 0 <= row["ci"][0] <= row["ci"][1] <= 1
        assert 0 <= row["total_variation"] <= 1


def test_shares_sum_to_the_probability_of_war(weighing):
    for shares in weighing["responsibility"].values():
        total = sum(shares[a]["share"] for a in ACTORS)
        assert total == pytest.approx(shares["p_war_all"] - shares["p_war_none"], abs=3e-4)
        assert sum(shares[a]["fraction"] for a in ACTORS) == pytest.approx(1.0, abs=1e-3)
        assert shares["p_war_none"] <= 0.01 < shares["p_war_all"]


def test_figures_are_written_as_png_and_svg(weighing, tmp_path):
    paths = write_figures(weighing, tmp_path)
    stems = {p.stem for p in paths}
    assert {"bayes_factor", "discrimination", "decision_band", "responsibility",
            "posterior", "robustness", "confusion"} == stems
    assert all(p.stat().st_size > 1000 for p in paths)


def test_weigh_json_is_complete_and_reproducible(capsys, third_reading, weighing):
    """The command's JSON, run again with the fixture's seed, equals the fixture's result."""
    args = ["weigh", "--readings", f"kim,stueck,{third_reading[0]}", "--replicates",
            str(THIRD_WORLDS), "--seed", str(THIRD_SEED), "--workers", "1", "--json",
            "--robustness-replicates", str(THIRD_WORLDS), "--calibration-replicates",
            str(THIRD_WORLDS)]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(weighing))
    assert {"replicates", "seed", "readings", "bayes_factors", "contributions",
            "discrimination", "responsibility", "warnings", "posterior", "caveat", "robustness",
            "calibration", "predictive", "verdict"} <= set(printed)
    assert {"log_bf_min", "log_bf_max", "sign_holds", "most_influential"} <= set(
        printed["robustness"])
    assert len(printed["calibration"]["confusion"]["matrix"]) == 3
    assert (printed["replicates"], printed["seed"]) == (THIRD_WORLDS, THIRD_SEED)
    for cell in printed["readings"].values():
        assert {"log_p_record", "matching_worlds"} <= set(cell)
    assert {"a", "b", "log_bf", "ci"} <= set(printed["bayes_factors"][0])
    assert set(printed["contributions"]) == {f.id for f in FACTS}
    assert set(printed["responsibility"]["kim"]) >= set(ACTORS)


def test_the_text_leads_with_what_the_record_can_decide(weighing):
    text = summary_text(weighing)
    assert text.startswith("What the record can and cannot decide:\n- The record ")
    assert text.index("log Bayes factor, Donggil Kim's reading over William Stueck's reading:"
                      ) > text.index(weighing["caveat"][:40])
    assert "over the prior family (Donggil Kim's reading over William Stueck's reading)" in text
    assert "undecided" in text


def test_the_text_is_plain_and_in_the_readers_words(weighing):
    """No Markdown on the terminal, no bare "kim", no identifier where a label exists."""
    text = summary_text(weighing)
    assert "*" not in text and "`" not in text
    assert not re.search(r"(?<![\w-])(kim|stueck)(?![\w-])", text), "a reading by its historian"
    assert "reading 'third'" in text, "a reading from a file by its name, marked as a reading"
    identifiers = [*STALIN_MOTIVE_PARAMETERS, *(name for name in OUTCOME_LABELS if "_" in name)]
    assert not [name for name in identifiers if re.search(rf"\b{name}\b", text)]
    band = weighing["decision_band"]
    assert f'differ on "{outcome_label(band["decision"])}"' in text
    assert "Kim Il Sung" in text and "Stalin's goals and beliefs" in text
    for fact in FACTS:
        assert fact.description[:40] in text


def exit_code(args: list[str]) -> int:
    """The command's exit code, whether it returns it or argparse exits."""
    try:
        return main(args)
    except SystemExit as stop:
        return int(stop.code)


@pytest.mark.parametrize("args, named", [
    (["--readings", "kim,nosuchreading"], "nosuchreading"),
    (["--band-parameter", "courage"], "courage"),
    (["--replicates", "0"], "replicates"),
    (["--readings", ""], "leave --readings out"),  # an unset shell variable names none
])
def test_bad_input_is_one_line_and_exit_code_two(capsys, args, named):
    assert exit_code(["weigh", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err


def _reader_strings(result: dict) -> list[str]:
    """Every sentence of a weighing a reader is shown, as the weighing itself wrote it."""
    robust = result["robustness"]
    return [*result["verdict"], *result["warnings"], result["caveat"],
            result["predictive"]["verdict"], robust.get("skipped_text") or "",
            *(factor["strength"] for factor in result["bayes_factors"]),
            *(variant["label"] for variant in robust["variants"])]


def test_the_weighing_writes_its_sentences_in_words_at_the_source(weighing):
    """No reader-facing sentence names a reading by its key, a parameter or outcome by its
    identifier, or a fact by its record id: the labels are applied where the words are
    written, so no later converter is needed (or can hide a regression)."""
    fact_ids = [fact.id for fact in load_record()]
    strings = _reader_strings(weighing)
    assert len(strings) > 10
    for text in strings:
        assert not re.search(r"(?<![\w'-])(kim|stueck|third)(?![\w-])", text), text
        assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", text), text
        assert not any(fact_id in text for fact_id in fact_ids), text
    assert any("Donggil Kim's reading" in text for text in weighing["verdict"])


def test_the_strength_names_a_reading_only_when_the_interval_settles_the_sign():
    """Kass and Raftery's words say how far; the reading named must be the one the whole 95%
    interval favours, and none when the interval spans zero."""
    kim, stueck = "Donggil Kim's reading", "William Stueck's reading"
    assert strength(-0.24, [-0.32, -0.16], "kim", "stueck") == (
        f"not worth more than a bare mention, for {stueck}")
    assert strength(1.6, [1.2, 2.0], "kim", "stueck") == f"positive, for {kim}"
    assert strength(-0.05, [-0.12, 0.03], "kim", "stueck") == (
        "not worth more than a bare mention, for neither reading (its 95% interval spans zero)")
    assert strength(1.2, [-0.1, 2.5], "kim", "stueck").startswith("positive, for neither")


def test_a_log_bayes_factor_is_read_as_odds_of_its_natural_exponent():
    from korea1950.analysis.weigh.likelihood import odds, odds_text

    assert odds_text(-0.30) == "about 1 : 1.35"  # e^0.30 = 1.3499
    assert odds(2.48) == "11.9 : 1" and odds(-1.98) == "1 : 7.24"
    assert odds(0.0) == "1 : 1"


def test_only_a_factor_beyond_a_bare_mention_is_more_than_negligible():
    from korea1950.analysis.weigh.likelihood import STRENGTH, negligible, strength_words

    bare = STRENGTH[0][0] / 2  # Kass and Raftery's bound is on 2 |log BF|
    assert negligible(-0.30) and negligible(bare - 0.01) and negligible(-(bare - 0.01))
    assert not negligible(bare + 0.01) and not negligible(-1.2)
    assert strength_words(-0.30) == "not worth more than a bare mention"
    assert strength_words(1.2) == "positive"


def test_how_rarely_worlds_match_every_fact_is_said_in_words_that_fit_the_share():
    from korea1950.analysis.weigh.verdict import rarity_clause

    def check(best: float) -> dict:
        return {"readings": {"kim": {"facts_matched": {"p_at_least_actual": best}, "facts": 8}}}

    assert rarity_clause(check(0.074)) == (
        "; still, under no reading does more than 1 world in 13 reproduce all 8 facts")
    assert rarity_clause(check(0.6)) == (
        "; still, under no reading do more than 60% of worlds reproduce all 8 facts"), \
        "never '1 world in 1'"
    assert rarity_clause(check(0.0)) == ""


def test_the_bare_mention_band_of_the_figures_is_the_one_the_words_use():
    from korea1950.analysis.weigh.likelihood import BARE_MENTION, negligible

    assert BARE_MENTION == 1.0  # Kass and Raftery: 2 |log BF| < 2
    assert negligible(BARE_MENTION - 1e-9) and negligible(-BARE_MENTION + 1e-9)
    assert not negligible(BARE_MENTION) and not negligible(-BARE_MENTION)
