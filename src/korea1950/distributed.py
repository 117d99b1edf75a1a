"""Running block chunks on a Dask cluster, for users who outgrow one machine.

Why the same chunks: a chunk is a list of block tasks whose random streams
depend only on the seed and block index, so the cluster's results merge to the
same integers as a local run. Needs the optional extra ``korea1950[distributed]``.
"""

from collections.abc import Iterator

from korea1950.errors import InputError


def run_on_cluster(chunks: list, scheduler: str) -> Iterator:
    """Run ``ensemble.run_chunk`` on every chunk via the Dask scheduler at ``scheduler``."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'korea1950[distributed]'") from None
    from korea1950.ensemble import run_chunk

    try:
        client = Client(scheduler, timeout="5s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    with client:
        futures = client.map(run_chunk, chunks, pure=False)
        for future in futures:
            yield future.result()
