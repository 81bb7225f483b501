"""A FIFO that makes room for a new item by dropping the oldest.

Under a long outage the freshest telemetry is the most useful, and memory never grows past the
bound. Not thread-safe by itself: the client guards it with its lock.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Deque, Generic, List, Sequence, TypeVar

T = TypeVar("T")


class DropOldestQueue(Generic[T]):
    """At most ``capacity`` items; ``dropped`` counts what was discarded to make room."""

    def __init__(self, capacity: int) -> None:
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError(f"capacity must be a positive integer, got {capacity!r}")
        self.capacity = capacity
        self.dropped = 0
        self._items: Deque[T] = deque()

    def __len__(self) -> int:
        return len(self._items)

    def push(self, item: T) -> int:
        """Adds an item; returns how many old items were dropped to make room (0 or 1)."""
        dropped = 0
        if len(self._items) >= self.capacity:
            self._items.popleft()
            dropped = 1
        self._items.append(item)
        self.dropped += dropped
        return dropped

    def take_run(self, limit: int, same: Callable[[T, T], bool]) -> List[T]:
        """Takes up to ``limit`` items from the front for which ``same(first, item)`` holds."""
        run: List[T] = []
        while self._items and len(run) < limit and (not run or same(run[0], self._items[0])):
            run.append(self._items.popleft())
        return run

    def return_to_front(self, batch: Sequence[T]) -> int:
        """Puts a batch taken for sending back in front (a retry), dropping its oldest items if
        newer ones filled the room meanwhile. Returns how many were dropped."""
        room = max(0, self.capacity - len(self._items))
        kept = list(batch)[len(batch) - room :] if len(batch) > room else list(batch)
        self._items.extendleft(reversed(kept))
        dropped = len(batch) - len(kept)
        self.dropped += dropped
        return dropped

    def clear(self) -> List[T]:
        """Empties the queue, returning what it held."""
        rest = list(self._items)
        self._items.clear()
        return rest
