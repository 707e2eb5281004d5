"""The Chicago sustainment pledge: pledged against actual per year and donor group, its
export, and the form that keeps a year's figures."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord import access
from accord.budget import charts, selectors, services
from accord.budget.forms import PLEDGE_CURRENCY, PledgeForm
from accord.budget.models import SustainmentPledge
from accord.budget.views.common import budget_form
from accord.money import from_minor, plain_amount
from accord.web.pages import EXPORT_FORMATS, export_response, forbidden, record_or_404

#: The day the allies agreed the sustainment model (the Chicago Summit on Afghanistan).
CHICAGO_SUMMIT = date(2012, 5, 21)


def sustainment_export_headers() -> list[str]:
    """The export's columns, in the reader's language."""
    return [
        _("Year"),
        _("Donor group"),
        _("Pledged (USD)"),
        _("Actual (USD)"),
        _("Pledged figure estimated"),
        _("Actual figure estimated"),
        _("Note"),
    ]


def _usd(minor: int | None) -> str:
    return "" if minor is None else plain_amount(minor, PLEDGE_CURRENCY)


def sustainment_page(request):
    actor = request.user
    years = selectors.sustainment_by_year(actor=actor)
    pledges = [p for y in years for p in y["groups"]]
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_response(
            fmt,
            filename="chicago-sustainment",
            headers=sustainment_export_headers(),
            rows=pledges,
            row=lambda p: [
                p.year,
                p.get_donor_group_display(),
                _usd(p.pledged_usd_minor),
                _usd(p.actual_usd_minor),
                p.pledged_estimated,
                p.actual_estimated,
                p.note,
            ],
        )
    first = pledges[0] if pledges else None
    context = {
        "can_change": access.may(actor, "change", SustainmentPledge),
        "years": years,
        "chart": charts.pledge_columns(years),
        "chicago_summit": CHICAGO_SUMMIT,
        # The council's records keep their own markings: named only to those who may read them.
        "legal_basis": access.reachable(actor, first.legal_basis if first else None),
        "joint_action": access.reachable(actor, first.joint_action if first else None),
    }
    return render(request, "budget/sustainment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request, pk: int):
    pledge = record_or_404(selectors.sustainment_pledge_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", SustainmentPledge, pledge):
        return forbidden(
            request, _("Sustainment figures are kept by hub staff and administrators.")
        )
    initial = {
        "pledged": from_minor(pledge.pledged_usd_minor, PLEDGE_CURRENCY),
        "pledged_estimated": pledge.pledged_estimated,
        "actual": None
        if pledge.actual_usd_minor is None
        else from_minor(pledge.actual_usd_minor, PLEDGE_CURRENCY),
        "actual_estimated": pledge.actual_estimated,
        "note": pledge.note,
        "expected_version": pledge.version,
    }
    form = PledgeForm(request.POST or None, initial=initial)
    return budget_form(
        request,
        form,
        run=lambda actor, cleaned: services.sustainment_pledge_update(
            actor=actor,
            pledge=pledge,
            values=form.service_values(),
            expected_version=cleaned["expected_version"],
        ),
        title=_("Chicago sustainment: %(pledge)s") % {"pledge": pledge},
        cancel_url=reverse("budget:sustainment"),
        success_url=reverse("budget:sustainment"),
        message=_("Saved %(pledge)s.") % {"pledge": pledge},
    )
