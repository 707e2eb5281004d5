"""Every write to the budget: one audited function per use case.

Who changes budget records: administrators and hub staff (the Resolute Support advisers at the
hub, e.g. CSTC-A and the essential-function advisers who work with the ministries' budget
directorates). Everyone else reads what the marking lets them read.

Money rules (see docs/budget.md):

- Amounts are positive integer minor units in the line's currency; a mistake is corrected by a
  reversal, never by editing or deleting an entry.
- Nothing is recorded on a closed fiscal year, and an entry's date lies inside its fiscal year.
- Commitments never exceed the line's allotment.
- Expenditures never exceed the line's allotment, unless the entry carries an explicit
  ``over_allotment`` flag with a justification; the flag is stored on the entry and audited.
- A reversal of an allotment may not take the allotment below what is already committed or spent.

The checks read the line's totals after locking the line's row (``select_for_update``, a real
lock on PostgreSQL; SQLite serialises writers), so two concurrent expenditures cannot both pass.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.budget.engine import mtef
from accord.budget.engine.calendar import fiscal_year as calendar_fiscal_year
from accord.budget.engine.economic import ECONOMIC_CODES
from accord.budget.inputs import (
    BudgetLineValues,
    MinistryValues,
    ProgrammeValues,
    ProjectionValues,
    SubProgrammeValues,
    SustainmentPledgeValues,
)
from accord.budget.models import (
    BudgetEntry,
    BudgetLine,
    Currency,
    DonorGroup,
    EntryKind,
    FiscalYear,
    FiscalYearStatus,
    Ministry,
    Programme,
    Projection,
    SubProgramme,
    SustainmentPledge,
    Virement,
    VirementStatus,
)
from accord.budget.selectors import fiscal_year_dated, gregorian_day, line_totals
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.money import format_money, minor_amount


def _amount(value, field: str = "amount_minor", *, label=None, allow_zero: bool = False) -> int:
    return minor_amount(value, field=field, label=label, allow_zero=allow_zero)


def _open(fiscal_year: FiscalYear) -> None:
    if fiscal_year.status == FiscalYearStatus.CLOSED:
        raise Conflict(
            _(
                "%(year)s is closed; nothing more may be recorded on it. Record the amount in "
                "the current fiscal year, or ask an administrator to reopen it."
            )
            % {"year": fiscal_year},
            code=Code.FISCAL_YEAR_CLOSED,
        )


# --- fiscal years ------------------------------------------------------------------------------


@audited("fiscal_year.create")
def fiscal_year_create(*, actor, label: str, marking: str = "PUBLIC", note: str = "") -> FiscalYear:
    """Open a fiscal year; its Gregorian dates come from the Afghan fiscal calendar."""
    label = str(label).strip().upper()
    try:
        calendar_year = calendar_fiscal_year(label)
    except ValueError as exc:
        raise ValidationFailed(
            _(
                "label: %(label)s is not a fiscal year the Afghan calendar knows. Give a solar "
                "year such as 1394 (from 1300 to 1500), or 1400T for the transitional period."
            )
            % {"label": repr(label)},
            code=Code.UNKNOWN_FISCAL_YEAR,
            errors={"label": [str(exc)]},
        ) from None
    if FiscalYear.objects.filter(label=calendar_year.label).exists():
        raise Conflict(
            _("%(year)s already exists; open its lines instead.")
            % {"year": fiscal_year_dated(calendar_year)},
            code=Code.FISCAL_YEAR_EXISTS,
        )
    return record_create(
        actor=actor,
        model=FiscalYear,
        data={
            "label": calendar_year.label,
            "start": calendar_year.start,
            "end": calendar_year.end,
            "marking": marking,
            "note": note,
        },
        action=audited_action(),
    )


def _set_status(actor, fiscal_year: FiscalYear, status: str, expected_version: int, action: str):
    access.require_change(actor, fiscal_year)
    if fiscal_year.status == status:
        already = {
            FiscalYearStatus.OPEN: _("%(year)s is already open."),
            FiscalYearStatus.CLOSED: _("%(year)s is already closed."),
        }[status]
        raise Conflict(already % {"year": fiscal_year}, code=f"fiscal_year_{status}")
    return record_update(
        actor=actor,
        obj=fiscal_year,
        data={"status": status},
        expected_version=expected_version,
        action=action,
    )


@audited("fiscal_year.close")
def fiscal_year_close(*, actor, fiscal_year: FiscalYear, expected_version: int) -> FiscalYear:
    """Close a fiscal year: no more entries on its lines."""
    return _set_status(
        actor, fiscal_year, FiscalYearStatus.CLOSED, expected_version, audited_action()
    )


@audited("fiscal_year.reopen")
def fiscal_year_reopen(*, actor, fiscal_year: FiscalYear, expected_version: int) -> FiscalYear:
    """Reopen a closed fiscal year (administrators only: closing is an accounting act)."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only an administrator may reopen a closed fiscal year."))
    return _set_status(
        actor, fiscal_year, FiscalYearStatus.OPEN, expected_version, audited_action()
    )


# --- structure ---------------------------------------------------------------------------------


@audited("ministry.create")
def ministry_create(*, actor, values: MinistryValues) -> Ministry:
    """Add a budget-holding ministry (optionally the registry organisation of kind ministry)."""
    organisation = values.organisation or None
    if organisation is not None and organisation.kind != "ministry":
        raise ValidationFailed(
            _("organisation: %(organisation)s is a %(kind)s, not a ministry.")
            % {"organisation": organisation, "kind": organisation.get_kind_display().lower()},
            code=Code.ORGANISATION_NOT_MINISTRY,
            errors={"organisation": [_("choose an organisation of kind ministry")]},
        )
    return record_create(actor=actor, model=Ministry, data=values.given(), action=audited_action())


@audited("programme.create")
def programme_create(*, actor, values: ProgrammeValues) -> Programme:
    """Add a programme under a ministry."""
    return record_create(actor=actor, model=Programme, data=values.given(), action=audited_action())


@audited("sub_programme.create")
def sub_programme_create(*, actor, values: SubProgrammeValues) -> SubProgramme:
    """Add a sub-programme under a programme."""
    return record_create(
        actor=actor, model=SubProgramme, data=values.given(), action=audited_action()
    )


@audited("budget_line.create")
def budget_line_create(*, actor, values: BudgetLineValues) -> BudgetLine:
    """Add a budget line to a sub-programme for one fiscal year (in AFN or USD)."""
    if values.fiscal_year:
        _open(values.fiscal_year)
    currency = values.currency if values.has("currency") else None
    if currency not in Currency.values:
        raise ValidationFailed(
            _("currency: %(currency)s is not a budget currency; use AFN or USD.")
            % {"currency": repr(currency)},
            code=Code.UNKNOWN_CURRENCY,
            errors={"currency": [_("AFN or USD")]},
        )
    _check_economic_code(values)
    return record_create(
        actor=actor, model=BudgetLine, data=values.given(), action=audited_action()
    )


def _check_economic_code(values: BudgetLineValues) -> None:
    code = values.economic_code if values.has("economic_code") else ""
    if code not in ("", *ECONOMIC_CODES):
        raise ValidationFailed(
            _(
                "Economic classification: %(code)s is not a GFS 2014 code Accord knows; use one "
                "of %(codes)s."
            )
            % {"code": repr(code), "codes": ", ".join(ECONOMIC_CODES)},
            code=Code.UNKNOWN_ECONOMIC_CODE,
            errors={
                "economic_code": [_("one of %(codes)s") % {"codes": ", ".join(ECONOMIC_CODES)}]
            },
        )


# What a line's entries rest on: fixed once it has entries (in the order a refusal names them).
LINE_FIXED = ("currency", "fiscal_year", "sub_programme")


@audited("budget_line.update")
def budget_line_update(
    *, actor, line: BudgetLine, values: BudgetLineValues, expected_version: int
) -> BudgetLine:
    """Rename or annotate a line. Its fiscal year, sub-programme and currency are fixed once
    entries exist (they would change what the entries mean)."""
    fixed = [name for name in LINE_FIXED if values.has(name)]
    if fixed and line.entries.exists():
        changed = [name for name in fixed if getattr(line, name) != getattr(values, name)]
        if changed:
            raise Conflict(
                _("%(fields)s: this line already has entries; open a new line instead.")
                % {"fields": ", ".join(changed)},
                code=Code.BUDGET_LINE_HAS_ENTRIES,
            )
    _open(line.fiscal_year)
    _check_economic_code(values)
    return record_update(
        actor=actor,
        obj=line,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


# --- entries -----------------------------------------------------------------------------------


def _lock(line: BudgetLine) -> BudgetLine:
    return (
        BudgetLine.objects.select_for_update()
        .select_related("fiscal_year", "sub_programme__programme__ministry")
        .get(pk=line.pk)
    )


def _check_ceiling(line: BudgetLine, kind: str, amount: int, over_allotment: bool) -> None:
    totals = line_totals(line.pk)
    allotted = totals[EntryKind.ALLOTMENT]
    if kind == EntryKind.COMMITMENT and totals[kind] + amount > allotted:
        free = allotted - totals[kind]
        raise Conflict(
            _(
                "This commitment would exceed the line's allotment: %(free)s of %(allotted)s is "
                "still uncommitted. Record an allotment first or commit less."
            )
            % {
                "free": format_money(free, line.currency),
                "allotted": format_money(allotted, line.currency),
            },
            code=Code.COMMITMENT_EXCEEDS_ALLOTMENT,
            errors={
                "amount_minor": [
                    _("at most %(free)s") % {"free": format_money(free, line.currency)}
                ]
            },
        )
    if kind == EntryKind.EXPENDITURE and totals[kind] + amount > allotted and not over_allotment:
        free = allotted - totals[kind]
        raise Conflict(
            _(
                "This expenditure would exceed the line's allotment: %(free)s of %(allotted)s is "
                "still unspent. Record an allotment first, or mark the expenditure as "
                "over-allotment and give a justification."
            )
            % {
                "free": format_money(free, line.currency),
                "allotted": format_money(allotted, line.currency),
            },
            code=Code.EXPENDITURE_EXCEEDS_ALLOTMENT,
            errors={
                "amount_minor": [
                    _("at most %(free)s without over-allotment")
                    % {"free": format_money(free, line.currency)}
                ]
            },
        )


def _check_date(line: BudgetLine, day: date) -> None:
    fy = line.fiscal_year
    if not fy.start <= day <= fy.end:
        raise ValidationFailed(
            _("date: %(day)s is outside %(year)s; record it on that year's line.")
            % {"day": gregorian_day(day), "year": fiscal_year_dated(fy)},
            code=Code.DATE_OUTSIDE_FISCAL_YEAR,
            errors={
                "date": [
                    _("between %(first)s and %(last)s")
                    % {"first": gregorian_day(fy.start), "last": gregorian_day(fy.end)}
                ]
            },
        )


@audited("budget_entry.record")
def budget_entry_record(
    *,
    actor,
    line: BudgetLine,
    kind: str,
    date: date,
    amount_minor: int,
    reference: str = "",
    note: str = "",
    over_allotment: bool = False,
    justification: str = "",
    estimated: bool = False,
) -> BudgetEntry:
    """Record a requirement, allotment, commitment or expenditure on a line."""
    access.require_view(actor, line)
    if kind not in EntryKind.values:
        raise ValidationFailed(
            _("kind: %(kind)s is not one of %(kinds)s.")
            % {"kind": repr(kind), "kinds": ", ".join(EntryKind.values)},
            code=Code.UNKNOWN_ENTRY_KIND,
            errors={"kind": [_("requirement, allotment, commitment or expenditure")]},
        )
    amount_minor = _amount(amount_minor)
    if over_allotment and kind != EntryKind.EXPENDITURE:
        raise ValidationFailed(
            _("Over the allotment: only an expenditure can be marked as over the allotment."),
            code=Code.OVER_ALLOTMENT_NOT_EXPENDITURE,
            errors={"over_allotment": [_("only for expenditures")]},
        )
    if over_allotment and not justification.strip():
        raise ValidationFailed(
            _(
                "justification: an over-allotment expenditure needs a justification (who "
                "approved it and why)."
            ),
            code=Code.OVER_ALLOTMENT_UNJUSTIFIED,
            errors={"justification": [_("required with over-allotment")]},
        )
    values = {
        "line_id": line.pk,
        "marking": line.marking,
        "owner_nation_id": line.owner_nation_id,
    }
    access.require_create(actor, BudgetEntry, values)
    line = _lock(line)
    _open(line.fiscal_year)
    _check_date(line, date)
    _check_ceiling(line, kind, amount_minor, over_allotment)
    entry = BudgetEntry.objects.create(
        line=line,
        kind=kind,
        date=date,
        amount_minor=amount_minor,
        reference=reference,
        note=note,
        over_allotment=over_allotment,
        justification=justification.strip() if over_allotment else "",
        estimated=estimated,
        marking=line.marking,
        owner_nation_id=line.owner_nation_id,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=entry,
        changes=field_changes({}, snapshot(entry)),
    )
    return entry


@audited("budget_entry.reverse")
def budget_entry_reverse(
    *, actor, entry: BudgetEntry, reason: str, date: date | None = None
) -> BudgetEntry:
    """Cancel an entry by a reversal: an entry of the same kind and amount counted negatively."""
    access.require_change(actor, entry)
    if not reason.strip():
        raise ValidationFailed(
            _("reason: say why the entry is reversed."),
            code=Code.REVERSAL_REASON_MISSING,
            errors={"reason": [_("required")]},
        )
    if entry.virement_id is not None:
        raise Conflict(
            _(
                "This allotment was moved by a virement; request a virement back instead of "
                "reversing it."
            ),
            code=Code.VIREMENT_ENTRY_NOT_REVERSIBLE,
        )
    if entry.reverses_id is not None:
        raise Conflict(
            _("This entry is itself a reversal; record a new entry instead of reversing it."),
            code=Code.CANNOT_REVERSE_REVERSAL,
        )
    if BudgetEntry.objects.filter(reverses=entry).exists():
        raise Conflict(_("This entry has already been reversed."), code=Code.ALREADY_REVERSED)
    line = _lock(entry.line)
    _open(line.fiscal_year)
    day = date or min(max(timezone.localdate(), line.fiscal_year.start), line.fiscal_year.end)
    _check_date(line, day)
    if entry.kind == EntryKind.ALLOTMENT:
        totals = line_totals(line.pk)
        after = totals[EntryKind.ALLOTMENT] - entry.amount_minor
        used = max(totals[EntryKind.COMMITMENT], totals[EntryKind.EXPENDITURE])
        if after < used:
            raise Conflict(
                _(
                    "Reversing this allotment would leave %(after)s allotted against %(used)s "
                    "already committed or spent; reverse those first."
                )
                % {
                    "after": format_money(after, line.currency),
                    "used": format_money(used, line.currency),
                },
                code=Code.ALLOTMENT_BELOW_USE,
            )
    reversal = BudgetEntry.objects.create(
        line=line,
        kind=entry.kind,
        date=day,
        amount_minor=entry.amount_minor,
        reference=entry.reference,
        note=reason.strip(),
        reverses=entry,
        estimated=entry.estimated,
        marking=entry.marking,
        owner_nation_id=entry.owner_nation_id,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=reversal,
        changes=field_changes({}, snapshot(reversal)),
    )
    return reversal


# --- virements ---------------------------------------------------------------------------------


def _free_allotment(line: BudgetLine) -> int:
    """What a line may give away: its allotment beyond what is committed or spent."""
    totals = line_totals(line.pk)
    used = max(totals[EntryKind.COMMITMENT], totals[EntryKind.EXPENDITURE], 0)
    return totals[EntryKind.ALLOTMENT] - used


def _check_free(line: BudgetLine, amount: int) -> None:
    free = _free_allotment(line)
    if amount > free:
        raise Conflict(
            _(
                "%(line)s has %(free)s allotted beyond what it has committed or spent; a "
                "virement of %(amount)s would take it below that. Move at most %(free)s."
            )
            % {
                "line": line.code,
                "free": format_money(max(free, 0), line.currency),
                "amount": format_money(amount, line.currency),
            },
            code=Code.VIREMENT_EXCEEDS_FREE_ALLOTMENT,
            errors={
                "amount_minor": [
                    _("at most %(free)s") % {"free": format_money(max(free, 0), line.currency)}
                ]
            },
        )


@audited("virement.request")
def virement_request(
    *, actor, from_line: BudgetLine, to_line: BudgetLine, amount_minor: int, reason: str
) -> Virement:
    """Ask to move allotment from one line to another of the same year, currency and marking;
    nothing moves until someone else approves it."""
    access.require_change(actor, from_line)
    access.require_change(actor, to_line)
    amount_minor = _amount(amount_minor)
    if not reason.strip():
        raise ValidationFailed(
            _("Reason: say why the money is moved."),
            code=Code.VIREMENT_REASON_MISSING,
            errors={"reason": [_("required")]},
        )
    same = (
        from_line.pk != to_line.pk
        and from_line.fiscal_year_id == to_line.fiscal_year_id
        and from_line.currency == to_line.currency
        and from_line.marking == to_line.marking
        and from_line.owner_nation_id == to_line.owner_nation_id
    )
    if not same:
        raise ValidationFailed(
            _(
                "A virement moves allotment between two different lines of the same fiscal "
                "year, currency and marking; %(from)s and %(to)s are not such a pair."
            )
            % {"from": from_line.code, "to": to_line.code},
            code=Code.VIREMENT_LINES_DIFFER,
            errors={"to_line": [_("another line of the same year, currency and marking")]},
        )
    _open(from_line.fiscal_year)
    _check_free(from_line, amount_minor)
    virement = Virement.objects.create(
        from_line=from_line,
        to_line=to_line,
        amount_minor=amount_minor,
        reason=reason.strip(),
        requested_by=access.principal_of(actor).username,
        marking=from_line.marking,
        owner_nation_id=from_line.owner_nation_id,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=virement,
        changes=field_changes({}, snapshot(virement)),
    )
    return virement


def _deciding(actor, virement: Virement) -> Virement:
    """The virement locked for a decision by ``actor``: someone who may change both lines and
    is not the requester, while it is still requested."""
    access.require_change(actor, virement)
    access.require_change(actor, virement.to_line)
    virement = Virement.objects.select_for_update().get(pk=virement.pk)
    if access.principal_of(actor).username == virement.requested_by:
        raise PermissionDenied(
            _(
                "You asked for this virement; someone else who may approve virements approves "
                "or rejects it."
            ),
            code=Code.VIREMENT_OWN_REQUEST,
        )
    if virement.status != VirementStatus.REQUESTED:
        already = {
            VirementStatus.APPROVED: _("This virement was already approved."),
            VirementStatus.REJECTED: _("This virement was already rejected."),
        }[virement.status]
        raise Conflict(already, code=Code.VIREMENT_DECIDED)
    return virement


@audited("virement.approve")
def virement_approve(*, actor, virement: Virement, note: str = "") -> Virement:
    """Approve a requested virement: both lines' allotments move in one transaction (an
    outgoing allotment on the giving line, an allotment on the receiving one), dated today
    within the fiscal year."""
    virement = _deciding(actor, virement)
    # Both lines locked in a fixed order, so two approvals cannot deadlock or both pass.
    first, second = sorted([virement.from_line_id, virement.to_line_id])
    locked = {line.pk: _lock(line) for line in BudgetLine.objects.filter(pk__in=[first, second])}
    giving, receiving = locked[virement.from_line_id], locked[virement.to_line_id]
    _open(giving.fiscal_year)
    _check_free(giving, virement.amount_minor)
    fy = giving.fiscal_year
    day = min(max(timezone.localdate(), fy.start), fy.end)
    before = snapshot(virement)
    for line, outgoing in ((giving, True), (receiving, False)):
        entry = BudgetEntry.objects.create(
            line=line,
            kind=EntryKind.ALLOTMENT,
            date=day,
            amount_minor=virement.amount_minor,
            reference=f"virement-{virement.pk}",
            note=virement.reason,
            virement=virement,
            outgoing=outgoing,
            marking=line.marking,
            owner_nation_id=line.owner_nation_id,
        )
        audit_record(
            actor=actor,
            action="budget_entry.record",
            obj=entry,
            changes=field_changes({}, snapshot(entry)),
        )
    return _decide(actor, virement, VirementStatus.APPROVED, note, before)


@audited("virement.reject")
def virement_reject(*, actor, virement: Virement, note: str = "") -> Virement:
    """Reject a requested virement: nothing moves."""
    virement = _deciding(actor, virement)
    return _decide(actor, virement, VirementStatus.REJECTED, note, snapshot(virement))


def _decide(actor, virement: Virement, status: str, note: str, before: dict) -> Virement:
    virement.status = status
    virement.decided_by = access.principal_of(actor).username
    virement.decided_at = timezone.now()
    virement.decision_note = note.strip()
    virement.version += 1
    virement.save()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=virement,
        changes=field_changes(before, snapshot(virement)),
    )
    return virement


# --- the Chicago sustainment pledge ------------------------------------------------------------


def _pledge_data(values: SustainmentPledgeValues) -> dict:
    """The pledge's given fields, its amounts checked (an actual of zero is a known nothing)."""
    data = values.given()
    if values.has("pledged_usd_minor"):
        data["pledged_usd_minor"] = _amount(
            values.pledged_usd_minor, "pledged_usd_minor", label=_("Pledged (USD)")
        )
    if values.has("actual_usd_minor") and values.actual_usd_minor is not None:
        data["actual_usd_minor"] = _amount(
            values.actual_usd_minor, "actual_usd_minor", label=_("Actual (USD)"), allow_zero=True
        )
    if values.has("donor_group") and values.donor_group not in DonorGroup.values:
        raise ValidationFailed(
            _("Donor group: %(group)s is not one of %(groups)s.")
            % {"group": repr(values.donor_group), "groups": ", ".join(DonorGroup.values)},
            code=Code.UNKNOWN_DONOR_GROUP,
            errors={"donor_group": [", ".join(DonorGroup.values)]},
        )
    return data


@audited("sustainment_pledge.create")
def sustainment_pledge_create(*, actor, values: SustainmentPledgeValues) -> SustainmentPledge:
    """Record one year's pledge of one donor group to the Chicago sustainment model."""
    return record_create(
        actor=actor,
        model=SustainmentPledge,
        data=_pledge_data(values),
        action=audited_action(),
    )


@audited("sustainment_pledge.update")
def sustainment_pledge_update(
    *, actor, pledge: SustainmentPledge, values: SustainmentPledgeValues, expected_version: int
) -> SustainmentPledge:
    """Record the actual funding of a year (or correct the pledge), with its sources."""
    return record_update(
        actor=actor,
        obj=pledge,
        data=_pledge_data(values),
        expected_version=expected_version,
        action=audited_action(),
    )


# --- the medium-term expenditure framework -----------------------------------------------------

PROJECTED_FIELDS = ("projected_1_minor", "projected_2_minor", "projected_3_minor")
CEILING_FIELDS = ("ceiling_1_minor", "ceiling_2_minor", "ceiling_3_minor")


def _projection_data(values: ProjectionValues) -> dict:
    """The projection's given fields, checked: a known currency, years N+1 to N+3 the Afghan
    calendar counts, projections of zero or more and ceilings above zero, in whole minor units
    no larger than Accord keeps."""
    data = values.given()
    if values.has("currency") and values.currency not in Currency.values:
        raise ValidationFailed(
            _("currency: %(currency)s is not a budget currency; use AFN or USD.")
            % {"currency": repr(values.currency)},
            code=Code.UNKNOWN_CURRENCY,
            errors={"currency": [_("AFN or USD")]},
        )
    if values.has("fiscal_year") and values.fiscal_year is not None:
        _open(values.fiscal_year)
        try:
            mtef.following_years(values.fiscal_year.label)
        except ValueError:
            raise ValidationFailed(
                _(
                    "%(year)s is too late: the Afghan calendar Accord knows ends before its third "
                    "following year."
                )
                % {"year": values.fiscal_year},
                code=Code.UNKNOWN_FISCAL_YEAR,
                errors={"fiscal_year": [_("an earlier fiscal year")]},
            ) from None
    labels = {
        "projected_1_minor": _("Projection, year N+1"),
        "projected_2_minor": _("Projection, year N+2"),
        "projected_3_minor": _("Projection, year N+3"),
        "ceiling_1_minor": _("Ceiling, year N+1"),
        "ceiling_2_minor": _("Ceiling, year N+2"),
        "ceiling_3_minor": _("Ceiling, year N+3"),
    }
    for field in (*PROJECTED_FIELDS, *CEILING_FIELDS):
        if values.has(field):
            data[field] = _amount(
                getattr(values, field),
                field,
                label=labels[field],
                allow_zero=field in PROJECTED_FIELDS,
            )
    return data


@audited("projection.create")
def projection_create(*, actor, values: ProjectionValues) -> Projection:
    """Enter a programme's projections for the three fiscal years after year N, each with its
    ceiling (one set per programme, year N and currency)."""
    access.require_kind(actor, "create", Projection)
    return record_create(
        actor=actor, model=Projection, data=_projection_data(values), action=audited_action()
    )


@audited("projection.update")
def projection_update(
    *, actor, projection: Projection, values: ProjectionValues, expected_version: int
) -> Projection:
    """Revise a programme's projections or their ceilings while year N is open."""
    access.require_change(actor, projection)
    _open(projection.fiscal_year)
    return record_update(
        actor=actor,
        obj=projection,
        data=_projection_data(values),
        expected_version=expected_version,
        action=audited_action(),
    )
