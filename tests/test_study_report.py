"""The main job: `korea1950 study` writes a complete, reproducible, self-contained report."""

import json
import re

import pytest

from korea1950.cli.main import main
from korea1950.readings import load_reading
from korea1950.scenarios import bundled_scenario_names


@pytest.fixture(scope="module")
def studies(tmp_path_factory):
    root = tmp_path_factory.mktemp("study")
    for name in ("first", "second"):
        args = ["study", "--replicates", "300", "--seed", "3", "--workers", "1",
                "--out", str(root / name)]
        assert main(args) == 0
    return root / "first", root / "second"


def test_study_writes_report_tables_figures_and_manifest(studies):
    out, _ = studies
    for name in ("report.md", "report.html", "manifest.json", "tables/outcomes.csv",
                 "tables/outcomes.json", "tables/timings.csv", "tables/front.csv"):
        assert (out / name).is_file(), name
    pngs = sorted(p.stem for p in (out / "figures").glob("*.png"))
    svgs = sorted(p.stem for p in (out / "figures").glob("*.svg"))
    assert len(pngs) >= 4 and pngs == svgs
    assert not list(out.parent.glob(".*partial*")), "no temporary folder left behind"


def test_html_report_stands_alone(studies):
    html = (studies[0] / "report.html").read_text()
    assert "data:image/png;base64," in html
    assert not re.search(r'(src|href)="https?://', html)
    assert html.count("<img") >= 4


def test_report_explains_every_scenario_under_every_reading(studies):
    report = (studies[0] / "report.md").read_text()
    for name in bundled_scenario_names():
        assert f"(`{name}`)" in report
    assert report.count("under **kim**") >= len(bundled_scenario_names()) - 1
    assert "conditional on the model" in report
    assert "## Where the readings disagree" in report


def test_same_seed_gives_identical_tables(studies):
    first, second = studies
    for table in sorted((first / "tables").iterdir()):
        assert table.read_bytes() == (second / "tables" / table.name).read_bytes(), table.name


def test_manifest_records_what_reproduces_the_study(studies):
    manifest = json.loads((studies[0] / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["replicates"] == 300
    assert set(manifest["scenarios"]) == set(bundled_scenario_names())
    assert manifest["readings"]["kim"]["sha256"] == load_reading("kim").sha256
    assert "evidence.toml" in manifest["inputs"]
    assert manifest["version"]


def test_compare_takes_a_third_reading_by_path(tmp_path, capsys):
    source = load_reading("stueck").path.read_text().replace('name = "stueck"', 'name = "third"')
    third = tmp_path / "third.toml"
    third.write_text(source)
    out = tmp_path / "cmp"
    code = main(["compare", "baseline", "soviet_veto", "--readings", f"kim,stueck,{third}",
                 "--replicates", "300", "--workers", "1", "--out", str(out)])
    assert code == 0
    rows = json.loads((out / "tables" / "outcomes.json").read_text())
    assert {row["reading"] for row in rows} == {"kim", "stueck", "third"}
    assert {row["scenario"] for row in rows} == {"baseline", "soviet_veto"}
    veto = next(r for r in rows if r["scenario"] == "soviet_veto" and r["reading"] == "third"
                and r["outcome"] == "soviet_veto")
    assert veto["difference_ci_low"] > 0
    assert len(list((out / "figures").glob("*.png"))) == 4


def test_list_names_every_bundled_scenario_and_reading(capsys):
    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    for name in [*bundled_scenario_names(), "kim", "stueck"]:
        assert name in printed
