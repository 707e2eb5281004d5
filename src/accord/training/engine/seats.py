"""Where a nomination goes: a seat, the waitlist, or a refusal (pure rules over counts).

A seat needs room in both the session (capacity) and the nominee's nation's quota. Without
room the nominee waits, unless the waitlist is closed. The services apply the decision with
conditional updates on the counts, which the database bounds, so two nominations at once
cannot both take the last seat.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    SEAT = "seat"
    WAIT = "wait"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Room:
    capacity: int
    seated: int
    quota: int  # the nation's seats; 0 when the session sets none aside for it
    quota_seated: int
    waitlist_open: bool

    @property
    def has_seat(self) -> bool:
        return self.seated < self.capacity and self.quota_seated < self.quota


def place(room: Room) -> Outcome:
    if room.has_seat:
        return Outcome.SEAT
    return Outcome.WAIT if room.waitlist_open else Outcome.REFUSE


def next_in_line(waiting: list[tuple[int, str]], rooms: dict[str, Room]) -> int | None:
    """The first waiting nomination (``(id, nation)`` in waitlist order) whose nation has a
    seat now, or None: a freed seat goes to the first in line who may take it."""
    for nomination_id, nation in waiting:
        room = rooms.get(nation)
        if room is not None and room.has_seat:
            return nomination_id
    return None
