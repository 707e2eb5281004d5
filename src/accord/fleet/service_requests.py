"""Every write to service requests: one audited function per step.

A recipient nation's delegation submits a request for repair and service of its aircraft (Kabul's
2016 request for its Mi-35 fleet); a maintenance officer takes it under review and approves it
or refuses it with a reason the delegation reads; an approved request is funded by a commitment
of a trust fund (the funds module's ``purchase_commit``: a pending transfer, refused beyond the
fund's available balance with nothing kept); a funded request is answered by work orders, one
per aircraft named, each with the aircraft's due tasks and the repair asked for as a defect.

Each step moves the status by a conditional UPDATE on the status it expects, so two officers
deciding at once cannot both succeed (the second is told to reload, ``service_request_step``).
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from django.db.models import F
from django.utils.translation import gettext as _

from accord import access
from accord.access import principal_of
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.errors import Code, Conflict, ValidationFailed
from accord.fleet import selectors, work_orders
from accord.fleet.choices import ServiceRequestStatus as Status
from accord.fleet.engine.due import DueStatus
from accord.fleet.models import ServiceRequest
from accord.funds import services as funds
from accord.l10n import format_day
from accord.money import DEFAULT_LOCALE, format_money

DECIDABLE = (Status.SUBMITTED, Status.UNDER_REVIEW)


def _not_future(day: date, field: str) -> None:
    if day > selectors.today():
        raise ValidationFailed(
            _("%(day)s is in the future: give today or an earlier day.") % {"day": format_day(day)},
            code=Code.DATE_IN_FUTURE,
            errors={field: [_("today or earlier")]},
        )


def _not_before_request(request: ServiceRequest, day: date, field: str) -> None:
    if day < request.requested_on:
        raise ValidationFailed(
            _("%(number)s was requested on %(day)s: give that day or a later one.")
            % {"number": request.number, "day": format_day(request.requested_on)},
            errors={field: [_("on or after the day of the request")]},
        )


def _move(request: ServiceRequest, expected, status: str, **fields) -> None:
    """Move the request from one of the ``expected`` statuses, or refuse: a conditional UPDATE,
    so of two officers acting at once one moves it and the other is told where it stands."""
    moved = ServiceRequest.objects.filter(pk=request.pk, status__in=list(expected)).update(
        status=status, version=F("version") + 1, **fields
    )
    if not moved:
        current = ServiceRequest.objects.get(pk=request.pk)
        raise Conflict(
            _("%(number)s is %(status)s: this step is not open to it.")
            % {"number": request.number, "status": current.get_status_display()},
            code=Code.SERVICE_REQUEST_STEP,
        )


def _require_action(actor, action: str, request: ServiceRequest) -> None:
    access.require_view(actor, request)
    if not access.may(actor, action, ServiceRequest, request):
        access.require_kind(actor, action, ServiceRequest)


@audited("service_request.submit")
def service_request_submit(
    *,
    actor,
    requester,
    title: str,
    description: str,
    day: date,
    aircraft_type=None,
    aircraft=(),
) -> ServiceRequest:
    """Submit a nation's request for repair and service of its aircraft (a type, and the
    aircraft by tail number where known)."""
    scope = {"marking": ServiceRequest.default_marking, "requester_id": requester.pk}
    access.require_create(actor, ServiceRequest, scope)
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise ValidationFailed(_("Give the request a title."), errors={"title": [_("required")]})
    if not description:
        raise ValidationFailed(
            _("Say what is to be repaired or serviced."), errors={"description": [_("required")]}
        )
    _not_future(day, "requested_on")
    aircraft = list(aircraft)
    if aircraft_type is not None and any(a.aircraft_type_id != aircraft_type.pk for a in aircraft):
        raise ValidationFailed(
            _("Name aircraft of the type the request is for."),
            errors={"aircraft": [_("aircraft of the type named")]},
        )
    request = ServiceRequest.objects.create(
        number=f"new-{uuid4().hex[:12]}",
        requester=requester,
        title=title,
        description=description,
        aircraft_type=aircraft_type,
        requested_on=day,
        **scope,
    )
    # Numbered from its id, the database's own counter: never MAX + 1.
    request.number = f"SR-{day.year}-{request.pk:05d}"
    ServiceRequest.objects.filter(pk=request.pk).update(number=request.number)
    request.aircraft.set(aircraft)
    changes = field_changes({}, snapshot(request))
    changes["aircraft"] = sorted(a.tail_number for a in aircraft)
    audit_record(actor=actor, action=audited_action(), obj=request, changes=changes)
    return request


def _still_open(request: ServiceRequest, withdraw: bool = False) -> None:
    """Refuse a change once the request is decided: an approved or funded request is the
    reviewers' basis and the fund's commitment, and changes no more."""
    if request.status in DECIDABLE:
        return
    if withdraw:
        text = _("%(number)s is %(status)s: it can no longer be withdrawn.")
    else:
        text = _("%(number)s is %(status)s: it can no longer be changed.")
    raise Conflict(
        text % {"number": request.number, "status": request.get_status_display().lower()},
        code=Code.SERVICE_REQUEST_STEP,
    )


@audited("service_request.update")
def service_request_update(
    *,
    actor,
    request: ServiceRequest,
    title: str,
    description: str,
    aircraft_type=None,
    aircraft=(),
    expected_version: int | None = None,
) -> ServiceRequest:
    """Change a request while it is not yet decided (submitted or under review): its title,
    what is to be done, its type and aircraft. The requesting delegation may, and those who
    change any request. Aircraft the editor may not read stay on the request as they were."""
    access.require_change(actor, request)
    _still_open(request)
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise ValidationFailed(_("Give the request a title."), errors={"title": [_("required")]})
    if not description:
        raise ValidationFailed(
            _("Say what is to be repaired or serviced."), errors={"description": [_("required")]}
        )
    hidden = [a for a in request.aircraft.all() if not access.can_view(actor, a)]
    planes = list({a.pk: a for a in [*aircraft, *hidden]}.values())
    if aircraft_type is not None and any(a.aircraft_type_id != aircraft_type.pk for a in planes):
        raise ValidationFailed(
            _("Name aircraft of the type the request is for."),
            errors={"aircraft": [_("aircraft of the type named")]},
        )
    before = snapshot(request)
    before_tails = sorted(a.tail_number for a in request.aircraft.all())
    version = request.version if expected_version is None else expected_version
    moved = ServiceRequest.objects.filter(
        pk=request.pk, version=version, status__in=list(DECIDABLE)
    ).update(
        title=title,
        description=description,
        aircraft_type=aircraft_type,
        version=F("version") + 1,
    )
    if not moved:
        current = ServiceRequest.objects.get(pk=request.pk)
        _still_open(current)
        raise Conflict(
            _("Someone changed %(number)s meanwhile; reload it and try again.")
            % {"number": request.number},
            code=Code.STALE_VERSION,
        )
    request.refresh_from_db()
    request.aircraft.set(planes)
    changes = field_changes(before, snapshot(request))
    tails = sorted(a.tail_number for a in planes)
    if tails != before_tails:
        changes["aircraft"] = [before_tails, tails]
    audit_record(actor=actor, action=audited_action(), obj=request, changes=changes)
    return request


@audited("service_request.withdraw")
def service_request_withdraw(*, actor, request: ServiceRequest, reason: str) -> ServiceRequest:
    """Withdraw a request not yet decided, with the reason those who review it read. Once it is
    approved or funded it stays: the reviewers refuse or close it."""
    access.require_change(actor, request)
    _still_open(request, withdraw=True)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Say why the request is withdrawn: those who review it read it."),
            errors={"reason": [_("required")]},
        )
    before = request.status
    _move(request, DECIDABLE, Status.WITHDRAWN, reason=reason)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=request,
        changes={"status": [before, Status.WITHDRAWN], "reason": reason},
    )
    request.refresh_from_db()
    return request


@audited("service_request.review")
def service_request_review(*, actor, request: ServiceRequest) -> ServiceRequest:
    """Take a submitted request under review: the delegation sees that it is being read."""
    _require_action(actor, "review", request)
    _move(request, [Status.SUBMITTED], Status.UNDER_REVIEW)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=request,
        changes={"status": [request.status, Status.UNDER_REVIEW]},
    )
    request.refresh_from_db()
    return request


@audited("service_request.decide")
def service_request_decide(
    *, actor, request: ServiceRequest, approve: bool, day: date, reason: str = ""
) -> ServiceRequest:
    """Approve the request, or refuse it with a reason the requesting delegation reads."""
    _require_action(actor, "review", request)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationFailed(
            _("Say why the request is refused: the requesting delegation reads it."),
            code=Code.REFUSAL_REASON_MISSING,
            errors={"reason": [_("required")]},
        )
    _not_future(day, "day")
    _not_before_request(request, day, "day")
    status = Status.APPROVED if approve else Status.REFUSED
    before = request.status
    _move(
        request,
        DECIDABLE,
        status,
        decided_on=day,
        decided_by_id=principal_of(actor).user_id,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=request,
        changes={"status": [before, status], "reason": reason, "day": str(day)},
    )
    request.refresh_from_db()
    return request


def _payee(request: ServiceRequest) -> str:
    text = f"{request.number}: {request.title}"
    return text if len(text) <= 200 else text[:199] + "…"


@audited("service_request.fund")
def service_request_fund(
    *, actor, request: ServiceRequest, fund, amount_minor: int, day: date
) -> ServiceRequest:
    """Fund an approved request from a trust fund: the money is committed now (refused beyond
    the fund's available balance, ``insufficient_funds``, and then nothing is kept)."""
    _require_action(actor, "fund", request)
    if amount_minor is None or amount_minor <= 0:
        raise ValidationFailed(
            _("Give the amount to commit, more than zero."),
            code=Code.AMOUNT_NOT_POSITIVE,
            errors={"amount": [_("more than zero")]},
        )
    _not_future(day, "day")
    _not_before_request(request, day, "day")
    if request.status != Status.APPROVED:
        _move(request, [Status.APPROVED], Status.FUNDED)  # refuses, saying where it stands
    money = format_money(amount_minor, fund.currency, locale=DEFAULT_LOCALE)
    commitment = funds.purchase_commit(
        actor=actor,
        fund=fund,
        amount_minor=amount_minor,
        day=day,
        payee=_payee(request),
        # The fund's statement is read by every reader: written in the default locale.
        note=f"Fleet service request {request.number} ({request.requester.iso3}): {money}",
    )
    # Conditional on the status read: of two officers funding at once, the second is refused
    # and its commitment rolls back with its transaction.
    _move(
        request,
        [Status.APPROVED],
        Status.FUNDED,
        fund=fund,
        commitment=commitment,
        amount_minor=amount_minor,
        currency=fund.currency,
        funded_on=day,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=request,
        changes={
            "status": [Status.APPROVED, Status.FUNDED],
            "fund": fund.code,
            "amount_minor": amount_minor,
            "day": str(day),
        },
    )
    request.refresh_from_db()
    return request


@audited("service_request.work_orders")
def service_request_work_orders(*, actor, request: ServiceRequest, day: date) -> list:
    """Answer a funded request with work orders: one per aircraft it names that the officer
    may change, with the aircraft's due tasks and the repair asked for, as a defect to sign."""
    _require_action(actor, "review", request)
    _not_future(day, "day")
    _not_before_request(request, day, "day")
    _move(request, [Status.FUNDED], Status.IN_WORK)
    planes = [a for a in request.aircraft.all() if access.can_change(actor, a)]
    if not planes:
        raise ValidationFailed(
            _("The request names no aircraft you may work on: name its aircraft first."),
            code=Code.WORK_ORDER_EMPTY,
            errors={"aircraft": [_("aircraft you may change")]},
        )
    orders = []
    for plane in planes:
        defect = work_orders.defect_report(
            actor=actor,
            aircraft=plane,
            description=f"{request.number}: {request.title}",
            reported_on=day,
        )
        # The due list's rows that call for work now (due soon or worse), worst first.
        rows = selectors.tasks_to_work(actor=actor, aircraft=plane)
        due = [row.task for row in rows if row.due.status != DueStatus.OK]
        orders.append(
            work_orders.work_order_raise(
                actor=actor,
                aircraft=plane,
                day=day,
                tasks=due,
                defects=[defect],
                service_request=request,
                note=request.number,
            )
        )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=request,
        changes={
            "status": [Status.FUNDED, Status.IN_WORK],
            "work_orders": [o.number for o in orders],
        },
    )
    request.refresh_from_db()
    return orders
