"""Budget pages: execution dashboard, fiscal years, budget lines and their entries, the Chicago
sustainment pledge. Thin: reads through selectors, writes through services."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.audit.selectors import audit_history
from accord.budget import charts, selectors, services
from accord.budget.engine.execution import execution_rate
from accord.budget.forms import (
    PLEDGE_CURRENCY,
    BudgetEntryForm,
    BudgetLineForm,
    MinistryForm,
    PledgeForm,
    ProgrammeForm,
    ReverseForm,
    SubProgrammeForm,
    VersionForm,
)
from accord.budget.models import BudgetLine, Currency, EntryKind
from accord.core import selectors as core_selectors
from accord.errors import AccordError, NotFound, PermissionDenied
from accord.money import format_money, from_minor, plain_amount
from accord.web.pages import (
    acting,
    apply_domain_error,
    change_rows,
    export_response,
    forbidden,
    success_redirect,
)

LEVEL_LABELS = {
    "ministry": "Ministry",
    "programme": "Programme",
    "subprogramme": "Sub-programme",
    "line": "Budget line",
}


def pages(view):
    """A record outside the reader's reach, or a bad code in the URL, is the 404 page."""

    @functools.wraps(view)
    def run(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.detail) from None

    return run


def _may_change_budget(request) -> bool:
    p = access.principal_of(request.user)
    return not p.is_anonymous and p.has_role(*BudgetLine.access_rule.change_roles)


def _fiscal_year(request):
    """The fiscal year named by ``?fiscal_year=``, else the current one (None if there is none)."""
    label = request.GET.get("fiscal_year")
    if label:
        return selectors.fiscal_year_get(actor=request.user, label=label)
    return selectors.fiscal_year_current(actor=request.user)


# --- execution ---------------------------------------------------------------------------------

EXECUTION_FIGURES = ("requirement", "allotment", "commitment", "expenditure")


@pages
def execution(request):
    """Execution rate by ministry, programme, sub-programme or line, and by month."""
    fy = _fiscal_year(request)
    years = list(selectors.fiscal_year_list(actor=request.user))
    if fy is None:
        return render(request, "budget/execution.html", {"fy": None, "years": years})
    currencies = selectors.currencies_in_use(actor=request.user, fiscal_year=fy)
    currency = _chosen(request.GET.get("currency"), Currency.values, default=currencies[0])
    by = _chosen(request.GET.get("by"), LEVEL_LABELS, default="ministry")
    result = selectors.execution_get(actor=request.user, fiscal_year=fy, currency=currency)
    rows = _execution_rows(result, by)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _execution_export(fmt, fy=fy, currency=currency, by=by, result=result, rows=rows)
    context = {
        "fy": fy,
        "calendar": selectors.calendar_year(fy),
        "years": years,
        "currency": currency,
        "currencies": currencies,
        "by": by,
        "levels": LEVEL_LABELS,
        "level_label": LEVEL_LABELS[by],
        "rows": rows,
        "total": result.rollup.total,
        "can_change": _may_change_budget(request),
        **_execution_charts(request, fy=fy, currency=currency, result=result, rows=rows),
    }
    return render(request, "budget/execution.html", context)


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
            *("fiscal_year", "level", "path", "name", "currency"),
            *EXECUTION_FIGURES,
            "execution_rate",
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


def _rate(allotted: int, spent: int) -> Decimal | None:
    """Expenditure ÷ allotment as the execution page computes it: exact, four places, half to
    even (None without an allotment)."""
    if allotted == 0:
        return None
    if allotted > 0 and spent >= 0:
        return execution_rate(allotted, spent)
    # Only a reader who sees a reversal but not what it reversed meets a negative total.
    return (Decimal(spent) / Decimal(allotted)).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)


# --- fiscal years ------------------------------------------------------------------------------


@pages
def fiscal_years(request):
    years = list(selectors.fiscal_year_list(actor=request.user))
    rows = [
        {
            "fy": fy,
            "calendar": selectors.calendar_year(fy),
            "can_close": access.can_change(request.user, fy),
        }
        for fy in years
    ]
    return render(request, "budget/fiscal_years.html", {"rows": rows})


@login_required
@require_POST
@pages
def fiscal_year_close(request, label: str):
    fy = selectors.fiscal_year_get(actor=request.user, label=label)
    if not access.can_change(request.user, fy):
        return forbidden(request, "Fiscal years are closed by hub staff and administrators.")
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was incomplete; reload the page and try again.")
        return HttpResponseRedirect(reverse("budget:fiscal-years"))
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
        return HttpResponseRedirect(reverse("budget:fiscal-years"))
    return success_redirect(
        request, reverse("budget:fiscal-years"), f"Fiscal year {fy.label} is closed."
    )


# --- budget lines ------------------------------------------------------------------------------


LINE_LEVELS = ("fiscal_year", "ministry", "programme", "sub_programme")


def _code(place, level: str) -> str:
    # A level the reader may not read is left empty (see selectors.place_of).
    record = getattr(place, level)
    if record is None:
        return ""
    return record.label if level == "fiscal_year" else record.code


@pages
def lines(request):
    fy = _fiscal_year(request)
    ministries = list(selectors.ministry_list(actor=request.user))
    ministry = next((m for m in ministries if m.code == request.GET.get("ministry")), None)
    qs = selectors.budget_line_list(actor=request.user, fiscal_year=fy, ministry=ministry)
    line_list = list(qs)
    totals = selectors.visible_line_totals(actor=request.user, lines=line_list)
    rows = []
    for line in line_list:
        t = totals[line.pk]
        allotted, spent = t[EntryKind.ALLOTMENT], t[EntryKind.EXPENDITURE]
        rows.append(
            {
                "line": line,
                "place": selectors.place_of(actor=request.user, record=line),
                "totals": t,
                "rate": _rate(allotted, spent),
            }
        )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return export_response(
            fmt,
            filename=f"budget-lines-{fy.label if fy else 'all'}",
            headers=[
                "fiscal_year",
                "ministry",
                "programme",
                "sub_programme",
                "code",
                "name",
                "currency",
                "requirement",
                "allotment",
                "commitment",
                "expenditure",
                "execution_rate",
                "marking",
                "estimated",
            ],
            rows=rows,
            row=lambda r: [
                *(_code(r["place"], level) for level in LINE_LEVELS),
                r["line"].code,
                r["line"].name,
                r["line"].currency,
                *(plain_amount(r["totals"][k], r["line"].currency) for k in EntryKind.values),
                "" if r["rate"] is None else f"{r['rate']:.4f}",
                r["line"].marking,
                r["line"].estimated,
            ],
        )
    context = {
        "fy": fy,
        "years": list(selectors.fiscal_year_list(actor=request.user)),
        "ministries": ministries,
        "ministry": ministry,
        "rows": rows,
        "can_create": _may_change_budget(request),
    }
    return render(request, "budget/lines.html", context)


@pages
def line_detail(request, pk: int):
    line = selectors.budget_line_get(actor=request.user, pk=pk)
    entries = list(selectors.budget_entry_list(actor=request.user, line=line))
    totals = selectors.visible_line_totals(actor=request.user, lines=[line])[line.pk]
    allotted = totals[EntryKind.ALLOTMENT]
    history = list(audit_history(actor=request.user, obj=line)[:50])
    for entry in history:
        entry.change_rows = change_rows(entry.changes)
    can_change = access.can_change(request.user, line)
    context = {
        "line": line,
        "place": selectors.place_of(actor=request.user, record=line),
        "entries": entries,
        "totals": totals,
        "kinds": EntryKind,
        "rate": _rate(allotted, totals[EntryKind.EXPENDITURE]),
        "free_allotment": allotted - totals[EntryKind.EXPENDITURE],
        "uncommitted": allotted - totals[EntryKind.COMMITMENT],
        "can_change": can_change,
        "open": line.fiscal_year.status == "open",
        "disbursements": selectors.disbursements_for_lines(actor=request.user, lines=[line]),
        "sources": list(line.sources.all()),
        "history": history,
        "entry_form": BudgetEntryForm(
            initial={"kind": EntryKind.EXPENDITURE}, currency=line.currency
        )
        if can_change
        else None,
    }
    return render(request, "budget/line_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@pages
def line_create(request):
    if not _may_change_budget(request):
        return forbidden(request, "Budget lines are created by hub staff and administrators.")
    years = [fy for fy in selectors.fiscal_year_list(actor=request.user) if fy.status == "open"]
    subs = list(selectors.sub_programme_list(actor=request.user))
    form = BudgetLineForm(
        request.POST or None,
        fiscal_years=years,
        sub_programmes=subs,
        initial={"fiscal_year": years[-1].label if years else None},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            data["fiscal_year"] = selectors.fiscal_year_lookup(
                actor=request.user, label=data["fiscal_year"]
            )
            data["sub_programme"] = selectors.sub_programme_get(
                actor=request.user, pk=int(data["sub_programme"])
            )
            line = services.budget_line_create(actor=acting(request), data=data)
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(
                request, reverse("budget:line-detail", args=[line.pk]), f"Created {line}."
            )
    return render(
        request,
        "budget/form.html",
        {"form": form, "title": "New budget line", "cancel_url": reverse("budget:lines")},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@pages
def entry_record(request, pk: int):
    line = selectors.budget_line_get(actor=request.user, pk=pk)
    if not access.can_change(request.user, line):
        return forbidden(request, "Budget entries are recorded by hub staff and administrators.")
    form = BudgetEntryForm(
        request.POST or None, initial={"kind": EntryKind.EXPENDITURE}, currency=line.currency
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.budget_entry_record(
                actor=acting(request), line=line, **form.service_data()
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(
                request,
                reverse("budget:line-detail", args=[line.pk]),
                f"Recorded the {entry.get_kind_display().lower()} of "
                f"{format_money(entry.amount_minor, line.currency)}.",
            )
    return render(
        request,
        "budget/form.html",
        {
            "form": form,
            "title": f"Record on {line.code}",
            "line": line,
            "cancel_url": reverse("budget:line-detail", args=[line.pk]),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@pages
def entry_reverse(request, pk: int):
    entry = selectors.budget_entry_get(actor=request.user, pk=pk)
    if not access.can_change(request.user, entry):
        return forbidden(request, "Budget entries are reversed by hub staff and administrators.")
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_entry_reverse(
                actor=acting(request), entry=entry, reason=form.cleaned_data["reason"]
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(
                request,
                reverse("budget:line-detail", args=[entry.line_id]),
                "The entry is reversed.",
            )
    return render(
        request,
        "budget/form.html",
        {
            "form": form,
            "title": f"Reverse {entry}",
            "cancel_url": reverse("budget:line-detail", args=[entry.line_id]),
        },
        status=422 if form.errors else 200,
    )


# --- the Chicago sustainment pledge ------------------------------------------------------------


@pages
def sustainment(request):
    years = selectors.sustainment_by_year(actor=request.user)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        flat = [p for y in years for p in y["groups"]]
        return export_response(
            fmt,
            filename="chicago-sustainment",
            headers=[
                "year",
                "donor_group",
                "pledged_usd",
                "actual_usd",
                "pledged_estimated",
                "actual_estimated",
                "note",
            ],
            rows=flat,
            row=lambda p: [
                p.year,
                p.get_donor_group_display(),
                plain_amount(p.pledged_usd_minor, PLEDGE_CURRENCY),
                ""
                if p.actual_usd_minor is None
                else plain_amount(p.actual_usd_minor, PLEDGE_CURRENCY),
                p.pledged_estimated,
                p.actual_estimated,
                p.note,
            ],
        )
    first = next((p for y in years for p in y["groups"]), None)
    context = {
        "can_change": _may_change_budget(request),
        "years": years,
        "chart": charts.pledge_columns(years),
        "legal_basis": _readable(request, first.legal_basis if first else None),
        "joint_action": _readable(request, first.joint_action if first else None),
    }
    return render(request, "budget/sustainment.html", context)


def _readable(request, obj):
    return obj if obj is not None and access.can_view(request.user, obj) else None


# --- structure ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@pages
def structure(request):
    """Ministry → programme → sub-programme, with forms to add to it (hub staff)."""
    actor = request.user
    ministries = list(selectors.ministry_list(actor=actor))
    programmes = list(selectors.programme_list(actor=actor))
    subs = list(selectors.sub_programme_list(actor=actor))
    may_change = _may_change_budget(request)
    which = request.POST.get("form") if request.method == "POST" else None
    if request.method == "POST" and not may_change:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('web:login')}?next={request.path}")
        return forbidden(
            request, "The budget structure is changed by hub staff and administrators."
        )
    organisations = core_selectors.organisation_list(actor=actor, params={"kind": "ministry"})
    forms_ = {
        "ministry": MinistryForm(
            request.POST if which == "ministry" else None,
            organisations=organisations,
            prefix="ministry",
        ),
        "programme": ProgrammeForm(
            request.POST if which == "programme" else None, ministries=ministries, prefix="prog"
        ),
        "sub_programme": SubProgrammeForm(
            request.POST if which == "sub_programme" else None, programmes=programmes, prefix="sub"
        ),
    }
    if which in forms_ and forms_[which].is_valid():
        data = dict(forms_[which].cleaned_data)
        try:
            if which == "ministry":
                code = data.pop("organisation")
                data["organisation"] = (
                    core_selectors.organisation_get(actor=actor, code=code) if code else None
                )
                saved = services.ministry_create(actor=acting(request), data=data)
            elif which == "programme":
                data["ministry"] = selectors.ministry_get(actor=actor, code=data["ministry"])
                saved = services.programme_create(actor=acting(request), data=data)
            else:
                data["programme"] = selectors.programme_get(actor=actor, pk=int(data["programme"]))
                saved = services.sub_programme_create(actor=acting(request), data=data)
        except AccordError as exc:
            apply_domain_error(forms_[which], exc)
        else:
            return success_redirect(request, reverse("budget:structure"), f"Added {saved}.")
    tree = [
        {
            "ministry": m,
            "organisation": access.shown(m, "organisation"),
            "programmes": [
                {"programme": p, "subs": [s for s in subs if s.programme_id == p.pk]}
                for p in programmes
                if p.ministry_id == m.pk
            ],
        }
        for m in ministries
    ]
    context = {"tree": tree, "forms": forms_ if may_change else None}
    status = 422 if which and forms_.get(which) is not None and forms_[which].errors else 200
    return render(request, "budget/structure.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@pages
def pledge_edit(request, pk: int):
    pledge = selectors.sustainment_pledge_get(actor=request.user, pk=pk)
    if not access.can_change(request.user, pledge):
        return forbidden(request, "Sustainment figures are kept by hub staff and administrators.")
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
    if request.method == "POST" and form.is_valid():
        try:
            services.sustainment_pledge_update(
                actor=acting(request),
                pledge=pledge,
                data=form.service_data(),
                expected_version=form.cleaned_data["expected_version"],
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(request, reverse("budget:sustainment"), f"Saved {pledge}.")
    return render(
        request,
        "budget/form.html",
        {
            "form": form,
            "title": f"Chicago sustainment: {pledge}",
            "cancel_url": reverse("budget:sustainment"),
        },
        status=422 if form.errors else 200,
    )
