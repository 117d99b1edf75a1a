"""Scenario files are data: valid ones load and change history; malformed ones fail in one line."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korea1950.cli.main import main
from korea1950.ensemble import simulate
from korea1950.errors import InputError
from korea1950.levers import LEVERS
from korea1950.scenarios import bundled_scenario_names, load_scenario, resolve_scenario_path

REQUIRED = {"baseline", "soviet_veto", "no_acheson_speech", "soviet_never_boycotts",
            "mao_refuses", "no_ccp_victory", "us_troops_remain", "us_stays_out", "no_incheon",
            "stop_at_38th", "stalin_lives", "ongjin_only", "kim_acts_alone"}
BASELINE_TEXT = resolve_scenario_path("baseline").read_text()


def test_every_required_scenario_is_bundled_and_complete():
    assert set(bundled_scenario_names()) >= REQUIRED
    for name in bundled_scenario_names():
        scenario = load_scenario(name)
        assert scenario.name == name
        assert scenario.antecedent and scenario.feasibility and scenario.title
        if name != "baseline":
            assert scenario.levers.changed(), f"{name} changes no lever"
            assert scenario.cotenability, f"{name} lists nothing it needs"


def exit_code_and_error(capsys, path) -> tuple[int, str]:
    code = main(["run", str(path), "--replicates", "10", "--workers", "1"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("text, fragments", [
    ("this is = = not toml", ["not valid TOML"]),
    ("\n".join("# " + line for line in BASELINE_TEXT.splitlines()), ["missing table [scenario]"]),
    (BASELINE_TEXT.replace("incheon_landing =", "incheon_landin ="),
     ["unknown lever 'incheon_landin'", "did you mean 'incheon_landing'"]),
    (BASELINE_TEXT.replace('stalin_death = "1953-03"', 'stalin_death = "1953-13"'),
     ["stalin_death", "1953-13", "YYYY-MM"]),
    (BASELINE_TEXT.replace("us_garrison_remains = false", 'us_garrison_remains = "no"'),
     ["us_garrison_remains", "expected true or false"]),
    (BASELINE_TEXT.replace('soviet_veto = "rule"', 'soviet_veto = "sometimes"'),
     ["soviet_veto", "sometimes", '"rule" or "always" or "never"']),
    (BASELINE_TEXT.replace('date = "1949-09"', 'date = "autumn"'), ["'date'", "autumn"]),
    (BASELINE_TEXT.replace('name = "baseline"\n', ""), ["missing key 'name'"]),
    (BASELINE_TEXT + '\n[parameters]\nmao_consent_chance = 1.5\n',
     ["mao_consent_chance", "between 0 and 1"]),
])
def test_malformed_scenario_exits_2_with_one_line_naming_file_and_key(tmp_path, capsys, text,
                                                                     fragments):
    path = tmp_path / "broken.toml"
    path.write_text(text)
    code, err = exit_code_and_error(capsys, path)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err
    for fragment in fragments:
        assert fragment in err


def mutate(text: str, rng: random.Random) -> str:
    """Delete, duplicate, swap or replace a random slice of a valid scenario."""
    if not text:
        return text
    i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
    choice = rng.randrange(5)
    if choice == 0:
        return text[:i] + text[j:]
    if choice == 1:
        return text[:j] + text[i:j] + text[j:]
    if choice == 2:
        return text[:i]
    if choice == 3:
        return text[:i] + rng.choice(['"', "=", "[", "]", "\n", "true", "1e9", "-", "x", "#"]) \
            + text[i:]
    lever = rng.choice(sorted(LEVERS))
    return text[:i] + f"\n{lever} = {rng.choice(['1', 'true', '\"never\"', '[1]', '{}'])}\n" \
        + text[j:]


mangled = st.one_of(
    st.binary(max_size=400),
    st.integers(0, 10**9).map(lambda s: mutate(BASELINE_TEXT, random.Random(s)).encode()),
    st.integers(0, 10**9).map(
        lambda s: mutate(mutate(BASELINE_TEXT, random.Random(s)), random.Random(s + 1)).encode()),
    st.integers(0, len(BASELINE_TEXT)).map(lambda n: BASELINE_TEXT[:n].encode()),
)


@settings(max_examples=1200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(payload=mangled)
def test_mangled_files_give_a_scenario_or_a_one_line_error(tmp_path, payload):
    path = tmp_path / "mangled.toml"
    path.write_bytes(payload)
    try:
        scenario = load_scenario(str(path))
    except InputError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(str(path)[:20])
    else:
        assert scenario.name and scenario.levers is not None


@pytest.mark.parametrize("name", sorted(REQUIRED - {"baseline"}))
def test_every_scenario_runs_under_both_readings(name):
    for reading in ("kim", "stueck"):
        summary = simulate(name, reading, replicates=600, seed=4)
        assert summary.replicates == 600
        assert 0.0 <= summary.probability("invasion") <= 1.0


def shares(name: str, outcome: str, reading: str = "stueck", worlds: int = 3000):
    run = simulate(name, reading, replicates=worlds, seed=11)
    base = simulate("baseline", reading, replicates=worlds, seed=11)
    return run.probability(outcome), base.probability(outcome), base.standard_error(outcome)


def test_levers_have_their_documented_effects():
    stays_out, _, _ = shares("us_stays_out", "us_intervention")
    assert stays_out == 0.0
    veto = simulate("soviet_veto", "stueck", replicates=3000, seed=11)
    assert veto.count("soviet_veto") == veto.count("invasion")
    refused, base, error = shares("mao_refuses", "invasion")
    assert refused < base - 10 * error
    alone, base, error = shares("kim_acts_alone", "invasion")
    assert alone > base + 4 * error
    lives, base, error = shares("stalin_lives", "still_at_war", reading="kim")
    assert lives > base + 4 * max(error, 0.002)
    no_incheon, _, _ = shares("no_incheon", "incheon_landing")
    assert no_incheon == 0.0
    stopped, base, error = shares("stop_at_38th", "china_intervention")
    assert stopped < base - 4 * error
