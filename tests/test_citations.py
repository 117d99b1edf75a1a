"""Every evidence id the project cites exists in seeds/evidence.toml.

Why: a rule's declaration, a parameter, a reading's prior, a scenario and a
fact of the record all point into the evidence file; a typo there would
silently cut a rule loose from its source. The rules' evidence is read from
their declarations (``rule_table``), not from source text.
"""

import tomllib

import pytest

from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.paths import scenarios_dir, seeds_dir
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.simulation import agents
from korea1950.simulation.agents.rules import rule_table
from korea1950.teaching.play.points import POINTS


def known_ids() -> set[str]:
    data = tomllib.loads((seeds_dir() / "evidence.toml").read_text())
    return {item["id"] for item in data["evidence"]}


def ids_in_code() -> dict[str, set[str]]:
    """The evidence each rule declares (``korea1950 rules``), by actor."""
    cited: dict[str, set[str]] = {}
    for declared in rule_table():
        cited.setdefault(f"rules of {declared.actor}", set()).update(declared.evidence)
    cited["role-play hints"] = {i for point in POINTS.values() for i in point.hints}
    return cited


def ids_in_data() -> dict[str, set[str]]:
    cited = {"parameters.py": {i for p in MODEL_PARAMETERS.values() for i in p.evidence}}
    for name in bundled_reading_names():
        reading = load_reading(name)
        cited[f"readings/{name}.toml"] = set(reading.evidence) | {
            i for prior in reading.priors.values() for i in prior.evidence}
    for path in scenarios_dir().glob("*.toml"):
        cited[f"scenarios/{path.name}"] = set(
            tomllib.loads(path.read_text())["scenario"].get("evidence", []))
    record = seeds_dir() / "record.toml"
    if record.is_file():
        facts = tomllib.loads(record.read_text()).get("fact", [])
        cited["record.toml"] = {i for fact in facts for i in fact.get("evidence", [])}
    return cited


@pytest.mark.parametrize("where, ids", sorted({**ids_in_code(), **ids_in_data()}.items()))
def test_cited_ids_exist(where, ids):
    missing = sorted(ids - known_ids())
    assert not missing, f"{where} cites unknown evidence ids: {missing}"


def test_every_rule_cites_a_source_or_states_its_choice():
    for declared in rule_table():
        assert declared.evidence or declared.assumption, declared.name
        doc = find_rule_doc(declared.actor, declared.name)
        assert "Source:" in doc or "assumption" in doc, f"{declared.actor}.{declared.name}"
        assert "Choice:" in doc or "assumption" in doc, f"{declared.actor}.{declared.name}"


def find_rule_doc(actor: str, name: str) -> str:
    """The docstring of a declared rule's method."""
    return getattr(getattr(agents, actor), name).__doc__ or ""


def test_the_model_cites_a_good_share_of_the_evidence():
    cited = set().union(*ids_in_code().values(), *ids_in_data().values())
    assert len(cited & known_ids()) >= 30
