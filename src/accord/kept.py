"""The last few values built for a key, kept in this process: ``KeptRecent``.

Two readers keep what is costly to build and cheap to key: the route planners (per visibility
class and network version) and the public training statistics (per language and version of the
tables they read). Each key names a version of the data, so a kept value is never stale, only
unused; the oldest one used goes when more than ``size`` are kept. A lock guards the dictionary,
never the build: two threads missing the same key build it twice, and the second is kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class KeptRecent[V]:
    """A bounded, thread-safe map of the ``size`` values used last (least recently used out)."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], V]) -> V:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
                return value
        value = build()  # outside the lock: a slow build never holds up the other readers
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
