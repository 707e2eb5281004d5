"""Budget lines: the list (a page at a time, exported whole), a line's page with its entries,
disbursements and history, and the forms that create a line and record or reverse an entry."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord import access
from accord.budget import selectors, services
from accord.budget.engine.economic import ECONOMIC_CODES
from accord.budget.engine.execution import execution_rate
from accord.budget.forms import BudgetEntryForm, BudgetLineForm, ReverseForm, economic_choices
from accord.budget.inputs import BudgetLineValues
from accord.budget.models import BudgetEntry, BudgetLine, EntryKind, FiscalYearStatus
from accord.budget.views.common import budget_form, fiscal_year_asked
from accord.money import format_money, plain_amount
from accord.web.pages import (
    EXPORT_FORMATS,
    export_response,
    forbidden,
    history_rows,
    paginate,
    record_or_404,
)

# A line's page shows its latest changes; the whole trail is the auditors'.
LINE_HISTORY_LIMIT = 50


def _rate(allotted: int, spent: int) -> Decimal | None:
    """Expenditure ÷ allotment as the execution page computes it: exact, four places, half to
    even (None without an allotment)."""
    if allotted == 0:
        return None
    if allotted > 0 and spent >= 0:
        return execution_rate(allotted, spent)
    # Only a reader who sees a reversal but not what it reversed meets a negative total.
    return (Decimal(spent) / Decimal(allotted)).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)


LINE_LEVELS = ("fiscal_year", "ministry", "programme", "sub_programme")


def line_export_headers() -> list[str]:
    """The lines export's columns, in the reader's language (the codes in the rows stay)."""
    return [
        _("Fiscal year"),
        _("Ministry"),
        _("Programme"),
        _("Sub-programme"),
        _("Code"),
        _("Name"),
        _("Currency"),
        *(str(label) for label in EntryKind.labels),
        _("Execution rate"),
        _("Marking"),
        _("Estimated"),
        _("On budget"),
        _("Economic classification"),
    ]


def _code(place, level: str) -> str:
    # A level the reader may not read is left empty (see selectors.place_of).
    record = getattr(place, level)
    if record is None:
        return ""
    return record.label if level == "fiscal_year" else record.code


def _line_rows(actor, lines) -> list[dict]:
    """Each line with where it sits, its totals and its execution rate, as the reader sees them
    (totals count only the entries the reader may read)."""
    lines = list(lines)
    totals = selectors.visible_line_totals(actor=actor, lines=lines)
    return [
        {
            "line": line,
            "place": selectors.place_of(actor=actor, record=line),
            "totals": totals[line.pk],
            "rate": _rate(
                totals[line.pk][EntryKind.ALLOTMENT], totals[line.pk][EntryKind.EXPENDITURE]
            ),
        }
        for line in lines
    ]


def _lines_export(fmt: str, *, fy, rows: list[dict]):
    return export_response(
        fmt,
        filename=f"budget-lines-{fy.label if fy else 'all'}",
        headers=line_export_headers(),
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
            r["line"].on_budget,
            r["line"].economic_code,
        ],
    )


def line_list(request):
    """A fiscal year's lines, of one ministry or all, a page at a time (the exports hold all)."""
    actor = request.user
    fy = fiscal_year_asked(request)
    ministries = list(selectors.ministry_list(actor=actor))
    ministry = next((m for m in ministries if m.code == request.GET.get("ministry")), None)
    budget = request.GET.get("budget")
    on_budget = {"on": True, "off": False}.get(budget)
    economic = request.GET.get("economic", "")
    economic = economic if economic in ECONOMIC_CODES else ""
    found = selectors.budget_line_list(
        actor=actor,
        fiscal_year=fy,
        ministry=ministry,
        on_budget=on_budget,
        economic_code=economic,
    )
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return _lines_export(fmt, fy=fy, rows=_line_rows(actor, found))
    page = paginate(request, found)
    context = {
        "fy": fy,
        "years": list(selectors.fiscal_year_list(actor=actor)),
        "ministries": ministries,
        "ministry": ministry,
        "budget": budget if on_budget is not None else "",
        "economic": economic,
        "economic_choices": economic_choices()[1:],
        "page": page,
        "rows": _line_rows(actor, page.object_list),
        "can_create": access.may(actor, "create", BudgetLine),
    }
    template = "budget/lines.html"
    if getattr(request, "htmx", False) and request.htmx.target == "rows":
        template += "#rows"  # the pager asks for the next page's rows alone
    return render(request, template, context)


def line_detail(request, pk: int):
    actor = request.user
    line = record_or_404(selectors.budget_line_get, actor=actor, pk=pk)
    totals = selectors.visible_line_totals(actor=actor, lines=[line])[line.pk]
    allotted = totals[EntryKind.ALLOTMENT]
    can_change = access.may(actor, "change", BudgetLine, line)
    context = {
        "line": line,
        "place": selectors.place_of(actor=actor, record=line),
        "entries": list(selectors.budget_entry_list(actor=actor, line=line)),
        "totals": totals,
        "kinds": EntryKind,
        "rate": _rate(allotted, totals[EntryKind.EXPENDITURE]),
        "free_allotment": allotted - totals[EntryKind.EXPENDITURE],
        "uncommitted": allotted - totals[EntryKind.COMMITMENT],
        "can_change": can_change,
        "open": line.fiscal_year.status == FiscalYearStatus.OPEN,
        "disbursements": selectors.disbursements_for_lines(actor=actor, lines=[line]),
        "sources": list(line.sources.all()),
        "history": history_rows(actor, line, limit=LINE_HISTORY_LIMIT),
        "entry_form": _entry_form(None, line) if can_change else None,
    }
    return render(request, "budget/line_detail.html", context)


def _entry_form(data, line: BudgetLine) -> BudgetEntryForm:
    return BudgetEntryForm(data, initial={"kind": EntryKind.EXPENDITURE}, currency=line.currency)


@login_required
@require_http_methods(["GET", "POST"])
def line_create(request):
    actor = request.user
    if not access.may(actor, "create", BudgetLine):
        return forbidden(request, _("Budget lines are created by hub staff and administrators."))
    years = [
        fy for fy in selectors.fiscal_year_list(actor=actor) if fy.status == FiscalYearStatus.OPEN
    ]
    form = BudgetLineForm(
        request.POST or None,
        fiscal_years=years,
        sub_programmes=list(selectors.sub_programme_list(actor=actor)),
        initial={"fiscal_year": years[-1].label if years else None},
    )
    return budget_form(
        request,
        form,
        run=_line_create,
        title=_("New budget line"),
        cancel_url=reverse("budget:lines"),
        success_url=lambda line: reverse("budget:line-detail", args=[line.pk]),
        message=lambda line: _("Created %(line)s.") % {"line": line},
    )


def _line_create(actor, cleaned: dict) -> BudgetLine:
    """The new line's fiscal year and sub-programme, found as the actor reads them (one the
    actor may not read is a form error), then the one service."""
    values = BudgetLineValues(
        **{
            **cleaned,
            "fiscal_year": selectors.fiscal_year_lookup(actor=actor, label=cleaned["fiscal_year"]),
            "sub_programme": selectors.sub_programme_get(
                actor=actor, pk=int(cleaned["sub_programme"])
            ),
        }
    )
    return services.budget_line_create(actor=actor, values=values)


@login_required
@require_http_methods(["GET", "POST"])
def entry_record(request, pk: int):
    line = record_or_404(selectors.budget_line_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", BudgetLine, line):
        return forbidden(request, _("Budget entries are recorded by hub staff and administrators."))
    form = _entry_form(request.POST or None, line)
    return budget_form(
        request,
        form,
        run=lambda actor, cleaned: services.budget_entry_record(
            actor=actor, line=line, **form.service_data()
        ),
        title=_("Record on %(line)s") % {"line": line.code},
        cancel_url=reverse("budget:line-detail", args=[line.pk]),
        success_url=reverse("budget:line-detail", args=[line.pk]),
        message=lambda entry: _recorded(entry, line.currency),
    )


def _recorded(entry: BudgetEntry, currency: str) -> str:
    """What was recorded, said in full (a kind's name is not declined alike in every language,
    so each kind has its own sentence)."""
    amount = format_money(entry.amount_minor, currency)
    sentences = {
        EntryKind.REQUIREMENT: _("Recorded the requirement of %(amount)s."),
        EntryKind.ALLOTMENT: _("Recorded the allotment of %(amount)s."),
        EntryKind.COMMITMENT: _("Recorded the commitment of %(amount)s."),
        EntryKind.EXPENDITURE: _("Recorded the expenditure of %(amount)s."),
    }
    return sentences[entry.kind] % {"amount": amount}


@login_required
@require_http_methods(["GET", "POST"])
def entry_reverse(request, pk: int):
    entry = record_or_404(selectors.budget_entry_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", BudgetEntry, entry):
        return forbidden(request, _("Budget entries are reversed by hub staff and administrators."))
    line_url = reverse("budget:line-detail", args=[entry.line_id])
    return budget_form(
        request,
        ReverseForm(request.POST or None),
        run=lambda actor, cleaned: services.budget_entry_reverse(
            actor=actor, entry=entry, reason=cleaned["reason"]
        ),
        title=_("Reverse %(entry)s") % {"entry": entry},
        cancel_url=line_url,
        success_url=line_url,
        message=_("The entry is reversed."),
    )
