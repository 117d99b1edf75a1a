"""The package's cache (``korea1950.memo``): each key computed once, the oldest dropped first,
nothing kept from a computation that failed."""

import threading

import pytest

from korea1950.memo import Memo


def test_the_memo_computes_a_key_once_even_when_asked_twice_at_once():
    memo = Memo(2)
    calls = []
    started = threading.Event()

    def slow() -> int:
        calls.append(1)
        started.wait(1)
        return 7

    threads = [threading.Thread(target=memo.get, args=("k", slow)) for _ in range(2)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join()
    assert calls == [1] and memo.get("k", slow) == (7, True)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    assert memo.get("k", lambda: 8) == (8, False), "the oldest entry was dropped"


def test_a_failed_computation_is_not_kept_and_is_tried_again():
    memo = Memo(4)

    def fails() -> int:
        raise RuntimeError("no numbers")

    with pytest.raises(RuntimeError):
        memo.get("k", fails)
    assert len(memo) == 0
    assert memo.get("k", lambda: 3) == (3, False)
    assert len(memo) == 1
    memo.clear()
    assert len(memo) == 0 and memo.get("k", lambda: 4) == (4, False)


def test_a_value_put_in_never_replaces_one_kept_or_being_computed():
    memo = Memo(2)
    assert memo.put("k", 1) and memo.peek("k") == 1
    assert not memo.put("k", 2) and memo.get("k", lambda: 3) == (1, True)
    inside = threading.Event()
    release = threading.Event()

    def slow() -> int:
        inside.set()
        release.wait(5)
        return 5

    worker = threading.Thread(target=memo.get, args=("j", slow))
    worker.start()
    inside.wait(5)
    assert not memo.put("j", 9), "a computation under way is the one that counts"
    release.set()
    worker.join()
    assert memo.peek("j") == 5
    assert memo.take("j") == 5 and memo.take("j") is None
    assert memo.peek("j") is None and memo.peek("absent") is None
