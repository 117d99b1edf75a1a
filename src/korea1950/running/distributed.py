"""Reaching a Dask cluster, for users who outgrow one machine.

Why apart from the evaluators: Dask is an optional extra
(``korea1950[distributed]``); only this module imports it, and only when a
scheduler is used, so everything else runs without it installed. It knows
nothing of blocks or models: ``evaluators.Dask`` sends the work.
"""

import re

from korea1950.inputs.errors import InputError, shown

ADDRESS = re.compile(r"tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))"
                     r":(?P<port>[0-9]{1,5})")
"""A scheduler address: tcp://HOST:PORT, HOST a name, an IPv4 address or a bracketed IPv6 one."""

HIGHEST_PORT = 65535
"""The highest TCP port number (ports are 16-bit)."""

CONNECT_TIMEOUT = "5s"
"""How long to wait for the scheduler before saying it cannot be reached."""


def check_scheduler(address: str) -> str:
    """Return ``address`` if it looks like tcp://HOST:PORT, else raise a one-line ``InputError``."""
    match = ADDRESS.fullmatch(address) if isinstance(address, str) else None
    if match is None or not 1 <= int(match["port"]) <= HIGHEST_PORT:
        raise InputError(f"--scheduler {shown(address, 60)}: expected a Dask scheduler address "
                         "tcp://HOST:PORT (e.g. tcp://127.0.0.1:8786)")
    return address


def connect(address: str):
    """A Dask ``Client`` of the scheduler at ``address``, or a one-line ``InputError``."""
    check_scheduler(address)
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'korea1950[distributed]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {address} "
                         f"({shown(str(error), 80)[1:-1]})") from None
