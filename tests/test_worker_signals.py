"""A pool's workers never see Ctrl-C; the parent, which stops them, still does.

Ctrl-C reaches every process of the terminal's group. A worker that received it
while still starting (importing what its initializer needs) printed a traceback
after the parent had stopped cleanly (``evaluators._DeafPool``).
"""

import signal

from korea1950.running.evaluators import spawn_pool


def _how_a_worker_takes_ctrl_c() -> tuple[bool, bool]:
    blocked = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return blocked, signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_workers_start_with_ctrl_c_held_back_and_then_ignore_it():
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with spawn_pool(2) as pool:
        answers = [pool.submit(_how_a_worker_takes_ctrl_c).result(timeout=120)
                   for _ in range(4)]
    assert answers == [(True, True)] * 4
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before, "the parent's mask is kept"
    assert signal.SIGINT not in before
