"""How each event of a trust fund's life posts to the ledger, and what a statement reads back.

A fund has these accounts (in the fund's currency):

    cash             asset, CREDITS_LIMITED: money held; commitments are pending credits on it
    in_kind          asset, CREDITS_LIMITED: goods and services received and passed straight on
    disbursed        expense: what has been paid out (or delivered in kind)
    donor:XXX        equity, DEBITS_LIMITED: what nation XXX has paid in (refunds debit it)
    receivable:XXX   memo asset: what nation XXX has pledged and is owed
    pledged:XXX      memo equity, the other side of a pledge

    pledge           receivable:XXX  → pledged:XXX          (single)
    contribution     cash            ← donor:XXX            (single)
    in kind          in_kind ← donor:XXX, then disbursed ← in_kind (two singles, one entry)
    commitment       disbursed ← cash                       (pending: reserves cash)
    disbursement     post of a commitment, or a single disbursed ← cash
    cancellation     void of what is left of a commitment
    refund           donor:XXX ← cash                       (single)
    reversal         the entry's transfers undone, last first

(``a ← b`` debits ``a`` and credits ``b``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from accord.errors import Code
from accord.funds.engine.ledger import Balance, LedgerError, Limit, Phase, Transfer
from accord.l10n import gettext as _

CASH = "cash"
IN_KIND = "in_kind"
DISBURSED = "disbursed"
DONOR = "donor"
RECEIVABLE = "receivable"
PLEDGED = "pledged"

LIMITS = {
    CASH: Limit.CREDITS_LIMITED,
    IN_KIND: Limit.CREDITS_LIMITED,
    DISBURSED: Limit.NONE,
    DONOR: Limit.DEBITS_LIMITED,
    RECEIVABLE: Limit.NONE,
    PLEDGED: Limit.NONE,
}
FUND_ACCOUNTS = (CASH, IN_KIND, DISBURSED)
DONOR_ACCOUNTS = (DONOR, RECEIVABLE, PLEDGED)


def key(kind: str, nation: str | None = None) -> str:
    """An account's key within its fund: ``"cash"`` or ``"donor:DEU"``."""
    return kind if nation is None else f"{kind}:{nation}"


def split(account: str) -> tuple[str, str | None]:
    kind, _colon, nation = account.partition(":")
    return kind, nation or None


def limit_of(account: str) -> Limit:
    return LIMITS[split(account)[0]]


def pledge(tid: str, nation: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, key(RECEIVABLE, nation), key(PLEDGED, nation), amount)]


def contribution(tid: str, nation: str, amount: int, *, in_kind: bool = False) -> list[Transfer]:
    if not in_kind:
        return [Transfer(tid, CASH, key(DONOR, nation), amount)]
    return [
        Transfer(f"{tid}.1", IN_KIND, key(DONOR, nation), amount),
        Transfer(f"{tid}.2", DISBURSED, IN_KIND, amount),
    ]


def commitment(tid: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, DISBURSED, CASH, amount, Phase.PENDING)]


def disbursement(tid: str, amount: int, *, pending_id: str | None = None) -> list[Transfer]:
    if pending_id is None:
        return [Transfer(tid, DISBURSED, CASH, amount)]
    return [Transfer(tid, DISBURSED, CASH, amount, Phase.POST, pending_id)]


def cancellation(tid: str, pending_id: str, remaining: int) -> list[Transfer]:
    return [Transfer(tid, DISBURSED, CASH, remaining, Phase.VOID, pending_id)]


def refund(tid: str, nation: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, key(DONOR, nation), CASH, amount)]


def reversal(tid: str, original: list[Transfer], remaining: dict[str, int]) -> list[Transfer]:
    """The transfers that undo ``original``, last first. ``remaining`` maps each pending
    transfer of it to what is still reserved (a reversed commitment releases that)."""
    undo = []
    for n, t in enumerate(reversed(original), start=1):
        tid_n = f"{tid}.{n}"
        if t.phase is Phase.VOID:
            raise LedgerError(
                _("A cancellation cannot be reversed; record a new commitment instead."),
                Code.NOT_REVERSIBLE,
            )
        if t.phase is Phase.PENDING:
            left = remaining.get(t.id, 0)
            if left:
                undo.append(Transfer(tid_n, t.debit, t.credit, left, Phase.VOID, t.id))
            continue
        undo.append(Transfer(tid_n, t.credit, t.debit, t.amount))
    if not undo:
        raise LedgerError(_("Nothing is left to reverse in that entry."), Code.NOT_REVERSIBLE)
    return undo


@dataclass(frozen=True)
class DonorLine:
    nation: str
    pledged: int
    received: int

    @property
    def outstanding(self) -> int:
        return max(self.pledged - self.received, 0)

    @property
    def over_paid(self) -> int:
        return max(self.received - self.pledged, 0)


@dataclass(frozen=True)
class Statement:
    """A fund's position in its own currency's minor units."""

    pledged: int
    received: int
    committed: int
    disbursed: int
    cash: int
    donors: tuple[DonorLine, ...]

    @property
    def available(self) -> int:
        return self.cash - self.committed


def statement(balances: dict[str, Balance], nations: Iterable[str] = ()) -> Statement:
    """Read a fund's statement from its accounts' balances (live, or replayed to a date);
    ``nations`` are donors to list even when nothing has moved on their accounts yet."""

    def bal(account: str) -> Balance:
        return balances.get(account, Balance())

    nations = sorted({split(a)[1] for a in balances if split(a)[1] is not None} | set(nations))
    donors = []
    for nation in nations:
        pledged = bal(key(PLEDGED, nation))
        paid = bal(key(DONOR, nation))
        donors.append(
            DonorLine(
                nation,
                pledged.credits_posted - pledged.debits_posted,
                paid.credits_posted - paid.debits_posted,
            )
        )
    cash, disbursed = bal(CASH), bal(DISBURSED)
    return Statement(
        pledged=sum(d.pledged for d in donors),
        received=sum(d.received for d in donors),
        committed=cash.credits_pending,
        disbursed=disbursed.debits_posted - disbursed.credits_posted,
        cash=cash.debits_posted - cash.credits_posted,
        donors=tuple(donors),
    )
