"""The fiscal years, and closing one from their list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord import access
from accord.budget import selectors, services
from accord.budget.forms import VersionForm
from accord.budget.models import FiscalYear
from accord.errors import AccordError, PermissionDenied
from accord.web.pages import acting, forbidden, record_or_404, success_redirect


def fiscal_years(request):
    rows = [
        {
            "fy": fy,
            "calendar": selectors.calendar_year(fy),
            "can_close": access.may(request.user, "change", FiscalYear, fy),
        }
        for fy in selectors.fiscal_year_list(actor=request.user)
    ]
    return render(request, "budget/fiscal_years.html", {"rows": rows})


@login_required
@require_POST
def fiscal_year_close(request, label: str):
    """The "close the year" button of the fiscal years' list: a refusal is told on the list."""
    fy = record_or_404(selectors.fiscal_year_get, actor=request.user, label=label)
    if not access.may(request.user, "change", FiscalYear, fy):
        return forbidden(request, _("Fiscal years are closed by hub staff and administrators."))
    back = reverse("budget:fiscal-years")
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page and try again."))
        return HttpResponseRedirect(back)
    try:
        services.fiscal_year_close(
            actor=acting(request),
            fiscal_year=fy,
            expected_version=form.cleaned_data["expected_version"],
        )
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    except AccordError as exc:
        messages.error(request, exc.detail)
        return HttpResponseRedirect(back)
    return success_redirect(request, back, _("%(year)s is closed.") % {"year": fy})
