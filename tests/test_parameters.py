"""The parameter registry (seeds/parameters.toml) loads to the model's numbers, refuses bad ones."""

from pathlib import Path

import pytest

from korea1950.inputs.errors import InputError
from korea1950.inputs.parameters import (
    MODEL_PARAMETERS,
    STALIN_MOTIVE_PARAMETERS,
    load_registry,
    registry_path,
    validate_override,
)

GOOD_MODEL = """[model.kim_pressure]
default = 0.5
low = 0.0
high = 1.0
meaning = "a chance per month"
evidence = ["kim-persists"]
"""

GOOD_STALIN = """[stalin.values_peace]
kind = "goal"
shared = false
default = 0.5
low = 0.0
high = 1.0
meaning = "how much he values peace"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "parameters.toml"
    path.write_text(text)
    return path


def refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as caught:
        load_registry(write(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message
    assert "parameters.toml" in message
    return message


def test_bundled_registry_holds_the_models_numbers():
    kim = MODEL_PARAMETERS["kim_initial_impatience"]
    assert (kim.default, kim.low, kim.high) == (0.35, 0.0, 1.0)
    assert kim.evidence == ("kim-sleepless", "kim-persists")
    assert kim.assumption.startswith("the documents show Kim pressing repeatedly")
    lag = MODEL_PARAMETERS["stalin_reconsider_lag"]
    assert (lag.default, lag.low, lag.high) == (3, 0, 12)
    assert isinstance(lag.default, int), "a month count stays an integer, as it was in code"
    assert MODEL_PARAMETERS["rhee_attack_chance"].default == 0.0015
    assert MODEL_PARAMETERS["north_strength_cap"].low == 1.0
    assert MODEL_PARAMETERS["stalemate_band"].default == 0.12
    superiority = STALIN_MOTIVE_PARAMETERS["required_superiority"]
    assert (superiority.default, superiority.low, superiority.high) == (1.65, 1.0, 3.0)
    assert (superiority.kind, superiority.shared) == ("belief", True)
    assert STALIN_MOTIVE_PARAMETERS["values_unified_korea"].shared is False


def test_bundled_registry_keeps_the_order_worlds_draw_in():
    assert len(STALIN_MOTIVE_PARAMETERS) == 20
    assert list(MODEL_PARAMETERS)[:3] == ["kim_initial_impatience", "kim_impatience_growth",
                                          "kim_china_boost"]
    assert list(STALIN_MOTIVE_PARAMETERS)[:2] == ["values_unified_korea", "values_us_tied_down"]
    assert list(STALIN_MOTIVE_PARAMETERS)[-1] == "reassurance_rate"


def test_a_registry_file_loads_in_file_order(tmp_path):
    model, stalin = load_registry(write(tmp_path, GOOD_MODEL + GOOD_STALIN))
    assert model["kim_pressure"].default == 0.5
    assert model["kim_pressure"].evidence == ("kim-persists",)
    assert stalin["values_peace"].kind == "goal"
    assert load_registry(registry_path())[0] == MODEL_PARAMETERS


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("default = 0.5", "default = 1.5", "expected low <= default <= high, got 0, 1.5, 1"),
    ("low = 0.0\n", "low = 0.0\nlo = 0.1\n", "unknown key 'lo'; did you mean 'low'?"),
    ('["kim-persists"]', '["kim-persist"]',
     "cites 'kim-persist', not an id in seeds/evidence.toml; did you mean 'kim-persists'?"),
    ('evidence = ["kim-persists"]\n', "", "cite 'evidence' ids or state an 'assumption'"),
    ('meaning = "a chance per month"\n', "", "missing key 'meaning'"),
    ("default = 0.5", 'default = "half"', "key 'default' = 'half': expected a number"),
    ("default = 0.5", "default = true", "key 'default' = True: expected a number"),
    ("[model.kim_pressure]", "[model.Kim-Pressure]", "expected a name of lower-case letters"),
    ("[model.kim_pressure]", "[modle.kim_pressure]", "unknown table 'modle'"),
])
def test_a_malformed_model_entry_is_refused_in_one_line(tmp_path, old, new, expected):
    assert old in GOOD_MODEL
    message = refusal(tmp_path, GOOD_MODEL.replace(old, new) + GOOD_STALIN)
    assert expected in message


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('kind = "goal"', 'kind = "goals"', "expected one of goal, belief, observation"),
    ("shared = false", 'shared = "no"', "key 'shared' = 'no': expected true or false"),
    ("shared = false\n", 'shared = false\nassumption = "x"\n', "unknown key 'assumption'"),
    ("[stalin.values_peace]", "[stalin.kim_pressure]", "both a [model] and a [stalin]"),
])
def test_a_malformed_stalin_entry_is_refused_in_one_line(tmp_path, old, new, expected):
    message = refusal(tmp_path, GOOD_MODEL + GOOD_STALIN.replace(old, new))
    assert expected in message


def test_a_registry_without_a_group_is_refused(tmp_path):
    assert "at least one [stalin.NAME]" in refusal(tmp_path, GOOD_MODEL)


def test_a_scenario_override_is_checked_against_the_registrys_range():
    assert validate_override("front_tempo", 1, "s.toml") == 1.0
    with pytest.raises(InputError, match=r"between 0.05 and 2$"):
        validate_override("front_tempo", 2.5, "s.toml")
    with pytest.raises(InputError, match="did you mean 'front_tempo'"):
        validate_override("front_temp", 0.5, "s.toml")
