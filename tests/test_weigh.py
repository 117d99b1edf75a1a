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
from korea1950.inputs.labels import OUTCOME_LABELS, outcome_label, reading_label
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


def test_weigh_json_is_complete_and_reproducible(capsys, tmp_path, third_reading, weighing):
    """The command's JSON, run again with the fixture's seed, equals the fixture's result;
    the folder it writes names its inputs in a manifest."""
    out = tmp_path / "weighing"
    args = ["weigh", "--readings", f"kim,stueck,{third_reading[0]}", "--replicates",
            str(THIRD_WORLDS), "--seed", str(THIRD_SEED), "--workers", "1", "--json",
            "--robustness-replicates", str(THIRD_WORLDS), "--calibration-replicates",
            str(THIRD_WORLDS), "--out", str(out)]
    assert main(args) == 0
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert printed == json.loads(json.dumps(weighing))
    assert captured.err.strip() == (f"wrote {out}/weigh.json, {out}/figures and "
                                    f"{out}/manifest.json")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["readings"]["third"] == {"file": "third.toml",
                                             "sha256": load_reading(third_reading[0]).sha256}
    assert (manifest["seed"], manifest["replicates"]) == (THIRD_SEED, THIRD_WORLDS)
    assert "baseline" in manifest["scenarios"] and "weigh.json" in manifest["files"]
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
    for sweep in ("robustness", "assumptions", "calendar_terms"):  # the top level: one pair's
        first = printed[sweep]["pairs"][0]
        assert printed[sweep]["pair"] == [first["a"], first["b"]] == ["kim", "stueck"]
        assert printed[sweep]["log_bf_min"] == first["log_bf_min"]


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
    assert reading_label("third") in text, "a reading from a file by its label"
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


# ------------------------------------------------------------- every pair, with its interval


def _pairs(result: dict) -> list[tuple[str, str]]:
    return [(factor["a"], factor["b"]) for factor in result["bayes_factors"]]


def test_the_text_gives_every_pair_its_facts_one_by_one(weighing):
    """Three readings make three pairs, and each has its own fact-by-fact table: a fact can
    speak for one reading over a second and against it over a third."""
    from korea1950.inputs.labels import pair_label

    text = summary_text(weighing)
    assert len(_pairs(weighing)) == 3
    for a, b in _pairs(weighing):
        head = f"fact by fact ({pair_label(a, b)}; log ratio"
        assert text.count(head) == 1, head
        block = text[text.index(head):].split("\n\n")[0].splitlines()[1:]
        assert len(block) == len(FACTS)
        for line, cell in zip(block, weighing["contributions"].values(), strict=True):
            low, high = cell[f"{a}/{b}"]["ci"]
            assert line.endswith(f"{cell[f'{a}/{b}']['log_ratio']:+8.3f}  "
                                 f"[{low:+.3f}, {high:+.3f}]"), line


def test_every_pair_has_its_range_over_the_shared_rule_and_the_calendar(weighing):
    """One sentence per pair and sweep, each with that pair's own range (not the first
    pair's), in the verdict every account opens with and on the terminal."""
    from korea1950.inputs.labels import reading_label

    text = " ".join(summary_text(weighing).split())
    for key, opening in (("assumptions", "Over the terms of Stalin's shared rule"),
                         ("calendar_terms", "Over the calendar fitted to the record")):
        sentences = [s for s in weighing["verdict"] if s.startswith(opening)]
        assert len(sentences) == 3, key
        for pair in weighing[key]["pairs"]:
            span = (f"the log Bayes factor of {reading_label(pair['a'])} over "
                    f"{reading_label(pair['b'])} ranges from {pair['log_bf_min']:+.2f} to "
                    f"{pair['log_bf_max']:+.2f}")
            mine = [s for s in sentences if span in s]
            assert len(mine) == 1, span
            assert ("keeps its sign" in mine[0]) == pair["sign_holds"]
            assert mine[0] in text


def test_how_often_the_right_reading_is_named_comes_with_its_interval(weighing):
    """The accuracy is the mean of two binomial shares of the records each reading made; its
    95% interval is said beside it."""
    from korea1950.running.summary import Z95

    calibration = weighing["calibration"]
    for cell in calibration["pairs"]:
        n_a, n_b = (calibration["records"][cell["a"]], calibration["records"][cell["b"]])
        p_a, p_b = (cell["named_correctly"][cell["a"]], cell["named_correctly"][cell["b"]])
        half = Z95 * math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b) / 2
        low, high = cell["accuracy"] - half, cell["accuracy"] + half
        assert 0.01 < half < 0.1  # 500 records a reading: a few percentage points
        words = (f"made the record in {'only ' if cell['accuracy'] < 0.75 else ''}"
                 f"{cell['accuracy']:.0%} of cases (95% interval {low:.0%} to {high:.0%}; "
                 "chance: 50%)")
        assert sum(words in sentence for sentence in weighing["verdict"]) == 1, words


def test_the_confusion_matrix_shows_each_share_with_its_interval(weighing):
    from korea1950.analysis.weigh.markdown import confusion_markdown
    from korea1950.reporting.study.numbers import share_cell
    from korea1950.running.summary import Z95

    confusion = weighing["calibration"]["confusion"]
    text = summary_text(weighing)
    table = "\n".join(confusion_markdown(weighing["calibration"], share_cell))
    for row, errors in zip(confusion["matrix"], confusion["se"], strict=True):
        cells = [f"{value:.3f} ± {Z95 * se:.3f}" for value, se in zip(row, errors, strict=True)]
        assert re.search(" +".join(map(re.escape, cells)), text), cells
        assert " | ".join(share_cell(value, se)
                          for value, se in zip(row, errors, strict=True)) in table


def test_shapley_shares_come_with_their_intervals(weighing):
    """On the terminal and in the study report's table, each share beside its 95% interval."""
    from korea1950.inputs.labels import actor_name, unsigned_zero
    from korea1950.reporting.study.sections.weighing import share_and_fraction

    text = summary_text(weighing)
    for shares in weighing["responsibility"].values():
        for actor in ACTORS:
            cell = shares[actor]
            low, high = cell["ci"]
            assert low <= cell["share"] <= high
            line = (f"{unsigned_zero(cell['share'], '.3f'):>6}  [{unsigned_zero(low, '.3f')}, "
                    f"{unsigned_zero(high, '.3f')}]")
            assert re.search(rf"^    {re.escape(actor_name(actor))} +{re.escape(line)}  \(",
                             text, flags=re.M), line
            assert share_and_fraction(cell, with_interval=True) == (
                f"{unsigned_zero(cell['share'], '.2f')} ({unsigned_zero(low, '.2f')} to "
                f"{unsigned_zero(high, '.2f')}; "
                f"{unsigned_zero(100 * cell['fraction'], '.0f')}%)")


def test_labels_too_long_for_their_column_are_cut_after_a_whole_word(weighing):
    """"leaving the Council achieved…", never "achieved al…"; the columns keep their width."""
    from korea1950.cli.weigh import FACT_WIDTH
    from korea1950.inputs.labels import parameter_words
    from korea1950.inputs.scenarios import scenario_title

    labels = [fact.description for fact in FACTS] + [
        parameter_words(name) for name in next(iter(weighing["posterior"].values()))] + [
        scenario_title(row["scenario"]) for row in weighing["discrimination"]]
    long = [label for label in labels if len(label) >= FACT_WIDTH]
    assert long, "some label must be too long for the test to mean anything"
    text = summary_text(weighing)
    cut = re.findall(r"^ {2,4}(\S[^…\n]*…) ", text, flags=re.M)
    assert len(cut) >= len(long)
    for shown in cut:
        assert len(shown) <= FACT_WIDTH - 1
        head = shown[:-1]
        full = next(label for label in long if label.startswith(head))
        assert not full[len(head)].isalnum(), (shown, full)  # the next character ends a word


def test_the_bayes_factor_figure_says_which_reading_each_pair_favours(weighing, monkeypatch,
                                                                        tmp_path):
    """With three pairs on one axis, each series names the reading a positive value favours,
    and the axis names no one reading."""
    from korea1950.inputs.labels import pair_label, reading_label
    from korea1950.reporting import weigh_plots

    seen = {}

    def keep(figure, stem):
        ax = figure.axes[0]
        seen["legend"] = [t.get_text() for t in ax.get_legend().get_texts()]
        seen["xlabel"] = ax.get_xlabel()
        return []

    monkeypatch.setattr(weigh_plots, "save_figure", keep)
    weigh_plots.plot_bayes(weighing["bayes_factors"], weighing["contributions"],
                           tmp_path / "bayes_factor")
    for a, b in _pairs(weighing):
        assert f"{pair_label(a, b)} (> 0 favours {reading_label(a)})" in seen["legend"]
    assert "first reading named in each pair" in seen["xlabel"]
    assert not any(f"favours {reading_label(a)})" in seen["xlabel"] for a, _ in _pairs(weighing))


def test_the_decision_band_figure_draws_every_pairs_band(weighing, monkeypatch, tmp_path):
    """The band is computed for every pair, so the figure has a row for each, marked where
    that pair differs."""
    from korea1950.inputs.labels import reading_label
    from korea1950.reporting import weigh_plots

    seen = {}

    def keep(figure, stem):
        strip = figure.axes[-1]
        seen["rows"] = [t.get_text() for t in strip.get_yticklabels()]
        seen["marked"] = [list(line.get_xdata()) for line in strip.lines]
        seen["nowhere"] = [t.get_text() for t in strip.texts]
        return []

    monkeypatch.setattr(weigh_plots, "save_figure", keep)
    band = weighing["decision_band"]
    weigh_plots.plot_decision_band(band, tmp_path / "decision_band")
    assert seen["rows"] == [f"{reading_label(p['a'])} vs\n{reading_label(p['b'])}"
                            for p in band["pairs"]]
    assert seen["marked"] == [p["differs_at"] for p in band["pairs"] if p["band"]]
    assert len(seen["nowhere"]) == sum(p["band"] is None for p in band["pairs"])


def test_the_report_names_every_pairs_facts_and_band(weighing):
    """The study section's sentences on the driving facts and the band cover every pair."""
    from types import SimpleNamespace

    from korea1950.inputs.labels import reading_label
    from korea1950.inputs.scenarios import scenario_title
    from korea1950.reporting.study.sections.weighing import (
        _bayes_factor_lines,
        _discrimination_lines,
    )

    context = SimpleNamespace(reading_label=reading_label, scenario_title=scenario_title)
    facts = "\n".join(_bayes_factor_lines(weighing, context))
    band = "\n".join(_discrimination_lines(weighing, context))
    for a, b in _pairs(weighing):
        driving = max(weighing["contributions"].values(),
                      key=lambda cell, pair=f"{a}/{b}": abs(cell[pair]["log_ratio"]))
        assert (f"drive the log Bayes factor of {reading_label(a)} over {reading_label(b)}: "
                f"{driving['description'].rstrip('.')} "
                f"({driving[f'{a}/{b}']['log_ratio']:+.2f})") in facts
        assert f"{reading_label(a)} and {reading_label(b)}, " in band


def test_the_study_summary_gives_the_verdict_on_every_pair_of_readings(weighing):
    from types import SimpleNamespace

    from korea1950.analysis.weigh.likelihood import odds_text
    from korea1950.analysis.weigh.verdict import decision_sentence, pair_cell
    from korea1950.reporting.study.front import verdict

    text = verdict(SimpleNamespace(weighing=weighing, reading_label=reading_label))
    assert len(weighing["bayes_factors"]) == 3
    for factor in weighing["bayes_factors"]:
        robust = pair_cell(weighing["robustness"]["pairs"], factor["a"], factor["b"])
        sentence = decision_sentence(factor, robust)
        assert sentence in text and reading_label(factor["b"]) in sentence
        plain = (f"(odds {odds_text(factor['log_bf'])} for {reading_label(factor['a'])} "
                 f"against {reading_label(factor['b'])}: ")
        assert text.index(plain) < text.index(sentence), "the odds in words come first"
    assert text.startswith("**The verdict on the readings.** With every prior as cited, the "
                           "record ")
