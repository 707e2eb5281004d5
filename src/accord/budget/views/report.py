"""The report builder: a fiscal year's execution pivoted by any two dimensions (organisation,
line, economic code, on or off budget, fiscal year), for one kind of amount and one currency,
with its CSV and XLSX export. Only the entries the reader may read are counted."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accord.budget import selectors
from accord.budget.models import Currency, EntryKind
from accord.budget.views.execution import _chosen
from accord.money import plain_amount
from accord.web.pages import EXPORT_FORMATS, export_response

DIMENSIONS = {
    "organisation": _("Organisation"),
    "line": _("Budget line"),
    "economic_code": _("Economic classification"),
    "on_budget": _("On or off budget"),
    "fiscal_year": _("Fiscal year"),
}


def report_page(request):
    rows = _chosen(request.GET.get("rows"), DIMENSIONS, default="organisation")
    columns = _chosen(request.GET.get("columns"), DIMENSIONS, default="economic_code")
    kind = _chosen(request.GET.get("kind"), EntryKind.values, default=EntryKind.EXPENDITURE)
    currency = _chosen(request.GET.get("currency"), Currency.values, default=Currency.AFN)
    pivot = selectors.execution_pivot(
        actor=request.user, rows=rows, columns=columns, kind=kind, currency=currency
    )
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_response(
            fmt,
            filename=f"budget-report-{rows}-{columns}-{kind}-{currency}",
            headers=[
                f"{DIMENSIONS[rows]} / {DIMENSIONS[columns]}",
                *pivot.columns,
                str(_("Total")),
            ],
            rows=[*pivot.rows, None],
            row=lambda r: (
                [
                    r,
                    *(plain_amount(pivot.cells.get((r, c), 0), currency) for c in pivot.columns),
                    plain_amount(pivot.row_total(r), currency),
                ]
                if r is not None
                else [
                    str(_("Total")),
                    *(plain_amount(pivot.column_total(c), currency) for c in pivot.columns),
                    plain_amount(pivot.total, currency),
                ]
            ),
        )
    table = [
        {
            "label": r,
            "cells": [pivot.cells.get((r, c), 0) for c in pivot.columns],
            "total": pivot.row_total(r),
        }
        for r in pivot.rows
    ]
    context = {
        "dimensions": DIMENSIONS,
        "kinds": EntryKind.choices,
        "currencies": Currency.values,
        "rows": rows,
        "columns": columns,
        "row_label": DIMENSIONS[rows],
        "column_label": DIMENSIONS[columns],
        "kind": kind,
        "currency": currency,
        "pivot": pivot,
        "table": table,
        "column_totals": [pivot.column_total(c) for c in pivot.columns],
        "query": f"rows={rows}&columns={columns}&kind={kind}&currency={currency}",
    }
    return render(request, "budget/report.html", context)
