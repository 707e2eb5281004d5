"""Every write to the trust funds: one audited function per use case.

Each checks the access policy, refuses bad input with a stable code (nothing posted, the attempt
audited by ``audited``), posts one balanced ledger entry through ``accord.funds.ledger`` under the
caller's idempotency key, and records what it did in the audit trail in the same transaction.
A retry with the same key and content returns the first result and posts nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.audit.services import (
    audit_record,
    audited,
    audited_action,
    field_changes,
    refusals_audited,
    snapshot,
)
from accord.core import selectors as core_selectors
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.funds import (
    descriptions,
    iati,
    iati_rules,
    ledger,
    posting,
    posting_batch,
    selectors,
)
from accord.funds.engine import bank, ecb, postings
from accord.funds.engine.currency import RATE_MAX_AGE, Rate, convert_minor, share_half_even
from accord.funds.engine.ledger import LedgerError
from accord.funds.inputs import DonorPayment, FundValues
from accord.funds.models import (
    BankLine,
    BankStatement,
    Commitment,
    ConditionStatus,
    Contribution,
    ContributionKind,
    Disbursement,
    DonorCondition,
    EntryKind,
    ExchangeRate,
    ExternalActivity,
    FundStatus,
    LedgerEntry,
    LedgerPending,
    MatchStatus,
    Pledge,
    Refund,
    TrustFund,
)
from accord.l10n import format_day
from accord.markings import Role
from accord.money import (
    DEFAULT_LOCALE,
    ISO_4217,
    exponent,
    format_money,
    from_minor,
    positive_minor,
)
from accord.plausible import MISSION_HISTORY_STARTS, require_day_of_record, today


def _minor(amount, currency: str) -> int:
    """A ledger amount in minor units; a ``MoneyError`` (a ValidationFailed) names its field."""
    return positive_minor(amount, currency)


def rates(currencies=None, day: date | None = None) -> list[Rate]:
    """The rates a conversion may use: of ``currencies`` (every one if None), in the year up to
    ``day`` (all if None) — the ECB's history holds a rate per currency and working day."""
    rows = ExchangeRate.objects.only("currency", "day", "per_eur")
    if currencies is not None:
        rows = rows.filter(currency__in=list(currencies))
    if day is not None:
        rows = rows.filter(day__lte=day, day__gte=day - RATE_MAX_AGE)
    return [Rate(r.currency, r.day, r.per_eur) for r in rows]


def _in_fund_currency(minor: int, currency: str, fund: TrustFund, day: date) -> int:
    if currency == fund.currency:
        return minor
    # A missing rate is a MoneyError on the "day" field.
    table = rates((currency, fund.currency), day)
    converted = convert_minor(minor, currency, fund.currency, day, table)
    if converted <= 0:
        raise ValidationFailed(
            _("The amount is too small to register in the fund's currency."),
            code=Code.AMOUNT_NOT_POSITIVE,
            errors={"amount": [_("too small")]},
        )
    return converted


def _require_open(fund: TrustFund) -> None:
    if fund.status != FundStatus.OPEN:
        raise Conflict(
            _(
                "%(fund)s is closed: it takes no new pledges, contributions or commitments. "
                "Reopen it first if money must still move."
            )
            % {"fund": fund.local_name},
            code=Code.FUND_CLOSED,
        )


def _scope(fund: TrustFund, **extra) -> dict:
    return {"marking": fund.marking, "owner_nation_id": fund.owner_nation_id, **extra}


def _check_currency(currency: str) -> None:
    exponent(currency)  # unknown_currency on the "currency" field


def _posting_error(error: LedgerError) -> Conflict:
    # The engine's message is in the reader's language already (``accord.l10n.gettext``).
    return Conflict(str(error), code=error.code)


# --- funds ------------------------------------------------------------------------------------


@audited("fund.create")
def fund_create(*, actor, values: FundValues) -> TrustFund:
    """Open a trust fund with its ledger accounts (fund managers and administrators); it is
    marked ``TrustFund.default_marking`` unless the values say otherwise."""
    _check_currency(values.currency if values.has("currency") else "")
    values = replace(values, marking=values.marking or TrustFund.default_marking)
    fund = record_create(actor=actor, model=TrustFund, data=values.given(), action=audited_action())
    ledger.accounts_open(fund, fund.donors.all())
    return fund


@audited("fund.update")
def fund_update(*, actor, fund: TrustFund, values: FundValues, expected_version: int) -> TrustFund:
    """Change a fund's description, status (open, closed) or donors; its currency is fixed
    once money has moved."""
    if values.has("currency"):
        _check_currency(values.currency)
        if values.currency != fund.currency and LedgerEntry.objects.filter(fund=fund).exists():
            raise Conflict(
                _("The fund's currency cannot change once entries are posted in it."),
                code=Code.CURRENCY_LOCKED,
            )
    fund = record_update(
        actor=actor,
        obj=fund,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )
    ledger.accounts_open(fund, fund.donors.all())
    return fund


def _require_rate_keeper(actor) -> None:
    p = access.principal_of(actor)
    if not p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER):
        raise PermissionDenied(_("Only fund managers and administrators record exchange rates."))


@audited("exchange_rate.set")
def exchange_rate_set(
    *, actor, currency: str, day: date, per_eur: Decimal, source: str = "", estimated=False
) -> ExchangeRate:
    """Record how many units of ``currency`` one euro bought on ``day``."""
    _require_rate_keeper(actor)
    _check_currency(currency)
    per_eur = Decimal(per_eur)
    if (
        currency == "EUR"
        or not per_eur.is_finite()
        or per_eur <= 0
        or per_eur >= 10**9
        or per_eur != per_eur.quantize(Decimal("1e-8"))
    ):
        raise ValidationFailed(
            _(
                "Give a positive rate (below a billion, at most 8 decimals) for a currency other "
                "than EUR, in units per one euro."
            ),
            code=Code.RATE_INVALID,
            errors={"per_eur": [_("a positive number of units per euro")]},
        )
    rate, _created = ExchangeRate.objects.update_or_create(
        currency=currency,
        day=day,
        defaults={"per_eur": per_eur, "source": source, "estimated": estimated},
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        object_label="funds.exchangerate",
        changes={"currency": currency, "day": str(day), "per_eur": str(per_eur)},
    )
    return rate


# The day's file is about 1 kB, the history since 1999 about 2 MB.
RATES_MAX = 8 * 1024 * 1024
ECB_SOURCE = "ECB euro foreign exchange reference rates"


def exchange_rates_import_checked(*, actor, data: bytes) -> None:
    """What refuses an ECB rates file before it is read: who asks, and its size."""
    _require_rate_keeper(actor)
    if len(data) > RATES_MAX:
        raise ValidationFailed(
            _("The file is larger than Accord accepts (8 MB): the ECB's history is about 2 MB."),
            code=Code.RATES_FILE_INVALID,
            errors={"file": [_("too large")]},
        )


@audited("exchange_rate.import")
def exchange_rates_import(*, actor, data: bytes) -> dict:
    """Keep the rates of an ECB reference-rate CSV file (the day's or the history), all or
    nothing: a file with any bad line keeps none and names the lines. A rate already kept for a
    currency and day is replaced by the ECB's; currencies Accord keeps no books in, and days
    before the mission's history, are left out and said so."""
    exchange_rates_import_checked(actor=actor, data=data)
    found = ecb.read_ecb_csv(
        data, known=ISO_4217, first_day=MISSION_HISTORY_STARTS, last_day=today()
    )
    if found.problems:
        problems = list(found.problems)
        if found.more_problems:
            problems.append(_("and %(count)s more.") % {"count": found.more_problems})
        raise ValidationFailed(
            _("Nothing was kept: the file has lines Accord cannot read. %(problems)s")
            % {"problems": " ".join(problems)},
            code=Code.RATES_FILE_INVALID,
            errors={"file": problems},
        )
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(currency=code, day=day, per_eur=rate, source=ECB_SOURCE, estimated=False)
            for code, day, rate in found.rates
        ],
        update_conflicts=True,
        unique_fields=["currency", "day"],
        update_fields=["per_eur", "source", "estimated"],
        batch_size=2000,
    )
    days = found.days
    result = {
        "rates": len(found.rates),
        "days": len(days),
        "first_day": days[0],
        "last_day": days[-1],
        "currencies": sorted({code for code, _day, _rate in found.rates}),
        "left_out_currencies": found.left_out_currencies,
        "days_before_history": found.days_before,
    }
    audit_record(
        actor=actor,
        action=audited_action(),
        object_label="funds.exchangerate",
        changes={
            **result,
            "first_day": str(result["first_day"]),
            "last_day": str(result["last_day"]),
        },
    )
    return result


# --- donors' conditions ------------------------------------------------------------------------


@audited("donor_condition.record")
def condition_record(
    *,
    actor,
    fund: TrustFund,
    nation,
    text: str,
    due: date | None = None,
    pledge=None,
    estimated: bool = False,
) -> DonorCondition:
    """A condition a donor set on its money to the fund, perhaps on one of its pledges, and the
    day it falls due (fund managers and administrators)."""
    access.require_view(actor, fund)
    if pledge is not None and (pledge.fund_id != fund.pk or pledge.nation_id != nation.pk):
        raise ValidationFailed(
            _(
                "The pledge belongs to another fund or donor: choose one of this donor's pledges "
                "to this fund."
            ),
            code=Code.PLEDGE_MISMATCH,
            errors={"pledge": [_("another donor's or fund's pledge")]},
        )
    data = {
        "fund": fund,
        "nation": nation,
        "pledge": pledge,
        "text": (text or "").strip(),
        "due": due,
        "estimated": estimated,
        "marking": fund.marking,
        "owner_nation_id": fund.owner_nation_id,
    }
    return record_create(actor=actor, model=DonorCondition, data=data, action=audited_action())


@audited("donor_condition.assess")
def condition_assess(
    *,
    actor,
    condition: DonorCondition,
    status: str,
    evidence: str = "",
    day: date | None = None,
    expected_version: int,
) -> DonorCondition:
    """The fund manager's assessment of a condition: met (on evidence) or not met, on a day of
    record (today unless given), signed with their name; back to not assessed clears it."""
    if status not in ConditionStatus.values:
        raise ValidationFailed(
            _("A condition is met, not met or not assessed yet: choose one."),
            code=Code.CONDITION_STATUS_INVALID,
            errors={"status": [_("met, not met or not assessed yet")]},
        )
    evidence = (evidence or "").strip()
    if status == ConditionStatus.MET and not evidence:
        raise ValidationFailed(
            _("Say what shows the condition is met (a report, a letter, an audit)."),
            code=Code.CONDITION_EVIDENCE_MISSING,
            errors={"evidence": [_("what shows it is met")]},
        )
    assessed = status != ConditionStatus.PENDING
    day = (day or today()) if assessed else None
    require_day_of_record(day)
    data = {
        "status": status,
        "evidence": evidence,
        "assessed_on": day,
        "assessed_by": access.principal_of(actor).username if assessed else "",
    }
    return record_update(
        actor=actor,
        obj=condition,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


# --- the money's life -------------------------------------------------------------------------


def _record(actor, model, fields: dict, action: str):
    obj = model.objects.create(**fields)
    audit_record(actor=actor, action=action, obj=obj, changes=field_changes({}, snapshot(obj)))
    return obj


@audited("pledge.record")
def pledge_record(
    *,
    actor,
    fund: TrustFund,
    nation,
    amount,
    currency: str,
    day: date,
    period_start: date | None = None,
    period_end: date | None = None,
    conditions: str = "",
    idempotency_key: str | None = None,
    estimated: bool = False,
    note: str = "",
) -> Pledge:
    """A nation promises money to a fund (its delegation, or the fund manager for it)."""
    access.require_view(actor, fund)
    access.require_create(actor, Pledge, _scope(fund, nation_id=nation.pk))
    _require_open(fund)
    minor = _minor(amount, currency)
    if period_start and period_end and period_end < period_start:
        raise ValidationFailed(
            _("The pledge's period ends before it starts."),
            code=Code.PERIOD_INVALID,
            errors={"period_end": [_("after the start")]},
        )
    fund_minor = _in_fund_currency(minor, currency, fund, day)
    key = ledger.entry_key(actor, idempotency_key)
    content = {
        "nation": nation.iso3,
        "amount": minor,
        "currency": currency,
        "day": day,
        "period": [period_start, period_end],
        "conditions": conditions,
    }
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.PLEDGE,
        day=day,
        content=content,
        build=lambda k: postings.pledge(k, nation.iso3, fund_minor),
        nations=[nation],
        description=descriptions.written(descriptions.PLEDGE, party=nation.name),
        estimated=estimated,
    )
    if not posted.created:
        return Pledge.objects.get(entry=posted.entry)
    fund.donors.add(nation)
    return _record(
        actor,
        Pledge,
        {
            **_scope(fund),
            "fund": fund,
            "nation": nation,
            "amount_minor": minor,
            "currency": currency,
            "fund_amount_minor": fund_minor,
            "day": day,
            "period_start": period_start,
            "period_end": period_end,
            "conditions": conditions,
            "entry": posted.entry,
            "estimated": estimated,
            "note": note,
        },
        audited_action(),
    )


def _contribution_allowed(actor, fund: TrustFund, day: date, kind: str) -> None:
    access.require_view(actor, fund)
    access.require_create(actor, Contribution, _scope(fund))
    require_day_of_record(day)  # money moved on a day of record, never ahead of today
    _require_open(fund)
    if kind not in ContributionKind.values:
        raise ValidationFailed(
            _("A contribution is in cash or in kind."),
            code=Code.CONTRIBUTION_KIND_INVALID,
            errors={"kind": [_("cash or in_kind")]},
        )


# No transaction around the service: a contribution is one statement that is its own
# transaction (``posting.record_post``); one against a pledge in a foreign currency, which may
# realise an exchange difference, opens its own below.
@refusals_audited("contribution.record")
def contribution_record(
    *,
    actor,
    fund: TrustFund,
    nation,
    amount,
    currency: str,
    day: date,
    kind: str = ContributionKind.CASH,
    pledge: Pledge | None = None,
    idempotency_key: str | None = None,
    estimated: bool = False,
    note: str = "",
) -> Contribution:
    """Money received from a nation (against a pledge or not: partial, late or over-paid), or
    goods and services received in kind at an agreed value."""
    _contribution_allowed(actor, fund, day, kind)
    if pledge is not None and (pledge.fund_id != fund.pk or pledge.nation_id != nation.pk):
        raise ValidationFailed(
            _("That pledge is another nation's or another fund's."),
            code=Code.PLEDGE_MISMATCH,
            errors={"pledge": [_("a pledge of this nation to this fund")]},
        )
    if pledge is None or not _realises_difference(fund, pledge, currency, kind):
        # No exchange difference to realise against a pledge: the entry, the record and its
        # audit entry in one statement (``accord.funds.posting``).
        return posting.record_post(
            actor=actor,
            action=audited_action(),
            fund=fund,
            posting=_contribution_posting(
                actor,
                fund,
                nation,
                amount,
                currency,
                day,
                kind,
                idempotency_key,
                estimated,
                note,
                pledge=pledge,
            ),
        )[0]
    with transaction.atomic():
        return _contribution_against_pledge(
            actor,
            fund,
            nation,
            amount,
            currency,
            day,
            kind,
            pledge,
            idempotency_key,
            estimated,
            note,
        )


def _contribution_against_pledge(
    actor, fund, nation, amount, currency, day, kind, pledge, idempotency_key, estimated, note
) -> Contribution:
    minor = _minor(amount, currency)
    fund_minor = _in_fund_currency(minor, currency, fund, day)
    key = ledger.entry_key(actor, idempotency_key)
    content = _contribution_content(nation, minor, currency, day, kind, pledge)
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.CONTRIBUTION,
        day=day,
        content=content,
        build=lambda k: postings.contribution(
            k, nation.iso3, fund_minor, in_kind=kind == ContributionKind.IN_KIND
        ),
        nations=[nation],
        description=descriptions.written(
            descriptions.CONTRIBUTION_IN_KIND
            if kind == ContributionKind.IN_KIND
            else descriptions.CONTRIBUTION,
            party=nation.name,
        ),
        estimated=estimated,
    )
    if not posted.created:
        return Contribution.objects.get(entry=posted.entry)
    fund.donors.add(nation)
    if pledge is not None and kind == ContributionKind.CASH:
        _realise_difference(actor, fund, posted.entry, pledge, minor, currency, fund_minor, day)
    return _record(
        actor,
        Contribution,
        {
            **_scope(fund),
            "fund": fund,
            "nation": nation,
            "pledge": pledge,
            "kind": kind,
            "amount_minor": minor,
            "currency": currency,
            "fund_amount_minor": fund_minor,
            "day": day,
            "entry": posted.entry,
            "estimated": estimated,
            "note": note,
        },
        audited_action(),
    )


def _realises_difference(fund: TrustFund, pledge: Pledge, currency: str, kind: str) -> bool:
    """Whether a contribution against ``pledge`` may realise an exchange difference
    (``_realise_difference``): cash paid in the currency of a pledge in a foreign currency."""
    return (
        kind == ContributionKind.CASH
        and pledge.currency != fund.currency
        and currency == pledge.currency
    )


def _contribution_content(nation, minor: int, currency: str, day: date, kind: str, pledge) -> dict:
    """What a contribution's fingerprint covers: a retry under its key must say the same."""
    return {
        "nation": nation.iso3,
        "amount": minor,
        "currency": currency,
        "day": day,
        "kind": kind,
        "pledge": pledge and pledge.pk,
    }


def _contribution_posting(
    actor, fund, nation, amount, currency, day, kind, idempotency_key, estimated, note, pledge=None
) -> posting.Posting:
    """A contribution (against ``pledge``, one that realises no exchange difference, or none),
    checked, as ``posting.record_post`` writes it."""
    minor = _minor(amount, currency)
    fund_minor = _in_fund_currency(minor, currency, fund, day)
    key = ledger.entry_key(actor, idempotency_key)
    content = _contribution_content(nation, minor, currency, day, kind, pledge)
    in_kind = kind == ContributionKind.IN_KIND
    entry = ledger.entry_new(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.CONTRIBUTION,
        day=day,
        content=content,
        description=descriptions.written(
            descriptions.CONTRIBUTION_IN_KIND if in_kind else descriptions.CONTRIBUTION,
            party=nation.name,
        ),
        estimated=estimated,
    )
    record = Contribution(
        **_scope(fund),
        fund=fund,
        nation=nation,
        pledge=pledge,
        kind=kind,
        amount_minor=minor,
        currency=currency,
        fund_amount_minor=fund_minor,
        day=day,
        entry=entry,
        estimated=estimated,
        note=note,
    )
    transfers = postings.contribution(key, nation.iso3, fund_minor, in_kind=in_kind)
    return posting.Posting(entry=entry, transfers=transfers, record=record, nation=nation)


@audited("commitment.record")
def commitment_record(
    *,
    actor,
    fund: TrustFund,
    amount,
    day: date,
    payee: str,
    budget_line=None,
    idempotency_key: str | None = None,
    estimated: bool = False,
    note: str = "",
) -> Commitment:
    """Reserve money of the fund for a payee or budget line; refused beyond what is available."""
    access.require_view(actor, fund)
    access.require_create(actor, Commitment, _scope(fund))
    return _commit(
        actor,
        fund,
        amount=amount,
        day=day,
        payee=payee,
        budget_line=budget_line,
        idempotency_key=idempotency_key,
        estimated=estimated,
        note=note,
    )


def _commit(
    actor, fund, *, amount, day, payee, budget_line, idempotency_key, estimated, note
) -> Commitment:
    _require_open(fund)
    payee = _payee(payee)
    minor = _minor(amount, fund.currency)
    key = ledger.entry_key(actor, idempotency_key)
    content = {"amount": minor, "day": day, "payee": payee, "line": budget_line and budget_line.pk}
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.COMMITMENT,
        day=day,
        content=content,
        build=lambda k: postings.commitment(k, minor),
        description=descriptions.written(descriptions.COMMITMENT, party=payee),
        estimated=estimated,
    )
    if not posted.created:
        return Commitment.objects.get(entry=posted.entry)
    return _record(
        actor,
        Commitment,
        {
            **_scope(fund),
            "fund": fund,
            "payee": payee,
            "budget_line": budget_line,
            "amount_minor": minor,
            "currency": fund.currency,
            "fund_amount_minor": minor,
            "day": day,
            "entry": posted.entry,
            "estimated": estimated,
            "note": note,
        },
        audited_action(),
    )


def _payee(payee: str) -> str:
    payee = (payee or "").strip()
    if not payee:
        raise ValidationFailed(
            _("Name the implementer, vendor or project the money goes to."),
            code=Code.PAYEE_MISSING,
            errors={"payee": [_("required")]},
        )
    return payee[:200]


@audited("disbursement.record")
def disbursement_record(
    *,
    actor,
    fund: TrustFund,
    amount,
    day: date,
    payee: str = "",
    commitment: Commitment | None = None,
    budget_line=None,
    idempotency_key: str | None = None,
    estimated: bool = False,
    note: str = "",
) -> Disbursement:
    """Pay money out: posting a commitment in full or part, or directly from what is available.
    A payment beyond the commitment or the available balance is refused with the amount left."""
    access.require_view(actor, fund)
    access.require_create(actor, Disbursement, _scope(fund))
    require_day_of_record(day)  # money moved on a day of record, never ahead of today
    return _disburse(
        actor,
        fund,
        amount=amount,
        day=day,
        payee=payee,
        commitment=commitment,
        budget_line=budget_line,
        idempotency_key=idempotency_key,
        estimated=estimated,
        note=note,
    )


def _disburse(
    actor, fund, *, amount, day, payee, commitment, budget_line, idempotency_key, estimated, note
) -> Disbursement:
    if commitment is not None and commitment.fund_id != fund.pk:
        raise ValidationFailed(
            _("That commitment belongs to another fund."),
            code=Code.COMMITMENT_MISMATCH,
            errors={"commitment": [_("a commitment of this fund")]},
        )
    if commitment is not None:
        payee = payee or commitment.payee
        budget_line = budget_line or commitment.budget_line
    payee = _payee(payee)
    minor = _minor(amount, fund.currency)
    key = ledger.entry_key(actor, idempotency_key)
    pending_id = commitment.entry_id if commitment is not None else None
    content = {
        "amount": minor,
        "day": day,
        "payee": payee,
        "commitment": pending_id,
        "line": budget_line and budget_line.pk,
    }
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.DISBURSEMENT,
        day=day,
        content=content,
        build=lambda k: postings.disbursement(k, minor, pending_id=pending_id),
        description=descriptions.written(descriptions.DISBURSEMENT, party=payee),
        estimated=estimated,
    )
    if not posted.created:
        return Disbursement.objects.get(entry=posted.entry)
    return _record(
        actor,
        Disbursement,
        {
            **_scope(fund),
            "fund": fund,
            "payee": payee,
            "commitment": commitment,
            "budget_line": budget_line,
            "amount_minor": minor,
            "currency": fund.currency,
            "fund_amount_minor": minor,
            "day": day,
            "entry": posted.entry,
            "estimated": estimated,
            "note": note,
        },
        audited_action(),
    )


@audited("commitment.cancel")
def commitment_cancel(
    *, actor, commitment: Commitment, day: date, idempotency_key: str | None = None
) -> LedgerEntry:
    """Release what is left of a commitment (voiding its pending transfer)."""
    access.require_change(actor, commitment)
    return _release(actor, commitment, day=day, idempotency_key=idempotency_key)


def _release(actor, commitment: Commitment, *, day: date, idempotency_key) -> LedgerEntry:
    fund = commitment.fund
    left = (
        LedgerPending.objects.filter(transfer_id=commitment.entry_id)
        .values_list("remaining", flat=True)
        .first()
    )
    key = ledger.entry_key(actor, idempotency_key)
    existing = LedgerEntry.objects.filter(pk=key).first()
    if existing is None and not left:
        raise Conflict(
            _("Nothing is left to cancel on that commitment: it is fully disbursed or cancelled."),
            code=Code.COMMITMENT_CLOSED,
        )
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.CANCELLATION,
        day=day,
        content={"commitment": commitment.entry_id, "day": day},
        build=lambda k: postings.cancellation(k, commitment.entry_id, left),
        description=descriptions.written(
            descriptions.CANCELLATION, entry=commitment.entry_id, party=commitment.payee
        ),
    )
    if posted.created:
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=commitment,
            # The trail is written once for every reader, so not in the actor's language.
            changes={
                "released": format_money(left, fund.currency, locale=DEFAULT_LOCALE),
                "entry": key,
            },
        )
    return posted.entry


# --- purchases by other modules (the fleet's parts orders) ---------------------------------------


def _require_purchase(actor, fund: TrustFund) -> None:
    access.require_view(actor, fund)
    if not access.may(actor, "purchase", TrustFund, fund):
        raise PermissionDenied(
            _(
                "You may not buy against %(fund)s: its fund managers, maintenance officers or "
                "trainers do."
            )
            % {"fund": fund.local_name}
        )


@audited("purchase.commit")
def purchase_commit(
    *,
    actor,
    fund: TrustFund,
    amount_minor: int,
    day: date,
    payee: str,
    note: str = "",
    idempotency_key: str | None = None,
    estimated: bool = False,
) -> Commitment:
    """Reserve money of the fund for a purchase another module makes (a parts order): a pending
    transfer, refused beyond what is available (``insufficient_funds``). Taken by those the fund
    lets buy against it (its ``purchase`` action), not only its managers; the fund's statement
    shows it as a commitment to ``payee``, with ``note`` saying what was bought."""
    _require_purchase(actor, fund)
    return _commit(
        actor,
        fund,
        amount=from_minor(amount_minor, fund.currency),
        day=day,
        payee=payee,
        budget_line=None,
        idempotency_key=idempotency_key,
        estimated=estimated,
        note=note,
    )


@audited("purchase.settle")
def purchase_settle(
    *, actor, commitment: Commitment, day: date, idempotency_key: str | None = None
) -> Disbursement:
    """Pay a purchase on delivery: post its commitment's pending transfer in full."""
    fund = commitment.fund
    _require_purchase(actor, fund)
    left = (
        LedgerPending.objects.filter(transfer_id=commitment.entry_id)
        .values_list("remaining", flat=True)
        .first()
    )
    if not left:
        raise Conflict(
            _("Nothing is left to pay on that commitment: it is fully disbursed or cancelled."),
            code=Code.COMMITMENT_CLOSED,
        )
    return _disburse(
        actor,
        fund,
        amount=from_minor(left, fund.currency),
        day=day,
        payee=commitment.payee,
        commitment=commitment,
        budget_line=None,
        idempotency_key=idempotency_key,
        estimated=commitment.estimated,
        note=commitment.note,
    )


@audited("purchase.cancel")
def purchase_cancel(
    *, actor, commitment: Commitment, day: date, idempotency_key: str | None = None
) -> LedgerEntry:
    """Call a purchase off: void what is left of its commitment."""
    _require_purchase(actor, commitment.fund)
    return _release(actor, commitment, day=day, idempotency_key=idempotency_key)


# No transaction around the service: the refund is one statement that is its own transaction
# (``posting.record_post``).
@refusals_audited("refund.record")
def refund_record(
    *,
    actor,
    fund: TrustFund,
    nation,
    amount,
    day: date,
    idempotency_key: str | None = None,
    note: str = "",
) -> Refund:
    """Pay money back to a donor, never more than it paid in nor than is available."""
    return posting.record_post(
        actor=actor,
        action=audited_action(),
        fund=fund,
        posting=_refund_posting(actor, fund, nation, amount, day, idempotency_key, note),
    )[0]


def _refund_posting(actor, fund, nation, amount, day, idempotency_key, note) -> posting.Posting:
    """A refund, checked, as ``posting.record_post`` writes it."""
    access.require_view(actor, fund)
    access.require_create(actor, Refund, _scope(fund))
    require_day_of_record(day)  # money moved on a day of record, never ahead of today
    minor = _minor(amount, fund.currency)
    key = ledger.entry_key(actor, idempotency_key)
    entry = ledger.entry_new(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.REFUND,
        day=day,
        content={"nation": nation.iso3, "amount": minor, "day": day},
        description=descriptions.written(descriptions.REFUND, party=nation.name),
    )
    record = Refund(
        **_scope(fund),
        fund=fund,
        nation=nation,
        amount_minor=minor,
        currency=fund.currency,
        fund_amount_minor=minor,
        day=day,
        entry=entry,
        note=note,
    )
    transfers = postings.refund(key, nation.iso3, minor)
    return posting.Posting(entry=entry, transfers=transfers, record=record, nation=nation)


@audited("donor_payments.record")
def donor_payments_record(*, actor, fund: TrustFund, payments: list[DonorPayment]) -> list:
    """Record a batch of a fund's contributions and refunds in one transaction, all or nothing
    (an import's donor lines): each line is checked as its own service checks it, gets the
    audit entry its own service writes (``contribution.record``, ``refund.record``), and a
    line already posted under its key is not posted again. A refused line (a refund beyond what
    is available, say) refuses the whole batch, audited once as ``donor_payments.record``.
    Returns the contributions and refunds in the order of ``payments``."""
    lines = []
    allowed: set[date] = set()
    for payment in payments:
        if payment.refund:
            lines.append(
                (
                    refund_record.audit_action,
                    _refund_posting(
                        actor,
                        fund,
                        payment.nation,
                        payment.amount,
                        payment.day,
                        payment.idempotency_key,
                        payment.note,
                    ),
                )
            )
            continue
        if payment.day not in allowed:
            # The checks depend on the actor, the fund and the day only: once per day of the batch.
            _contribution_allowed(actor, fund, payment.day, ContributionKind.CASH)
            allowed.add(payment.day)
        contribution = _contribution_posting(
            actor,
            fund,
            payment.nation,
            payment.amount,
            payment.currency or fund.currency,
            payment.day,
            ContributionKind.CASH,
            payment.idempotency_key,
            payment.estimated,
            payment.note,
        )
        lines.append((contribution_record.audit_action, contribution))
    return [
        record
        for record, _created in posting_batch.records_post(actor=actor, fund=fund, lines=lines)
    ]


@audited("entry.reverse")
def entry_reverse(
    *,
    actor,
    fund: TrustFund,
    entry: LedgerEntry,
    day: date,
    reason: str,
    idempotency_key: str | None = None,
) -> LedgerEntry:
    """Correct a posted entry the only way the ledger allows: an entry that undoes it."""
    access.require_change(actor, fund)
    if entry.fund_id != fund.pk:
        raise ValidationFailed(_("That entry belongs to another fund."), code=Code.ENTRY_MISMATCH)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Say why the entry is reversed."),
            code=Code.REASON_MISSING,
            errors={"reason": [_("required")]},
        )
    if entry.kind == EntryKind.REVERSAL:
        raise Conflict(_("A reversal cannot itself be reversed."), code=Code.NOT_REVERSIBLE)
    key = ledger.entry_key(actor, idempotency_key)
    original = ledger.transfers_of(entry)
    remaining = ledger.remaining_of(t.id for t in original)
    existing = LedgerEntry.objects.filter(pk=key).first()
    if existing is None and LedgerEntry.objects.filter(reverses=entry).exists():
        raise Conflict(_("That entry has been reversed already."), code=Code.ALREADY_REVERSED)
    if existing is None:
        # A contribution's realised exchange difference goes with it, undone first.
        _reverse_companion(actor, fund, entry, key=key, day=day, reason=reason)

    def build(k):
        try:
            return postings.reversal(k, original, remaining)
        except LedgerError as error:
            raise _posting_error(error) from None

    nations = {
        n for t in original for n in (postings.split(t.debit)[1], postings.split(t.credit)[1])
    }
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.REVERSAL,
        day=day,
        content={"reverses": entry.pk, "day": day, "reason": reason},
        build=build,
        nations=list(fund.donors.filter(iso3__in=nations)),
        description=descriptions.written(descriptions.REVERSAL, entry=entry.pk, reason=reason),
        reverses=entry,
    )
    if posted.created:
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=fund,
            changes={"reverses": entry.pk, "entry": key, "reason": reason},
        )
    return posted.entry


def _reverse_companion(actor, fund, entry, *, key, day, reason) -> None:
    companion = LedgerEntry.objects.filter(
        pk=f"{entry.pk}{FX_SUFFIX}", fund=fund, reversed_by__isnull=True
    ).first()
    if companion is None:
        return
    original = ledger.transfers_of(companion)
    ledger.post(
        actor=actor,
        fund=fund,
        key=f"{key}{FX_SUFFIX}",
        kind=EntryKind.REVERSAL,
        day=day,
        content={"reverses": companion.pk, "day": day, "reason": reason},
        build=lambda k: postings.reversal(k, original, {}),
        nations=list(fund.donors.all()),
        description=descriptions.written(descriptions.REVERSAL, entry=companion.pk, reason=reason),
        reverses=companion,
    )


# --- IATI import ------------------------------------------------------------------------------

IATI_MAX = iati.MAX_BYTES
# The languages a fund's texts are kept in besides English (accord.names), by their IATI
# (ISO 639-1) code: a title or description in any other is refused, not dropped.
IATI_LANGUAGES = {"ru": "ru", "fa": "fa", "ps": "ps"}
IATI_PREFIX = "XM-ACCORD-"


def _refuse_import(message: str, code: Code = Code.IATI_IMPORT_UNSUPPORTED) -> ValidationFailed:
    return ValidationFailed(message, code=code, errors={"file": [message]})


def iati_import_checked(*, actor, data: bytes) -> None:
    """What refuses an IATI file before it is read: who asks, and the file's size (also checked
    in the request that queues a large file for the worker)."""
    if not access.may(actor, "import", TrustFund):
        raise PermissionDenied(_("Only fund managers and administrators import IATI files."))
    if len(data) > IATI_MAX:
        raise _refuse_import(_("The file is larger than Accord accepts."), Code.IATI_TOO_LARGE)


@audited("iati.import")
def iati_import(*, actor, data: bytes) -> dict:
    """Load funds and their transactions from an IATI 2.03 file into the ledger, all or nothing.

    The file is parsed safely and checked against the XSD and codelists by ``accord.funds.iati``;
    each transaction is posted through the same services as a user would, under its ``ref`` as
    the idempotency key. What the ledger cannot represent is refused, never dropped.
    """
    iati_import_checked(actor=actor, data=data)
    activity_set = iati.import_activities(data)
    funds, entries = [], 0
    for activity in activity_set.activities:
        fund = _import_fund(actor, activity)
        funds.append(fund.code)
        for t in activity.transactions:
            _import_transaction(actor, fund, t)
            entries += 1
        if fund.imported_status != fund.status:
            fund.refresh_from_db()
            fund_update(
                actor=actor,
                fund=fund,
                values=FundValues(status=fund.imported_status),
                expected_version=fund.version,
            )
    findings = iati_rules.check(data, today=today())
    return {"funds": funds, "entries": entries, "findings": [str(f) for f in findings]}


def _import_fund(actor, activity) -> TrustFund:
    if not activity.identifier.startswith(IATI_PREFIX):
        raise _refuse_import(
            _(
                "The activity '%(activity)s' was not published by Accord (its identifier does not "
                "start with %(prefix)s)."
            )
            % {"activity": activity.identifier, "prefix": IATI_PREFIX},
            Code.IATI_FOREIGN_ACTIVITY,
        )
    code = activity.identifier[len(IATI_PREFIX) :]
    if TrustFund.objects.filter(code=code).exists():
        raise Conflict(
            _("A fund '%(code)s' exists already; nothing was imported.") % {"code": code},
            code=Code.DUPLICATE,
        )
    donors, manager = [], None
    for org in activity.participating_orgs:
        if org.role == iati.OrganisationRole.FUNDING:
            nation = core_selectors.nation_find(iso3=org.ref or "")
            if nation is None:
                raise _refuse_import(
                    _("The funding organisation '%(ref)s' is not a nation.") % {"ref": org.ref}
                )
            donors.append(nation)
        elif org.role == iati.OrganisationRole.ACCOUNTABLE and org.name != activity.title:
            manager = core_selectors.organisation_find(name=org.name)
    start = next((d.iso_date for d in activity.dates), None)
    status = (
        FundStatus.OPEN
        if activity.status == iati.ActivityStatus.IMPLEMENTATION
        else FundStatus.CLOSED
    )
    titles, descriptions = (
        dict(activity.title_translations),
        dict(activity.description_translations),
    )
    other = sorted((set(titles) | set(descriptions)) - set(IATI_LANGUAGES))
    if other:
        raise _refuse_import(
            _(
                "The activity '%(activity)s' has texts in %(languages)s; Accord keeps Russian, "
                "Dari (fa) and Pashto (ps) beside English."
            )
            % {"activity": activity.identifier, "languages": ", ".join(other)}
        )
    texts = {}
    for lang, end in IATI_LANGUAGES.items():
        title, description = titles.get(lang, ""), descriptions.get(lang, "")
        # As the export writes them: a description that repeats the title is no purpose.
        texts[f"name_{end}"] = title
        texts[f"purpose_{end}"] = "" if description in (title, "") else description
    values = FundValues(
        code=code,
        name=activity.title,
        **texts,
        purpose="" if activity.description == activity.title else activity.description,
        currency=activity.default_currency or "",
        status=FundStatus.OPEN,
        established=start,
        sector=next((s.code for s in activity.sectors if s.vocabulary == "1"), ""),
        recipient_country=activity.recipient_country or "",
        manager=manager,
        donors=donors,
    )
    fund = fund_create(actor=actor, values=values)
    fund.imported_status = status
    return fund


def _import_transaction(actor, fund: TrustFund, t) -> None:
    amount = t.value.amount
    sign, amount = (1 if amount > 0 else -1), abs(amount)
    if t.value.currency != fund.currency:
        raise _refuse_import(_("Transaction %(ref)s: not in the fund's currency.") % {"ref": t.ref})
    nation = None
    if t.provider is not None and t.provider.ref:
        nation = core_selectors.nation_find(iso3=t.provider.ref)
    payee = t.receiver.name if t.receiver is not None else ""
    common = {"actor": actor, "fund": fund, "amount": amount, "day": t.transaction_date}
    key = t.ref or None
    kind = (t.type, sign)
    T = iati.TransactionType
    if kind == (T.INCOMING_PLEDGE, 1) and nation:
        pledge_record(**common, nation=nation, currency=fund.currency, idempotency_key=key)
    elif kind == (T.INCOMING_FUNDS, 1) and nation:
        in_kind = (t.description or "").endswith(" in kind")
        contribution_record(
            **common,
            nation=nation,
            currency=fund.currency,
            kind=ContributionKind.IN_KIND if in_kind else ContributionKind.CASH,
            idempotency_key=key,
        )
    elif kind == (T.INCOMING_FUNDS, -1) and nation:
        refund_record(**common, nation=nation, idempotency_key=key)
    elif kind == (T.OUTGOING_COMMITMENT, 1):
        commitment_record(**common, payee=payee, idempotency_key=key)
    elif kind == (T.DISBURSEMENT, 1):
        commitment = _open_commitment(fund, payee, amount, exact=False)
        disbursement_record(**common, payee=payee, commitment=commitment, idempotency_key=key)
    elif kind == (T.OUTGOING_COMMITMENT, -1):
        commitment = _open_commitment(fund, payee, amount, exact=True)
        if commitment is None:
            raise _refuse_import(
                _("Transaction %(ref)s: no open commitment it cancels.") % {"ref": t.ref}
            )
        commitment_cancel(
            actor=actor, commitment=commitment, day=t.transaction_date, idempotency_key=key
        )
    else:
        if sign < 0:
            refusal = _(
                "Transaction %(ref)s: type %(type)s with a negative value (or without its nation) "
                "has no place in Accord's ledger."
            )
        else:
            refusal = _(
                "Transaction %(ref)s: type %(type)s with a positive value (or without its nation) "
                "has no place in Accord's ledger."
            )
        raise _refuse_import(refusal % {"ref": t.ref, "type": t.type})


def _open_commitment(fund, payee: str, amount, *, exact: bool):
    minor = _minor(amount, fund.currency)
    for commitment in Commitment.objects.filter(fund=fund, payee=payee).order_by("day", "pk"):
        left = (
            LedgerPending.objects.filter(transfer_id=commitment.entry_id)
            .values_list("remaining", flat=True)
            .first()
        )
        if left and (left == minor if exact else left >= minor):
            return commitment
    return None


# --- what the MPTF Office Gateway reports beside contributions and transfers ---------------------


def require_fund_editor(actor, fund: TrustFund) -> None:
    """Who may change the fund: its managers and the administrators (a read of its books that
    is not public, such as the revaluation's detail, asks the same)."""
    access.require_view(actor, fund)
    access.require_change(actor, fund)


def _party(text: str, *, required: bool) -> str:
    text = " ".join((text or "").split())
    if required and not text:
        raise ValidationFailed(
            _("Name the implementer, payee or purpose of this entry."),
            code=Code.PAYEE_MISSING,
            errors={"party": [_("required")]},
        )
    return text[:200]


def _movement(
    actor, fund, *, kind, build, description, minor, day, content, idempotency_key, estimated
) -> LedgerEntry:
    key = ledger.entry_key(actor, idempotency_key)
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=kind,
        day=day,
        content={"amount": minor, "day": day, **content},
        build=lambda k: build(k, minor),
        description=description,
        estimated=estimated,
    )
    if posted.created:
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=fund,
            changes={
                "entry": key,
                "kind": str(kind),
                "amount": format_money(minor, fund.currency, locale=DEFAULT_LOCALE),
                "day": str(day),
                **{k: str(v) for k, v in content.items()},
            },
        )
    return posted.entry


def _movement_checks(actor, fund, day) -> None:
    require_fund_editor(actor, fund)
    require_day_of_record(day)
    _require_open(fund)


def _given_amount(fund, day, amount, percent, content) -> int:
    return _minor(amount, fund.currency)


def _fee_amount(fund, day, amount, percent, content) -> int:
    """The fee as given, or ``percent`` of the contributions received up to ``day``: then the
    fee due is that share (rounded half to even to the currency's minor unit) less the fees
    charged already."""
    if (amount is None) == (percent is None):
        raise ValidationFailed(
            _("Give the fee as an amount or as a percentage of the contributions, not both."),
            code=Code.FEE_PERCENT_INVALID,
            errors={"percent": [_("an amount or a percentage")]},
        )
    if percent is None:
        return _minor(amount, fund.currency)
    percent = Decimal(percent)
    if not percent.is_finite() or percent <= 0 or percent > 100:
        raise ValidationFailed(
            _("Give the percentage above 0 and at most 100 (1 for one per cent)."),
            code=Code.FEE_PERCENT_INVALID,
            errors={"percent": [_("above 0, at most 100")]},
        )
    statement = selectors.statement_on(fund, day)
    share = percent.as_integer_ratio()
    due = share_half_even(statement.received, share[0], share[1] * 100) - statement.fees
    if due <= 0:
        raise Conflict(
            _(
                "No fee is due: %(percent)s %% of the %(received)s received by %(day)s is "
                "covered by the %(fees)s charged already."
            )
            % {
                "percent": percent,
                "received": format_money(statement.received, fund.currency),
                "day": format_day(day),
                "fees": format_money(statement.fees, fund.currency),
            },
            code=Code.FEE_NOTHING_DUE,
        )
    content["percent"] = str(percent)
    return due


def _within_disbursed(fund, minor) -> None:
    """Implementers report spending what the fund disbursed to them, never more."""
    statement = postings.statement(selectors.live_balances(fund))
    if statement.expenditure + minor > statement.disbursed:
        left = max(statement.disbursed - statement.expenditure, 0)
        raise Conflict(
            _(
                "The fund has disbursed %(disbursed)s and implementers have reported %(reported)s "
                "spent: at most %(left)s more can be reported."
            )
            % {
                "disbursed": format_money(statement.disbursed, fund.currency),
                "reported": format_money(statement.expenditure, fund.currency),
                "left": format_money(left, fund.currency),
            },
            code=Code.EXPENDITURE_EXCEEDS_DISBURSED,
            errors={
                "amount": [_("at most %(left)s") % {"left": format_money(left, fund.currency)}]
            },
        )


@dataclass(frozen=True)
class BookKind:
    """An entry kind of the fund's own books, as the UN MPTF Office Gateway reports them."""

    action: str  # the audit trail's action
    party: str  # what names who is behind the entry: the interfaces' field, the entry's content
    default_party: str  # said when no party is named; empty: a party is required
    build: Callable[[str, int], list]  # the ledger's transfers (``postings``)
    description: str  # ``descriptions``' text of the entry
    amount: Callable = _given_amount  # the entry's amount in minor units
    check: Callable | None = None  # a limit on that amount beyond the ledger's own


BOOK_KINDS: dict[str, BookKind] = {
    # Expenditure an implementer reported on the money disbursed to it (IATI transaction type
    # 4): a memo pair (``expenditure ← reported``) that leaves cash alone.
    EntryKind.EXPENDITURE: BookKind(
        action="expenditure.record",
        party="implementer",
        default_party="",
        build=postings.expenditure,
        description=descriptions.EXPENDITURE,
        check=_within_disbursed,
    ),
    # Interest the fund's cash earned (``cash ← interest``): it adds to what is available.
    EntryKind.INTEREST: BookKind(
        action="interest.record",
        party="source",
        default_party=gettext_noop("bank account"),
        build=postings.interest,
        description=descriptions.INTEREST,
    ),
    # The administrative agent's fee (``fees ← cash``), as an amount or a percentage.
    EntryKind.FEE: BookKind(
        action="fee.record",
        party="agent",
        default_party=gettext_noop("administrative agent"),
        build=postings.fee,
        description=descriptions.FEE,
        amount=_fee_amount,
    ),
    # A direct cost of the fund (its secretariat, an audit: ``direct_costs ← cash``).
    EntryKind.DIRECT_COST: BookKind(
        action="direct_cost.record",
        party="purpose",
        default_party="",
        build=postings.direct_cost,
        description=descriptions.DIRECT_COST,
    ),
}


def _book_entry(
    *, actor, fund, kind, day, party, amount, percent, idempotency_key, estimated
) -> LedgerEntry:
    spec = BOOK_KINDS[kind]
    _movement_checks(actor, fund, day)
    party = _party(party, required=not spec.default_party) or spec.default_party
    content = {spec.party: party}
    minor = spec.amount(fund, day, amount, percent, content)
    if spec.check is not None:
        spec.check(fund, minor)
    return _movement(
        actor,
        fund,
        kind=kind,
        build=spec.build,
        description=descriptions.written(spec.description, party=party),
        minor=minor,
        day=day,
        content=content,
        idempotency_key=idempotency_key,
        estimated=estimated,
    )


# Each kind's entries are audited under its own action (``expenditure.record``...).
_BOOK_RECORDERS = {kind: audited(spec.action)(_book_entry) for kind, spec in BOOK_KINDS.items()}


def book_entry_record(
    *,
    actor,
    fund: TrustFund,
    kind: str,
    day: date,
    party: str = "",
    amount=None,
    percent: Decimal | None = None,
    idempotency_key: str | None = None,
    estimated: bool = False,
) -> LedgerEntry:
    """An entry of one of the fund's own ``BOOK_KINDS``, of ``amount`` (a fee: or of ``percent``
    of the contributions received up to ``day``) on behalf of ``party`` (the implementer, the
    interest's source, the agent or the cost's purpose), audited under the kind's action."""
    if percent is not None and kind != EntryKind.FEE:
        raise TypeError("only a fee is given as a percentage")
    return _BOOK_RECORDERS[kind](
        actor=actor,
        fund=fund,
        kind=kind,
        day=day,
        party=party,
        amount=amount,
        percent=percent,
        idempotency_key=idempotency_key,
        estimated=estimated,
    )


# --- exchange differences ------------------------------------------------------------------------

# The realised exchange difference of a contribution is an entry of its own beside it.
FX_SUFFIX = ".fx"


def _realise_difference(actor, fund, entry, pledge, minor, currency, fund_minor, day) -> None:
    """Post the realised gain or loss of a contribution paying a pledge in a foreign currency at
    another rate than the pledge was booked at: the part of the pledge it pays (in the pledge's
    currency, at most what is still open) is worth ``fund_minor`` at the day's rate against its
    booked share of the pledge's value. Paid in another currency than the pledge's: none."""
    if pledge.currency == fund.currency or currency != pledge.currency:
        return
    paid = (
        Contribution.objects.filter(pledge=pledge, currency=pledge.currency)
        .filter(entry__reversed_by__isnull=True)
        .aggregate(total=models.Sum("amount_minor"))["total"]
        or 0
    )
    part = min(minor, pledge.amount_minor - paid)
    if part <= 0:
        return
    booked = share_half_even(pledge.fund_amount_minor, part, pledge.amount_minor)
    worth = fund_minor if part == minor else share_half_even(fund_minor, part, minor)
    difference = worth - booked
    if not difference:
        return
    ledger.post(
        actor=actor,
        fund=fund,
        key=f"{entry.pk}{FX_SUFFIX}",
        kind=EntryKind.FX_REALISED,
        day=day,
        content={"contribution": entry.pk, "difference": difference},
        build=lambda k: postings.realised_difference(k, pledge.nation.iso3, difference),
        nations=[pledge.nation],
        description=descriptions.written(descriptions.FX_REALISED, entry=entry.pk),
    )


@audited("revaluation.post")
def revaluation_post(
    *, actor, fund: TrustFund, day: date, idempotency_key: str | None = None
) -> dict:
    """Revalue the open pledges in a foreign currency at the rates of ``day``: the fund's
    latest revaluation, if still standing, is reversed first (each one replaces the one before),
    then the unrealised gain or loss per donor is posted. Dated on or after the latest one."""
    require_fund_editor(actor, fund)
    require_day_of_record(day)
    key = ledger.entry_key(actor, idempotency_key)
    existing = LedgerEntry.objects.filter(pk=key).first()
    lines = selectors.revaluation_lines(actor=actor, fund=fund, day=day)
    differences: dict[str, int] = {}
    for line in lines:
        differences[line.nation] = differences.get(line.nation, 0) + line.difference
    content = {"day": day, "differences": differences}
    reversed_ids = []
    if existing is None:
        latest = (
            LedgerEntry.objects.filter(fund=fund, kind=EntryKind.REVALUATION)
            .order_by("-value_date", "-recorded_at")
            .first()
        )
        if latest is not None and latest.value_date > day:
            raise Conflict(
                _(
                    "The fund was revalued at %(latest)s already: a revaluation is dated on or "
                    "after that day."
                )
                % {"latest": format_day(latest.value_date)},
                code=Code.REVALUATION_OUT_OF_ORDER,
                errors={"day": [_("on or after %(day)s") % {"day": format_day(latest.value_date)}]},
            )
        standing = LedgerEntry.objects.filter(
            fund=fund, kind=EntryKind.REVALUATION, reversed_by__isnull=True
        ).order_by("value_date", "recorded_at")
        for n, previous in enumerate(standing, start=1):
            original = ledger.transfers_of(previous)
            if not original:
                continue
            ledger.post(
                actor=actor,
                fund=fund,
                key=f"{key}.r{n}",
                kind=EntryKind.REVERSAL,
                day=day,
                content={"reverses": previous.pk, "day": day},
                build=lambda k, original=original: postings.reversal(k, original, {}),
                nations=list(fund.donors.all()),
                description=descriptions.written(
                    descriptions.REVERSAL,
                    entry=previous.pk,
                    reason=descriptions.written(descriptions.REVALUATION, party=str(day)),
                ),
                reverses=previous,
            )
            reversed_ids.append(previous.pk)
    nations = list(fund.donors.filter(iso3__in=list(differences)))
    posted = ledger.post(
        actor=actor,
        fund=fund,
        key=key,
        kind=EntryKind.REVALUATION,
        day=day,
        content=content,
        build=lambda k: postings.revaluation(k, differences),
        nations=nations,
        description=descriptions.written(descriptions.REVALUATION, party=str(day)),
    )
    result = {
        "entry": posted.entry.pk,
        "day": day,
        "reversed": reversed_ids,
        "differences": {n: d for n, d in sorted(differences.items()) if d},
        "total": sum(differences.values()),
    }
    if posted.created:
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=fund,
            changes={**result, "day": str(day)},
        )
    return result


# --- bank reconciliation -------------------------------------------------------------------------

BANK_MAX = 8 * 1024 * 1024


def bank_statement_import_checked(*, actor, fund: TrustFund, data: bytes) -> None:
    """What refuses a bank statement before it is read: who asks, and its size."""
    require_fund_editor(actor, fund)
    if len(data) > BANK_MAX:
        raise ValidationFailed(
            _("The file is larger than Accord accepts for a bank statement (8 MB)."),
            code=Code.BANK_FILE_INVALID,
            errors={"file": [_("too large")]},
        )


@audited("bank_statement.import")
def bank_statement_import(*, actor, fund: TrustFund, data: bytes, filename: str = "") -> dict:
    """Import a bank statement of the fund's account (CSV or CAMT.053, told by its content),
    whole or not at all, once; then match its lines to the ledger's entries that moved cash."""
    bank_statement_import_checked(actor=actor, fund=fund, data=data)
    try:
        file_format, read = bank.read(data)
    except bank.BankFileError as error:
        raise ValidationFailed(
            _("Nothing was kept: %(problems)s") % {"problems": " ".join(error.problems)},
            code=Code.BANK_FILE_INVALID,
            errors={"file": error.problems},
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    twin = BankStatement.objects.filter(fund=fund, digest=digest).first()
    if twin is None and read.identifier:
        twin = BankStatement.objects.filter(fund=fund, identifier=read.identifier).first()
    if twin is not None:
        raise Conflict(
            _(
                "This statement was imported already (on %(day)s, by %(who)s); nothing was "
                "kept twice."
            )
            % {"day": format_day(twin.imported_at.date()), "who": twin.imported_by},
            code=Code.BANK_STATEMENT_DUPLICATE,
        )
    days = [line.day for line in read.lines]
    statement = BankStatement.objects.create(
        fund=fund,
        identifier=read.identifier,
        digest=digest,
        file_format=file_format,
        filename=(filename or "")[:200],
        first_day=min(days),
        last_day=max(days),
        imported_at=timezone.now(),
        imported_by=access.principal_of(actor).username,
    )
    BankLine.objects.bulk_create(
        BankLine(
            statement=statement,
            fund=fund,
            line=line.line,
            day=line.day,
            amount_minor=line.amount,
            currency=line.currency,
            reference=line.reference,
            description=line.description,
        )
        for line in read.lines
    )
    matched = _match_open_lines(fund)
    result = {
        "statement": statement.pk,
        "format": file_format,
        "identifier": read.identifier,
        "lines": len(read.lines),
        "matched": matched,
        "first_day": statement.first_day,
        "last_day": statement.last_day,
    }
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=fund,
        changes={
            **result,
            "first_day": str(statement.first_day),
            "last_day": str(statement.last_day),
        },
    )
    return result


def _match_open_lines(fund: TrustFund) -> int:
    """Propose a ledger entry for each unmatched line of the fund's statements."""
    lines = list(BankLine.objects.filter(fund=fund, status=MatchStatus.UNMATCHED))
    if not lines:
        return 0
    first = min(line.day for line in lines) - timedelta(days=bank.MATCH_DAYS)
    last = max(line.day for line in lines) + timedelta(days=bank.MATCH_DAYS)
    movements = selectors.cash_movements(fund, first, last, unmatched=True)
    found = bank.match(
        [
            bank.OpenLine(
                line.pk,
                line.day,
                line.amount_minor,
                line.currency,
                line.reference,
                line.description,
            )
            for line in lines
        ],
        movements,
    )
    for line_id, entry_id in found.items():
        BankLine.objects.filter(pk=line_id, status=MatchStatus.UNMATCHED).update(
            status=MatchStatus.PROPOSED, entry_id=entry_id, matched_by=""
        )
    return len(found)


@audited("bank_line.match")
def bank_line_match(*, actor, line: BankLine, entry: LedgerEntry | None = None) -> BankLine:
    """Confirm a line's proposed match (no ``entry``), or match it by hand to one of the fund's
    entries that moved the line's amount in or out of cash (any day)."""
    fund = line.fund
    require_fund_editor(actor, fund)
    who = access.principal_of(actor).username
    if entry is None:
        if line.status == MatchStatus.UNMATCHED:
            raise Conflict(
                _("That bank line has no match to confirm: choose its ledger entry."),
                code=Code.BANK_LINE_NOT_MATCHED,
                errors={"entry": [_("required")]},
            )
        entry = line.entry
    else:
        if entry.fund_id != fund.pk:
            raise ValidationFailed(
                _("That entry belongs to another fund."), code=Code.ENTRY_MISMATCH
            )
        moved = selectors.cash_movements(fund, None, None, entries=[entry.pk])
        amount = moved[0].amount if moved else 0
        if amount != line.amount_minor or line.currency != fund.currency:
            raise ValidationFailed(
                _(
                    "The entry moved %(moved)s through the fund's cash; the bank line says "
                    "%(line)s. Choose an entry of the same amount and currency."
                )
                % {
                    "moved": format_money(amount, fund.currency),
                    "line": format_money(line.amount_minor, line.currency),
                },
                code=Code.BANK_MATCH_MISMATCH,
                errors={"entry": [_("another amount")]},
            )
        other = BankLine.objects.filter(entry=entry).exclude(pk=line.pk).first()
        if other is not None:
            raise Conflict(
                _(
                    "That entry is matched to line %(line)s of another bank statement line "
                    "already: undo that match first."
                )
                % {"line": other.line},
                code=Code.BANK_ENTRY_MATCHED,
            )
    before = {"status": line.status, "entry": line.entry_id}
    try:
        with transaction.atomic():
            changed = BankLine.objects.filter(
                pk=line.pk, status=line.status, entry_id=line.entry_id
            ).update(status=MatchStatus.CONFIRMED, entry=entry, matched_by=who)
    except IntegrityError:
        changed = 0
    if changed != 1:
        raise Conflict(
            _("The line or the entry was matched meanwhile; reload the page and look again."),
            code=Code.BANK_ENTRY_MATCHED,
        )
    line.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=fund,
        changes={
            "bank_line": line.pk,
            "before": before,
            "after": {"status": line.status, "entry": line.entry_id},
        },
    )
    return line


@audited("bank_line.unmatch")
def bank_line_unmatch(*, actor, line: BankLine) -> BankLine:
    """Undo a line's match (proposed or confirmed): both the line and the entry are unmatched
    again, and the line is left for a match by hand."""
    fund = line.fund
    require_fund_editor(actor, fund)
    if line.status == MatchStatus.UNMATCHED:
        raise Conflict(_("That bank line has no match to undo."), code=Code.BANK_LINE_NOT_MATCHED)
    before = {"status": line.status, "entry": line.entry_id}
    changed = BankLine.objects.filter(
        pk=line.pk, status=line.status, entry_id=line.entry_id
    ).update(status=MatchStatus.UNMATCHED, entry=None, matched_by="")
    if changed != 1:
        raise Conflict(
            _("The line was changed meanwhile; reload the page and look again."),
            code=Code.BANK_ENTRY_MATCHED,
        )
    line.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=fund,
        changes={"bank_line": line.pk, "before": before, "after": {"status": line.status}},
    )
    return line


# --- other publishers' activities ---------------------------------------------------------------


def external_import_checked(*, actor, data: bytes) -> None:
    """What refuses another publisher's IATI file before it is read: who asks, and its size."""
    if not access.may(actor, "import", ExternalActivity):
        raise PermissionDenied(_("Only fund managers and administrators import IATI files."))
    if len(data) > IATI_MAX:
        raise _refuse_import(_("The file is larger than Accord accepts."), Code.IATI_TOO_LARGE)


@audited("external_activity.import")
def external_activities_import(
    *, actor, data: bytes, marking: str | None = None, owner_nation=None
) -> dict:
    """Keep another publisher's IATI activities read-only beside Accord's funds, all or nothing.

    Each activity is kept as published (its XML, unknown elements included) with the parts
    Accord reads; an identifier imported before is updated (its version counts up, the audit
    trail keeps what changed). The IATI Standard's ruleset findings are kept with each activity
    and answered, not refused: the file is the other publisher's to mend.
    """
    external_import_checked(actor=actor, data=data)
    activities = iati.read_foreign(data, own_ref=IATI_PREFIX.rstrip("-"))
    findings = iati_rules.check(data, today=today())
    now = timezone.now()
    created, updated = [], []
    for activity in activities:
        values = {
            "reporting_org_ref": activity.reporting_org_ref,
            "reporting_org_name": activity.reporting_org_name[:300],
            "title": (activity.title or activity.identifier)[:500],
            "description": activity.description,
            "recipient_country": activity.recipient_country[:2],
            "status": activity.status[:2],
            "start": activity.start,
            "end": activity.end,
            "currency": activity.currency[:3],
            "last_updated": activity.last_updated,
            "known": dict(activity.known),
            "findings": [
                {"rule": f.rule, "severity": f.severity, "line": f.line, "message": f.message}
                for f in findings
                if f.activity == activity.identifier
            ],
            "raw_xml": activity.raw_xml,
            "imported_at": now,
        }
        existing = ExternalActivity.objects.filter(identifier=activity.identifier).first()
        if existing is None:
            record_create(
                actor=actor,
                model=ExternalActivity,
                data={
                    "identifier": activity.identifier,
                    "marking": marking or ExternalActivity.default_marking,
                    "owner_nation": owner_nation,
                    **values,
                },
                action=audited_action(),
            )
            created.append(activity.identifier)
        else:
            record_update(
                actor=actor,
                obj=existing,
                data=values,
                expected_version=existing.version,
                action=audited_action(),
            )
            updated.append(activity.identifier)
    return {"created": created, "updated": updated, "findings": [str(f) for f in findings]}
