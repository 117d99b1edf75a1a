"""Results folders: a user's files are never lost, and nothing is ever left half-written.

``--out`` replaces a folder only if korea1950 wrote it and it holds nothing
else; ``--force`` only overrides edits to files korea1950 wrote. Writing goes
through a hidden staging folder that a ``kill -9`` may leave behind, and the
next run removes it. Disk errors are one line with the target untouched.
"""

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import korea1950.analysis.compare
import korea1950.cli.compare
from korea1950.cli.main import main
from korea1950.inputs.errors import MAX_LINE, InputError
from korea1950.inputs.paths import data_root
from korea1950.inputs.readings import load_reading
from korea1950.reporting.atomic import OWNER_FILE, OutputFolder, atomic_folder, clean_leftovers
from korea1950.reporting.manifest import portable_path

COMPARE = ["compare", "baseline", "--replicates", "64", "--seed", "2", "--workers", "1"]


def run(capsys, *argv: str) -> tuple[int, str]:
    """The command line in this process: exit code and stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    return code, capsys.readouterr().err


def assert_one_line(err: str, *fragments: str) -> None:
    assert err.count("\n") == 1 and len(err) <= MAX_LINE + 1 and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir()
                  if p.name.startswith(f".{folder.name}."))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- the folder rule ----------------------------------------------------------------------

def test_a_folder_holding_a_users_file_is_refused_and_left_untouched(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "thesis.tex").write_text("three years of work")
    code, err = run(capsys, *COMPARE, "--out", str(docs))
    assert code == 2
    assert_one_line(err, "thesis.tex", "did not write", "nothing was changed")
    assert snapshot(docs) == {"thesis.tex": b"three years of work"}
    assert leftovers(docs) == []


def test_force_never_applies_to_files_korea1950_did_not_write(tmp_path, capsys):
    out = tmp_path / "cmp"
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0
    (out / "notes.md").write_text("mine")
    code, err = run(capsys, *COMPARE, "--out", str(out), "--force")
    assert code == 2
    assert_one_line(err, "notes.md")
    assert (out / "notes.md").read_text() == "mine"


def test_a_folder_holding_an_earlier_output_is_refused_as_a_whole(tmp_path, capsys):
    # A newcomer ran `compare --out review/cmp`, then `--out review`: the refusal is about
    # the folder named, which korea1950 did not write, not about the output inside it.
    review = tmp_path / "review"
    assert run(capsys, *COMPARE, "--out", str(review / "cmp"))[0] == 0
    code, err = run(capsys, *COMPARE, "--out", str(review))
    assert code == 2
    assert_one_line(err, "is a folder korea1950 did not write", "'cmp'", "nothing was changed")
    assert run(capsys, *COMPARE, "--out", str(review / "cmp"))[0] == 0  # still ours to replace


def test_a_folder_korea1950_wrote_is_replaced_and_an_edited_one_needs_force(tmp_path, capsys):
    out = tmp_path / "cmp"
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0
    owner = json.loads((out / OWNER_FILE).read_text())
    assert owner["written_by"] == "korea1950" and "manifest.json" in owner["files"]
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0, "our own folder is replaced"
    (out / "tables" / "outcomes.csv").write_text("edited by hand")
    code, err = run(capsys, *COMPARE, "--out", str(out))
    assert code == 2
    assert_one_line(err, "tables/outcomes.csv", "changed", "--force")
    assert (out / "tables" / "outcomes.csv").read_text() == "edited by hand"
    assert run(capsys, *COMPARE, "--out", str(out), "--force")[0] == 0
    assert (out / "tables" / "outcomes.csv").read_text().startswith("scenario,")
    assert leftovers(out) == []


def test_an_empty_folder_is_used(tmp_path, capsys):
    out = tmp_path / "empty"
    out.mkdir()
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0
    assert (out / "manifest.json").is_file()


def test_a_folder_written_before_the_ownership_record_counts_as_ours(tmp_path, capsys):
    out = tmp_path / "old"
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0
    (out / OWNER_FILE).unlink()  # as written by an earlier version: manifest.json only
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0


@pytest.mark.parametrize("where, fragment", [
    (".", "did not write"),
    ("a_file", "not a folder"),
    ("a_link", "symbolic link"),
    ("/proc/korea1950_x", "cannot write"),
    ("/", "root folder"),
])
def test_unusable_targets_exit_2_in_one_line_before_any_work(tmp_path, capsys, monkeypatch,
                                                              where, fragment):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("keep")
    (tmp_path / "a_file").write_text("a file")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "a_link").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setattr(korea1950.analysis.compare, "run_many", pytest.fail)  # refused first
    code, err = run(capsys, *COMPARE, "--out", where)
    assert code == 2
    assert_one_line(err, fragment)
    assert (tmp_path / "keep.txt").read_text() == "keep"
    assert (tmp_path / "a_file").read_text() == "a file"
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


# --- I/O errors: one line, nothing half-written --------------------------------------------

@pytest.mark.parametrize("code_", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EBUSY])
def test_an_io_error_while_writing_is_one_line_and_leaves_the_old_results(tmp_path, capsys,
                                                                          monkeypatch, code_):
    out = tmp_path / "cmp"
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0
    before = snapshot(out)

    def failing(*args, **kwargs):
        raise OSError(code_, os.strerror(code_), "figure.png")

    monkeypatch.setattr(korea1950.cli.compare, "write_comparison_figures", failing)
    code, err = run(capsys, *COMPARE, "--seed", "3", "--out", str(out))
    assert code == 2
    assert_one_line(err, os.strerror(code_), "nothing was changed")
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_failing_swap_puts_the_old_folder_back(tmp_path, monkeypatch):
    import korea1950.reporting.atomic as atomic

    target = tmp_path / "out"
    with atomic_folder(target) as staging:
        (staging / "a.txt").write_text("old")
    monkeypatch.setattr(atomic, "_exchange", lambda first, second: False)
    real_rename = os.rename

    def rename(source, destination):
        if ".partial-" in str(source):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_rename(source, destination)

    monkeypatch.setattr(atomic.os, "rename", rename)
    with pytest.raises(InputError, match="nothing was changed"), \
            atomic_folder(target) as staging:
        (staging / "a.txt").write_text("new")
    assert (target / "a.txt").read_text() == "old"
    assert leftovers(target) == []


def tmpfs(path: Path, options: str) -> bool:
    """Mount a small tmpfs at ``path`` (root only); False where that is not allowed."""
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                          capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize("options, fragment", [
    ("ro,size=1m", "Read-only file system"),
    ("size=64k", "No space left on device"),
])
def test_a_real_read_only_or_full_file_system_gives_one_line(tmp_path, capsys, options,
                                                              fragment):
    mount = tmp_path / "mnt"
    if os.geteuid() != 0 or not shutil.which("mount") or not tmpfs(mount, options):
        pytest.skip("needs root to mount a tmpfs (the simulated errors are tested above)")
    try:
        code, err = run(capsys, *COMPARE, "--out", str(mount / "cmp"))
        assert code == 2
        assert_one_line(err, fragment)
        assert list(mount.iterdir()) == [], "nothing half-written"
    finally:
        subprocess.run(["umount", str(mount)], check=True)


# --- leftovers of killed runs ---------------------------------------------------------------

def test_leftovers_of_dead_processes_are_removed_and_live_ones_kept(tmp_path):
    target = tmp_path / "results"
    gone, alive = dead_pid(), os.getppid()
    for name in (f".results.partial-{gone}-00ab", f".results.old-{gone}-00cd",
                 f".results.partial-{alive}-00ef", f".other.partial-{gone}-0011"):
        (tmp_path / name).mkdir()
    with atomic_folder(target) as staging:
        (staging / "a.txt").write_text("a")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f".other.partial-{gone}-0011", f".results.partial-{alive}-00ef", "results"]


def test_a_run_killed_between_the_renames_gets_its_old_results_back(tmp_path):
    target = tmp_path / "results"
    with atomic_folder(target) as staging:
        (staging / "a.txt").write_text("before")
    retired = tmp_path / f".results.old-{dead_pid()}-0a0a"
    target.rename(retired)  # what a kill between the two renames leaves
    clean_leftovers(target)
    assert (target / "a.txt").read_text() == "before" and not retired.exists()
    OutputFolder(target)  # and it is ours again


def test_kill_9_during_study_then_a_rerun_gives_a_complete_result(tmp_path, capsys):
    out = tmp_path / "results"
    assert run(capsys, *COMPARE, "--out", str(out))[0] == 0
    before = snapshot(out)
    command = [sys.executable, "-m", "korea1950.cli.main", "study", "--replicates", "64",
               "--seed", "5", "--workers", "1", "--out", str(out)]
    study = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and study.poll() is None:
            staging = [p for p in tmp_path.glob(".results.partial-*") if (p / "tables").is_dir()]
            if staging:
                break
            time.sleep(0.05)
        assert study.poll() is None, "the study ended before the staging folder appeared"
    finally:
        study.send_signal(signal.SIGKILL)
        study.wait()
    assert leftovers(out), "the killed run left its staging folder"
    assert snapshot(out) == before, "the previous results are intact"

    assert run(capsys, "study", "--replicates", "64", "--seed", "5", "--workers", "1",
               "--out", str(out))[0] == 0
    assert leftovers(out) == [], "the rerun removed the dead run's folder"
    manifest = json.loads((out / "manifest.json").read_text())
    for name in ("report.md", "report.html", "tables/outcomes.csv", "figures/outcomes.svg"):
        assert (out / name).stat().st_size > 0
    owner = json.loads((out / OWNER_FILE).read_text())
    assert set(manifest["files"]) | {"manifest.json"} == set(owner["files"])


def test_the_manifest_names_no_absolute_path(tmp_path):
    """Inputs relative to the project, files relative to the folder, a stray file by its name."""
    text = load_reading("stueck").path.read_text().replace('name = "stueck"', 'name = "third"')
    third = tmp_path / "elsewhere" / "third.toml"
    third.parent.mkdir()
    third.write_text(text)
    out = tmp_path / "results"
    assert main(["compare", "baseline", "--readings", f"kim,{third}", "--replicates", "64",
                 "--seed", "2", "--workers", "1", "--out", str(out)]) == 0
    raw = (out / "manifest.json").read_text()
    manifest = json.loads(raw)
    assert str(tmp_path) not in raw and str(data_root().resolve()) not in raw
    assert manifest["scenarios"]["baseline"]["file"] == "scenarios/baseline.toml"
    assert manifest["readings"]["kim"]["file"] == "seeds/readings/kim.toml"
    assert manifest["readings"]["third"]["file"] == "third.toml"
    assert manifest["command"][:3] == ["korea1950", "compare", "baseline"]
    assert "kim,third.toml" in manifest["command"] and "--out" not in manifest["command"]
    assert "tables/outcomes.csv" in manifest["files"]
    assert not [name for name in manifest["files"] if Path(name).is_absolute()]


def test_a_path_inside_the_results_folder_is_recorded_relative_to_it(tmp_path):
    inside = tmp_path / "results" / "tables" / "outcomes.csv"
    assert portable_path(inside, tmp_path / "results") == "tables/outcomes.csv"
    assert portable_path("my/reading.toml") == "my/reading.toml", "a relative path as given"
    assert portable_path(tmp_path / "x" / "y.toml") == "y.toml"
