"""The silence procedure as a pure state machine: no Django, no clock of its own.

A consultation's text is circulated to a body's members with a deadline. Until the deadline
each member may break silence once per circulation, with a statement. The first break stops
adoption by silence and the matter returns to consultation; every later break before the
deadline is still put on record with its member and statement (in February 2003 three allies
broke silence on the same text), and none after it. The secretariat may revise the text and
circulate it again with a new deadline, or extend a running deadline. When a deadline passes
with no break, the text is adopted; before it, when every member has expressly agreed (a recorded
act, like a break), the secretariat may close the circulation early and the text is adopted then.
The secretariat may withdraw a text that is not adopted: nothing of it is adopted, ever.
Adoption by silence follows from the clock, not from anyone acting:
``state_at(procedure, now)`` says what the state is at any moment, and ``close`` records it.

    adopted at ``now``  <=>  not withdrawn, and some circulation nobody broke either reached its
                             deadline by ``now`` or was closed early, every member agreeing
    a break is recorded  <=>  it comes before its circulation's deadline, from a member that has
                              not yet broken that circulation, and no later circulation began

Every function takes the procedure and returns a new one (frozen dataclasses), or raises
``ProcedureError`` with a stable code. Times are any mutually comparable values (aware
datetimes in Accord, integers in the property tests).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from accord.errors import Code, Conflict, ValidationFailed
from accord.errors import gettext_noop as _


class State(StrEnum):
    DRAFT = "draft"  # a text exists and has not been circulated, or it returned after a break
    CIRCULATING = "circulating"
    BROKEN = "broken"  # the last circulation was broken: back to consultation
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"  # the secretariat withdrew the text: nothing more happens to it


class ProcedureError(Conflict):
    """A move the procedure's rules forbid (HTTP 409), with a stable code."""


class ProcedureInputError(ValidationFailed):
    """A move with bad input, such as a deadline in the past (HTTP 422)."""


@dataclass(frozen=True)
class Break:
    member: str
    at: Any
    statement: str


@dataclass(frozen=True)
class Circulation:
    number: int
    version: int
    circulated_at: Any
    deadline: Any
    breaks: tuple[Break, ...] = ()  # in the order they came; the first stopped adoption
    extensions: int = 0
    agreements: tuple[str, ...] = ()  # members who expressly agreed, in the order they did
    # The adoption was recorded (by close-due, possibly in a rehearsal ahead of the clock): a
    # recorded adoption is final whatever the clock now says.
    adopted: bool = False

    @property
    def broken(self) -> Break | None:
        """The first break: the one that stopped adoption by silence."""
        return self.breaks[0] if self.breaks else None

    def broken_by(self, member: str) -> bool:
        return any(b.member == member for b in self.breaks)

    def open_to_breaks_at(self, now) -> bool:
        """Broken already, but members may still put their breaks on record until the deadline."""
        return bool(self.breaks) and now < self.deadline and not self.adopted

    def adopted_at(self, now) -> bool:
        return self.broken is None and (self.adopted or self.deadline <= now)


@dataclass(frozen=True)
class Procedure:
    members: frozenset[str]
    version: int = 1  # the latest text version; every consultation starts with one draft
    circulations: tuple[Circulation, ...] = ()
    withdrawn: bool = False

    @property
    def current(self) -> Circulation | None:
        return self.circulations[-1] if self.circulations else None


def state_at(procedure: Procedure, now) -> State:
    """The state as it is at ``now``, whether or not anyone has recorded the adoption."""
    current = procedure.current
    if procedure.withdrawn:
        return State.WITHDRAWN
    if current is None:
        return State.DRAFT
    if current.broken is not None:
        return State.DRAFT if current.version < procedure.version else State.BROKEN
    if current.adopted_at(now):
        return State.ADOPTED
    return State.CIRCULATING


def adopted_circulation(procedure: Procedure, now) -> Circulation | None:
    """The circulation whose text was adopted by ``now``, if any."""
    current = procedure.current
    if current is not None and not procedure.withdrawn and current.adopted_at(now):
        return current
    return None


# One whole sentence per refused action, so that each language words it in its own grammar.
_ADOPTED_REFUSALS = {
    "circulate": _(
        "The text was adopted when its deadline passed; it can no longer be circulated. Start a "
        "new consultation to change a decision."
    ),
    "extend": _(
        "The text was adopted when its deadline passed; its deadline can no longer be extended. "
        "Start a new consultation to change a decision."
    ),
    "revise": _(
        "The text was adopted when its deadline passed; it can no longer be revised. Start a new "
        "consultation to change a decision."
    ),
    "close": _("The text was adopted when its deadline passed; there is nothing to close early."),
    "withdraw": _(
        "The text was adopted when its deadline passed; it can no longer be withdrawn. Start a "
        "new consultation to change a decision."
    ),
}


def _refuse_if_withdrawn(procedure: Procedure) -> None:
    if procedure.withdrawn:
        raise ProcedureError(
            _("The secretariat withdrew this text; nothing more can be done with it."),
            code=Code.CONSULTATION_WITHDRAWN,
        )


def _refuse_if_adopted(procedure: Procedure, now, action: str) -> None:
    _refuse_if_withdrawn(procedure)
    if state_at(procedure, now) is State.ADOPTED:
        raise ProcedureError(_ADOPTED_REFUSALS[action], code=Code.TEXT_ADOPTED)


def _check_deadline(now, deadline) -> None:
    if deadline is None:
        raise ProcedureInputError(
            _("Give a deadline: the date and time until which members may break silence."),
            code=Code.DEADLINE_MISSING,
            errors={"deadline": [_("required")]},
        )
    if deadline <= now:
        raise ProcedureInputError(
            _("The deadline must be in the future."),
            code=Code.DEADLINE_IN_PAST,
            errors={"deadline": [_("must be later than now")]},
        )


def circulate(procedure: Procedure, *, now, deadline) -> Procedure:
    """Circulate the latest text version under silence until ``deadline``."""
    _refuse_if_adopted(procedure, now, "circulate")
    if state_at(procedure, now) is State.CIRCULATING:
        raise ProcedureError(
            _("The text is already under silence; extend the deadline or wait for a break."),
            code=Code.ALREADY_CIRCULATING,
        )
    if not procedure.members:
        raise ProcedureError(
            _("The body has no members to consult; add its members first."),
            code=Code.BODY_EMPTY,
        )
    _check_deadline(now, deadline)
    number = len(procedure.circulations) + 1
    circulation = Circulation(number, procedure.version, now, deadline)
    return replace(procedure, circulations=(*procedure.circulations, circulation))


def break_silence(procedure: Procedure, *, member: str, now, statement: str) -> Procedure:
    """A member breaks silence with a statement. The first break stops adoption by silence (the
    matter returns to consultation); later ones before the deadline are recorded all the same."""
    current = procedure.current
    _refuse_if_withdrawn(procedure)
    if member not in procedure.members:
        raise ProcedureError(
            _("Only members of the body may break silence, for their own nation."),
            code=Code.NOT_A_MEMBER,
        )
    if current is not None and current.broken_by(member):
        raise ProcedureError(
            _(
                "Your nation has already broken silence on this circulation; wait for the "
                "secretariat to circulate a revised text."
            ),
            code=Code.SILENCE_ALREADY_BROKEN,
        )
    if current is not None and member in current.agreements:
        raise ProcedureError(
            _(
                "Your nation expressly agreed to this circulation's text; it cannot break silence "
                "on it as well."
            ),
            code=Code.ALREADY_AGREED,
        )
    state = state_at(procedure, now)
    if state is State.ADOPTED:
        raise ProcedureError(
            _("The deadline has passed and the text was adopted; silence can no longer be broken."),
            code=Code.DEADLINE_PASSED,
        )
    if current is not None and current.breaks and now >= current.deadline:
        raise ProcedureError(
            _(
                "The circulation's deadline has passed; breaks of silence are no longer put on "
                "record for it."
            ),
            code=Code.DEADLINE_PASSED,
        )
    if state is not State.CIRCULATING and not (current and current.open_to_breaks_at(now)):
        raise ProcedureError(
            _("The text is not under silence: there is nothing to break."),
            code=Code.NOT_CIRCULATING,
        )
    if not statement or not statement.strip():
        raise ProcedureInputError(
            _("Say why your nation breaks silence: a statement is required."),
            code=Code.STATEMENT_MISSING,
            errors={"statement": [_("required")]},
        )
    broken = replace(current, breaks=(*current.breaks, Break(member, now, statement.strip())))
    return replace(procedure, circulations=(*procedure.circulations[:-1], broken))


def extend(procedure: Procedure, *, now, deadline) -> Procedure:
    """Move the running circulation's deadline later (every member is told)."""
    _refuse_if_adopted(procedure, now, "extend")
    current = procedure.current
    if state_at(procedure, now) is not State.CIRCULATING:
        raise ProcedureError(
            _("Only a text under silence has a deadline to extend."), code=Code.NOT_CIRCULATING
        )
    _check_deadline(now, deadline)
    if deadline <= current.deadline:
        raise ProcedureInputError(
            _("An extension must move the deadline later than it is."),
            code=Code.DEADLINE_NOT_LATER,
            errors={"deadline": [_("must be later than the current deadline")]},
        )
    extended = replace(current, deadline=deadline, extensions=current.extensions + 1)
    return replace(procedure, circulations=(*procedure.circulations[:-1], extended))


def revise(procedure: Procedure, *, now) -> Procedure:
    """Make a new version of the text (after a break, or before the first circulation)."""
    _refuse_if_adopted(procedure, now, "revise")
    if state_at(procedure, now) is State.CIRCULATING:
        raise ProcedureError(
            _("The text is under silence; it can be revised once silence is broken."),
            code=Code.TEXT_UNDER_SILENCE,
        )
    return replace(procedure, version=procedure.version + 1)


def agree(procedure: Procedure, *, member: str, now) -> Procedure:
    """A member expressly agrees to the text under silence (a recorded act, like a break)."""
    _refuse_if_withdrawn(procedure)
    current = procedure.current
    if member not in procedure.members:
        raise ProcedureError(
            _("Only members of the body may agree to a text, for their own nation."),
            code=Code.NOT_A_MEMBER,
        )
    if current is not None and member in current.agreements:
        raise ProcedureError(
            _("Your nation has already agreed to this circulation's text."),
            code=Code.ALREADY_AGREED,
        )
    if current is not None and current.broken_by(member):
        raise ProcedureError(
            _("Your nation broke silence on this circulation; it cannot also agree to it."),
            code=Code.SILENCE_ALREADY_BROKEN,
        )
    state = state_at(procedure, now)
    if state is State.ADOPTED:
        raise ProcedureError(
            _("The deadline has passed and the text was adopted; there is nothing to agree to."),
            code=Code.DEADLINE_PASSED,
        )
    if state is not State.CIRCULATING:
        raise ProcedureError(
            _("Only a text under silence, unbroken, can be agreed to."),
            code=Code.NOT_CIRCULATING,
        )
    agreed = replace(current, agreements=(*current.agreements, member))
    return replace(procedure, circulations=(*procedure.circulations[:-1], agreed))


def close_early(procedure: Procedure, *, now) -> Procedure:
    """Adopt the text before its deadline: every member has expressly agreed, nobody broke."""
    _refuse_if_adopted(procedure, now, "close")
    current = procedure.current
    if state_at(procedure, now) is not State.CIRCULATING:
        raise ProcedureError(
            _("Only a text under silence, unbroken, can be closed early."),
            code=Code.NOT_CIRCULATING,
        )
    missing = procedure.members - set(current.agreements)
    if missing:
        raise ProcedureError(
            _(
                "Not every member has expressly agreed yet (%(count)s still silent); the text "
                "can be closed early only when all have."
            )
            % {"count": len(missing)},
            code=Code.NOT_EVERYONE_AGREED,
        )
    closed = replace(current, adopted=True)
    return replace(procedure, circulations=(*procedure.circulations[:-1], closed))


def withdraw(procedure: Procedure, *, now) -> Procedure:
    """The secretariat withdraws the text, under silence or not: nothing is adopted, ever."""
    _refuse_if_adopted(procedure, now, "withdraw")
    return replace(procedure, withdrawn=True)
