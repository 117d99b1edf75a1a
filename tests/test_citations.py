"""Every evidence id the project cites exists in seeds/evidence.toml.

Why: a rule's docstring, a parameter, a reading's prior, a scenario and a fact
of the record all point into the evidence file; a typo there would silently
cut a rule loose from its source.
"""

import re
import tomllib
from pathlib import Path

import pytest

from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.paths import scenarios_dir, seeds_dir
from korea1950.inputs.readings import bundled_reading_names, load_reading

SOURCE = Path(__file__).resolve().parents[1] / "src" / "korea1950" / "simulation"
SLUG = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+"
"""Evidence ids are hyphenated slugs; event and parameter names use underscores."""


def known_ids() -> set[str]:
    data = tomllib.loads((seeds_dir() / "evidence.toml").read_text())
    return {item["id"] for item in data["evidence"]}


def ids_in_code() -> dict[str, set[str]]:
    """Quoted slugs and parenthesised lists of slugs in the model's source files."""
    cited: dict[str, set[str]] = {}
    files = [*SOURCE.glob("agents/*.py"), SOURCE / "model.py", SOURCE / "war.py"]
    for path in files:
        text = path.read_text()
        found = set(re.findall(rf'"({SLUG})"', text))
        for group in re.findall(rf"\(({SLUG}(?:,\s*{SLUG})*)\)", text):
            found |= {item.strip() for item in group.split(",")}
        cited[path.name] = found
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
    for path in SOURCE.glob("agents/*.py"):
        for name, doc in re.findall(r'def (\w+)\(self[^)]*\)[^:]*:\n\s+"""(.*?)"""',
                                    path.read_text(), flags=re.S):
            if name in {"step", "__init__", "alive", "world", "param", "chance", "explain",
                        "decide", "china_ready", "us_fights", "quick_victory", "weigh"}:
                continue
            assert "Source:" in doc or "assumption" in doc, f"{path.name}:{name}"
            assert "Choice:" in doc or "assumption" in doc, f"{path.name}:{name}"


def test_the_model_cites_a_good_share_of_the_evidence():
    cited = set().union(*ids_in_code().values(), *ids_in_data().values())
    assert len(cited & known_ids()) >= 30
