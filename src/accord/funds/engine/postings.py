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

The entry kinds the UN MPTF Office Gateway reports beside them:

    expenditure      memo: what implementers reported spending (IATI transaction type 4)
    interest         income: interest the fund's cash earned
    fees             expense: the administrative agent's fee (1 % of contributions, say)
    direct_costs     expense: the fund's direct costs (its secretariat, audits)
    fx_realised      income: exchange gains (credit) and losses (debit) realised on payment
    fx_revalued      income: unrealised gains and losses on open pledges, revalued at a day

    expenditure      expenditure   ← reported              (single, memo pair)
    interest         cash          ← interest              (single)
    fee              fees          ← cash                  (single)
    direct cost      direct_costs  ← cash                  (single)
    realised gain    donor:XXX     ← fx_realised           (the donor's account keeps what the
    realised loss    fx_realised   ← donor:XXX              pledge was booked at; cash what came)
    revaluation gain receivable:XXX ← fx_revalued          (per donor; reversed by the next one)
    revaluation loss fx_revalued   ← receivable:XXX

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
EXPENDITURE = "expenditure"
REPORTED = "reported"
INTEREST = "interest"
FEES = "fees"
DIRECT_COSTS = "direct_costs"
FX_REALISED = "fx_realised"
FX_REVALUED = "fx_revalued"

LIMITS = {
    CASH: Limit.CREDITS_LIMITED,
    IN_KIND: Limit.CREDITS_LIMITED,
    DISBURSED: Limit.NONE,
    DONOR: Limit.DEBITS_LIMITED,
    RECEIVABLE: Limit.NONE,
    PLEDGED: Limit.NONE,
    EXPENDITURE: Limit.NONE,
    REPORTED: Limit.NONE,
    INTEREST: Limit.NONE,
    FEES: Limit.NONE,
    DIRECT_COSTS: Limit.NONE,
    FX_REALISED: Limit.NONE,
    FX_REVALUED: Limit.NONE,
}
FUND_ACCOUNTS = (
    CASH,
    IN_KIND,
    DISBURSED,
    EXPENDITURE,
    REPORTED,
    INTEREST,
    FEES,
    DIRECT_COSTS,
    FX_REALISED,
    FX_REVALUED,
)
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


def expenditure(tid: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, EXPENDITURE, REPORTED, amount)]


def interest(tid: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, CASH, INTEREST, amount)]


def fee(tid: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, FEES, CASH, amount)]


def direct_cost(tid: str, amount: int) -> list[Transfer]:
    return [Transfer(tid, DIRECT_COSTS, CASH, amount)]


def realised_difference(tid: str, nation: str, difference: int) -> list[Transfer]:
    """A contribution's exchange gain (``difference`` > 0) or loss against its pledge's booked
    value: the donor's account is brought back to the booked value, the rest is fx."""
    if difference > 0:
        return [Transfer(tid, key(DONOR, nation), FX_REALISED, difference)]
    if difference < 0:
        return [Transfer(tid, FX_REALISED, key(DONOR, nation), -difference)]
    return []


def revaluation(tid: str, differences: dict[str, int]) -> list[Transfer]:
    """Unrealised gains and losses on each donor's open pledges (by ISO3), one transfer each."""
    out = []
    for n, nation in enumerate(sorted(differences), start=1):
        d = differences[nation]
        if d > 0:
            out.append(Transfer(f"{tid}.{n}", key(RECEIVABLE, nation), FX_REVALUED, d))
        elif d < 0:
            out.append(Transfer(f"{tid}.{n}", FX_REVALUED, key(RECEIVABLE, nation), -d))
    return out


def cash_effect(transfers: Iterable[Transfer]) -> int:
    """What an entry moved in or out of the fund's bank (cash) account: + in, − out."""
    moved = 0
    for t in transfers:
        if t.phase in (Phase.PENDING, Phase.VOID):
            continue
        if t.debit == CASH:
            moved += t.amount
        if t.credit == CASH:
            moved -= t.amount
    return moved


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
    expenditure: int = 0
    interest: int = 0
    fees: int = 0
    direct_costs: int = 0
    fx_realised: int = 0
    fx_unrealised: int = 0

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
        expenditure=_debit_side(bal(EXPENDITURE)),
        interest=-_debit_side(bal(INTEREST)),
        fees=_debit_side(bal(FEES)),
        direct_costs=_debit_side(bal(DIRECT_COSTS)),
        fx_realised=-_debit_side(bal(FX_REALISED)),
        fx_unrealised=-_debit_side(bal(FX_REVALUED)),
    )


def _debit_side(b: Balance) -> int:
    return b.debits_posted - b.credits_posted
