"""Funds API, mounted at /api/v1/funds: funds, statements, the money's life, IATI, rates.

Thin: each endpoint resolves codes through selectors (a fund the caller cannot read is unknown
to it) and calls one service. Writes take an ``idempotency_key``: a retry posts once.
"""

from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from accord.core import selectors as core_selectors
from accord.core.apiauth import PUBLIC_AUTH
from accord.council import selectors as council_selectors
from accord.errors import Code, NotFound, ValidationFailed
from accord.funds import budget_lines, present, selectors, services, tasks
from accord.funds.inputs import FundValues
from accord.funds.models import EntryKind
from accord.funds.schemas import (
    BankImportOut,
    BankLineOut,
    BankMatchIn,
    CancelIn,
    CommitmentIn,
    ConditionAssessIn,
    ConditionIn,
    ConditionOut,
    DirectCostIn,
    DisbursementIn,
    ExpenditureIn,
    ExternalActivityDetailOut,
    ExternalActivityOut,
    ExternalImportOut,
    FeeIn,
    FundIn,
    FundOut,
    FundPatch,
    IatiImportOut,
    InterestIn,
    LedgerEntryOut,
    LedgerReverseIn,
    MoneyContributionIn,
    MovementOut,
    PledgeIn,
    RateIn,
    RateOut,
    RatesImportOut,
    ReconciliationOut,
    RecordOut,
    RefundIn,
    RevaluationIn,
    RevaluationOut,
    RevaluationPostedOut,
    StatementOut,
)
from accord.inputs import Text
from accord.jobs.schemas import BackgroundTaskOut, task_location
from accord.jobs.selectors import task_get
from accord.money import plain_amount
from accord.names import names_given
from accord.plausible import today

router = Router(tags=["funds"])
XML = "application/xml"


def _nation(request, iso3: str, field: str = "nation"):
    try:
        return core_selectors.nation_get(actor=request.user, iso3=iso3)
    except NotFound:
        raise ValidationFailed(
            _("%(field)s: no nation '%(iso3)s'.") % {"field": field, "iso3": iso3},
            code=Code.UNKNOWN_REFERENCE,
            errors={field: [_("unknown")]},
        ) from None


def _budget_line(request, pk):
    if pk is None:
        return None
    try:
        return budget_lines.budget_line_get(actor=request.user, pk=pk)
    except NotFound:
        raise ValidationFailed(
            _("Budget line: no budget line with that id that you may read."),
            code=Code.UNKNOWN_REFERENCE,
            errors={"budget_line": [_("unknown")]},
        ) from None


def _pledge(request, fund, entry_id: str | None):
    """The fund's pledge of that entry id the caller may read, or None when none is named."""
    if not entry_id:
        return None
    pledge = selectors.pledge_list(actor=request.user, fund=fund).filter(entry_id=entry_id).first()
    if pledge is None:
        raise ValidationFailed(
            _("pledge: no such pledge in this fund."),
            code=Code.UNKNOWN_REFERENCE,
            errors={"pledge": [_("unknown")]},
        )
    return pledge


def _fund(request, code):
    return selectors.fund_get(actor=request.user, code=code)


def _fund_out(request, fund) -> dict:
    refs = selectors.fund_references(actor=request.user, fund=fund)
    return present.fund_dict(fund, refs)


def _xml(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XML)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get("/funds", response=list[FundOut], auth=PUBLIC_AUTH)
def fund_list(request):
    funds = selectors.fund_list(actor=request.user)
    return [
        present.fund_dict(fund, refs)
        for fund, refs in selectors.funds_with_references(actor=request.user, funds=funds)
    ]


@router.post("/funds", response={201: FundOut})
def fund_create(request, payload: FundIn):
    # The other languages' texts ({"ru": ...}) become the columns the service takes (name_ru...).
    data = names_given(payload.dict(), "name", "purpose")
    for field in ("owner_nation", "lead_nation"):
        if data.get(field):
            data[field] = _nation(request, data[field], field)
    refs = {
        "manager": lambda c: core_selectors.organisation_get(actor=request.user, code=c),
        "joint_action": lambda c: council_selectors.joint_action_get(request.user, c),
        "legal_basis": lambda c: council_selectors.legal_basis_get(request.user, c),
    }
    for field, get in refs.items():
        if data.get(field):
            try:
                data[field] = get(data[field])
            except NotFound:
                raise ValidationFailed(
                    _("%(field)s: unknown code.") % {"field": field},
                    code=Code.UNKNOWN_REFERENCE,
                    errors={field: [_("unknown")]},
                ) from None
    fund = services.fund_create(actor=request.user, values=FundValues(**data))
    return Status(201, _fund_out(request, fund))


@router.get("/funds/iati.xml", auth=PUBLIC_AUTH, include_in_schema=True)
def iati_public(request):
    """Every PUBLIC fund as one IATI 2.03 ``iati-activities`` file."""
    funds = selectors.fund_list(actor=request.user, public_only=True)
    return _xml(selectors.iati_file(actor=request.user, funds=funds), "accord-funds-iati.xml")


@router.post("/funds/iati/import", response={201: IatiImportOut, 202: BackgroundTaskOut})
def iati_import(request, file: File[UploadedFile], response: HttpResponse):
    """Load funds and their transactions from an IATI 2.03 file (fund managers, administrators),
    all or nothing.

    A file of up to ``ACCORD_IATI_BACKGROUND_BYTES`` is imported at once: 201 with what was
    imported. A larger one is imported by the worker: 202 with the task (its address also in
    ``Location``); poll ``GET /api/v1/tasks/{id}`` until its status is ``SUCCESSFUL`` or
    ``FAILED`` (``detail`` says which fault refused the file). Who may import, and the file's
    size, are refused at once either way.
    """
    outcome = tasks.iati_import_submit(
        actor=request.user, data=file.read(services.IATI_MAX + 1), filename=file.name or ""
    )
    return _created_or_queued(request, response, outcome)


def _created_or_queued(request, response: HttpResponse, outcome):
    """201 with what an import kept, or 202 with the task that imports a large file (its
    address also in ``Location``)."""
    if isinstance(outcome, dict):
        return Status(201, outcome)
    response["Location"] = task_location(outcome)
    return Status(202, task_get(actor=request.user, task_id=outcome.pk))


@router.get("/external-activities", response=list[ExternalActivityOut], auth=PUBLIC_AUTH)
def external_list(request, country: Query[str | None] = None):
    """Other publishers' IATI activities kept beside the funds (of one recipient country)."""
    return list(selectors.external_list(actor=request.user, country=country))


@router.post(
    "/external-activities/import", response={201: ExternalImportOut, 202: BackgroundTaskOut}
)
def external_import(request, file: File[UploadedFile], response: HttpResponse):
    """Keep another publisher's IATI 2.03 activities read-only (fund managers, administrators);
    an identifier imported before is updated. A file larger than
    ``ACCORD_IATI_BACKGROUND_BYTES`` is kept by the worker: 202 with the task, as
    ``POST /funds/iati/import`` answers."""
    outcome = tasks.external_import_submit(
        actor=request.user, data=file.read(services.IATI_MAX + 1), filename=file.name or ""
    )
    return _created_or_queued(request, response, outcome)


@router.get("/external-activities/{int:pk}", response=ExternalActivityDetailOut, auth=PUBLIC_AUTH)
def external_get(request, pk: int):
    """One of them, with the parts read, the ruleset's findings and its XML as published."""
    return selectors.external_get(actor=request.user, pk=pk)


@router.get("/funds/{code}", response=FundOut, auth=PUBLIC_AUTH)
def fund_get(request, code: Text):
    return _fund_out(request, _fund(request, code))


@router.patch("/funds/{code}", response=FundOut)
def fund_update(request, code: Text, payload: FundPatch):
    fund = _fund(request, code)
    data = names_given(payload.dict(exclude_unset=True), "name", "purpose")
    version = data.pop("expected_version")
    if "donors" in data:
        data["donors"] = [_nation(request, i, "donors") for i in data["donors"]]
    fund = services.fund_update(
        actor=request.user, fund=fund, values=FundValues(**data), expected_version=version
    )
    return _fund_out(request, fund)


@router.get("/funds/{code}/statement", response=StatementOut, auth=PUBLIC_AUTH)
def fund_statement(request, code: Text, at: Query[str | None] = None):
    """The fund's pledged, received, committed, disbursed and available at the end of ``at``."""
    day = _day(at)
    fs = selectors.fund_statement(actor=request.user, fund=_fund(request, code), at=day)
    return present.statement_dict(fs)


def _day(text):
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(
            _("at: give a date as YYYY-MM-DD."),
            code=Code.DATE_INVALID,
            errors={"at": ["YYYY-MM-DD"]},
        ) from None


@router.get("/funds/{code}/iati.xml", auth=PUBLIC_AUTH)
def fund_iati(request, code: Text):
    """The fund as an IATI 2.03 activity file."""
    fund = _fund(request, code)
    return _xml(selectors.iati_file(actor=request.user, funds=[fund]), f"{fund.code}-iati.xml")


@router.get("/funds/{code}/entries", response=list[LedgerEntryOut], auth=PUBLIC_AUTH)
def entry_list(request, code: Text):
    entries = selectors.entry_list(actor=request.user, fund=_fund(request, code))
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "value_date": e.value_date,
            "description": e.description_shown,
            "reverses": e.reverses_id,
            "estimated": e.estimated,
            "actor_name": e.actor_name,
        }
        for e in entries
    ]


@router.post("/funds/{code}/entries/{key}/reverse", response={201: LedgerEntryOut})
def entry_reverse(request, code: Text, key: Text, payload: LedgerReverseIn):
    fund = _fund(request, code)
    entry = selectors.entry_get(actor=request.user, fund=fund, key=key)
    new = services.entry_reverse(
        actor=request.user,
        fund=fund,
        entry=entry,
        day=payload.day,
        reason=payload.reason,
        idempotency_key=payload.idempotency_key,
    )
    return Status(
        201,
        {
            "id": new.pk,
            "kind": new.kind,
            "value_date": new.value_date,
            "description": new.description,
            "reverses": new.reverses_id,
            "estimated": new.estimated,
            "actor_name": new.actor_name,
        },
    )


@router.get("/funds/{code}/pledges", response=list[RecordOut], auth=PUBLIC_AUTH)
def pledge_list(request, code: Text):
    fund = _fund(request, code)
    return [
        present.record_dict(p, request.user)
        for p in selectors.pledge_list(actor=request.user, fund=fund)
    ]


@router.post("/funds/{code}/pledges", response={201: RecordOut})
def pledge_record(request, code: Text, payload: PledgeIn):
    fund = _fund(request, code)
    pledge = services.pledge_record(
        actor=request.user,
        fund=fund,
        nation=_nation(request, payload.nation),
        amount=payload.amount,
        currency=payload.currency,
        day=payload.day,
        period_start=payload.period_start,
        period_end=payload.period_end,
        conditions=payload.conditions,
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, present.record_dict(pledge, request.user))


@router.get("/funds/{code}/conditions", response=list[ConditionOut], auth=PUBLIC_AUTH)
def condition_list(request, code: Text):
    """The donors' conditions on the fund, the soonest due first, with whether each is overdue."""
    fund = _fund(request, code)
    rows = selectors.condition_list(actor=request.user, fund=fund)
    return [present.condition_dict(c, request.user) for c in rows]


@router.post("/funds/{code}/conditions", response={201: ConditionOut})
def condition_record(request, code: Text, payload: ConditionIn):
    fund = _fund(request, code)
    pledge = _pledge(request, fund, payload.pledge)
    condition = services.condition_record(
        actor=request.user,
        fund=fund,
        nation=_nation(request, payload.nation),
        pledge=pledge,
        text=payload.text,
        due=payload.due,
    )
    return Status(201, present.condition_dict(condition, request.user))


@router.post("/funds/{code}/conditions/{condition_id}/assess", response=ConditionOut)
def condition_assess(request, code: Text, condition_id: int, payload: ConditionAssessIn):
    fund = _fund(request, code)
    condition = selectors.condition_get(actor=request.user, fund=fund, pk=condition_id)
    condition = services.condition_assess(
        actor=request.user,
        condition=condition,
        status=payload.status,
        evidence=payload.evidence,
        day=payload.day,
        expected_version=payload.expected_version,
    )
    return present.condition_dict(condition, request.user)


@router.get("/funds/{code}/contributions", response=list[RecordOut], auth=PUBLIC_AUTH)
def contribution_list(request, code: Text):
    fund = _fund(request, code)
    rows = selectors.contribution_list(actor=request.user, fund=fund)
    return [present.record_dict(c, request.user) for c in rows]


@router.post("/funds/{code}/contributions", response={201: RecordOut})
def contribution_record(request, code: Text, payload: MoneyContributionIn):
    fund = _fund(request, code)
    pledge = _pledge(request, fund, payload.pledge)
    contribution = services.contribution_record(
        actor=request.user,
        fund=fund,
        nation=_nation(request, payload.nation),
        amount=payload.amount,
        currency=payload.currency,
        day=payload.day,
        kind=payload.kind,
        pledge=pledge,
        note=payload.note,
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, present.record_dict(contribution, request.user))


@router.get("/funds/{code}/commitments", response=list[RecordOut], auth=PUBLIC_AUTH)
def commitment_list(request, code: Text):
    fund = _fund(request, code)
    rows = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(rows)
    return [present.record_dict(c, request.user, left) for c in rows]


@router.post("/funds/{code}/commitments", response={201: RecordOut})
def commitment_record(request, code: Text, payload: CommitmentIn):
    fund = _fund(request, code)
    commitment = services.commitment_record(
        actor=request.user,
        fund=fund,
        amount=payload.amount,
        day=payload.day,
        payee=payload.payee,
        budget_line=_budget_line(request, payload.budget_line),
        idempotency_key=payload.idempotency_key,
    )
    return Status(
        201,
        present.record_dict(commitment, request.user, selectors.commitment_remaining([commitment])),
    )


@router.post("/funds/{code}/commitments/{key}/cancel", response=LedgerEntryOut)
def commitment_cancel(request, code: Text, key: Text, payload: CancelIn):
    fund = _fund(request, code)
    commitment = selectors.commitment_get(actor=request.user, fund=fund, key=key)
    entry = services.commitment_cancel(
        actor=request.user,
        commitment=commitment,
        day=payload.day,
        idempotency_key=payload.idempotency_key,
    )
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "value_date": entry.value_date,
        "description": entry.description,
        "reverses": None,
        "estimated": entry.estimated,
        "actor_name": entry.actor_name,
    }


@router.get("/funds/{code}/disbursements", response=list[RecordOut], auth=PUBLIC_AUTH)
def disbursement_list(request, code: Text):
    fund = _fund(request, code)
    rows = selectors.disbursement_list(actor=request.user, fund=fund)
    return [present.record_dict(d, request.user) for d in rows]


@router.post("/funds/{code}/disbursements", response={201: RecordOut})
def disbursement_record(request, code: Text, payload: DisbursementIn):
    fund = _fund(request, code)
    commitment = None
    if payload.commitment:
        commitment = selectors.commitment_get(actor=request.user, fund=fund, key=payload.commitment)
    disbursement = services.disbursement_record(
        actor=request.user,
        fund=fund,
        amount=payload.amount,
        day=payload.day,
        payee=payload.payee,
        commitment=commitment,
        budget_line=_budget_line(request, payload.budget_line),
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, present.record_dict(disbursement, request.user))


@router.post("/funds/{code}/refunds", response={201: RecordOut})
def refund_record(request, code: Text, payload: RefundIn):
    fund = _fund(request, code)
    refund = services.refund_record(
        actor=request.user,
        fund=fund,
        nation=_nation(request, payload.nation),
        amount=payload.amount,
        day=payload.day,
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, present.record_dict(refund, request.user))


@router.get("/rates", response=list[RateOut], auth=PUBLIC_AUTH)
def rate_list(request):
    return list(selectors.rate_list(actor=request.user))


@router.post("/rates", response={201: RateOut})
def rate_set(request, payload: RateIn):
    rate = services.exchange_rate_set(
        actor=request.user,
        currency=payload.currency,
        day=payload.day,
        per_eur=payload.per_eur,
        source=payload.source,
    )
    return Status(201, rate)


@router.post("/rates/import", response={201: RatesImportOut, 202: BackgroundTaskOut})
def rates_import(request, file: File[UploadedFile], response: HttpResponse):
    """Keep the ECB's reference rates from its CSV file (the day's ``eurofxref.csv`` or the
    history ``eurofxref-hist.csv``), all or nothing; bad lines are named (fund managers and
    administrators). A file larger than ``ACCORD_RATES_BACKGROUND_BYTES`` (the history) is kept
    by the worker: 202 with the task."""
    outcome = tasks.rates_import_submit(
        actor=request.user, data=file.read(services.RATES_MAX + 1), filename=file.name or ""
    )
    return _created_or_queued(request, response, outcome)


# --- the entry kinds the MPTF Office Gateway reports ------------------------------------------


def _book_entry(request, code: str, kind: str, payload) -> Status:
    """One of the fund's own entry kinds: the payload names its party as the kind's field."""
    fund = _fund(request, code)
    values = payload.dict()
    party = values.pop(services.BOOK_KINDS[kind].party, "")
    entry = services.book_entry_record(
        actor=request.user, fund=fund, kind=kind, party=party, **values
    )
    return Status(201, present.movement_dict(entry, fund))


@router.post("/funds/{code}/expenditure", response={201: MovementOut})
def expenditure_record(request, code: Text, payload: ExpenditureIn):
    """Expenditure an implementer reported on what the fund disbursed to it (IATI type 4)."""
    return _book_entry(request, code, EntryKind.EXPENDITURE, payload)


@router.post("/funds/{code}/interest", response={201: MovementOut})
def interest_record(request, code: Text, payload: InterestIn):
    """Interest the fund's cash earned."""
    return _book_entry(request, code, EntryKind.INTEREST, payload)


@router.post("/funds/{code}/fees", response={201: MovementOut})
def fee_record(request, code: Text, payload: FeeIn):
    """The administrative agent's fee: an amount, or a percentage of the contributions."""
    return _book_entry(request, code, EntryKind.FEE, payload)


@router.post("/funds/{code}/direct-costs", response={201: MovementOut})
def direct_cost_record(request, code: Text, payload: DirectCostIn):
    """A direct cost of the fund."""
    return _book_entry(request, code, EntryKind.DIRECT_COST, payload)


# --- revaluation -------------------------------------------------------------------------------


@router.get("/funds/{code}/revaluation", response=RevaluationOut)
def revaluation_preview(request, code: Text, at: Query[str | None] = None):
    """The open pledges in a foreign currency as of ``at`` (today when none): their booked value
    and their value at the day's rate (who may change the fund)."""
    fund = _fund(request, code)
    day = _day(at) or today()
    lines = selectors.revaluation_lines(actor=request.user, fund=fund, day=day)
    named = selectors.nation_names(actor=request.user)
    cur = fund.currency
    return {
        "fund": fund.code,
        "day": day,
        "currency": cur,
        "lines": [
            {
                "pledge": line.pledge,
                "nation": line.nation if line.nation in named else None,
                "day": line.day,
                "currency": line.currency,
                "open": plain_amount(line.open, line.currency),
                "booked": plain_amount(line.booked, cur),
                "revalued": plain_amount(line.revalued, cur),
                "difference": plain_amount(line.difference, cur),
            }
            for line in lines
        ],
        "total": plain_amount(sum(line.difference for line in lines), cur),
    }


@router.post("/funds/{code}/revaluation", response={201: RevaluationPostedOut})
def revaluation_post(request, code: Text, payload: RevaluationIn):
    """Post the unrealised exchange gains and losses as of ``day``, replacing the latest."""
    fund = _fund(request, code)
    result = services.revaluation_post(actor=request.user, fund=fund, **payload.dict())
    named = selectors.nation_names(actor=request.user)
    cur = fund.currency
    return Status(
        201,
        {
            "entry": result["entry"],
            "day": result["day"],
            "reversed": result["reversed"],
            "differences": {
                n: plain_amount(d, cur) for n, d in result["differences"].items() if n in named
            },
            "total": plain_amount(result["total"], cur),
        },
    )


# --- bank reconciliation -----------------------------------------------------------------------


@router.get("/funds/{code}/reconciliation", response=ReconciliationOut)
def reconciliation(request, code: Text):
    """The fund's bank statement lines with their matches, and the entries no line matches."""
    fund = _fund(request, code)
    r = selectors.reconciliation(actor=request.user, fund=fund)
    return {
        "fund": fund.code,
        "lines": [present.bank_line_dict(line) for line in r.lines],
        "unmatched_lines": len(r.unmatched_lines),
        "unmatched_entries": [
            {
                "entry": m.entry,
                "day": m.day,
                "amount": plain_amount(m.amount, m.currency),
                "currency": m.currency,
                "description": m.description,
            }
            for m in r.unmatched_entries
        ],
    }


@router.post("/funds/{code}/bank-statements", response={201: BankImportOut, 202: BackgroundTaskOut})
def bank_statement_import(request, code: Text, file: File[UploadedFile], response: HttpResponse):
    """Import a bank statement (CSV or CAMT.053), whole or not at all, once; its lines are
    matched to the ledger's entries. A statement larger than
    ``ACCORD_BANK_STATEMENT_BACKGROUND_BYTES`` is imported by the worker: 202 with the task."""
    outcome = tasks.bank_import_submit(
        actor=request.user,
        fund=_fund(request, code),
        data=file.read(services.BANK_MAX + 1),
        filename=file.name or "",
    )
    return _created_or_queued(request, response, outcome)


@router.post("/funds/{code}/bank-lines/{line_id}/match", response=BankLineOut)
def bank_line_match(request, code: Text, line_id: int, payload: BankMatchIn):
    """Confirm a line's proposed match, or match it by hand to ``entry``."""
    fund = _fund(request, code)
    line = selectors.bank_line_get(actor=request.user, fund=fund, pk=line_id)
    entry = None
    if payload.entry:
        entry = selectors.entry_get(actor=request.user, fund=fund, key=payload.entry)
    line = services.bank_line_match(actor=request.user, line=line, entry=entry)
    return present.bank_line_dict(line)


@router.post("/funds/{code}/bank-lines/{line_id}/unmatch", response=BankLineOut)
def bank_line_unmatch(request, code: Text, line_id: int):
    """Undo a line's match."""
    fund = _fund(request, code)
    line = selectors.bank_line_get(actor=request.user, fund=fund, pk=line_id)
    return present.bank_line_dict(services.bank_line_unmatch(actor=request.user, line=line))
