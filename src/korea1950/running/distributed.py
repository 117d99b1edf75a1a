"""Running block chunks on a Dask cluster, for users who outgrow one machine.

Why the same chunks: a chunk is a list of block tasks whose random streams
depend only on the seed and block index, so the cluster's results merge to the
same integers as a local run. Needs the optional extra ``korea1950[distributed]``.
Chunks are sent a few at a time per worker, so memory stays flat in the number
of worlds, as it does locally.
"""

import re
from collections.abc import Iterable, Iterator

from korea1950.inputs.errors import InputError, shown

ADDRESS = re.compile(r"tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))"
                     r":(?P<port>[0-9]{1,5})")
"""A scheduler address: tcp://HOST:PORT, HOST a name, an IPv4 address or a bracketed IPv6 one."""

IN_FLIGHT = 64
"""Chunks sent to the cluster ahead of the one being merged."""


def check_scheduler(address: str) -> str:
    """Return ``address`` if it looks like tcp://HOST:PORT, else raise a one-line ``InputError``."""
    match = ADDRESS.fullmatch(address) if isinstance(address, str) else None
    if match is None or not 1 <= int(match["port"]) <= 65535:
        raise InputError(f"--scheduler {shown(address, 60)}: expected a Dask scheduler address "
                         "tcp://HOST:PORT (e.g. tcp://127.0.0.1:8786)")
    return address


def run_on_cluster(chunks: Iterable, scheduler: str) -> Iterator:
    """Run ``ensemble.run_chunk`` on every chunk via the Dask scheduler at ``scheduler``."""
    check_scheduler(scheduler)
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'korea1950[distributed]'") from None
    from korea1950.running.ensemble import in_order, run_chunk

    try:
        client = Client(scheduler, timeout="5s")
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler} "
                         f"({shown(str(error), 80)[1:-1]})") from None
    with client:
        yield from in_order(lambda chunk: client.submit(run_chunk, chunk, pure=False), chunks,
                            IN_FLIGHT)
