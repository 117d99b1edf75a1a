"""Scenarios are data: bundled ones are complete minimal rewrites with visible effects;
malformed files of every kind end in one line naming file, key, value and what was expected."""

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from korea1950.cli.main import main
from korea1950.inputs.calendar import month_index
from korea1950.inputs.errors import MAX_LINE, InputError
from korea1950.inputs.levers import LEVERS, Levers, markdown_table, parse_levers, setting_text
from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import (
    bundled_scenario_names,
    evidence_ids,
    load_scenario,
    resolve_scenario_path,
    switches,
)
from korea1950.running.ensemble import simulate

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {"baseline", "soviet_veto", "no_acheson_speech", "soviet_never_boycotts",
            "mao_refuses", "no_ccp_victory", "us_troops_remain", "us_stays_out", "no_incheon",
            "stop_at_38th", "stalin_lives", "ongjin_only", "kim_acts_alone"}
BASELINE = resolve_scenario_path("baseline").read_text()


# --- the bundled scenarios -------------------------------------------------------------------

def test_every_required_scenario_is_bundled_under_its_own_name():
    assert set(bundled_scenario_names()) >= REQUIRED
    assert bundled_scenario_names()[0] == "baseline"
    for name in bundled_scenario_names():
        assert load_scenario(name).name == name


@pytest.mark.parametrize("name", sorted(REQUIRED - {"baseline"}))
def test_each_scenario_is_a_minimal_rewrite_with_its_case_made(name):
    scenario = load_scenario(name)
    assert len(scenario.levers.changed()) == 1, "one antecedent, one lever"
    assert scenario.cotenability, "Tetlock & Belkin: say what else must be true"
    assert scenario.evidence and set(scenario.evidence) <= evidence_ids()
    assert len(scenario.antecedent) > 30 and len(scenario.feasibility) > 30


def test_baseline_spells_out_every_lever_at_its_historical_default():
    baseline = load_scenario("baseline")
    assert baseline.levers == Levers()
    assert baseline.levers.changed() == {}
    assert all(f"\n{name} = " in BASELINE for name in LEVERS)


def test_lever_vocabulary_defaults_resolve_to_the_model_defaults():
    defaults = {name: spec.default for name, spec in LEVERS.items()}
    assert parse_levers(defaults, "defaults") == Levers()
    assert setting_text("stalin_death", Levers().stalin_death) == "1953-03"


def test_docs_list_every_lever_and_every_bundled_scenario():
    doc = (ROOT / "docs" / "scenarios.md").read_text()
    assert markdown_table() in doc, "regenerate with korea1950.inputs.levers.markdown_table()"
    listing = doc.split("## The bundled scenarios", 1)[1].splitlines()
    for name in bundled_scenario_names():
        row = next(line for line in listing if line.startswith(f"| `{name}` |"))
        for lever, value in load_scenario(name).levers.changed().items():
            assert f"{lever} = " in row and setting_text(lever, value) in row


# --- malformed files: exit 2 and one line --------------------------------------------------

def run_broken(tmp_path, capsys, text: str) -> str:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    code = main(["run", str(path), "--replicates", "10", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert len(err) <= MAX_LINE + 1, "one line of at most 200 characters"
    assert f"/{path.name}:" in err, "the file is named (long folders may be cut)"
    return err


COMMENTED_OUT = "\n".join(f"# {line}" for line in BASELINE.splitlines())


@pytest.mark.parametrize("text, fragments", [
    ("[scenario\nname = 'x'", ["not valid TOML"]),
    (b"\xff\xfe[scenario]".decode("latin-1"), ["not valid TOML"]),
    (COMMENTED_OUT, ["missing table [scenario]", "commented out"]),
    ("", ["missing table [scenario]"]),
    (BASELINE.replace("[levers]", "[lever]"), ["'lever'", "did you mean 'levers'"]),
    (BASELINE.replace("title =", "titel ="), ["[scenario]", "'titel'", "did you mean 'title'"]),
    (BASELINE.replace('name = "baseline"\n', ""), ["missing key 'name'", "string"]),
    (BASELINE.replace('name = "baseline"', 'name = "Base line"'), ["'name'", "'Base line'"]),
    (BASELINE.replace('date = "1949-09"', 'date = "autumn 1949"'),
     ["'date'", "'autumn 1949'", "YYYY-MM"]),
    (BASELINE.replace('date = "1949-09"', 'date = "1939-09"'), ["'date'", "1945-08"]),
    (BASELINE.replace("cotenability = []", 'cotenability = "none"'),
     ["'cotenability'", "list of strings"]),
    (BASELINE.replace('"invasion-25-june-1950"', '"invasion-26-june-1950"'),
     ["'evidence'", "invasion-26-june-1950", "did you mean 'invasion-25-june-1950'"]),
    (BASELINE.replace('stalin_death = "1953-03"', 'stalin_death = "1953-13"'),
     ["lever 'stalin_death'", "'1953-13'", "YYYY-MM", '"never"']),
    (BASELINE.replace('stalin_death = "1953-03"', 'stalin_death = "1948-01"'),
     ["lever 'stalin_death'", "from 1949-09 to 1956-12"]),
    (BASELINE.replace("us_garrison_remains = false", 'us_garrison_remains = "no"'),
     ["lever 'us_garrison_remains'", "'no'", "expected true or false"]),
    (BASELINE.replace('soviet_veto = "rule"', 'soviet_veto = "alway"'),
     ["lever 'soviet_veto'", '"rule" or "always" or "never"', "did you mean 'always'"]),
    (BASELINE.replace('soviet_veto = "rule"', "soviet_veto = 1"), ["soviet_veto", "= 1"]),
    (BASELINE + "\n[parameters]\nmao_consent_chance = 1.5\n",
     ["mao_consent_chance", "between 0 and 1"]),
    (BASELINE.replace("[levers]", 'parameters = "x"\n[levers]'), ["unknown key 'parameters'"]),
])
def test_malformed_file_exits_2_naming_file_key_value_and_expectation(tmp_path, capsys, text,
                                                                       fragments):
    err = run_broken(tmp_path, capsys, text)
    for fragment in fragments:
        assert fragment in err


@pytest.mark.parametrize("misspelt, meant", [
    ("incheon_landin", "incheon_landing"),
    ("soviet_vetoo", "soviet_veto"),
    ("Stalin-Death", "stalin_death"),
    ("mao_consnet", "mao_consent"),
    ("us_garison_remains", "us_garrison_remains"),
])
def test_misspelt_lever_error_names_the_lever_meant(tmp_path, capsys, misspelt, meant):
    text = BASELINE.replace(f"\n{meant} =", f"\n{misspelt} =")
    err = run_broken(tmp_path, capsys, text)
    assert f"[levers]: unknown lever '{misspelt}'; did you mean '{meant}'?" in err


def test_unknown_bundled_scenario_name_suggests_the_closest(capsys):
    assert main(["run", "soviet_vetto", "--replicates", "10"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean 'soviet_veto'" in err


def test_missing_file_is_one_line(tmp_path, capsys):
    assert main(["run", str(tmp_path / "nowhere.toml"), "--replicates", "10"]) == 2
    assert "file not found" in capsys.readouterr().err


# --- every bundled scenario runs, and does what its antecedent says -------------------------

@pytest.mark.parametrize("name", bundled_scenario_names())
def test_every_scenario_runs_under_every_bundled_reading(name):
    for reading in bundled_reading_names():
        summary = simulate(name, reading, replicates=300, seed=4)
        assert summary.replicates == 300
        assert summary.count("invasion") <= 300


WORLDS = 2000


@cache
def run(scenario: str, reading: str):
    return simulate(scenario, reading, replicates=WORLDS, seed=11)


def change(scenario: str, reading: str, outcome: str) -> tuple[float, float]:
    """Difference from the baseline and its conservative standard error."""
    this, base = run(scenario, reading), run("baseline", reading)
    difference = this.probability(outcome) - base.probability(outcome)
    error = np.hypot(this.standard_error(outcome), base.standard_error(outcome))
    return difference, max(float(error), 1 / WORLDS)


READINGS = ("kim", "stueck")


@pytest.mark.parametrize("reading", READINGS)
def test_forced_and_forbidden_decisions_hold_in_every_world(reading):
    assert run("us_stays_out", reading).count("us_intervention") == 0
    vetoed = run("soviet_veto", reading)
    # Stalin's delegate vetoes every invasion he lives to see (a rare Rhee first strike can
    # start a war after his death, when no rule of his runs).
    death = month_index(setting_text("stalin_death", Levers().stalin_death))
    while_alive = int(vetoed.tallies["month:invasion"][:death].sum())
    assert vetoed.count("soviet_veto") == while_alive > 0
    assert vetoed.count("un_authorization") == vetoed.count("invasion") - while_alive
    assert run("soviet_never_boycotts", reading).count("soviet_boycott") == 0
    assert run("no_acheson_speech", reading).count("acheson_speech") == 0
    assert run("mao_refuses", reading).count("mao_consents") == 0
    assert run("no_incheon", reading).count("incheon_landing") == 0
    assert run("stop_at_38th", reading).count("un_crosses_38th") == 0
    assert run("stalin_lives", reading).count("stalin_death") == 0
    assert run("ongjin_only", reading).count("ongjin_operation") > 0
    assert run("baseline", reading).count("ongjin_operation") == 0


@pytest.mark.parametrize("reading", READINGS)
def test_stalin_approves_nothing_before_the_delayed_victory_in_china(reading):
    delayed = run("no_ccp_victory", reading)
    approvals = delayed.tallies["month:stalin_approves"]
    assert approvals.sum() > 0
    assert approvals.nonzero()[0].min() >= month_index("1951-01")
    assert delayed.month_quantile("invasion", 0.5) >= month_index("1951-01")
    assert run("baseline", reading).month_quantile("invasion", 0.5) < month_index("1951-01")


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize("scenario, outcome, direction", [
    ("mao_refuses", "invasion", -1),
    ("ongjin_only", "invasion", -1),
    ("us_troops_remain", "north_unifies", -1),
    ("soviet_veto", "north_unifies", +1),
    ("soviet_never_boycotts", "soviet_veto", +1),
    ("us_stays_out", "north_unifies", +1),
    ("no_incheon", "incheon_landing", -1),
    ("stop_at_38th", "china_intervention", -1),
    ("stalin_lives", "still_at_war", +1),
])
def test_scenario_moves_its_key_outcome_beyond_chance(reading, scenario, outcome, direction):
    difference, error = change(scenario, reading, outcome)
    assert direction * difference > 4 * error, f"{difference:+.3f} ± {error:.3f}"


def test_a_us_garrison_deters_stueck_stalin_and_not_kim_stalin():
    """The readings' disagreement as a what-if: a Stalin who wanted no US war is held back by
    US troops in Korea; one who wanted the US entangled is not."""
    stueck, stueck_error = change("us_troops_remain", "stueck", "invasion")
    kim, kim_error = change("us_troops_remain", "kim", "invasion")
    assert stueck < -4 * stueck_error
    assert kim > -4 * kim_error


@pytest.mark.parametrize("reading", READINGS)
def test_mao_refusing_cuts_the_invasion_share_far_below_history(reading):
    difference, error = change("mao_refuses", reading, "invasion")
    assert difference < -0.3 and difference < -10 * error


# --- classroom switches and lever defaults come from one place ------------------------------
US_STAYS_OUT = resolve_scenario_path("us_stays_out").read_text()


def test_switches_are_the_single_lever_scenarios_with_their_labels():
    offered = switches()
    assert offered["us_stays_out"] == ("The US does not intervene", {"us_intervention": "never"})
    assert offered["soviets_stay_on_council"] == ("Soviets never leave the Council",
                                                  {"soviet_boycott": "never"})
    assert offered["stalin_lives"] == ("Stalin lives on", {"stalin_death": -1})
    assert len(offered) == 10
    assert "baseline" not in offered and "ongjin_only" not in offered
    assert list(offered)[:2] == ["no_acheson_speech", "us_garrison_stays"], "historical order"
    assert load_scenario("us_troops_remain").switch_name == "us_garrison_stays"
    assert load_scenario("baseline").switch == ""


@pytest.mark.parametrize("text, fragment", [
    (US_STAYS_OUT.replace('switch = "The US does not intervene"', 'switch = ""'),
     "key 'switch' = '': expected a label of one line and at most 40 characters"),
    (US_STAYS_OUT.replace('switch = "The US does not intervene"', f'switch = "{"x" * 41}"'),
     "at most 40 characters"),
    (US_STAYS_OUT.replace('switch = "The US does not intervene"', 'switch = "two\\nlines"'),
     "a label of one line"),
    (US_STAYS_OUT.replace('switch = "The US does not intervene"', "switch = true"),
     "key 'switch' = True: expected a string"),
    (US_STAYS_OUT.replace('switch = "The US does not intervene"',
                          'swich = "The US does not intervene"'),
     "unknown key 'swich'; did you mean 'switch'?"),
    (US_STAYS_OUT.replace('switch = "The US does not intervene"', 'switch_name = "stays_out"'),
     "key 'switch_name' needs a 'switch' label beside it"),
    (US_STAYS_OUT.replace('switch = "The US does not intervene"',
                          'switch = "Out"\nswitch_name = "Stays Out"'),
     "key 'switch_name' = 'Stays Out': expected a lower-case letter"),
    (BASELINE.replace('title = "The baseline: every lever as in history"',
                      'title = "The baseline: every lever as in history"\nswitch = "History"'),
     "a switch must change at least one lever from history"),
])
def test_a_bad_switch_label_is_refused_in_one_line(tmp_path, capsys, text, fragment):
    assert text != US_STAYS_OUT and text != BASELINE
    err = run_broken(tmp_path, capsys, text)
    assert fragment in err


def test_levers_defaults_are_the_vocabularys_historical_defaults():
    defaults = Levers()
    assert [name for name in vars(defaults)] == list(LEVERS)
    for name, spec in LEVERS.items():
        expected = month_index(spec.default) if spec.kind == "month" else spec.default
        assert getattr(defaults, name) == expected, name
    assert defaults.acheson_speech == month_index("1950-01") == 4
    assert defaults.kim_waits_for_approval is True
    assert defaults.changed() == {}


def test_a_bundled_name_and_its_path_load_the_same_scenario(tmp_path):
    by_name = load_scenario("soviet_veto")
    assert load_scenario(str(resolve_scenario_path("soviet_veto"))) == by_name
    copy = tmp_path / "mine.toml"
    copy.write_text(resolve_scenario_path("soviet_veto").read_text())
    assert load_scenario(copy).levers == by_name.levers
    with pytest.raises(InputError, match=r"unknown scenario 'soviet_vet' \(see 'korea1950 "
                                         r"list'\); did you mean 'soviet_veto'\?"):
        load_scenario("soviet_vet")
