"""The teaching notebooks: shipped executed, run without error, and never teach a wrong sign.

The notebooks read ``KOREA1950_NOTEBOOK_WORLDS`` (20,000 worlds per run when it
is unset, as shipped). Here they run with fewer worlds to stay fast. Every
conclusion a notebook prints goes through its ``interval_claim``, which names a
direction only when the 95% interval excludes zero, and lists the claim in
``CLAIMS``; a cell appended here reads that list. With fewer worlds more
claims say "cannot tell", but none may point the other way from the shipped
run (whose claims the shipped notebook keeps in its metadata).
"""

import json
import os
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from korea1950.cli import notebooks as command
from korea1950.cli.main import main

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
TEST_WORLDS = 1000
"""Worlds per run in the tests (the shipped outputs use 20,000)."""
SHIPPED_WORLDS = 20_000
CLAIMS_CELL = "import json  # korea1950-claims\nprint(json.dumps(CLAIMS))"


def code_outputs(notebook: nbformat.NotebookNode) -> list:
    """Every output of every code cell, in order."""
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def executed(request, tmp_path_factory) -> tuple[Path, nbformat.NotebookNode, list[dict]]:
    """A notebook run top to bottom with TEST_WORLDS worlds, and the claims it made."""
    path = request.param
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(CLAIMS_CELL))
    folder = tmp_path_factory.mktemp(path.stem)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute(
        env={**os.environ, "KOREA1950_NOTEBOOK_WORLDS": str(TEST_WORLDS)})
    print(f"\n{path.name}: {time.perf_counter() - start:.1f} s at {TEST_WORLDS:,} worlds")
    claims = json.loads(notebook.cells.pop().outputs[0]["text"])
    return path, notebook, claims


def test_there_are_at_least_three_notebooks():
    assert len(NOTEBOOKS) >= 3


def test_notebook_runs_without_error_and_shows_results(executed):
    _, notebook, claims = executed
    outputs = code_outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert printed.strip(), "the notebook shows results"
    assert [o for o in outputs if "image/png" in o.get("data", {})], "a figure is drawn inline"
    assert claims, "the notebook states its conclusions through interval_claim"


def test_a_stated_direction_has_an_interval_that_excludes_zero(executed):
    _, notebook, claims = executed
    for claim in claims:
        if claim["direction"] == "+":
            assert claim["low"] > 0, claim
        elif claim["direction"] == "-":
            assert claim["high"] < 0, claim
        else:
            assert claim["low"] <= 0 <= claim["high"], claim
        assert claim["low"] <= claim["estimate"] <= claim["high"], claim
    printed = "".join(o.get("text", "") for o in code_outputs(notebook)
                      if o.output_type == "stream")
    undecided = sum(claim["direction"] == "0" for claim in claims)
    said = printed.count("the worlds cannot tell") + printed.count("no change in any of these")
    assert said >= min(undecided, 1), "an undecided claim says so"


def test_no_conclusion_turns_round_with_fewer_worlds(executed):
    path, _, claims = executed
    shipped = nbformat.read(path, as_version=4).metadata["korea1950"]["claims"]
    stored = {claim["claim"]: claim["direction"] for claim in shipped}
    common = [claim for claim in claims if claim["claim"] in stored]
    assert len(common) >= min(len(claims), len(stored)) // 2, "the claims are comparable"
    flipped = [(claim["claim"], stored[claim["claim"]], claim["direction"]) for claim in common
               if {stored[claim["claim"]], claim["direction"]} == {"+", "-"}]
    assert not flipped


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_shipped_notebook_is_executed_with_figures_inline(path):
    notebook = nbformat.read(path, as_version=4)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None and cell.outputs for cell in cells
               if "plt.show()" in cell.source or "print(" in cell.source)
    outputs = code_outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    assert [o for o in outputs if "image/png" in o.get("data", {})]
    assert "%matplotlib inline" in cells[0].source
    assert "matplotlib.use(" not in "".join(cell.source for cell in cells)
    about = notebook.metadata["korea1950"]
    assert about["worlds"] >= SHIPPED_WORLDS
    print(f"\n{path.name}: shipped run took {about['seconds']} s at {about['worlds']:,} worlds")


def test_the_weighing_notebook_teaches_no_sign_its_interval_does_not_back():
    """The shipped notebook 02 states directions only with intervals that exclude zero."""
    path = FOLDER / "02_kim_versus_stueck.ipynb"
    claims = nbformat.read(path, as_version=4).metadata["korea1950"]["claims"]
    for claim in claims:
        if claim["direction"] != "0":
            assert (claim["low"] > 0) == (claim["direction"] == "+"), claim
            assert (claim["high"] < 0) == (claim["direction"] == "-"), claim
    text = "".join(o.get("text", "") for o in code_outputs(nbformat.read(path, as_version=4))
                   if o.output_type == "stream")
    assert "Donggil Kim's reading" in text and "William Stueck's reading" in text
    assert " kim " not in text and " stueck " not in text


def test_notebooks_command_says_how_to_install_jupyterlab(monkeypatch, capsys):
    monkeypatch.setattr(command, "jupyterlab_installed", lambda: False)
    assert main(["notebooks", "--dir", str(FOLDER)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "pip install 'korea1950[notebooks]'" in error


def test_notebooks_command_opens_jupyterlab_on_this_machine_only(monkeypatch, capsys):
    monkeypatch.setattr(command, "jupyterlab_installed", lambda: True)
    assert main(["notebooks", "--dir", str(FOLDER), "--dry-run", "--no-browser"]) == 0
    printed = capsys.readouterr().out
    assert "-m jupyterlab" in printed
    assert "--ServerApp.ip=127.0.0.1" in printed
    assert f"--ServerApp.root_dir={FOLDER}" in printed
    assert "--no-browser" in printed


def test_notebooks_command_refuses_a_folder_without_notebooks(tmp_path, capsys):
    assert main(["notebooks", "--dir", str(tmp_path)]) == 2
    assert "no notebooks" in capsys.readouterr().err
