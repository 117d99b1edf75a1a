"""`korea1950 notebooks`: open the teaching notebooks in JupyterLab on this machine.

Why a command of its own: a teacher who installed the package should not have
to know where the notebooks sit or how to start Jupyter. JupyterLab is an
optional extra (``korea1950[notebooks]``); without it the command says in one
line how to install it and exits with code 2, like every other refused input.
The server listens on 127.0.0.1 only, so a class laptop does not offer its
notebooks (and a Python kernel) to the network.
"""

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from korea1950.cli.common import bounded_int
from korea1950.inputs.errors import InputError, shown
from korea1950.inputs.paths import data_root

COMMAND = "notebooks"
HOST = "127.0.0.1"
"""Where JupyterLab listens: this machine only."""
DEFAULT_PORT = 8888
MAX_PORT = 65_535
INSTALL_HINT = ("JupyterLab is not installed: run `pip install 'korea1950[notebooks]'` "
                "(or `make notebooks` in a source checkout)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `notebooks` subcommand."""
    parser = subparsers.add_parser(
        "notebooks", help="open the teaching notebooks in JupyterLab (needs korea1950[notebooks])",
        description="Start JupyterLab on the teaching notebooks, listening on 127.0.0.1 only. "
                    "Needs the optional extra: pip install 'korea1950[notebooks]'.")
    parser.add_argument("--dir", type=Path, default=None, metavar="FOLDER",
                        help="folder of notebooks (default: notebooks/ of the source checkout, "
                             "else ./notebooks)")
    parser.add_argument("--port", type=bounded_int(1, MAX_PORT), default=DEFAULT_PORT,
                        help=f"port on 127.0.0.1 (default {DEFAULT_PORT}; JupyterLab takes the "
                             "next free one if it is busy)")
    parser.add_argument("--no-browser", action="store_true",
                        help="do not open a browser tab (print the address only)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the command that would start JupyterLab, and stop")
    parser.set_defaults(handler=handle)


def notebooks_folder(given: Path | None) -> Path:
    """The folder to open: the one given, else the checkout's, else ./notebooks.

    Why several places: an editable install (``make install``) finds the
    checkout's folder beside the data; a wheel does not ship the notebooks, so
    the current folder is tried before giving up with one line.
    """
    candidates = [given] if given is not None else [data_root() / "notebooks",
                                                    Path.cwd() / "notebooks"]
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.ipynb")):
            return folder.resolve()
    where = shown(str(given), 80) if given is not None else "notebooks/ (checkout or here)"
    raise InputError(f"no notebooks (*.ipynb) found in {where}; pass --dir FOLDER")


def jupyterlab_installed() -> bool:
    """Whether JupyterLab can be imported by this Python (the extra is installed)."""
    return importlib.util.find_spec("jupyterlab") is not None


def lab_command(folder: Path, port: int, browser: bool) -> list[str]:
    """The command that starts JupyterLab on ``folder``, bound to 127.0.0.1."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip={HOST}",
               f"--ServerApp.port={port}", f"--ServerApp.root_dir={folder}"]
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers often run as root, where JupyterLab refuses to start without this;
        # the server still listens on this machine only.
        command.append("--allow-root")
    return command


def handle(args: argparse.Namespace) -> int:
    """Check the extra and the folder, then run JupyterLab until it is stopped."""
    folder = notebooks_folder(args.dir)
    if not jupyterlab_installed():
        raise InputError(INSTALL_HINT)
    command = lab_command(folder, args.port, not args.no_browser)
    if args.dry_run:
        print(" ".join(command))
        return 0
    print(f"korea1950 notebooks in {folder}: JupyterLab on {HOST} port {args.port}; open the "
          "address with its token that JupyterLab prints below (Ctrl-C to stop)", flush=True)
    return subprocess.call(command)
