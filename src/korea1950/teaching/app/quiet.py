"""A click's job first: the processes that work ahead are stopped while the page computes one.

Why stopped, and not only at a lower priority: measured on the 2-core development
machine, a click's 10,000 worlds took 0.44 s (median of 12) in a worker while
the anticipator (``anticipation``, at ``nice`` 19) computed on the other core,
against 0.32 s while it was idle. A priority orders the work on one core; two
cores still share the machine's caches and memory (and, on a virtual machine,
its host). A stopped process takes nothing, and it goes on, where it was, once
no click's job is running.

Why it is safe: only a process of the page's own that holds nothing a click
needs is registered (the anticipator's; it shares no queue with the page's
workers). It is signalled through a pidfd where Linux offers one, so a process
id reused after it ended is never stopped by mistake. If the server dies while
it is stopped, the kernel wakes it and ends it with its process group (an
orphaned group with a stopped member gets SIGHUP and SIGCONT); ``release``
resumes it before it is shut down.
"""

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_running = 0
"""Click jobs running now."""
_YIELDING: dict[int, int | None] = {}
"""Processes stopped while a click's job runs: id -> its pidfd (None where there is none)."""

CAN_STOP = hasattr(signal, "SIGSTOP")
"""Whether this system can stop a process (not on Windows: there nothing is stopped)."""


def register(pid: int) -> None:
    """Stop ``pid`` whenever a click's job runs (at once, if one runs now)."""
    if not CAN_STOP:
        return
    handle = None
    if hasattr(os, "pidfd_open"):
        try:
            handle = os.pidfd_open(pid)
        except ProcessLookupError:
            return  # it has ended already
        except OSError:
            handle = None  # an older kernel: its id, then
    with _LOCK:
        _YIELDING[pid] = handle
        if _running:
            _send(pid, handle, signal.SIGSTOP)


def release(pid: int) -> None:
    """Stop stopping ``pid``, and let it go on now if it is stopped."""
    with _LOCK:
        if pid not in _YIELDING:
            return
        handle = _YIELDING.pop(pid)
        _send(pid, handle, signal.SIGCONT)
    if handle is not None:
        os.close(handle)


@contextlib.contextmanager
def click_job() -> Iterator[None]:
    """Around a job a click waits for: the registered processes are stopped meanwhile."""
    global _running
    with _LOCK:
        _running += 1
        if _running == 1:
            for pid, handle in _YIELDING.items():
                _send(pid, handle, signal.SIGSTOP)
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            if _running == 0:
                for pid, handle in _YIELDING.items():
                    _send(pid, handle, signal.SIGCONT)


def _send(pid: int, handle: int | None, signum: int) -> None:
    """Signal a registered process (by its pidfd if it has one); one that has ended already is
    no error."""
    with contextlib.suppress(ProcessLookupError):
        if handle is not None:
            signal.pidfd_send_signal(handle, signum)
        else:
            os.kill(pid, signum)
