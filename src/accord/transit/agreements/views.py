"""The agreements pages: agreements with the closures and leases beside them, an agreement's
page, the conflicts between agreements, and the edit and create pages of agreements and closures.
Thin over the selectors and services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from accord import access
from accord.core.selectors import hidden_nations_of, nation_codes_shown
from accord.l10n import format_number
from accord.names import local
from accord.transit.agreements import selectors, services
from accord.transit.agreements.forms import AgreementCreateForm, AgreementForm, ClosureForm
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.models import TransitAgreement, TransitClosure
from accord.transit.network import selectors as network_selectors
from accord.transit.pages import (
    create_page,
    edit_page,
    export,
    export_format,
    history,
    may_create,
    refused,
)
from accord.transit.planning import selectors as planning_selectors
from accord.transit.routing.explain import Names, conflict_explained
from accord.transit.shipments import selectors as shipments_selectors
from accord.web.pages import form_page, record_or_404


@login_required
@require_GET
def agreements(request):
    actor = request.user
    country = request.GET.get("country") or None
    rows = selectors.agreement_list(actor=actor, country=country)
    fmt = export_format(request)
    if fmt:
        hidden = hidden_nations_of(request)
        return export(
            fmt,
            "transit-agreements",
            (
                (_("Code"), lambda a: a.code),
                (_("Agreement"), lambda a: a.group),
                (_("Title"), lambda a: a.title),
                (_("Country"), lambda a: a.country.iso3),
                (_("Mode"), lambda a: a.get_mode_display()),
                (_("Cargo"), lambda a: a.get_cargo_class_display()),
                (_("Direction"), lambda a: a.get_direction_display()),
                (_("Effect"), lambda a: a.get_effect_display()),
                (_("Valid from"), lambda a: a.valid_from),
                (_("Valid until"), lambda a: a.valid_to),
                (_("Cap"), lambda a: a.cap_amount),
                (_("Cap unit"), lambda a: a.get_cap_unit_display() if a.cap_unit else ""),
                (_("Made for"), lambda a: ", ".join(nation_codes_shown(a.parties, hidden))),
                (
                    _("Legal basis"),
                    lambda a: a.legal_basis.code if a.legal_basis_shown and a.legal_basis else "",
                ),
                (_("Estimated"), lambda a: a.estimated),
                (_("Marking"), lambda a: a.marking),
            ),
            rows,
        )
    return render(
        request,
        "transit/agreements.html",
        {
            "agreements": rows,
            "closures": selectors.closure_list(actor=actor),
            "leases": planning_selectors.lease_list(actor=actor),
            "conflict_count": len(selectors.conflict_report(actor=actor)),
            "can_close": may_create(actor, TransitClosure),
            "country": country or "",
        },
    )


@login_required
@require_GET
def agreement_detail(request, code):
    actor = request.user
    agreement = record_or_404(selectors.agreement_get, actor=actor, code=code)
    return render(
        request,
        "transit/agreement_detail.html",
        {
            "obj": agreement,
            # The council's register marks its legal bases: one outside the reader's reach is
            # not named.
            "legal_basis": access.reachable(actor, agreement.legal_basis),
            "siblings": selectors.agreement_list(actor=actor, group=agreement.group),
            "history": history(actor, agreement),
            "sources": agreement.sources.all(),
            "can_change": access.may(actor, "change", TransitAgreement, agreement),
        },
    )


@login_required
@require_GET
def conflicts(request):
    names = Names.read_by(request.user)
    return render(
        request,
        "transit/conflicts.html",
        {
            "conflicts": [
                conflict_explained(c, names) for c in selectors.conflict_report(actor=request.user)
            ]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, code):
    agreement = record_or_404(selectors.agreement_get, actor=request.user, code=code)
    return edit_page(
        request,
        agreement,
        AgreementForm,
        lambda actor, obj, data, version: services.agreement_update(
            actor=actor, agreement=obj, values=AgreementValues(**data), expected_version=version
        ),
        reverse("transit:agreement-detail", args=[agreement.code]),
        "agreement",
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    if refusal := refused(request, TransitAgreement):
        return refusal
    return create_page(
        request,
        AgreementCreateForm(request.POST or None),
        lambda actor, data: services.agreement_create(actor=actor, values=AgreementValues(**data)),
        label="agreement",
        cancel_url=reverse("transit:agreements"),
        success_url=lambda row: reverse("transit:agreement-detail", args=[row.code]),
        success_message=lambda row: _("Created agreement %(code)s.") % {"code": row.code},
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_create(request):
    actor = request.user
    if refusal := refused(request, TransitClosure):
        return refusal
    form = ClosureForm(
        request.POST or None,
        nodes=network_selectors.node_list(actor=actor).order_by(local("name")),
        legs=network_selectors.leg_list(actor=actor),
    )

    def flagged_count() -> int:
        return shipments_selectors.shipment_list(actor=actor, flagged=True).count()

    def record(writer, cleaned):
        # The closed record is named by its code in the field its kind names; the service
        # resolves it (an unknown one is a form error on that field).
        given = {k: v for k, v in cleaned.items() if v not in ("", None) or k == "end"}
        before = flagged_count()
        closure = services.closure_create(actor=writer, values=ClosureValues(**given))
        # The message says how many shipments the closure flagged for review.
        return closure, flagged_count() - before

    return form_page(
        request,
        form=form,
        run=record,
        template="transit/closure_form.html",
        partial="form",
        success_url=reverse("transit:agreements"),
        success_message=lambda recorded: (
            ngettext(
                "Recorded closure %(code)s; %(count)s shipment flagged for review.",
                "Recorded closure %(code)s; %(count)s shipments flagged for review.",
                recorded[1],
            )
            % {"code": recorded[0].code, "count": format_number(recorded[1])}
        ),
    )
