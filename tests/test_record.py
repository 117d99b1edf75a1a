"""The record: its facts load, cite real evidence, and are tested on each world's event months."""

import tomllib

import numpy as np
import pytest

from korea1950.inputs.calendar import month_index
from korea1950.inputs.errors import InputError
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.inputs.record import (
    check_calibrations,
    fact_matches,
    load_record,
    pattern_codes,
    record_tallies,
    weighing_facts,
)
from korea1950.simulation.model import CrisisModel
from korea1950.simulation.world import empty_event_months

FACTS = load_record()
HISTORY = [("stalin_advises_waiting", "1949-09"), ("ccp_victory", "1949-10"),
           ("soviet_boycott", "1950-01"), ("stalin_approves", "1950-01"),
           ("mao_consents", "1950-05"), ("invasion", "1950-06"), ("un_authorization", "1950-06"),
           ("us_intervention", "1950-06"), ("soviet_return", "1950-08"),
           ("gottwald_letter", "1950-08"), ("us_europe_buildup", "1950-08"),
           ("incheon_landing", "1950-09"), ("stalin_presses_china", "1950-10"),
           ("un_crosses_38th", "1950-10"), ("china_intervention", "1950-10"),
           ("stalin_death", "1953-03"), ("armistice", "1953-07")]


def historical_world(worlds: int = 1) -> dict[str, np.ndarray]:
    """Worlds whose events follow the record month by month."""
    events = empty_event_months(worlds)
    for event, label in HISTORY:
        events[event][:] = month_index(label)
    return events


def fact(fact_id: str):
    return next(f for f in FACTS if f.id == fact_id)


def test_the_record_has_at_least_ten_dated_cited_facts():
    assert len(FACTS) >= 10
    for item in FACTS:
        assert item.date and item.evidence and item.description
        assert item.use in ("test", "calibration")


def test_at_least_six_facts_weigh_the_readings_and_none_cites_what_a_prior_cites():
    tested = weighing_facts(FACTS)
    assert len(tested) >= 6
    cited_by_priors = {item for name in bundled_reading_names()
                       for prior in load_reading(name).priors.values() for item in prior.evidence}
    assert not {item for fact in tested for item in fact.evidence} & cited_by_priors


def test_the_gottwald_letter_is_a_test_fact():
    assert fact("gottwald-letter") in weighing_facts(FACTS)


def test_a_record_that_scores_a_reading_on_its_own_evidence_is_refused(tmp_path):
    path = tmp_path / "record.toml"
    # stueck-un-toothless sets Stueck's belief about the Council's flag.
    path.write_text(GOOD.replace('evidence = ["invasion-25-june-1950"]',
                                 'evidence = ["stueck-un-toothless"]'))
    with pytest.raises(InputError) as caught:
        load_record(path)
    message = str(caught.value)
    assert "\n" not in message and "stueck-un-toothless" in message and "'stueck'" in message
    path.write_text(GOOD.replace('use = "test"', 'use = "calibration"').replace(
        'evidence = ["invasion-25-june-1950"]', 'evidence = ["stueck-un-toothless"]')
        + GOOD.replace('id = "invasion"', 'id = "second"'))
    assert len(load_record(path)) == 2  # a calibration fact may cite it: it weighs nothing


def test_a_test_fact_may_not_cite_what_sets_stalins_shared_rule(tmp_path):
    path = tmp_path / "record.toml"
    # gottwald-illegitimate sets stalin_legitimacy_value, a term of the shared rule.
    path.write_text(GOOD.replace('evidence = ["invasion-25-june-1950"]',
                                 'evidence = ["gottwald-illegitimate"]'))
    with pytest.raises(InputError, match="stalin_legitimacy_value"):
        load_record(path)


def test_only_weighing_facts_are_tallied():
    model = CrisisModel(reading="stueck", replicates=500, rng=3)
    model.run_model()
    assert record_tallies(model)["record:pattern"].size == 2 ** len(weighing_facts(FACTS))


def test_every_cited_evidence_id_exists_in_the_evidence_file():
    items = tomllib.loads((seeds_dir() / "evidence.toml").read_text())["evidence"]
    known = {item["id"] for item in items}
    cited = {(item.id, evidence) for item in FACTS for evidence in item.evidence}
    assert {pair for pair in cited if pair[1] not in known} == set()


def test_the_historical_course_matches_every_fact():
    assert fact_matches(historical_world(), FACTS).all()


def test_invasion_in_june_1950_matches_and_no_invasion_does_not():
    events = historical_world(3)
    events["invasion"][1] = -1
    events["invasion"][2] = month_index("1950-09")
    assert fact("invasion-june-1950").matches(events).tolist() == [True, False, False]


def test_a_veto_fails_the_no_veto_fact_whenever_it_comes():
    events = historical_world(3)
    events["soviet_veto"][1] = month_index("1950-06")
    events["soviet_veto"][2] = month_index("1952-01")
    assert fact("no-soviet-veto").matches(events).tolist() == [True, False, False]


@pytest.mark.parametrize("event, label, broken", [
    ("soviet_veto", "1950-06", "no-soviet-veto"),
    ("invasion", "1951-03", "invasion-june-1950"),
    ("stalin_approves", "1949-11", "stalin-approves-early-1950"),
    ("mao_consents", "1949-12", "mao-consents-after-stalin"),
    ("china_intervention", "1950-07", "china-after-crossing"),
    ("armistice", "1951-10", "armistice-after-stalins-death"),
    ("armistice", "1954-01", "armistice-after-stalins-death"),
    ("soviet_return", "1951-01", "soviet-return-august-1950"),
    ("gottwald_letter", "-", "gottwald-letter"),
    ("stalin_presses_china", "1950-07", "stalin-presses-china-after-incheon"),
    ("soviet_ground_troops", "1950-11", "no-soviet-ground-troops"),
])
def test_a_world_that_departs_from_the_record_fails_exactly_that_fact(event, label, broken):
    events = historical_world()
    events[event][0] = -1 if label == "-" else month_index(label)
    matches = fact_matches(events, FACTS)[:, 0]
    assert {f.id for f, ok in zip(FACTS, matches, strict=True) if not ok} == {broken}


def test_pattern_codes_set_one_bit_per_fact():
    matches = np.array([[True, False], [False, False], [True, True]])
    assert pattern_codes(matches).tolist() == [0b101, 0b100]


def test_tallies_count_every_world_once_and_the_matching_worlds_in_the_posterior():
    model = CrisisModel(reading="kim", replicates=3000, rng=11)
    model.run_model()
    tallies = record_tallies(model)
    matching = int(fact_matches(model.world.events, weighing_facts(FACTS)).all(axis=0).sum())
    assert tallies["record:pattern"].sum() == 3000
    assert tallies["record:pattern"][-1] == matching > 0
    assert tallies["posterior:all:expects_us_to_fight"].sum() == 3000
    assert tallies["posterior:match:expects_us_to_fight"].sum() == matching


GOOD = '''[[fact]]
id = "invasion"
use = "test"
description = "the invasion"
date = "1950-06"
event = "invasion"
window = ["1950-05", "1950-07"]
evidence = ["invasion-25-june-1950"]
'''


@pytest.mark.parametrize("old, new, named", [
    ('event = "invasion"', 'event = "invasoin"', "key 'event'"),
    ('window = ["1950-05", "1950-07"]', 'window = ["1950-07", "1950-05"]', "key 'window'"),
    ('window = ["1950-05", "1950-07"]', 'window = "1950-06"', "key 'window'"),
    ('date = "1950-06"', 'date = "June 1950"', "key 'date'"),
    ('evidence = ["invasion-25-june-1950"]', 'evidence = ["no-such-quote"]', "no-such-quote"),
    ('evidence = ["invasion-25-june-1950"]', 'evidence = []', "key 'evidence'"),
    ('event = "invasion"', 'event = "invasion"\noccur = false', "unknown key 'occur'"),
    ('event = "invasion"', 'event = "invasion"\nwithin_months_after = { event = "stalin_death" }',
     "within_months_after"),
    ('use = "test"', 'use = "weigh"', "key 'use'"),
    ('use = "test"', '', "key 'use'"),
])
def test_a_malformed_fact_is_a_one_line_error_naming_fact_and_key(tmp_path, old, new, named):
    path = tmp_path / "record.toml"
    path.write_text(GOOD.replace(old, new))
    with pytest.raises(InputError) as caught:
        load_record(path)
    message = str(caught.value)
    assert "\n" not in message and "fact 'invasion'" in message and named in message


def test_two_facts_with_one_id_are_refused(tmp_path):
    path = tmp_path / "record.toml"
    path.write_text(GOOD + "\n" + GOOD)
    with pytest.raises(InputError, match="share the id 'invasion'"):
        load_record(path)


def test_a_good_custom_record_loads_with_its_window_in_month_steps(tmp_path):
    path = tmp_path / "record.toml"
    path.write_text(GOOD)
    (loaded,) = load_record(path)
    assert loaded.window == (month_index("1950-05"), month_index("1950-07")) == (8, 10)


def test_every_parameter_set_from_the_record_names_a_calibration_fact():
    from korea1950.inputs.parameters import MODEL_PARAMETERS

    facts = {fact.id: fact.use for fact in load_record()}
    calibrated = {name: spec.calibrated_on for name, spec in MODEL_PARAMETERS.items()
                  if spec.calibrated_on}
    assert {"kim_moscow_lag", "kim_mao_visit_lag", "kim_attack_readiness",
            "stalin_return_months", "mao_consent_chance"} <= set(calibrated)
    for name, fact_ids in calibrated.items():
        assert all(facts[fact_id] == "calibration" for fact_id in fact_ids), name


def test_a_record_that_tests_a_date_a_parameter_was_calibrated_on_is_refused():
    from dataclasses import replace

    from korea1950.inputs.parameters import MODEL_PARAMETERS

    facts = load_record()
    test_fact = next(fact.id for fact in facts if fact.use == "test")
    bad = replace(MODEL_PARAMETERS["kim_moscow_lag"], calibrated_on=(test_fact,))
    with pytest.raises(InputError, match="may not score what set it") as caught:
        check_calibrations(facts, [bad], "record.toml")
    assert "\n" not in str(caught.value) and "kim_moscow_lag" in str(caught.value)
    check_calibrations(facts, [MODEL_PARAMETERS["kim_moscow_lag"]], "record.toml")
