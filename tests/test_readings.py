"""Readings are data: loaded by name or path, validated, and every prior justified."""

import shutil

import numpy as np
import pytest

from korea1950.ensemble import simulate
from korea1950.errors import InputError
from korea1950.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.readings import bundled_reading_names, load_reading


def test_bundled_readings_give_a_justified_prior_for_every_motive():
    assert {"kim", "stueck"} <= set(bundled_reading_names())
    for name in bundled_reading_names():
        reading = load_reading(name)
        assert set(reading.priors) == set(STALIN_MOTIVE_PARAMETERS)
        for prior in reading.priors.values():
            assert prior.evidence or prior.assumption.strip()


def test_readings_disagree_about_stalins_motives():
    kim, stueck = load_reading("kim").means(), load_reading("stueck").means()
    assert kim["values_us_entanglement"] > stueck["values_us_entanglement"] + 0.3
    assert kim["veto_propensity"] < stueck["veto_propensity"]
    assert kim["china_pull"] > stueck["china_pull"]


def test_draws_follow_the_prior_mean():
    reading = load_reading("stueck")
    draws = reading.draw(np.random.default_rng(0), 20000)
    for name, values in draws.items():
        prior = reading.priors[name]
        low, high = prior.support()
        assert values.min() >= low and values.max() <= high
        assert abs(values.mean() - prior.mean()) < 4 * values.std() / np.sqrt(20000) + 1e-9


def write_variant(tmp_path, old: str, new: str, name: str = "mine.toml"):
    source = load_reading("stueck").path.read_text()
    assert old in source
    path = tmp_path / name
    path.write_text(source.replace(old, new, 1))
    return path


def test_a_third_reading_by_path_needs_no_code_change(tmp_path):
    path = write_variant(tmp_path, 'name = "stueck"', 'name = "mine"')
    text = path.read_text().replace("[parameters.veto_propensity]\ndistribution = \"beta\"\n"
                                    "mean = 0.2", "[parameters.veto_propensity]\n"
                                    "distribution = \"beta\"\nmean = 0.9")
    path.write_text(text)
    reading = load_reading(str(path))
    assert reading.name == "mine"
    summary = simulate("baseline", str(path), replicates=4000, seed=2)
    stueck = simulate("baseline", "stueck", replicates=4000, seed=2)
    assert summary.probability("soviet_veto") > stueck.probability("soviet_veto") + 0.3


def test_a_prior_without_evidence_or_assumption_is_rejected(tmp_path):
    path = write_variant(tmp_path, 'evidence = ["stueck-return-uncertain", '
                                   '"stueck-decision-alone", "stueck-feared-confrontation"]',
                         "evidence = []")
    with pytest.raises(InputError, match=r"veto_propensity.*evidence.*assumption"):
        load_reading(str(path))


def test_a_missing_prior_is_named(tmp_path):
    source = load_reading("kim").path.read_text()
    start = source.index("[parameters.china_pull]")
    end = source.index("[parameters.prolongs_war]")
    path = tmp_path / "short.toml"
    path.write_text(source[:start] + source[end:])
    with pytest.raises(InputError, match="missing a prior for 'china_pull'"):
        load_reading(str(path))


def test_an_unknown_parameter_suggests_the_right_one(tmp_path):
    path = write_variant(tmp_path, "[parameters.china_pull]", "[parameters.china_pul]")
    with pytest.raises(InputError, match="did you mean 'china_pull'"):
        load_reading(str(path))


def test_unknown_reading_name_lists_the_bundled_ones():
    with pytest.raises(InputError, match="bundled: kim, stueck"):
        load_reading("stuek")


def test_reading_file_copied_elsewhere_loads_identically(tmp_path):
    copy = tmp_path / "copy.toml"
    shutil.copy(load_reading("kim").path, copy)
    assert load_reading(str(copy)).priors == load_reading("kim").priors
