"""Serving the classroom page: Solara's server, private, quiet, and stopped cleanly by Ctrl-C.

Why not Solara's own command line as it comes: out of the box it reports usage
(the server's start and stop, sessions per day, a fingerprint of the machine and
its public address) to Solara's makers, asks PyPI for a newer Solara and tells
the teacher to upgrade (a newer Solara would not match the offline assets this
project pins), prints a page-long warning about cookies the first time a browser
connects over plain http, and answers Ctrl-C - the way a teacher stops the
page - with "Aborted." and exit code 1. A classroom server should send nothing
about its students anywhere, print the address and nothing else a teacher must
read, and stop as asked.
"""

import contextlib
import errno
import os
import signal
import socket
import warnings

from korea1950.inputs.errors import InputError

APP = "korea1950.teaching.app.page:Page"
"""The page's component, as Solara's ``run`` names it."""

PRIVATE = {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}
"""Environment read by Solara's settings when they are imported: no usage reports."""

COOKIE_WARNING = "Cookies with samesite=none require https"
"""The start of Solara's warning for a page served over plain http on an address other
than ``localhost``; it falls back to ordinary (same-site) cookies, which is what a
classroom on its own network needs."""

STOPPED = "korea1950 classroom page stopped."


def solara_arguments(host: str, port: int) -> list[str]:
    """The arguments of Solara's ``run``: production mode, no browser opened, no version check."""
    return ["run", APP, "--host", host, "--port", str(port), "--production", "--no-open",
            "--no-check-version"]


def check_free(host: str, port: int) -> None:
    """Refuse, in one line, an address the server could not listen on (a port in use).

    Why before starting: uvicorn reports it after Solara's banner, as "ERROR: [Errno 98]
    ..." with exit code 3; a teacher who started the page twice should read what to do.
    """
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as error:
            hint = ("is the page already running? choose another --port"
                    if error.errno == errno.EADDRINUSE else "is --host this machine's address?")
            raise InputError(f"cannot serve the page on {host}:{port}: "
                             f"{error.strerror or error} ({hint})") from None


def keep_private() -> None:
    """Turn Solara's usage reports off, whether or not Solara is imported yet.

    Solara reads the setting from the environment when it is first imported; it
    is also set on the settings object in case it was imported already.
    """
    os.environ.update(PRIVATE)
    from solara.server import settings

    settings.telemetry.mixpanel_enable = False


BANNER = "SOLARA_THEME_SHOW_BANNER"
"""Solara's setting for its "This website runs on Solara" badge, which it pins to the page's
bottom right corner, over whatever is there: the timeline's axis, a table's last column."""


def hide_banner() -> None:
    """Take Solara's badge off the page (environment and settings, as ``keep_private``)."""
    os.environ[BANNER] = "false"
    from solara.server import settings

    settings.theme.show_banner = False


def serve(host: str, port: int, anticipate: bool = True) -> int:
    """Serve the page until Ctrl-C or a terminate signal; return the exit code, 0 when stopped.

    ``anticipate``: compute the settings one step from what each page shows ahead of the
    click (``anticipation``).

    Solara runs in this process, so stopping it stops the server and its workers
    (they are its children); nothing is left running.
    """
    from korea1950.teaching.app import anticipation

    anticipation.configure(anticipate)
    keep_private()
    hide_banner()
    warnings.filterwarnings("ignore", message=COOKIE_WARNING, category=UserWarning)
    import click
    from solara.__main__ import cli

    signal.signal(signal.SIGTERM, _stop_as_asked)

    # Ctrl-C: uvicorn shuts the server down, then raises the interrupt again, which click
    # turns into Abort; by then there is nothing left to stop.
    try:
        with contextlib.suppress(KeyboardInterrupt, click.exceptions.Abort):
            cli.main(solara_arguments(host, port), prog_name="solara", standalone_mode=False)
    finally:  # before Python's own exit shuts every pool: nothing new is sent to them then
        anticipation.stop()
    print(STOPPED, flush=True)
    return 0


def _stop_as_asked(signum: int, frame: object) -> None:
    """A terminate signal (``kill``, a service manager) stops the page as Ctrl-C does.

    Why: uvicorn shuts the server down on the signal and then sends it again; left
    to its default the process then died at once, before the workers were shut
    down, and the multiprocessing tracker warned of leaked semaphores.
    """
    raise KeyboardInterrupt
