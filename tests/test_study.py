"""`korea1950 study`, the main job: a complete, reproducible, self-contained, atomic report."""

import hashlib
import json
import re

import pytest

import korea1950.reporting.study as study
from korea1950.cli.main import main
from korea1950.inputs.levers import setting_text
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.inputs.scenarios import bundled_scenario_names, load_scenario
from korea1950.reporting.atomic import atomic_folder
from korea1950.reporting.study.sections import overview as overview_section
from korea1950.reporting.study.sections import section_modules

MY_SECTIONS = ("overview", "comparison", "scenarios", "disagreement")


def study_args(out) -> list[str]:
    return ["study", "--replicates", "300", "--seed", "3", "--workers", "1", "--out", str(out)]


@pytest.fixture(scope="module")
def studies(tmp_path_factory):
    """The same study twice (seed 3, 300 worlds per pair, one worker).

    The second run writes no report sections: the comparison tables are written
    before any section runs, and the sections (figures, weighing, sensitivity)
    are slow; the weighing and sensitivity tests check their own reproducibility.
    """
    root = tmp_path_factory.mktemp("study")
    assert main(study_args(root / "first")) == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(study, "section_modules", list)
        assert main(study_args(root / "second")) == 0
    return root / "first", root / "second"


def test_study_writes_report_tables_manifest_and_figures(studies):
    out = studies[0]
    for name in ("report.md", "report.html", "manifest.json"):
        assert (out / name).stat().st_size > 1000, name
    for table in ("outcomes", "timings", "front", "distributions"):
        assert (out / "tables" / f"{table}.csv").is_file()
        assert json.loads((out / "tables" / f"{table}.json").read_text())
    pngs = {p.stem for p in (out / "figures").glob("*.png")}
    svgs = {p.stem for p in (out / "figures").glob("*.svg")}
    assert pngs == svgs
    assert {"outcomes", "change_vs_baseline", "front_line", "timing"} <= pngs
    assert not list(out.parent.glob(".*")), "no temporary folder left behind"


def test_every_scenario_under_every_reading_is_in_the_tables(studies):
    rows = json.loads((studies[0] / "tables" / "outcomes.json").read_text())
    pairs = {(r["scenario"], r["reading"]) for r in rows}
    assert pairs == {(s, r) for s in bundled_scenario_names() for r in bundled_reading_names()}


def test_same_seed_gives_byte_identical_tables(studies):
    first, second = studies
    names = sorted(p.name for p in (second / "tables").iterdir())
    assert names == sorted(f"{t}.{x}" for t in ("outcomes", "timings", "front", "distributions")
                           for x in ("csv", "json"))
    for name in names:
        assert (first / "tables" / name).read_bytes() == (second / "tables" / name).read_bytes()


def test_html_report_stands_alone_with_every_figure_embedded(studies):
    markdown = (studies[0] / "report.md").read_text()
    html = (studies[0] / "report.html").read_text()
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", markdown)
    assert len(images) >= 4
    assert html.count('src="data:image/png;base64,') == len(images)
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)
    assert "<table>" in html and "<h1" in html


def test_report_explains_what_each_scenario_changes_and_what_happened(studies):
    report = (studies[0] / "report.md").read_text()
    assert "conditional on the model" in report
    assert "--replicates 300 --seed 3" in report
    for name in bundled_scenario_names():
        scenario = load_scenario(name)
        part = report.split(f"(`{name}`)", 1)[1].split("\n### ", 1)[0]
        assert scenario.antecedent in part and scenario.feasibility in part
        for lever, value in scenario.levers.changed().items():
            assert f"`{lever}` → `{setting_text(lever, value)}`" in part
        for item in scenario.cotenability:
            assert item in part
        if name != "baseline":
            for reading in bundled_reading_names():
                assert f"under **{reading}**" in part
    disagreement = report.split("## Where the readings disagree", 1)[1]
    assert "| soviet_veto | kim vs stueck |" in disagreement


def test_manifest_records_what_reproduces_the_study(studies):
    out = studies[0]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["replicates"] == 300 and manifest["workers"] == 1
    assert manifest["command"] == ["korea1950", "study", "--replicates", "300", "--seed", "3",
                                   "--workers", "1", "--out", str(out)]
    assert set(manifest["scenarios"]) == set(bundled_scenario_names())
    for name in bundled_reading_names():
        reading = load_reading(name)
        assert manifest["readings"][reading.name]["sha256"] == hashlib.sha256(
            reading.path.read_bytes()).hexdigest()
    assert "evidence.toml" in manifest["inputs"]
    for key in ("version", "python", "numpy", "mesa", "created"):
        assert manifest[key]
    table = out / "tables" / "outcomes.csv"
    assert manifest["files"]["tables/outcomes.csv"] == hashlib.sha256(
        table.read_bytes()).hexdigest()


def test_sections_are_discovered_in_order_and_declare_themselves():
    modules = section_modules()
    orders = [module.ORDER for module in modules]
    assert orders == sorted(orders)
    names = [module.__name__.rsplit(".", 1)[1] for module in modules]
    assert names[:4] == list(MY_SECTIONS)
    assert all(isinstance(m.TITLE, str) and m.TITLE for m in modules)


class SectionFailed(Exception):
    pass


class FailingSection:
    ORDER, TITLE = 99, "fails"

    @staticmethod
    def build(context):
        (context.out_dir / "report.md").write_text("half")
        raise SectionFailed


def test_a_failed_run_leaves_the_previous_results_untouched(tmp_path, monkeypatch):
    out = tmp_path / "results"
    with atomic_folder(out) as staging:  # results an earlier run wrote
        (staging / "report.md").write_text("previous")
    monkeypatch.setattr(study, "section_modules", lambda: [overview_section, FailingSection])
    with pytest.raises(SectionFailed):
        study.run_study(out, replicates=20, seed=1, workers=1, progress=False)
    assert (out / "report.md").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


def test_a_finished_run_replaces_the_previous_results(tmp_path, monkeypatch):
    out = tmp_path / "results"
    with atomic_folder(out) as staging:  # results an earlier run wrote
        (staging / "stale.txt").write_text("old")
    monkeypatch.setattr(study, "section_modules", lambda: [overview_section])
    study.run_study(out, replicates=20, seed=1, workers=1, progress=False, command=["x"])
    assert not (out / "stale.txt").exists()
    assert (out / "manifest.json").is_file() and (out / "report.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


def test_out_path_that_is_a_file_is_one_line_error(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("x")
    assert main(["study", "--replicates", "10", "--workers", "1", "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text() == "x"
