"""A small thread-safe least-recently-used cache that computes each key once.

Why one for the whole package: the page keeps its settings' numbers and
pictures in it, and a run keeps what every block of the same seed draws alike
(Stalin's motives and stances), so that a study's scenarios, or a student's
switch, do not draw them again.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """A small thread-safe least-recently-used cache that computes each key once.

    Two sessions asking for the same key at once wait for one computation
    instead of running it twice on a machine with few cores.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> tuple[T, bool]:
        """The value for ``key`` and whether it was already cached."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key], True  # type: ignore[return-value]
            gate = self._pending.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._items:
                    return self._items[key], True  # type: ignore[return-value]
            try:
                value = compute()
                with self._lock:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            return value, False

    def peek(self, key: Hashable) -> object | None:
        """The value kept for ``key``, or None; neither computes it nor freshens its place."""
        with self._lock:
            return self._items.get(key)

    def put(self, key: Hashable, value: object) -> bool:
        """Keep ``value`` for ``key`` unless a value is kept or being computed; say if it was.

        Why: a value computed ahead of time (the page's anticipation) is taken into the
        cache when it is first asked for, but a value already there, or one a caller is
        computing now, is the one that counts.
        """
        with self._lock:
            if key in self._items or key in self._pending:
                return False
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return True

    def take(self, key: Hashable) -> object | None:
        """Remove and return the value kept for ``key`` (None if there is none)."""
        with self._lock:
            return self._items.pop(key, None)

    def __len__(self) -> int:
        """How many keys are kept."""
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        """Forget everything (tests use it to measure a cold computation)."""
        with self._lock:
            self._items.clear()
