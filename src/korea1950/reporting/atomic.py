"""Write a results folder without ever losing a user's files, and never leave a half-written one.

The rule: ``--out FOLDER`` may name a folder that does not exist, an empty
folder, or a folder this program wrote earlier - one whose ownership record
(``.korea1950-output.json``, written last) lists every file in it. Anything
else - a folder holding a file we did not write, a file, a symbolic link - is
refused with a one-line error and left untouched. A file we wrote but the user
has since changed is refused too, unless ``force`` is given; ``force`` never
applies to files we did not write.

How: everything is written into a fresh hidden folder beside the target
(``.NAME.partial-PID-TOKEN``); when complete it takes the target's place. On
Linux the old and new folders are swapped in one ``renameat2(RENAME_EXCHANGE)``
call, so the target always exists; elsewhere (or on file systems without it)
the old folder is renamed aside (``.NAME.old-PID-TOKEN``) just before the new
one is renamed in, and put back if that fails - the only moment the target is
missing is between those two renames. A process killed at any point leaves
hidden folders whose names carry its process id; the next run into the same
target removes those of processes no longer alive, and puts back an old
folder a killed run had renamed aside before its new one arrived.

Any ``OSError`` while staging, writing or renaming (disk full, read-only file
system, permission denied, device busy) becomes one ``InputError`` line, with
the staging folder removed and the target as it was.
"""

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from korea1950 import __version__
from korea1950.inputs.errors import InputError, shown

OWNER_FILE = ".korea1950-output.json"
"""The ownership record: which files korea1950 wrote into the folder, with their sha256."""

LEGACY_MANIFEST = "manifest.json"
"""Folders written before the ownership record carry this manifest with a ``files`` list."""

MAX_RECORD_BYTES = 10_000_000
"""Largest ownership record read back. Ours are a few kilobytes; a larger file of that name
is not ours, and reading it whole would cost memory for nothing."""

_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<kind>partial|old)-(?P<pid>\d+)-[0-9a-f]+")


class OutputFolder:
    """A results folder to be replaced safely; the target is checked as soon as it is made.

    Why check early: a study runs for minutes, and a refusal should come
    before the work, not after. The check is repeated just before the swap.
    """

    def __init__(self, target: str | Path, force: bool = False) -> None:
        self.given = Path(target)
        self.target = Path(os.path.abspath(target))
        self.force = force
        if self.target.parent == self.target:
            raise InputError(f"{self.given}: cannot replace the root folder; name a new folder")
        with _os_errors(self.given):
            self.target.parent.mkdir(parents=True, exist_ok=True)
            clean_leftovers(self.target)
            _fresh_folder(self.target.parent, self._prefix("partial")).rmdir()
        check_replaceable(self.target, force, self.given)

    def _prefix(self, kind: str) -> str:
        return f".{self.target.name}.{kind}-{os.getpid()}"

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """Yield an empty folder beside the target; on success it takes the target's place."""
        with _os_errors(self.given):
            self.target.parent.mkdir(parents=True, exist_ok=True)
            clean_leftovers(self.target)
            staging = _fresh_folder(self.target.parent, self._prefix("partial"))
        try:
            with _os_errors(self.given):
                yield staging
                write_owner_record(staging)
                check_replaceable(self.target, self.force, self.given)
                _put_in_place(staging, self.target, self._prefix("old"))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


@contextmanager
def atomic_folder(target: str | Path, force: bool = False) -> Iterator[Path]:
    """Check ``target``, yield a staging folder, and move it into place when the block succeeds."""
    with OutputFolder(target, force).staging() as staging:
        yield staging


def check_replaceable(target: Path, force: bool = False, given: Path | None = None) -> None:
    """Raise a one-line ``InputError`` unless ``target`` may be replaced (see the module doc)."""
    label = given or target
    with _os_errors(label):
        if target.is_symlink():
            raise InputError(f"{label}: is a symbolic link; name the folder itself or a new one")
        if not target.exists():
            return
        if not target.is_dir():
            raise InputError(f"{label}: exists and is not a folder; name a new folder for --out")
        owned = owned_files(target)
        foreign = _first_foreign(target, owned)
        if foreign is not None and owned is None:  # no record: none of it is ours to replace
            raise InputError(f"{label}: is a folder korea1950 did not write (it holds "
                             f"{shown(foreign, 50)}); nothing was changed (name a new --out "
                             "folder)")
        if foreign is not None:
            raise InputError(f"{label}: holds {shown(foreign, 50)}, which korea1950 did not "
                             "write; nothing was changed (name a new --out folder)")
        if not force:
            changed = _first_changed(target, owned or {})
            if changed is not None:
                raise InputError(f"{label}: {shown(changed, 50)} was changed after korea1950 "
                                 "wrote it; nothing was changed (--force replaces it)")


def owned_files(folder: Path) -> dict[str, str] | None:
    """The files korea1950 recorded writing into ``folder`` (path -> sha256), or None."""
    record = _read_json(folder / OWNER_FILE)
    if isinstance(record, dict) and record.get("written_by") == "korea1950":
        files = record.get("files")
        if isinstance(files, dict):
            return {str(key): str(value) for key, value in files.items()}
    legacy = _read_json(folder / LEGACY_MANIFEST)
    if isinstance(legacy, dict) and legacy.get("package") == "korea1950":
        files = legacy.get("files")
        if isinstance(files, dict):
            listed = {str(key): str(value) for key, value in files.items()}
            return {**listed, LEGACY_MANIFEST: _sha256(folder / LEGACY_MANIFEST)}
    return None


def write_owner_record(folder: Path) -> Path:
    """Record every file in ``folder`` as written by korea1950 (done last, before the swap)."""
    files = {relative: _sha256(folder / relative) for relative in _entries(folder)
             if (folder / relative).is_file() and relative != OWNER_FILE}
    path = folder / OWNER_FILE
    record = {"written_by": "korea1950", "version": __version__, "files": files}
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return path


def clean_leftovers(target: Path) -> list[Path]:
    """Remove hidden staging folders of dead processes beside ``target``; return them.

    A killed run that had already renamed the old results aside leaves the
    target missing: that old folder is renamed back instead of removed. A
    leftover that cannot be removed (another user's) is left alone.
    """
    removed = []
    for path in sorted(target.parent.glob(f".{glob_escape(target.name)}.*-*")):
        match = _LEFTOVER.fullmatch(path.name)
        if not match or match["name"] != target.name or process_alive(int(match["pid"])):
            continue
        try:
            if match["kind"] == "old" and not target.exists() and not target.is_symlink():
                path.rename(target)
                continue
            shutil.rmtree(path)
        except OSError:
            continue
        removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (ours counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def glob_escape(name: str) -> str:
    """``name`` with glob wildcards made literal."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _fresh_folder(parent: Path, prefix: str) -> Path:
    """Create and return ``parent/PREFIX-TOKEN`` (a new folder, honouring the umask)."""
    while True:
        candidate = parent / f"{prefix}-{secrets.token_hex(4)}"
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue


def _put_in_place(staging: Path, target: Path, retire_prefix: str) -> None:
    """Make ``staging`` the ``target``: a rename, an atomic exchange, or rename-aside-and-back.

    Once the new folder is in place, failing to delete the old one is not an
    error: it stays hidden under a dead process's id and the next run removes it.
    """
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous results
        return
    retired = _fresh_folder(target.parent, retire_prefix)
    retired.rmdir()
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where unsupported."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _entries(folder: Path) -> list[str]:
    """Every file, folder and link under ``folder``, relative, sorted."""
    found = []
    for root, folders, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        found += [(base / name).as_posix() for name in folders + files]
    return sorted(found)


def _first_foreign(folder: Path, owned: dict[str, str] | None) -> str | None:
    """The first entry under ``folder`` that korea1950 did not write, or None.

    Stops at the first one, so a large foreign folder (a home folder) is not walked whole.
    """
    allowed = set(owned or {}) | {OWNER_FILE}
    ancestors = {parent.as_posix() for name in allowed for parent in Path(name).parents}
    for root, folders, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        for name in sorted(folders):
            relative = (base / name).as_posix()
            if relative not in ancestors or (Path(root) / name).is_symlink():
                return relative
        for name in sorted(files):
            relative = (base / name).as_posix()
            path = Path(root) / name
            if relative not in allowed or path.is_symlink() or not path.is_file():
                return relative
    return None


def _first_changed(folder: Path, owned: dict[str, str]) -> str | None:
    """The first file recorded as ours whose content no longer matches its record."""
    for relative, digest in sorted(owned.items()):
        path = folder / relative
        if path.is_file() and _sha256(path) != digest:
            return relative
    return None


def _read_json(path: Path) -> object:
    try:
        if path.is_file() and path.stat().st_size < MAX_RECORD_BYTES:
            return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _os_errors(label: Path) -> Iterator[None]:
    """Turn any ``OSError`` in the block into one ``InputError`` line naming ``label``."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(f"{label}: cannot write the results ({reason}); nothing was "
                         "changed") from None
