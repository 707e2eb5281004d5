"""The execution dashboard: a fiscal year's execution rate by ministry, programme,
sub-programme or line, and by solar month, with its charts and its CSV and XLSX export."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord import access
from accord.budget import charts, selectors
from accord.budget.models import BudgetLine, Currency, EntryKind
from accord.budget.views.common import fiscal_year_asked
from accord.kept import KeptRecent, kept_for
from accord.money import plain_amount
from accord.web.pages import EXPORT_FORMATS, export_response
from accord.web.panels import KEPT_PER_PANEL, reader_key

LEVEL_LABELS = {
    "ministry": _("Ministry"),
    "programme": _("Programme"),
    "subprogramme": _("Sub-programme"),
    "line": _("Budget line"),
}
# "Execution by ministry": a sentence each, as a level's name is declined in other languages.
EXECUTION_BY = {
    "ministry": _("Execution by ministry"),
    "programme": _("Execution by programme"),
    "subprogramme": _("Execution by sub-programme"),
    "line": _("Execution by budget line"),
}
RATE_BY = {
    "ministry": _("Execution rate by ministry"),
    "programme": _("Execution rate by programme"),
    "subprogramme": _("Execution rate by sub-programme"),
    "line": _("Execution rate by budget line"),
}

EXECUTION_FIGURES = ("requirement", "allotment", "commitment", "expenditure")


def execution_page(request):
    """Execution rate by ministry, programme, sub-programme or line, and by month."""
    fy = fiscal_year_asked(request)
    years = list(selectors.fiscal_year_list(actor=request.user))
    if fy is None:
        return render(request, "budget/execution.html", {"fy": None, "years": years})
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        # An export is built afresh: it is read once, and must be what the books say now.
        built = _execution_built(request, fy=fy)
    else:
        built = kept_for(
            _kept_execution,
            request,
            (reader_key(request), fy.pk, request.GET.get("currency"), request.GET.get("by")),
            EXECUTION_TOPICS,
            lambda: _execution_built(request, fy=fy),
        )
    currencies, currency, by, result, rows, figures_charts = built
    if fmt in EXPORT_FORMATS:
        return _execution_export(fmt, fy=fy, currency=currency, by=by, result=result, rows=rows)
    context = {
        "fy": fy,
        "years": years,
        "currency": currency,
        "currencies": currencies,
        "by": by,
        "levels": LEVEL_LABELS,
        "level_label": LEVEL_LABELS[by],
        "execution_by": EXECUTION_BY[by],
        "rate_by": RATE_BY[by],
        "fy_title": selectors.fiscal_year_title(selectors.calendar_year(fy)),
        "rows": rows,
        "total": result.rollup.total,
        "can_change": access.may(request.user, "change", BudgetLine),
        **figures_charts,
    }
    return render(request, "budget/execution.html", context)


# The year's execution per reader, the currency and level asked, and version of the tables
# it is computed from (``accord.kept``): seen again between two writes, it is not computed again.
_kept_execution: KeptRecent[tuple] = KeptRecent(KEPT_PER_PANEL)
EXECUTION_TOPICS = ("budget", "core")


def _execution_built(request, *, fy) -> tuple:
    """What the page and its exports compute from the books: the currencies in use, the
    currency and level shown, the roll-up, the table's rows and the charts."""
    currencies = selectors.currencies_in_use(actor=request.user, fiscal_year=fy)
    currency = _chosen(request.GET.get("currency"), Currency.values, default=currencies[0])
    by = _chosen(request.GET.get("by"), LEVEL_LABELS, default="ministry")
    result = selectors.execution_get(actor=request.user, fiscal_year=fy, currency=currency)
    rows = _execution_rows(result, by)
    figures_charts = _execution_charts(request, fy=fy, currency=currency, result=result, rows=rows)
    return currencies, currency, by, result, rows, figures_charts


def _chosen(value: str | None, allowed, *, default: str) -> str:
    """A choice from the query string, or the default when it names nothing allowed."""
    return value if value and value in allowed else default


def _execution_rows(result, by: str) -> list[dict]:
    """The table's rows at level ``by``: each node, its full path as a label, and (for lines)
    the link to the line."""
    return [
        {
            "node": node,
            "label": " › ".join(
                result.rollup.node(*node.path[: depth + 1]).name for depth in range(len(node.path))
            ),
            "url": reverse("budget:line-detail", args=[result.line_ids[node.path]])
            if by == "line"
            else None,
        }
        for node in selectors.execution_rows(result, by)
    ]


def _execution_export(fmt: str, *, fy, currency: str, by: str, result, rows: list[dict]):
    """The execution table as CSV or XLSX, with a total row; amounts as plain decimals."""

    def row(r: dict) -> list:
        figures = _figures(r["node"])
        return [
            fy.label,
            getattr(r["node"], "level", "total"),
            "/".join(getattr(r["node"], "path", ())),
            r["label"],
            currency,
            *(plain_amount(getattr(figures, k), currency) for k in EXECUTION_FIGURES),
            "" if figures.execution_rate is None else str(figures.execution_rate),
        ]

    return export_response(
        fmt,
        filename=f"budget-execution-{fy.label}-{currency}-{by}",
        headers=[
            str(label)
            for label in (
                _("Fiscal year"),
                _("Level"),
                pgettext_lazy("where a line sits in the budget's tree", "Path"),
                _("Name"),
                _("Currency"),
                *(EntryKind(figure).label for figure in EXECUTION_FIGURES),
                _("Execution rate"),
            )
        ],
        rows=[*rows, {"node": result.rollup, "label": "Total"}],
        row=row,
    )


def _execution_charts(request, *, fy, currency: str, result, rows: list[dict]) -> dict:
    """The rate bars of the table's rows and the month columns, with the months' figures."""
    allotment, months = selectors.execution_by_month(
        actor=request.user, fiscal_year=fy, currency=currency
    )
    bars = charts.rate_bars(
        [
            {
                "label": _short_label(result, r["node"]),
                "full_label": r["label"],
                "rate": r["node"].execution_rate,
                "url": r["url"],
            }
            for r in rows
        ]
    )
    return {
        "bars": bars,
        "months": months,
        "month_allotment": allotment,
        "month_chart": charts.month_columns(months, currency),
    }


def _short_label(result, node) -> str:
    """A chart label: the ministry and the node's own name (the table has the full path)."""
    if len(node.path) == 1:
        return node.name
    return f"{result.rollup.node(node.path[0]).name} · {node.name}"


def _figures(node):
    return node.figures if hasattr(node, "figures") else node.total
