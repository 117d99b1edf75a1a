"""Execute the teaching notebooks in place, so they ship with their outputs and their claims.

Why a script: the shipped notebooks carry their figures inline and, in their
metadata (``korea1950``), the world count, the run time and every conclusion
they stated (``CLAIMS``, built by each notebook's ``interval_claim``). The
tests run the notebooks with fewer worlds and check that no conclusion points
the other way from the shipped run, so the shipped outputs must be refreshed
this way, never by hand. Run it after editing a notebook or the model:

    .venv/bin/python notebooks/execute.py            # every notebook, 20,000 worlds a run
    .venv/bin/python notebooks/execute.py 01_tour.ipynb
"""

import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

FOLDER = Path(__file__).resolve().parent
CLAIMS_CELL = "import json  # korea1950-claims\nprint(json.dumps(CLAIMS))"
"""A cell appended for the run (and removed after) that prints the notebook's claims."""
SHIPPED_WORLDS = 20_000
TIMEOUT_SECONDS = 1800


def execute(path: Path, worlds: int) -> dict:
    """Run one notebook top to bottom and write it back with outputs and claims; return them."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(CLAIMS_CELL))
    start = time.perf_counter()
    NotebookClient(notebook, timeout=TIMEOUT_SECONDS, kernel_name="python3",
                   resources={"metadata": {"path": str(FOLDER)}}).execute(
        env={**os.environ, "KOREA1950_NOTEBOOK_WORLDS": str(worlds)})
    seconds = time.perf_counter() - start
    claims = json.loads(notebook.cells.pop().outputs[0]["text"])
    notebook.metadata["korea1950"] = {"worlds": worlds, "seconds": round(seconds),
                                      "claims": claims}
    nbformat.write(notebook, path)
    return notebook.metadata["korea1950"]


def main(names: list[str]) -> None:
    """Execute the named notebooks (every one in this folder if none is named)."""
    paths = [FOLDER / name for name in names] or sorted(FOLDER.glob("*.ipynb"))
    for path in paths:
        shipped = execute(path, SHIPPED_WORLDS)
        print(f"{path.name}: {shipped['seconds']} s, {len(shipped['claims'])} claims", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
