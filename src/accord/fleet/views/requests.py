"""Service requests: the list (a delegation sees its own nation's), submitting one, a request's
page with its steps (review, decision, funding, work orders) and its history."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.access import shown
from accord.core import selectors as core_selectors
from accord.fleet import selectors, service_requests
from accord.fleet.choices import ServiceRequestStatus as Status
from accord.fleet.filters import ServiceRequestFilter
from accord.fleet.forms import (
    DayForm,
    DecisionForm,
    FundingForm,
    ServiceRequestEditForm,
    ServiceRequestForm,
    WithdrawForm,
)
from accord.fleet.models import ServiceRequest
from accord.fleet.views.common import Kind, fleet_form
from accord.funds import selectors as funds_selectors
from accord.l10n import format_day
from accord.money import format_money, to_minor
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)

COLUMNS = (
    Column(gettext_lazy("Number"), "number", sort="number", link=True),
    Column(gettext_lazy("Requesting nation"), lambda r: str(r.requester)),
    Column(pgettext_lazy("service request", "Title"), "title"),
    Column(gettext_lazy("Status"), "status"),
    Column(gettext_lazy("Requested on"), lambda r: format_day(r.requested_on), sort="requested_on"),
    Column(
        gettext_lazy("Amount"),
        lambda r: format_money(r.amount_minor, r.currency) if r.amount_minor else "",
        numeric=True,
    ),
)


def request_page() -> ListPage:
    return ListPage(
        name="service-requests",
        model=ServiceRequest,
        filterset=ServiceRequestFilter,
        columns=COLUMNS,
        select=selectors.service_request_list,
        row_url=lambda r: reverse("fleet:service-request-detail", args=[r.number]),
    )


def _nations(actor) -> list:
    """The nations the actor may submit a request for: a delegation its own, an officer any."""
    return [
        n
        for n in core_selectors.nations_readable(actor=actor)
        if access.may(
            actor,
            "create",
            ServiceRequest,
            {"marking": ServiceRequest.default_marking, "requester_id": n.pk},
        )
    ]


def service_request_list(request):
    actor = request.user
    may_submit = access.may(actor, "create", ServiceRequest) and bool(_nations(actor))
    context = {
        "kind": Kind(gettext_lazy("service request"), gettext_lazy("Service requests")),
        "create_url": reverse("fleet:service-request-create") if may_submit else None,
    }
    return list_page(request, request_page(), context)


@login_required
@require_http_methods(["GET", "POST"])
def service_request_create(request):
    actor = request.user
    nations = _nations(actor)
    if not nations:
        return forbidden(request, _("Requests are submitted by a delegation for its nation."))
    form = ServiceRequestForm(
        request.POST or None,
        nations=nations,
        types=list(selectors.aircraft_type_list(actor=actor)),
        aircraft=list(selectors.aircraft_list(actor=actor)),
    )

    def run(actor, cleaned):
        code = cleaned["aircraft_type"]
        return service_requests.service_request_submit(
            actor=actor,
            requester=core_selectors.nation_get(actor=actor, iso3=cleaned["requester"]),
            title=cleaned["title"],
            description=cleaned["description"],
            day=cleaned["requested_on"],
            aircraft_type=selectors.aircraft_type_get(actor=actor, code=code) if code else None,
            aircraft=[
                selectors.aircraft_get(actor=actor, tail_number=tail)
                for tail in cleaned["aircraft"]
            ],
        )

    return fleet_form(
        request,
        form,
        run=run,
        title=_("New service request"),
        cancel_url=reverse("fleet:service-requests"),
        success_url=lambda r: reverse("fleet:service-request-detail", args=[r.number]),
        message=lambda r: _("%(number)s is submitted.") % {"number": r.number},
    )


def _funds_for(actor) -> list:
    return [
        f
        for f in funds_selectors.fund_list(actor=actor)
        if access.may(actor, "purchase", type(f), f)
    ]


def service_request_detail(request, number: str):
    actor = request.user
    found = record_or_404(selectors.service_request_get, actor=actor, number=number)
    may_review = access.may(actor, "review", ServiceRequest, found)
    may_fund = access.may(actor, "fund", ServiceRequest, found)
    context = {
        "req": found,
        "aircraft_type": shown(found, "aircraft_type"),
        "fund": shown(found, "fund"),
        "amount": format_money(found.amount_minor, found.currency) if found.amount_minor else "",
        "aircraft": list(found.aircraft.all()),
        "work_orders": list(found.work_orders.all()),
        "review_open": may_review and found.status == Status.SUBMITTED,
        "decision_form": DecisionForm()
        if may_review and found.status in service_requests.DECIDABLE
        else None,
        "funding_form": FundingForm(funds=_funds_for(actor))
        if may_fund and found.status == Status.APPROVED
        else None,
        "work_form": DayForm() if may_review and found.status == Status.FUNDED else None,
        # The requesting delegation (and who changes any request) edits or withdraws it while
        # it is not yet decided.
        "may_edit": found.status in service_requests.DECIDABLE
        and access.may(actor, "change", ServiceRequest, found),
        "withdraw_form": WithdrawForm()
        if found.status in service_requests.DECIDABLE
        and access.may(actor, "change", ServiceRequest, found)
        else None,
        "history": history_rows(actor, found),
    }
    return render(request, "fleet/service_request_detail.html", context)


def _step(request, number: str, action: str, form: forms.Form, run, done: str):
    actor = request.user
    found = record_or_404(selectors.service_request_get, actor=actor, number=number)
    if not access.may(actor, action, ServiceRequest, found):
        return forbidden(request, _("Requests are reviewed by maintenance officers."))
    return record_action(
        request,
        form=form,
        run=lambda actor, cleaned: run(actor, found, cleaned),
        back_url=reverse("fleet:service-request-detail", args=[found.number]),
        done=done,
    )


class _Empty(forms.Form):
    pass


@login_required
@require_POST
def service_request_review(request, number: str):
    return _step(
        request,
        number,
        "review",
        _Empty(request.POST),
        lambda actor, found, cleaned: service_requests.service_request_review(
            actor=actor, request=found
        ),
        _("The request is under review."),
    )


@login_required
@require_POST
def service_request_decide(request, number: str):
    return _step(
        request,
        number,
        "review",
        DecisionForm(request.POST),
        lambda actor, found, cleaned: service_requests.service_request_decide(
            actor=actor,
            request=found,
            approve=cleaned["approve"],
            reason=cleaned["reason"],
            day=cleaned["day"],
        ),
        _("The decision is recorded; the requesting delegation reads it."),
    )


def _fund(actor, found, cleaned):
    fund = funds_selectors.fund_get(actor=actor, code=cleaned["fund"])
    return service_requests.service_request_fund(
        actor=actor,
        request=found,
        fund=fund,
        amount_minor=to_minor(cleaned["amount"], fund.currency, field="amount"),
        day=cleaned["day"],
    )


@login_required
@require_POST
def service_request_fund(request, number: str):
    return _step(
        request,
        number,
        "fund",
        FundingForm(request.POST, funds=_funds_for(request.user)),
        _fund,
        _("Funded: the money is committed on the fund's ledger."),
    )


@login_required
@require_POST
def service_request_work_orders(request, number: str):
    return _step(
        request,
        number,
        "review",
        DayForm(request.POST),
        lambda actor, found, cleaned: service_requests.service_request_work_orders(
            actor=actor, request=found, day=cleaned["day"]
        ),
        _("Work orders are raised for the request's aircraft."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_request_edit(request, number: str):
    actor = request.user
    found = record_or_404(selectors.service_request_get, actor=actor, number=number)
    if not access.may(actor, "change", ServiceRequest, found):
        return forbidden(request, _("A request is changed by its requesting delegation."))
    planes = list(selectors.aircraft_list(actor=actor))
    form = ServiceRequestEditForm(
        request.POST or None,
        types=list(selectors.aircraft_type_list(actor=actor)),
        aircraft=planes,
        initial={
            "title": found.title,
            "description": found.description,
            "aircraft_type": found.aircraft_type.code if shown(found, "aircraft_type") else "",
            "aircraft": [a.tail_number for a in found.aircraft.all()],
            "expected_version": found.version,
        },
    )

    def run(actor, cleaned):
        code = cleaned["aircraft_type"]
        return service_requests.service_request_update(
            actor=actor,
            request=found,
            title=cleaned["title"],
            description=cleaned["description"],
            aircraft_type=selectors.aircraft_type_get(actor=actor, code=code) if code else None,
            aircraft=[
                selectors.aircraft_get(actor=actor, tail_number=tail)
                for tail in cleaned["aircraft"]
            ],
            expected_version=cleaned.get("expected_version"),
        )

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Change %(number)s") % {"number": found.number},
        cancel_url=reverse("fleet:service-request-detail", args=[found.number]),
        success_url=lambda r: reverse("fleet:service-request-detail", args=[r.number]),
        message=lambda r: _("%(number)s is changed.") % {"number": r.number},
    )


@login_required
@require_POST
def service_request_withdraw(request, number: str):
    actor = request.user
    found = record_or_404(selectors.service_request_get, actor=actor, number=number)
    if not access.may(actor, "change", ServiceRequest, found):
        return forbidden(request, _("A request is withdrawn by its requesting delegation."))
    return record_action(
        request,
        form=WithdrawForm(request.POST),
        run=lambda actor, cleaned: service_requests.service_request_withdraw(
            actor=actor, request=found, reason=cleaned["reason"]
        ),
        back_url=reverse("fleet:service-request-detail", args=[found.number]),
        done=_("The request is withdrawn."),
    )
