"""The documentation stays in step with the code it describes."""

from pathlib import Path

from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS, markdown_table
from korea1950.inputs.readings import markdown_table as stalin_table

ROOT = Path(__file__).resolve().parents[1]


def test_odd_lists_every_parameter_with_its_source_or_assumption():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    assert markdown_table() in odd, "regenerate the table with parameters.markdown_table()"
    assert stalin_table() in odd, "regenerate the table with readings.markdown_table()"
    for name in STALIN_MOTIVE_PARAMETERS:
        assert f"`{name}`" in odd


def test_odd_has_the_seven_sections():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    for heading in ("## 1. Purpose and patterns", "## 2. Entities, state variables and scales",
                    "## 3. Process overview and scheduling", "## 4. Design concepts",
                    "## 5. Initialisation", "## 6. Input data", "## 7. Submodels"):
        assert heading in odd
