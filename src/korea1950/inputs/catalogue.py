"""A folder of bundled TOML files, addressed by name, or any such file by path.

Why one catalogue: a scenario and a reading are both given on the command
line, in the Python API and on the page as either a bundled name
(``soviet_veto``) or a path (``my/scenario.toml``). Resolving that the same
way everywhere - what counts as a path, how an unknown name is refused, which
close name is suggested, how the file is read and fingerprinted - keeps the
two from drifting apart, and a third kind of input gets it for free.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.tomlfile import load_toml

SUFFIX = ".toml"
"""The suffix of every bundled input file; a name ending in it is taken as a path."""


def looks_like_path(text: str) -> bool:
    """True if ``text`` names a file rather than a bundled input.

    Why by shape and not by existence: a misspelt bundled name must get "did
    you mean", and a missing file must get "file not found", never each other.
    """
    return text.endswith(SUFFIX) or "/" in text or "\\" in text


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes ("" if it cannot be read: loading then says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    except OSError:
        return ""


@dataclass(frozen=True)
class Catalogue:
    """The bundled files of one kind of input, in one folder."""

    kind: str
    """What the files are, as messages say it ("scenario", "reading")."""
    folder: Callable[[], Path]
    """Where they are; a function, so ``KOREA1950_DATA`` is read when asked, not at import."""
    hint: str
    """Where the user finds the valid names; ``{names}`` stands for them."""
    first: str = ""
    """A name listed before the others (the baseline), if any."""

    def names(self) -> list[str]:
        """The bundled names, sorted, ``first`` leading."""
        names = sorted(path.stem for path in self.folder().glob(f"*{SUFFIX}"))
        return sorted(names, key=lambda name: name != self.first)

    def resolve(self, name_or_path: str | Path) -> Path:
        """A bundled name's file, or the path as given; a one-line error for an unknown name."""
        text = str(name_or_path)
        if looks_like_path(text):
            return Path(text)
        names = self.names()
        if text in names:
            return self.folder() / f"{text}{SUFFIX}"
        hint = self.hint.format(names=", ".join(names))
        raise InputError(f"unknown {self.kind} {shown(text)} ({hint}){did_you_mean(text, names)}")

    def load(self, name_or_path: str | Path) -> tuple[Path, dict[str, Any]]:
        """The resolved path and its parsed TOML, read through the one input gate."""
        path = self.resolve(name_or_path)
        return path, load_toml(path)
