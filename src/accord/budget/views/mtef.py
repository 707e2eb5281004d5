"""The medium-term expenditure framework: year N's execution per programme beside its
projections for N+1 to N+3 against their ceilings, its CSV and XLSX export, and the forms that
enter and revise a programme's projections."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord import access
from accord.budget import selectors, services
from accord.budget.forms import ProjectionForm
from accord.budget.inputs import ProjectionValues
from accord.budget.models import Currency, FiscalYearStatus, Projection, fiscal_year_name
from accord.budget.views.common import budget_form, fiscal_year_asked
from accord.budget.views.execution import _chosen
from accord.money import from_minor, plain_amount
from accord.web.pages import EXPORT_FORMATS, export_response, forbidden, record_or_404


def _named(actor, projection) -> str:
    """The projection by its programme and year N as the actor may read them."""
    programme = access.reachable(actor, projection.programme)
    fy = access.reachable(actor, projection.fiscal_year)
    return _("Medium-term projection of %(programme)s from %(year)s") % {
        "programme": programme or "—",
        "year": fiscal_year_name(fy.label) if fy else "—",
    }


def _url(fy, currency: str) -> str:
    return f"{reverse('budget:mtef')}?fiscal_year={fy.label}&currency={currency}"


def mtef_export_headers(fy, labels) -> list[str]:
    """The export's columns, in the reader's language: one row per programme."""
    headers = [
        _("Ministry"),
        _("Programme"),
        _("Allotment, %(year)s") % {"year": fiscal_year_name(fy.label)},
        _("Expenditure, %(year)s") % {"year": fiscal_year_name(fy.label)},
    ]
    for label in labels:
        year = fiscal_year_name(label)
        headers += [
            _("Projection, %(year)s") % {"year": year},
            _("Ceiling, %(year)s") % {"year": year},
            _("Over the ceiling, %(year)s") % {"year": year},
        ]
    return [*headers, _("Estimated"), _("Note")]


def mtef_page(request):
    """The framework of one year N and currency, with its export."""
    actor = request.user
    fy = fiscal_year_asked(request)
    years = list(selectors.fiscal_year_list(actor=actor))
    if fy is None:
        return render(request, "budget/mtef.html", {"fy": None, "years": years})
    currency = _chosen(request.GET.get("currency"), Currency.values, default=Currency.AFN)
    table = selectors.mtef_table(actor=actor, fiscal_year=fy, currency=currency)
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return _export(fmt, table)
    context = {
        "fy": fy,
        "years": years,
        "currency": currency,
        "currencies": Currency.values,
        "table": table,
        "year_names": [fiscal_year_name(label) for label in table.labels],
        "columns": 5 + 2 * len(table.labels),
        "can_create": fy.status == FiscalYearStatus.OPEN
        and access.may(actor, "create", Projection),
        "can_change": fy.status == FiscalYearStatus.OPEN
        and access.may(actor, "change", Projection),
    }
    return render(request, "budget/mtef.html", context)


def _amount(minor: int | None, currency: str) -> str:
    return "" if minor is None else plain_amount(minor, currency)


def _export(fmt: str, table):
    currency = table.currency

    def row(r):
        cells = [
            r.ministry,
            r.programme,
            _amount(r.figures.allotted, currency),
            _amount(r.figures.executed, currency),
        ]
        for year in r.figures.years:
            cells += [
                _amount(year.projected, currency),
                _amount(year.ceiling, currency),
                year.over_ceiling,
            ]
        projection = r.projection
        if projection is None:
            return [*cells, "", ""]
        return [*cells, projection.estimated, projection.note]

    return export_response(
        fmt,
        filename=f"mtef-{table.fiscal_year.label}-{currency.lower()}",
        headers=mtef_export_headers(table.fiscal_year, table.labels),
        rows=table.rows,
        row=row,
    )


@login_required
@require_http_methods(["GET", "POST"])
def projection_create(request, label: str):
    actor = request.user
    fy = record_or_404(selectors.fiscal_year_get, actor=actor, label=label)
    if not access.may(actor, "create", Projection):
        return forbidden(request, _("Projections are entered by hub staff and administrators."))
    if fy.status != FiscalYearStatus.OPEN:
        return forbidden(request, _("Projections start from an open fiscal year; choose one."))
    table_years = selectors.mtef_table_years(fiscal_year=fy)
    form = ProjectionForm(
        request.POST or None,
        years=table_years,
        programmes=list(selectors.programme_list(actor=actor)),
        initial={"currency": request.GET.get("currency") or Currency.AFN, "marking": "PUBLIC"},
    )

    def run(actor, cleaned):
        values = ProjectionValues(
            **form.service_data(cleaned["currency"]),
            programme=selectors.programme_get(actor=actor, pk=int(cleaned["programme"])),
            fiscal_year=fy,
        )
        return services.projection_create(actor=actor, values=values)

    return budget_form(
        request,
        form,
        run=run,
        title=_("New medium-term projection from %(year)s") % {"year": fiscal_year_name(fy.label)},
        cancel_url=_url(fy, request.GET.get("currency") or Currency.AFN),
        success_url=lambda p: _url(p.fiscal_year, p.currency),
        message=lambda p: _("Saved %(projection)s.") % {"projection": _named(actor, p)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def projection_edit(request, pk: int):
    actor = request.user
    projection = record_or_404(selectors.projection_get, actor=actor, pk=pk)
    if not access.may(actor, "change", Projection, projection):
        return forbidden(request, _("Projections are entered by hub staff and administrators."))
    currency = projection.currency
    initial = {"estimated": projection.estimated, "note": projection.note}
    initial["expected_version"] = projection.version
    for index, (amount, ceiling) in enumerate(
        zip(projection.projected, projection.ceilings, strict=True), start=1
    ):
        initial[f"projected_{index}"] = from_minor(amount, currency)
        initial[f"ceiling_{index}"] = from_minor(ceiling, currency)
    form = ProjectionForm(
        request.POST or None,
        years=selectors.mtef_table_years(fiscal_year=projection.fiscal_year),
        currency=currency,
        initial=initial,
    )
    return budget_form(
        request,
        form,
        run=lambda actor, cleaned: services.projection_update(
            actor=actor,
            projection=projection,
            values=ProjectionValues(**form.service_data(currency)),
            expected_version=cleaned["expected_version"],
        ),
        title=_named(actor, projection),
        cancel_url=_url(projection.fiscal_year, currency),
        success_url=_url(projection.fiscal_year, currency),
        message=_("Saved %(projection)s.") % {"projection": _named(actor, projection)},
    )
