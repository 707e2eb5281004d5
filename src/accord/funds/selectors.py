"""Every read of the trust funds that users see, always through the access policy.

Statements are sums over the immutable transfers up to a date (``engine.ledger.replay`` done by
the database): the same figures as the live account balances for today, and any past date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.core import selectors as core_selectors
from accord.council.measures import Figure
from accord.errors import NotFound
from accord.funds import iati
from accord.funds import results as fund_results
from accord.funds.engine import bank, postings
from accord.funds.engine.currency import RATE_MAX_AGE, Rate, convert_minor, share_half_even
from accord.funds.engine.ledger import Balance
from accord.funds.models import (
    BankLine,
    BankStatement,
    Commitment,
    Contribution,
    Disbursement,
    DonorCondition,
    EntryKind,
    ExchangeRate,
    ExternalActivity,
    LedgerAccount,
    LedgerEntry,
    LedgerPending,
    LedgerTransfer,
    MatchStatus,
    Pledge,
    Refund,
    TrustFund,
)
from accord.markings import Marking
from accord.money import MoneyError, plain_amount
from accord.names import local, search_fields
from accord.plausible import require_day_of_record

REPORTING_ORG = iati.ReportingOrg(
    ref="XM-ACCORD",
    type="40",
    name="Accord trust funds",
    name_translations=(("ru", "Целевые фонды Accord"),),  # Accord's own translation
)


def fund_list(*, actor, public_only: bool = False) -> QuerySet[TrustFund]:
    qs = access.visible(TrustFund.objects.all(), actor).select_related(
        "manager", "lead_nation", "joint_action", "legal_basis"
    )
    if public_only:
        qs = qs.filter(marking=Marking.PUBLIC)
    return qs.order_by("name")


def fund_get(*, actor, code: str) -> TrustFund:
    fund = (
        TrustFund.objects.select_related("manager", "lead_nation", "joint_action", "legal_basis")
        .filter(code=code)
        .first()
    )
    if fund is None or not access.can_view(actor, fund):
        raise NotFound(_("No trust fund '%(code)s' that you may read.") % {"code": code})
    return fund


@dataclass(frozen=True)
class FundReferences:
    """The records a fund points at, as far as the reader may see them (None or left out
    otherwise): a PUBLIC fund of a NATO joint action does not name that action to Russia."""

    manager: object
    lead_nation: object
    joint_action: object
    legal_basis: object
    donors: list


def _references(actor, fund: TrustFund, donors: list) -> FundReferences:
    return FundReferences(
        manager=access.reachable(actor, fund.manager),
        lead_nation=access.reachable(actor, fund.lead_nation),
        joint_action=access.reachable(actor, fund.joint_action),
        legal_basis=access.reachable(actor, fund.legal_basis),
        donors=donors,
    )


def fund_references(*, actor, fund: TrustFund) -> FundReferences:
    access.require_view(actor, fund)
    return _references(actor, fund, list(access.visible(fund.donors.all(), actor).order_by("iso3")))


def funds_with_references(*, actor, funds) -> list[tuple[TrustFund, FundReferences]]:
    """Each fund with its references, for a list of funds: the donors the actor may read come
    in one query for all the funds, not one per fund."""
    funds = [fund for fund in funds if access.can_view(actor, fund)]
    readable = core_selectors.nations_readable(actor=actor)
    links = (
        TrustFund.donors.through.objects.filter(
            trustfund_id__in=[fund.pk for fund in funds], nation__in=readable
        )
        .select_related("nation")
        .order_by("nation__iso3")
    )
    donors: dict[int, list] = {}
    for link in links:
        donors.setdefault(link.trustfund_id, []).append(link.nation)
    return [(fund, _references(actor, fund, donors.get(fund.pk, []))) for fund in funds]


def fund_donors(*, actor, fund: TrustFund) -> QuerySet:
    """The fund's donors the actor may read (the nations a refund may go back to)."""
    access.require_view(actor, fund)
    return access.visible(fund.donors.all(), actor).order_by("name")


def fund_donors_unseen(*, actor, fund: TrustFund) -> QuerySet:
    """The fund's donors the actor may not read: an edit by this actor keeps them as they are,
    since its form never offered them."""
    return fund.donors.exclude(pk__in=fund_donors(actor=actor, fund=fund).values("pk"))


def pledge_nations(*, actor, fund: TrustFund) -> QuerySet:
    """The nations the actor may record a pledge of to this fund, by the access rule on pledges:
    every nation it reads for a fund manager, its own for a delegation."""
    scope = {"marking": fund.marking, "owner_nation_id": fund.owner_nation_id}
    readable = core_selectors.nations_readable(actor=actor)
    allowed = [
        pk
        for pk in readable.values_list("pk", flat=True)
        if access.may(actor, "create", Pledge, {**scope, "nation_id": pk})
    ]
    return readable.filter(pk__in=allowed).order_by("name")


def fund_changeable(*, actor, fund: TrustFund) -> bool:
    return access.can_change(actor, fund)


def _records(model, actor, fund) -> QuerySet:
    # The fund comes in the same query: every row names it (its code, its currency).
    return (
        access.visible(model.objects.filter(fund=fund), actor)
        .select_related("fund")
        .order_by("day", "pk")
    )


def pledge_list(*, actor, fund) -> QuerySet[Pledge]:
    return _records(Pledge, actor, fund).select_related("nation", "entry")


def condition_list(*, actor, fund) -> QuerySet[DonorCondition]:
    """The donors' conditions on a fund the reader may read, the soonest due first."""
    return (
        access.visible(DonorCondition.objects.filter(fund=fund), actor)
        .select_related("fund", "nation", "pledge")
        .order_by(F("due").asc(nulls_last=True), "pk")
    )


def condition_get(*, actor, fund, pk) -> DonorCondition:
    condition = condition_list(actor=actor, fund=fund).filter(pk=pk).first()
    if condition is None:
        raise NotFound(_("No donor condition %(id)s on this fund that you may read.") % {"id": pk})
    return condition


def contribution_list(*, actor, fund) -> QuerySet[Contribution]:
    return _records(Contribution, actor, fund).select_related("nation", "entry", "pledge")


def commitment_list(*, actor, fund) -> QuerySet[Commitment]:
    return _records(Commitment, actor, fund).select_related("entry", "budget_line")


def disbursement_list(*, actor, fund) -> QuerySet[Disbursement]:
    # ``commitment_shown``: a disbursement names its commitment only to who may read it.
    return (
        _records(Disbursement, actor, fund)
        .select_related("entry", "commitment", "budget_line")
        .annotate(
            commitment_shown=access.visible_flag(actor, "commitment__"),
            budget_line_shown=access.visible_flag(actor, "budget_line__"),
        )
    )


def disbursements_for_budget_lines(*, actor, line_ids) -> list[dict]:
    """Disbursements charged to these budget lines, for the recipient's budget pages.

    Only disbursements the actor may read, of funds the actor may read, are listed.
    """
    funds = fund_list(actor=actor)
    rows = access.visible(
        Disbursement.objects.filter(budget_line_id__in=list(line_ids), fund__in=funds), actor
    ).select_related("fund")
    return [
        {
            "budget_line_id": d.budget_line_id,
            "fund": d.fund.local_name,
            "fund_code": d.fund.code,
            "date": d.day,
            "amount_minor": d.amount_minor,
            "currency": d.currency,
            "payee": d.payee,
            "reference": d.entry_id,
            "url": reverse("funds:detail", args=[d.fund.code]),
        }
        for d in rows.order_by("day", "pk")
    ]


def refund_list(*, actor, fund) -> QuerySet[Refund]:
    return _records(Refund, actor, fund).select_related("nation", "entry")


def funds_managed(*, actor) -> QuerySet[TrustFund]:
    """The funds the actor reads and may change: those whose money they keep."""
    return access.changeable(fund_list(actor=actor), actor)


def commitments_pending(*, actor, funds) -> QuerySet[Commitment]:
    """The actor's readable commitments of these funds with money still reserved, the oldest
    first, each with ``remaining`` (what is not yet disbursed, in the fund's minor units)."""
    pending = LedgerPending.objects.filter(transfer_id=OuterRef("entry_id"))
    return (
        access.visible(Commitment.objects.filter(fund__in=funds), actor)
        .select_related("fund")
        .annotate(remaining=Subquery(pending.values("remaining")[:1]))
        .filter(remaining__gt=0)
        .order_by("day", "pk")
    )


def commitment_get(*, actor, fund, key: str) -> Commitment:
    commitment = Commitment.objects.filter(fund=fund, entry_id=key).first()
    if commitment is None or not access.can_view(actor, commitment):
        raise NotFound(_("No commitment '%(key)s' in this fund.") % {"key": key})
    return commitment


def commitment_remaining(commitments) -> dict[str, int]:
    """What is still reserved on each commitment (by its entry id)."""
    ids = [c.entry_id for c in commitments]
    return dict(
        LedgerPending.objects.filter(transfer_id__in=ids).values_list("transfer_id", "remaining")
    )


def _entries_out_of_reach(actor, funds) -> set[str]:
    """Entries whose record, or the nation of their record, the actor may not read: their
    descriptions ("Pledge of <nation>", "Disbursement to <payee>") name it. Cancellations and
    reversals of such entries name them too."""
    if access.principal_of(actor).is_administrator:
        return set()
    hidden: set[str] = set()
    for model in (Pledge, Contribution, Refund):
        rows = model.objects.filter(fund__in=funds).exclude(
            access.visible_q(actor) & access.visible_q(actor, "nation__")
        )
        hidden |= set(rows.values_list("entry_id", flat=True))
    for model in (Commitment, Disbursement):
        rows = model.objects.filter(fund__in=funds).exclude(access.visible_q(actor))
        hidden |= set(rows.values_list("entry_id", flat=True))
    if hidden:
        voids = LedgerTransfer.objects.filter(fund__in=funds, pending__entry_id__in=hidden)
        hidden |= set(voids.values_list("entry_id", flat=True))
        undo = LedgerEntry.objects.filter(fund__in=funds, reverses_id__in=hidden)
        hidden |= set(undo.values_list("pk", flat=True))
    return hidden


def _described(entries: QuerySet, actor, funds) -> QuerySet:
    """``description_shown``: the entry's description, or nothing where it would name a record
    the actor may not read (the kind and the amounts still show)."""
    hidden = _entries_out_of_reach(actor, funds)
    if not hidden:
        return entries.annotate(description_shown=F("description"))
    return entries.annotate(
        description_shown=Case(
            When(pk__in=sorted(hidden), then=Value("")),
            default=F("description"),
            output_field=CharField(),
        )
    )


def entry_list(*, actor, fund) -> QuerySet[LedgerEntry]:
    """The fund's ledger entries; read ``description_shown``, never ``description``."""
    access.require_view(actor, fund)
    return _described(
        LedgerEntry.objects.filter(fund=fund)
        .select_related("reverses")
        .order_by("value_date", "recorded_at", "id"),
        actor,
        [fund],
    )


LEDGER_COLUMNS = (
    "entry",
    "kind",
    "date",
    "transfer",
    "debit",
    "credit",
    "phase",
    "amount",
    "currency",
    "estimated",
    "description",
)


def ledger_rows(*, actor, fund) -> list[tuple]:
    """The fund's ledger, one row per transfer (``LEDGER_COLUMNS``), for its export. A donor
    account names its nation only to who may read the nation ("donor:DEU", else "donor")."""
    entries = entry_list(actor=actor, fund=fund).prefetch_related("transfers")
    shown = nations_shown(actor=actor)
    accounts = LedgerAccount.objects.filter(fund=fund).values_list(
        "pk", "kind", "nation_id", "nation__iso3"
    )
    label = {
        pk: kind if nation_id is not None and nation_id not in shown else postings.key(kind, iso3)
        for pk, kind, nation_id, iso3 in accounts
    }
    return [
        (
            e.pk,
            e.kind,
            e.value_date,
            t.pk,
            label[t.debit_id],
            label[t.credit_id],
            t.phase,
            plain_amount(t.amount, fund.currency),
            fund.currency,
            e.estimated,
            e.description_shown,
        )
        for e in entries
        for t in e.transfers.all()
    ]


def entry_get(*, actor, fund, key: str) -> LedgerEntry:
    access.require_view(actor, fund)
    entry = LedgerEntry.objects.filter(fund=fund, pk=key).first()
    if entry is None:
        raise NotFound(_("No ledger entry '%(key)s' in this fund.") % {"key": key})
    return entry


def nations_shown(*, actor) -> set[int]:
    """The ids of the nations the actor may read (to name donor accounts in exports)."""
    return set(core_selectors.nation_list(actor=actor).values_list("pk", flat=True))


def rates(day: date | None = None) -> list[Rate]:
    """The exchange rates (public reference data, not a marked record) a conversion on ``day``
    may use: those of the year up to it (every one if None)."""
    rows = ExchangeRate.objects.all()
    if day is not None:
        rows = rows.filter(day__lte=day, day__gte=day - RATE_MAX_AGE)
    return [Rate(r.currency, r.day, r.per_eur) for r in rows]


def rate_list(*, actor) -> QuerySet[ExchangeRate]:
    """Exchange rates are public reference data without a marking: every reader sees them all.
    The actor is taken all the same, so that a marking added later has one place to go."""
    return ExchangeRate.objects.order_by("currency", "-day")


def rates_newest(*, actor) -> list[dict]:
    """Each currency's newest rate, with how many days are kept for it (the rates page)."""
    counts = {
        row["currency"]: row
        for row in ExchangeRate.objects.values("currency").annotate(
            newest=Max("day"), days=Count("id")
        )
    }
    if not counts:
        return []
    newest = Q()
    for currency, row in counts.items():
        newest |= Q(currency=currency, day=row["newest"])
    return [
        {"rate": rate, "days": counts[rate.currency]["days"]}
        for rate in ExchangeRate.objects.filter(newest).order_by("currency")
    ]


def rate_history(*, actor, currency: str, limit: int = 60) -> list[ExchangeRate]:
    """One currency's newest ``limit`` rates, the newest first."""
    return list(ExchangeRate.objects.filter(currency=currency).order_by("-day")[:limit])


# --- statements -------------------------------------------------------------------------------


def _account_keys(funds) -> dict[int, str]:
    """Every account of ``funds`` by its id: its key within its fund (``"donor:DEU"``)."""
    rows = LedgerAccount.objects.filter(fund__in=funds).values_list("pk", "kind", "nation__iso3")
    return {pk: postings.key(kind, iso3) for pk, kind, iso3 in rows}


def _replay(funds, at: date | None) -> dict[int, dict[str, Balance]]:
    """Each fund's accounts' balances from the transfers dated on or before ``at`` (all when
    None), for several funds in two queries."""
    funds = list(funds)
    accounts = LedgerAccount.objects.filter(fund__in=funds).values_list(
        "pk", "fund_id", "kind", "nation__iso3"
    )
    balances: dict[int, dict[str, Balance]] = {fund.pk: {} for fund in funds}
    keys, fund_of = {}, {}
    for pk, fund_id, kind, iso3 in accounts:
        keys[pk], fund_of[pk] = postings.key(kind, iso3), fund_id
        balances[fund_id][keys[pk]] = Balance()
    transfers = LedgerTransfer.objects.filter(fund__in=funds)
    if at is not None:
        transfers = transfers.filter(value_date__lte=at)
    # One pass over the rows: sums per (debit, credit, phase), few groups, then per account.
    rows = transfers.values_list("debit_id", "credit_id", "phase").annotate(total=Sum("amount"))
    for debit_id, credit_id, phase, total in rows.order_by():
        for side, account_id in (("debit", debit_id), ("credit", credit_id)):
            b = balances[fund_of[account_id]][keys[account_id]]
            pending, posted = f"{side}s_pending", f"{side}s_posted"
            if phase == "pending":
                setattr(b, pending, getattr(b, pending) + total)
            else:
                if phase != "single":
                    setattr(b, pending, getattr(b, pending) - total)
                if phase != "void":
                    setattr(b, posted, getattr(b, posted) + total)
    return balances


def live_balances(fund: TrustFund) -> dict[str, Balance]:
    """The accounts' running sums as the ledger keeps them (today's position)."""
    rows = LedgerAccount.objects.filter(fund=fund).select_related("nation")
    return {
        postings.key(a.kind, a.nation.iso3 if a.nation_id else None): Balance(
            a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted
        )
        for a in rows
    }


FIGURES = ("pledged", "received", "committed", "disbursed", "available")
# The statement by kind of entry, as the MPTF Office Gateway reports a fund (``by_kind``).
KIND_FIGURES = (
    "expenditure",
    "interest",
    "fees",
    "direct_costs",
    "fx_realised",
    "fx_unrealised",
)


@dataclass(frozen=True)
class FundStatement:
    fund: TrustFund
    at: date
    statement: postings.Statement
    nations: dict  # iso3 -> name in the reader's language (accord.names), for pages and charts
    converted: dict  # "EUR"/"USD" -> {figure: minor} or None
    rate_problem: str
    english: dict = field(default_factory=dict)  # iso3 -> English name, for the API's ``name``

    def figures(self) -> dict[str, int]:
        return {name: getattr(self.statement, name) for name in FIGURES}

    def by_kind(self) -> dict[str, int]:
        return {name: getattr(self.statement, name) for name in KIND_FIGURES}


def fund_statement(*, actor, fund: TrustFund, at: date | None = None) -> FundStatement:
    """The fund's position at the end of ``at`` (today when None), with EUR and USD figures."""
    access.require_view(actor, fund)
    return fund_statements(actor=actor, funds=[fund], at=at)[0]


def fund_statements(*, actor, funds, at: date | None = None) -> list[FundStatement]:
    """``fund_statement`` of each fund the actor may read, in five queries for all of them."""
    funds = [fund for fund in funds if access.can_view(actor, fund)]
    day = at or timezone.localdate()
    # As of the end of `day`: a transfer dated later is not yet in the statement, whatever its
    # value date says (a contribution keyed with the year 2099 must not swell today's balance).
    balances = _replay(funds, day)
    donors: dict[int, list[str]] = {}
    links = TrustFund.donors.through.objects.filter(trustfund_id__in=[f.pk for f in funds])
    for fund_id, iso3 in links.values_list("trustfund_id", "nation__iso3"):
        donors.setdefault(fund_id, []).append(iso3)
    table = rates(day)
    rows = core_selectors.nations_readable(actor=actor).annotate(shown=local("name"))
    names, english = {}, {}
    for iso3, name, shown in rows.values_list("iso3", "name", "shown"):
        names[iso3], english[iso3] = shown, name
    return [
        replace(
            _statement_of(fund, balances[fund.pk], donors.get(fund.pk, []), names, table, day),
            english=english,
        )
        for fund in funds
    ]


def _statement_of(fund, balances, donors, names, table, day) -> FundStatement:
    statement = postings.statement(balances, donors)
    converted, problem = {}, ""
    for target in ("EUR", "USD"):
        try:
            converted[target] = {
                name: convert_minor(getattr(statement, name), fund.currency, target, day, table)
                for name in FIGURES + KIND_FIGURES
            }
        except MoneyError as error:
            converted[target] = None
            problem = str(error)
    # A donor the reader may not see is left out of the lines (the fund's totals stay whole).
    statement = replace(statement, donors=tuple(d for d in statement.donors if d.nation in names))
    return FundStatement(fund, day, statement, names, converted, problem)


def fund_positions(*, actor, funds) -> dict[int, postings.Statement]:
    """Today's totals (pledged, received, committed, disbursed, available) of each fund the
    actor may read, by the fund's id: for a list of funds, in two queries for all of them."""
    funds = [fund for fund in funds if access.can_view(actor, fund)]
    return {pk: postings.statement(balances) for pk, balances in _replay(funds, None).items()}


def donor_statement(*, actor, fund: TrustFund, iso3: str, at: date | None = None) -> dict:
    """One donor's pledges and contributions to the fund, with its totals."""
    fs = fund_statement(actor=actor, fund=fund, at=at)
    line = next((d for d in fs.statement.donors if d.nation == iso3), None)
    if line is None:
        raise NotFound(
            _("%(nation)s is not a donor of %(fund)s.") % {"nation": iso3, "fund": fund.local_name}
        )
    pledges = pledge_list(actor=actor, fund=fund).filter(nation__iso3=iso3)
    contributions = contribution_list(actor=actor, fund=fund).filter(nation__iso3=iso3)
    refunds = refund_list(actor=actor, fund=fund).filter(nation__iso3=iso3)
    if at is not None:
        pledges, contributions, refunds = (
            q.filter(day__lte=at) for q in (pledges, contributions, refunds)
        )
    return {
        "statement": fs,
        "line": line,
        "fulfilment": pledge_fulfilment(list(pledges), list(contributions)),
        "nation": fs.nations.get(iso3, iso3),
        "pledges": list(pledges),
        "contributions": list(contributions),
        "refunds": list(refunds),
    }


def pledge_fulfilment(pledges, contributions) -> list[dict]:
    """Each pledge with what was received against it (in the fund's currency) and whether it
    is open, partly paid, paid, over-paid, and late (money after the pledge's period)."""
    rows = []
    for pledge in pledges:
        against = [c for c in contributions if c.pledge_id == pledge.pk]
        # Compare in the pledge's own currency when the money came in it, so that exchange
        # rates moving between pledge and payment do not make a paid pledge look short.
        same = all(c.currency == pledge.currency for c in against)
        pledged = pledge.amount_minor if same else pledge.fund_amount_minor
        received = sum(c.amount_minor if same else c.fund_amount_minor for c in against)
        if received == 0:
            status = "open"
        elif received < pledged:
            status = "partly paid"
        elif received == pledged:
            status = "paid"
        else:
            status = "over-paid"
        late = pledge.period_end is not None and any(c.day > pledge.period_end for c in against)
        rows.append(
            {
                "pledge": pledge,
                "currency": pledge.currency if same else pledge.fund.currency,
                "pledged": pledged,
                "received": received,
                "status": status,
                "late": late,
            }
        )
    return rows


def timeline(*, actor, fund: TrustFund) -> list[tuple[date, int, int]]:
    """(day, cumulative received, cumulative disbursed) at each day money moved."""
    access.require_view(actor, fund)
    return timelines(actor=actor, funds=[fund])[fund.pk]


def timelines(*, actor, funds) -> dict[int, list[tuple[date, int, int]]]:
    """``timeline`` of each fund the actor may read, by the fund's id, in two queries."""
    funds = [fund for fund in funds if access.can_view(actor, fund)]
    keys = _account_keys(funds)
    by_day: dict[int, dict[date, list[int]]] = {fund.pk: {} for fund in funds}
    rows = (
        LedgerTransfer.objects.filter(fund__in=funds)
        .exclude(phase__in=["pending", "void"])
        .values_list("fund_id", "value_date", "debit_id", "credit_id")
        .annotate(total=Sum("amount"))
        .order_by("value_date")
    )
    for fund_id, day, debit, credit, total in rows:
        moves = by_day[fund_id].setdefault(day, [0, 0])
        dk, ck = postings.split(keys[debit])[0], postings.split(keys[credit])[0]
        if ck == postings.DONOR:
            moves[0] += total
        if dk == postings.DONOR:
            moves[0] -= total
        if dk == postings.DISBURSED:
            moves[1] += total
        if ck == postings.DISBURSED:
            moves[1] -= total
    return {fund_id: _cumulative(days) for fund_id, days in by_day.items()}


def _cumulative(by_day: dict[date, list[int]]) -> list[tuple[date, int, int]]:
    series, received, disbursed = [], 0, 0
    for day in sorted(by_day):
        received += by_day[day][0]
        disbursed += by_day[day][1]
        series.append((day, received, disbursed))
    return series


# --- IATI ---------------------------------------------------------------------------------------

SIGN = {
    EntryKind.PLEDGE: (iati.TransactionType.INCOMING_PLEDGE, 1),
    EntryKind.CONTRIBUTION: (iati.TransactionType.INCOMING_FUNDS, 1),
    EntryKind.COMMITMENT: (iati.TransactionType.OUTGOING_COMMITMENT, 1),
    EntryKind.DISBURSEMENT: (iati.TransactionType.DISBURSEMENT, 1),
    EntryKind.CANCELLATION: (iati.TransactionType.OUTGOING_COMMITMENT, -1),
    EntryKind.REFUND: (iati.TransactionType.INCOMING_FUNDS, -1),
    # As the MPTF Office Gateway reports them: implementers' expenditure, the fund's own costs.
    EntryKind.EXPENDITURE: (iati.TransactionType.EXPENDITURE, 1),
    EntryKind.INTEREST: (iati.TransactionType.INCOMING_FUNDS, 1),
    EntryKind.FEE: (iati.TransactionType.EXPENDITURE, 1),
    EntryKind.DIRECT_COST: (iati.TransactionType.EXPENDITURE, 1),
}
# Exchange differences are the fund's bookkeeping in its own currency, not IATI transactions.
NOT_IN_IATI = (EntryKind.FX_REALISED, EntryKind.REVALUATION)


def _entry_transaction(entry, fund, parties) -> iati.Transaction:
    kind = entry.kind
    target = entry.reverses if kind == EntryKind.REVERSAL else entry
    ttype, sign = SIGN.get(target.kind, (iati.TransactionType.DISBURSEMENT, 1))
    if kind == EntryKind.REVERSAL:
        sign = -sign
    # Every transfer of one entry moves the same amount (in kind: in, then passed on).
    amount = min(t.amount for t in entry.transfers.all())
    nation, payee = parties.get(target.pk, (None, None))
    provider = (
        iati.Org(name=nation[1].name, ref=nation[0], type="10", name_translations=nation[1].other)
        if nation
        else None
    )
    receiver = iati.Org(name=payee) if payee else None
    return iati.Transaction(
        type=str(ttype),
        transaction_date=entry.value_date,
        value=iati.Money.from_minor(sign * amount, fund.currency, entry.value_date),
        ref=entry.pk,
        description=entry.description_shown or None,
        provider=provider,
        receiver=receiver,
    )


def _parties(funds, actor) -> dict:
    """Who gave or received the money of each entry, as far as the actor may read the record
    (and its nation): a party the reader may not see is left out of the transaction."""
    parties = {}
    for model in (Pledge, Contribution, Refund):
        rows = access.visible(model.objects.filter(fund__in=funds), actor).filter(
            access.visible_q(actor, "nation__")
        )
        columns = [f"nation__{column}" for column in search_fields("name")]
        for entry_id, iso3, *names in rows.values_list("entry_id", "nation__iso3", *columns):
            parties[entry_id] = ((iso3, _Named(*names)), None)
    for model in (Commitment, Disbursement):
        rows = access.visible(model.objects.filter(fund__in=funds), actor)
        for entry_id, payee in rows.values_list("entry_id", "payee"):
            parties[entry_id] = (None, payee)
    cancels = LedgerTransfer.objects.filter(fund__in=funds, phase="void").values_list(
        "entry_id", "pending__entry_id"
    )
    for entry_id, commitment_id in cancels:
        parties.setdefault(entry_id, parties.get(commitment_id, (None, None)))
    return parties


def _activities(funds, actor) -> list[iati.Activity]:
    """The funds as IATI activities, their entries, parties and donors read once for all."""
    entries: dict[int, list] = {fund.pk: [] for fund in funds}
    rows = (
        _described(LedgerEntry.objects.filter(fund__in=funds), actor, funds)
        .exclude(kind__in=NOT_IN_IATI)
        .exclude(reverses__kind__in=NOT_IN_IATI)
        .select_related("reverses")
        .prefetch_related("transfers")
        # The order they were posted in within a day, so that an import replays them validly.
        .order_by("value_date", "recorded_at", "id")
    )
    for entry in rows:
        entries[entry.fund_id].append(entry)
    donors: dict[int, list] = {}
    links = (
        TrustFund.donors.through.objects.filter(
            trustfund_id__in=[fund.pk for fund in funds],
            nation__in=core_selectors.nations_readable(actor=actor),
        )
        .select_related("nation")
        .order_by("nation__iso3")
    )
    for link in links:
        donors.setdefault(link.trustfund_id, []).append(link.nation)
    parties = _parties(funds, actor)
    results = fund_results.results_for(actor=actor, funds=funds)
    budgets, planned = _budgets(funds, actor), _planned_disbursements(funds, actor)
    return [
        replace(
            _activity(fund, actor, entries[fund.pk], donors.get(fund.pk, []), parties),
            budgets=tuple(budgets.get(fund.pk, ())),
            planned_disbursements=tuple(planned.get(fund.pk, ())),
            results=tuple(results.get(fund.pk, ())),
        )
        for fund in funds
    ]


def _budgets(funds, actor) -> dict[int, list[iati.Budget]]:
    """Each fund's budget by calendar year: what donors pledged for the year (a pledge counts
    in the year its period starts, or of its day), in the fund's currency, indicative. A
    pledge that was reversed counts for nothing; one the reader may not read is left out."""
    by_year: dict[int, dict[int, int]] = {}
    currency = {fund.pk: fund.currency for fund in funds}
    rows = access.visible(
        Pledge.objects.filter(fund__in=funds, entry__reversed_by__isnull=True), actor
    ).values_list("fund_id", "fund_amount_minor", "day", "period_start")
    for fund_id, amount, day, period_start in rows:
        year = (period_start or day).year
        years = by_year.setdefault(fund_id, {})
        years[year] = years.get(year, 0) + amount
    return {
        fund_id: [
            iati.Budget(
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                value=iati.Money.from_minor(amount, currency[fund_id], date(year, 1, 1)),
                type=iati.BudgetType.ORIGINAL,
                status=iati.BudgetStatus.INDICATIVE,
            )
            for year, amount in sorted(years.items())
        ]
        for fund_id, years in by_year.items()
    }


def _planned_disbursements(funds, actor) -> dict[int, list[iati.PlannedDisbursement]]:
    """What each fund still plans to pay: every commitment's part not yet disbursed nor
    cancelled, from the day it was committed, to its payee."""
    currency = {fund.pk: fund.currency for fund in funds}
    commitments = access.visible(Commitment.objects.filter(fund__in=funds), actor)
    left = dict(
        LedgerPending.objects.filter(
            transfer_id__in=commitments.values("entry_id"), remaining__gt=0
        ).values_list("transfer_id", "remaining")
    )
    planned: dict[int, list[iati.PlannedDisbursement]] = {}
    rows = commitments.filter(entry_id__in=list(left)).order_by("day", "entry_id")
    for fund_id, entry_id, day, payee in rows.values_list("fund_id", "entry_id", "day", "payee"):
        planned.setdefault(fund_id, []).append(
            iati.PlannedDisbursement(
                period_start=day,
                value=iati.Money.from_minor(left[entry_id], currency[fund_id], day),
                receiver=iati.Org(name=payee) if payee else None,
            )
        )
    return planned


@dataclass(frozen=True)
class _Named:
    """A name in English and the other languages' columns (accord.names), for IATI narratives."""

    name: str
    ru: str = ""
    fa: str = ""
    ps: str = ""

    @classmethod
    def of(cls, record, text: str = "name") -> _Named:
        return cls(*(getattr(record, column) or "" for column in search_fields(text)))

    @property
    def other(self) -> iati.Translations:
        """The other languages' names, under IATI's ISO 639-1 codes (Dari is "fa")."""
        pairs = (("ru", self.ru), ("fa", self.fa), ("ps", self.ps))
        return tuple((lang, text) for lang, text in pairs if text)


def _activity(fund, actor, entries, donors, parties) -> iati.Activity:
    """One fund as an IATI activity: donors funding it, its transactions in its currency, as far
    as the actor may read the donors, the manager and the records behind the transactions."""
    start = fund.established or (entries[0].value_date if entries else date(2000, 1, 1))
    orgs = [
        iati.ParticipatingOrg(
            role=iati.OrganisationRole.FUNDING,
            name=n.name,
            ref=n.iso3,
            type="10",
            name_translations=_Named.of(n).other,
        )
        for n in donors
    ]
    manager = access.reachable(actor, fund.manager)
    title = _Named.of(fund)
    if manager is not None:
        orgs.append(
            iati.ParticipatingOrg(
                role=iati.OrganisationRole.ACCOUNTABLE,
                name=manager.name,
                name_translations=_Named.of(manager).other,
            )
        )
    if not orgs:
        orgs.append(
            iati.ParticipatingOrg(
                role=iati.OrganisationRole.ACCOUNTABLE,
                name=fund.name,
                name_translations=title.other,
            )
        )
    last = max([e.value_date for e in entries] + [start])
    # Each language's description where one is given; else its title, as the English falls back.
    purpose = _Named.of(fund, "purpose")
    description = _Named(
        fund.purpose or fund.name,
        *(getattr(purpose, end) or getattr(title, end) for end in ("ru", "fa", "ps")),
    )
    return iati.Activity(
        identifier=iati.activity_identifier(REPORTING_ORG.ref, fund.code),
        title=fund.name,
        title_translations=title.other,
        description=description.name,
        description_translations=description.other,
        status=iati.ActivityStatus.IMPLEMENTATION
        if fund.status == "open"
        else iati.ActivityStatus.CLOSED,
        dates=[iati.ActivityDate(iati.ActivityDateType.ACTUAL_START, start)],
        participating_orgs=orgs,
        recipient_country=fund.recipient_country or None,
        sectors=[iati.Sector(fund.sector, vocabulary="1")] if fund.sector else [],
        default_currency=fund.currency,
        last_updated=datetime.combine(last, time(0), tzinfo=UTC),
        transactions=[_entry_transaction(e, fund, parties) for e in entries],
    )


def iati_file(*, actor, funds) -> bytes:
    """The ``iati-activities`` XML of the given funds (each readable by the actor)."""
    funds = [f for f in funds if access.can_view(actor, f)]
    if not funds:
        raise NotFound(_("No trust fund to publish that you may read."))
    activities = _activities(funds, actor)
    stamp = max(a.last_updated for a in activities)
    return iati.export_activities(
        iati.ActivitySet(
            generated_datetime=stamp, reporting_org=REPORTING_ORG, activities=activities
        )
    )


def fund_search(*, actor, q: str) -> QuerySet[TrustFund]:
    """Funds whose code or name in any language holds ``q``."""
    matches = Q(code__icontains=q)
    for column in search_fields("name"):
        matches |= Q(**{f"{column}__icontains": q})
    return fund_list(actor=actor).filter(matches)


# --- exchange differences --------------------------------------------------------------------


def statement_on(fund: TrustFund, day: date) -> postings.Statement:
    """The fund's totals at the end of ``day`` for a service's arithmetic (no access check:
    the service has checked it)."""
    return postings.statement(_replay([fund], day)[fund.pk])


@dataclass(frozen=True)
class RevaluationLine:
    """An open pledge in a foreign currency, valued at its booking and at the day's rate."""

    pledge: str
    nation: str
    day: date
    currency: str
    open: int  # in the pledge's currency
    booked: int  # in the fund's currency, at the pledge's rate
    revalued: int  # in the fund's currency, at the day's rate

    @property
    def difference(self) -> int:
        return self.revalued - self.booked


def revaluation_lines(*, actor, fund: TrustFund, day: date) -> list[RevaluationLine]:
    """The fund's pledges in another currency than its own still open at the end of ``day``
    (less what was paid against them in their currency), each at the rate of its booking and at
    the rate of ``day`` (the newest on or before it; a missing rate is refused in words).
    For who may change the fund, as the revaluation it prepares."""
    access.require_view(actor, fund)
    access.require_change(actor, fund)
    require_day_of_record(day)  # a day the mission has rates for, never ahead of today
    pledges = (
        Pledge.objects.filter(fund=fund, day__lte=day, entry__reversed_by__isnull=True)
        .exclude(currency=fund.currency)
        .select_related("nation")
        .order_by("day", "pk")
    )
    pledges = list(pledges)
    if not pledges:
        return []
    paid = dict(
        Contribution.objects.filter(
            pledge__in=pledges, day__lte=day, entry__reversed_by__isnull=True
        )
        .filter(currency=F("pledge__currency"))
        .values_list("pledge_id")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    table = rates(day)
    lines = []
    for pledge in pledges:
        left = pledge.amount_minor - paid.get(pledge.pk, 0)
        if left <= 0:
            continue
        booked = share_half_even(pledge.fund_amount_minor, left, pledge.amount_minor)
        revalued = convert_minor(left, pledge.currency, fund.currency, day, table)
        lines.append(
            RevaluationLine(
                pledge.entry_id,
                pledge.nation.iso3,
                pledge.day,
                pledge.currency,
                left,
                booked,
                revalued,
            )
        )
    return lines


def nation_names(*, actor) -> dict[str, str]:
    """The nations the actor may read, by ISO3, named in the reader's language."""
    rows = core_selectors.nations_readable(actor=actor).annotate(shown=local("name"))
    return dict(rows.values_list("iso3", "shown"))


def revaluations(*, actor, fund: TrustFund) -> QuerySet[LedgerEntry]:
    """The fund's revaluations, the newest first, with the reversal that replaced each."""
    access.require_view(actor, fund)
    return (
        LedgerEntry.objects.filter(fund=fund, kind=EntryKind.REVALUATION)
        .select_related("reversed_by")
        .annotate(moved=Sum("transfers__amount"))
        .order_by("-value_date", "-recorded_at")
    )


# --- bank reconciliation ----------------------------------------------------------------------


def cash_movements(
    fund: TrustFund, first: date | None, last: date | None, *, unmatched=False, entries=None
) -> list:
    """The fund's entries that moved cash (``bank.Movement``: + in, − out), dated between
    ``first`` and ``last``; only those no bank line is matched to when ``unmatched``."""
    rows = LedgerTransfer.objects.filter(fund=fund).exclude(phase__in=["pending", "void"])
    rows = rows.filter(Q(debit__kind=postings.CASH) | Q(credit__kind=postings.CASH))
    if first is not None:
        rows = rows.filter(entry__value_date__gte=first)
    if last is not None:
        rows = rows.filter(entry__value_date__lte=last)
    if entries is not None:
        rows = rows.filter(entry_id__in=list(entries))
    if unmatched:
        rows = rows.filter(entry__bank_line__isnull=True)
    moved: dict[str, list] = {}
    values = rows.values_list(
        "entry_id",
        "entry__value_date",
        "entry__description",
        "debit__kind",
        "amount",
    ).order_by("entry__value_date", "entry_id")
    for entry_id, day, description, debit_kind, amount in values:
        sign = 1 if debit_kind == postings.CASH else -1
        row = moved.setdefault(entry_id, [day, description, 0])
        row[2] += sign * amount
    return [
        bank.Movement(entry_id, _caller_key(entry_id), day, amount, fund.currency, description)
        for entry_id, (day, description, amount) in moved.items()
        if amount
    ]


def _caller_key(entry_id: str) -> str:
    """The caller's own idempotency key inside an entry id ("u42~HMTF-0042" → "HMTF-0042"), the
    reference a bank transfer is most likely to carry."""
    scope, separator, key = entry_id.partition("~")
    return key if separator and scope[:1] == "u" and scope[1:].isdigit() else entry_id


@dataclass(frozen=True)
class Reconciliation:
    statements: list
    lines: list
    unmatched_lines: list
    unmatched_entries: list
    candidates: dict  # line id -> [(entry id, label)] for a match by hand


def bank_statement_is_the_funds(*, fund: TrustFund, statement_id) -> bool:
    """Whether a statement was imported into this fund's account (an import task's result is
    shown on its own fund's page only)."""
    return BankStatement.objects.filter(fund=fund, pk=statement_id).exists()


def reconciliation(*, actor, fund: TrustFund) -> Reconciliation:
    """The fund's bank statements and their lines with their matches, what is unmatched on
    either side (lines without an entry; entries that moved cash within the statements' days
    without a line) and, for each unmatched line, the entries of its amount it may be matched
    to by hand. For who may change the fund (its bank account is not public)."""
    access.require_view(actor, fund)
    access.require_change(actor, fund)
    statements = list(
        BankStatement.objects.filter(fund=fund)
        .annotate(count=Count("lines"))
        .order_by("-first_day", "-pk")
    )
    lines = list(
        BankLine.objects.filter(fund=fund)
        .select_related("statement", "entry")
        .order_by("day", "statement_id", "line")
    )
    unmatched_lines = [line for line in lines if line.status == MatchStatus.UNMATCHED]
    unmatched_entries, candidates = [], {}
    if statements:
        first = min(s.first_day for s in statements)
        last = max(s.last_day for s in statements)
        unmatched_entries = cash_movements(fund, first, last, unmatched=True)
        if unmatched_lines:
            free = cash_movements(fund, None, None, unmatched=True)
            for line in unmatched_lines:
                candidates[line.pk] = [m for m in free if m.amount == line.amount_minor][:50]
    return Reconciliation(statements, lines, unmatched_lines, unmatched_entries, candidates)


def bank_line_get(*, actor, fund: TrustFund, pk: int):
    """One line of the fund's bank statements, for who may change the fund."""
    access.require_view(actor, fund)
    access.require_change(actor, fund)
    line = BankLine.objects.filter(fund=fund, pk=pk).select_related("fund", "entry").first()
    if line is None:
        raise NotFound(_("No bank statement line %(id)s in this fund.") % {"id": pk})
    return line


# --- what the funds report of the joint actions they serve (accord.council.measures) ----------


def joint_action_figures(*, actor, joint_actions) -> dict:
    """Per joint action: the money its trust funds disbursed, one figure per fund currency (in
    its minor units), counting only the disbursements of funds the actor may read.

    Registered with the council's measures from ``FundsConfig.ready``."""
    ids = [action.pk for action in joint_actions]
    funds = fund_list(actor=actor).filter(joint_action_id__in=ids)
    rows = (
        access.visible(Disbursement.objects.filter(fund__in=funds), actor)
        .values("fund__joint_action_id", "fund__currency")
        .annotate(total=Sum("fund_amount_minor"))
        .order_by("fund__currency")
    )
    found: dict[int, list] = {}
    for row in rows:
        currency = row["fund__currency"]
        found.setdefault(row["fund__joint_action_id"], []).append(
            Figure(
                key=f"funds.disbursed.{currency}",
                label=_("Money disbursed (%(currency)s)") % {"currency": currency},
                value=int(row["total"] or 0),
                currency=currency,
            )
        )
    return found


# --- other publishers' activities ---------------------------------------------------------------


def external_list(*, actor, country: str | None = None) -> QuerySet[ExternalActivity]:
    """Other publishers' activities the actor may read (of one recipient country if named)."""
    qs = access.visible(ExternalActivity.objects.all(), actor)
    if country:
        qs = qs.filter(recipient_country=country)
    return (
        qs.select_related("owner_nation")
        .order_by("reporting_org_ref", "identifier")
        .defer("raw_xml", "known", "findings")
    )


def external_get(*, actor, pk: int) -> ExternalActivity:
    activity = ExternalActivity.objects.filter(pk=pk).first()
    if activity is None or not access.can_view(actor, activity):
        raise NotFound(_("No such activity."))
    return activity


def external_beside(*, actor, funds) -> QuerySet[ExternalActivity]:
    """Other publishers' activities for the recipient countries of the given funds."""
    countries = {fund.recipient_country for fund in funds if fund.recipient_country}
    return external_list(actor=actor).filter(recipient_country__in=countries)


def external_totals(activity: ExternalActivity) -> list[tuple[str, str, Decimal]]:
    """The activity's transactions added up by type and currency: (type's name, currency,
    total), in the order of the TransactionType codelist."""
    sums: dict[tuple[str, str], Decimal] = {}
    for t in activity.known.get("transactions", []):
        try:
            amount = Decimal(t.get("amount") or "0")
        except InvalidOperation:
            continue
        key = (t.get("type") or "", t.get("currency") or "")
        sums[key] = sums.get(key, Decimal(0)) + amount
    names = iati.codelist("TransactionType")
    order = {code: i for i, code in enumerate(names)}
    return [
        (names.get(code, code), currency, total)
        for (code, currency), total in sorted(
            sums.items(), key=lambda i: (order.get(i[0][0], 99), i[0][1])
        )
    ]
