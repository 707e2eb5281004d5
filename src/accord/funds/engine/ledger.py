"""The ledger's rules, after TigerBeetle: accounts, transfers, two phases, balance limits.

An **account** keeps four running sums in minor units: ``debits_pending``, ``debits_posted``,
``credits_pending``, ``credits_posted``, and may carry one balance limit:

- ``CREDITS_LIMITED`` (assets such as a fund's cash): credits (pending and posted) may never
  exceed posted debits, so *available = cash − commitments* never goes below zero;
- ``DEBITS_LIMITED`` (a donor's equity): debits may never exceed posted credits, so a refund
  never exceeds what the donor paid in.

A **transfer** moves ``amount`` from its debit account to its credit account, in one phase:

- ``single``: posted at once;
- ``pending``: reserves the amount (a commitment) — it counts against the limit at once;
- ``post``: posts part or all of what is left of a pending transfer (a disbursement). Unlike
  TigerBeetle, which posts a pending transfer once, a commitment may be posted in several parts;
  what is left stays reserved until posted or voided;
- ``void``: releases what is left of a pending transfer (a cancellation).

An **entry** is one event: one or more transfers that apply together or not at all, under a
client-chosen id. Applying the same id again with the same content is a no-op that reports the
first result; with different content it is a conflict. Every transfer is balanced by
construction (one amount, one debit, one credit), so the ledger's debits always equal its credits.

The database ledger (``accord.funds.services``) applies the same rules with conditional UPDATEs;
this module is the reference it is tested against, and the replay that statements are checked by.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from accord.errors import Code


class Limit(StrEnum):
    NONE = "none"
    CREDITS_LIMITED = "credits_limited"
    DEBITS_LIMITED = "debits_limited"


class Phase(StrEnum):
    SINGLE = "single"
    PENDING = "pending"
    POST = "post"
    VOID = "void"


class LedgerError(Exception):
    """A transfer the ledger refuses; ``code`` is stable and ``available`` is set for limits."""

    def __init__(self, message: str, code: Code, *, available: int | None = None):
        super().__init__(message)
        self.code = code
        self.available = available


@dataclass
class Balance:
    debits_pending: int = 0
    debits_posted: int = 0
    credits_pending: int = 0
    credits_posted: int = 0

    def headroom(self, limit: Limit) -> int | None:
        """How much more the limited side may take (None when unlimited)."""
        if limit is Limit.CREDITS_LIMITED:
            return self.debits_posted - self.credits_posted - self.credits_pending
        if limit is Limit.DEBITS_LIMITED:
            return self.credits_posted - self.debits_posted - self.debits_pending
        return None


@dataclass(frozen=True)
class Transfer:
    """One leg of an entry. ``pending_id`` names the pending transfer a post or void acts on."""

    id: str
    debit: str
    credit: str
    amount: int
    phase: Phase = Phase.SINGLE
    pending_id: str | None = None
    day: date | None = None


def fingerprint(content: object) -> str:
    """A stable digest of an entry's content, to tell a retry from a different request."""
    text = json.dumps(content, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def check_transfer(t: Transfer) -> None:
    """Rules a transfer must meet before touching any balance."""
    if not isinstance(t.amount, int) or isinstance(t.amount, bool) or t.amount <= 0:
        raise LedgerError(
            "A transfer's amount must be a positive integer.", Code.AMOUNT_NOT_POSITIVE
        )
    if t.debit == t.credit:
        raise LedgerError("A transfer must move money between two accounts.", Code.SAME_ACCOUNT)
    if (t.phase in (Phase.POST, Phase.VOID)) != (t.pending_id is not None):
        raise LedgerError("Only posts and voids name a pending transfer.", Code.PENDING_ID_INVALID)


@dataclass
class Ledger:
    """An in-memory ledger with the database ledger's semantics (the reference model)."""

    limits: dict[str, Limit] = field(default_factory=dict)
    balances: dict[str, Balance] = field(default_factory=dict)
    transfers: list[Transfer] = field(default_factory=list)
    remaining: dict[str, int] = field(default_factory=dict)  # pending id -> amount left
    entries: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def open(self, account: str, limit: Limit = Limit.NONE) -> None:
        self.limits.setdefault(account, limit)
        self.balances.setdefault(account, Balance())

    def apply(self, entry_id: str, content: object, transfers: list[Transfer]) -> bool:
        """Apply an entry atomically; False when it was applied before (an idempotent retry)."""
        digest = fingerprint(content)
        if entry_id in self.entries:
            if self.entries[entry_id][0] != digest:
                raise LedgerError(
                    f"The id {entry_id!r} was used for a different entry.",
                    Code.IDEMPOTENCY_CONFLICT,
                )
            return False
        saved_balances = {k: replace(v) for k, v in self.balances.items()}
        saved_remaining = dict(self.remaining)
        try:
            for t in transfers:
                self._apply_one(t)
        except LedgerError:
            self.balances, self.remaining = saved_balances, saved_remaining
            raise
        self.transfers.extend(transfers)
        self.entries[entry_id] = (digest, tuple(t.id for t in transfers))
        return True

    def _apply_one(self, t: Transfer) -> None:
        check_transfer(t)
        for account in (t.debit, t.credit):
            if account not in self.balances:
                raise LedgerError(f"No account {account!r}.", Code.ACCOUNT_MISSING)
        debit, credit = self.balances[t.debit], self.balances[t.credit]
        if t.phase is Phase.SINGLE or t.phase is Phase.PENDING:
            self._check_limit(t.debit, Limit.DEBITS_LIMITED, t.amount)
            self._check_limit(t.credit, Limit.CREDITS_LIMITED, t.amount)
            if t.phase is Phase.SINGLE:
                debit.debits_posted += t.amount
                credit.credits_posted += t.amount
            else:
                debit.debits_pending += t.amount
                credit.credits_pending += t.amount
                self.remaining[t.id] = t.amount
            return
        left = self.remaining.get(t.pending_id)
        if left is None:
            raise LedgerError("No open pending transfer with that id.", Code.PENDING_NOT_OPEN)
        if t.amount > left:
            raise LedgerError(
                f"Only {left} is left on that commitment.", Code.EXCEEDS_PENDING, available=left
            )
        debit.debits_pending -= t.amount
        credit.credits_pending -= t.amount
        if t.phase is Phase.POST:
            debit.debits_posted += t.amount
            credit.credits_posted += t.amount
        self.remaining[t.pending_id] = left - t.amount
        if t.phase is Phase.VOID or left == t.amount:
            self.remaining.pop(t.pending_id)

    def _check_limit(self, account: str, side: Limit, amount: int) -> None:
        limit = self.limits[account]
        if limit is side:
            headroom = self.balances[account].headroom(limit)
            if headroom < amount:
                raise LedgerError(
                    f"That would exceed the balance of {account} (available {headroom}).",
                    Code.INSUFFICIENT_FUNDS,
                    available=headroom,
                )


def replay(transfers: Iterable[Transfer], *, until: date | None = None) -> dict[str, Balance]:
    """Every account's balance from the transfers alone (those dated on or before ``until``).

    Each post or void carries the debit and credit accounts of its pending transfer, so a
    balance is a sum per phase: pending = pendings − posts − voids, posted = singles + posts.
    """
    balances: dict[str, Balance] = {}
    for t in transfers:
        if until is not None and t.day is not None and t.day > until:
            continue
        d = balances.setdefault(t.debit, Balance())
        c = balances.setdefault(t.credit, Balance())
        if t.phase is Phase.PENDING:
            d.debits_pending += t.amount
            c.credits_pending += t.amount
        else:
            if t.phase is not Phase.SINGLE:
                d.debits_pending -= t.amount
                c.credits_pending -= t.amount
            if t.phase is not Phase.VOID:
                d.debits_posted += t.amount
                c.credits_posted += t.amount
    return balances


def totals(balances: dict[str, Balance]) -> tuple[int, int]:
    """(all debits, all credits), pending and posted together: equal in a sound ledger."""
    debits = sum(b.debits_pending + b.debits_posted for b in balances.values())
    credits = sum(b.credits_pending + b.credits_posted for b in balances.values())
    return debits, credits
