"""What apps declare when they start, for a lower layer to use without importing them.

A lower layer may not import the apps above it (docs/adr/0007-one-direction-between-apps.md), yet
it often needs what they know: the search needs every app's searchable kinds, a fund's page the
panels of the apps its money serves, a finding the records it may cite. So the lower layer keeps
a ``Registry`` and each app adds to it in its ``ready()``. The registries differ only in what
they hold and in what a second declaration of a key means, which each says when it is made:

    "replace"  the later declaration stands (a provider re-registered under its name);
    "keep"     the first stands (``ready()`` may run again, in tests);
    "refuse"   two different things under one key are a programming error, said at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Literal

OnRepeat = Literal["replace", "keep", "refuse"]


class Registry[T]:
    """Entries by key, in the order they were added (or by ``order`` where one is given)."""

    def __init__(self, what: str, *, on_repeat: OnRepeat = "replace"):
        self.what = what  # named in the error for a refused repeat: "evidence kind"
        self.on_repeat = on_repeat
        self._entries: dict[Hashable, tuple[int, T]] = {}

    def add(self, key: Hashable, item: T, *, order: int = 0) -> None:
        existing = self._entries.get(key)
        if existing is not None:
            if self.on_repeat == "keep" or existing[1] == item:
                return
            if self.on_repeat == "refuse":
                raise ValueError(f"two {self.what}s are declared as {key!r}")
        self._entries[key] = (order, item)

    def get(self, key: Hashable) -> T | None:
        entry = self._entries.get(key)
        return entry[1] if entry is not None else None

    def __getitem__(self, key: Hashable) -> T:
        return self._entries[key][1]

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[T]:
        """The entries by their ``order``, then in the order they were added."""
        ordered = sorted(self._entries.values(), key=lambda entry: entry[0])
        return iter([item for _order, item in ordered])

    def keys(self) -> list[Hashable]:
        return list(self._entries)

    def sorted_by(self, key: Callable[[T], object]) -> list[T]:
        return sorted(self, key=key)
