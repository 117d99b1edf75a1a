"""Readings are data: loaded by name or path, validated, and every prior justified."""

import shutil
import tomllib

import numpy as np
import pytest

from korea1950.inputs.calendar import month_index
from korea1950.inputs.errors import InputError
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.running.ensemble import simulate


def test_bundled_readings_give_a_justified_prior_for_every_motive():
    assert {"kim", "stueck"} <= set(bundled_reading_names())
    for name in bundled_reading_names():
        reading = load_reading(name)
        assert set(reading.priors) == set(STALIN_MOTIVE_PARAMETERS)
        for prior in reading.priors.values():
            assert prior.evidence or prior.assumption.strip()


def test_a_reading_holds_goals_and_beliefs_only_never_an_act_propensity():
    kinds = {spec.kind for spec in STALIN_MOTIVE_PARAMETERS.values()}
    assert kinds == {"goal", "belief", "observation"}
    for name in bundled_reading_names():
        table = tomllib.loads(load_reading(name).path.read_text())["parameters"]
        assert set(table) <= set(STALIN_MOTIVE_PARAMETERS)
        assert not any(word in key for key in table
                       for word in ("veto", "propensity", "prolong", "chance"))


def test_shared_parameters_have_the_same_prior_in_every_bundled_reading():
    readings = [load_reading(name) for name in bundled_reading_names()]
    shared = [name for name, spec in STALIN_MOTIVE_PARAMETERS.items() if spec.shared]
    assert len(shared) >= 5
    for name in shared:
        assert len({reading.priors[name] for reading in readings}) == 1, name
        for reading in readings:  # given by the shared file, not restated
            assert name not in tomllib.loads(reading.path.read_text())["parameters"]


def test_readings_disagree_about_stalins_goals_and_beliefs():
    kim, stueck = load_reading("kim").means(), load_reading("stueck").means()
    assert kim["values_us_tied_down"] > stueck["values_us_tied_down"] + 0.3
    assert kim["values_unified_korea"] < stueck["values_unified_korea"]
    assert kim["expects_us_to_fight"] > stueck["expects_us_to_fight"]
    assert kim["letter_candour"] > stueck["letter_candour"]


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
    text = path.read_text().replace("[parameters.values_us_tied_down]\ndistribution = \"beta\"\n"
                                    "mean = 0.4", "[parameters.values_us_tied_down]\n"
                                    "distribution = \"beta\"\nmean = 0.95").replace(
        "mean_range = [0.25, 0.55]", "mean_range = [0.9, 0.97]", 1)
    path.write_text(text)
    reading = load_reading(str(path))
    assert reading.name == "mine"
    summary = simulate("baseline", str(path), replicates=4000, seed=2)
    stueck = simulate("baseline", "stueck", replicates=4000, seed=2)
    # A Stalin who wants the US tied down blocks the armistice while he lives.
    alive = month_index("1953-03")
    assert (summary.tallies["month:armistice"][:alive].sum()
            < stueck.tallies["month:armistice"][:alive].sum() / 2)


def test_a_prior_without_evidence_or_assumption_is_rejected(tmp_path):
    path = write_variant(tmp_path, 'evidence = ["stueck-un-toothless"]', "evidence = []")
    with pytest.raises(InputError, match=r"un_flag_effect.*evidence.*assumption"):
        load_reading(str(path))


def test_a_missing_prior_is_named(tmp_path):
    source = load_reading("kim").path.read_text()
    start = source.index("[parameters.un_flag_effect]")
    end = source.index("[parameters.letter_candour]")
    path = tmp_path / "short.toml"
    path.write_text(source[:start] + source[end:])
    with pytest.raises(InputError, match="missing a prior for 'un_flag_effect'"):
        load_reading(str(path))


def test_an_unknown_parameter_suggests_the_right_one(tmp_path):
    path = write_variant(tmp_path, "[parameters.un_flag_effect]", "[parameters.un_flag_efect]")
    with pytest.raises(InputError, match="did you mean 'un_flag_effect'"):
        load_reading(str(path))


def test_unknown_reading_name_lists_the_bundled_ones():
    with pytest.raises(InputError, match="bundled: kim, stueck"):
        load_reading("stuek")


def test_reading_file_copied_elsewhere_loads_identically(tmp_path):
    copy = tmp_path / "copy.toml"
    shutil.copy(load_reading("kim").path, copy)
    assert load_reading(str(copy)).priors == load_reading("kim").priors


def test_a_reading_may_restate_a_shared_prior_to_disagree(tmp_path):
    path = write_variant(tmp_path, 'name = "stueck"', 'name = "warier"')
    path.write_text(path.read_text() + '\n[parameters.fears_direct_clash]\ndistribution = "beta"'
                    '\nmean = 0.3\nconcentration = 20\nassumption = "a bolder Stalin"\n')
    reading = load_reading(str(path))
    assert reading.priors["fears_direct_clash"].mean() == 0.3
    assert load_reading("stueck").priors["fears_direct_clash"].mean() == 0.9


def test_a_changed_file_may_not_keep_a_bundled_readings_name(tmp_path, capsys):
    from korea1950.cli.main import main

    path = write_variant(tmp_path, "mean = 0.15", "mean = 0.25")  # keeps name = "stueck"
    with pytest.raises(InputError, match="bundled reading of William Stueck, and this file "
                                         "differs from it"):
        load_reading(str(path))
    assert main(["run", "baseline", "--reading", str(path), "--replicates", "10"]) == 2
    assert capsys.readouterr().err.count("\n") == 1, "one line"
    same = tmp_path / "same.toml"
    shutil.copy(load_reading("stueck").path, same)
    assert load_reading(str(same)).name == "stueck", "an unchanged copy is the same reading"


def test_a_file_reading_is_named_by_its_title_wherever_only_its_name_travels(tmp_path):
    from korea1950.inputs.labels import reading_label
    from korea1950.teaching.story import tell

    path = write_variant(tmp_path, 'name = "stueck"', 'name = "third"')
    path.write_text(path.read_text().replace(
        'title = "William Stueck: Stalin wanted a quick victory without US intervention"',
        'title = "A third view: Stalin the opportunist"'))
    reading = load_reading(str(path))
    assert reading_label("third") == "A third view: Stalin the opportunist"  # as weigh labels
    assert reading_label("stueck") == "William Stueck's reading"
    assert reading_label("never_loaded") == "reading 'never_loaded'"
    story = tell("baseline", str(path), seed=3)
    assert story.startswith('One world of "The baseline: every lever as in history", under '
                            "A third view: Stalin the opportunist, seed 3")
    assert reading.path.name not in story.splitlines()[0]


def test_a_file_reading_that_a_test_fact_would_score_is_blamed_by_its_own_path(tmp_path):
    from korea1950.inputs.record import check_not_circular, load_record, record_path

    path = write_variant(tmp_path, 'name = "stueck"', 'name = "third"')
    path.write_text(path.read_text().replace('evidence = ["stueck-reassuring-ally"]',
                                             'evidence = ["gottwald-all-goals-achieved"]'))
    with pytest.raises(InputError) as caught:
        check_not_circular(load_record(), [load_reading(str(path))], record_path())
    message = str(caught.value)
    assert message.split(": ")[0].endswith("/mine.toml") and "'letter_candour'" in message
