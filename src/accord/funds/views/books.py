"""The funds' pages for the fund's own books: the entry kinds the UN MPTF Office Gateway reports
(implementers' expenditure, interest, the administrative agent's fee, direct costs), the
revaluation of open pledges in foreign currencies, and the bank reconciliation.

The forms are ``form_page``s running one service each, as in ``money``; the revaluation and the
reconciliation are for who may change the fund (``access.may``), the 403 page for others.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.errors import AccordError
from accord.funds import forms, selectors, services, tasks
from accord.funds.models import EntryKind, TrustFund
from accord.funds.views.imports import file_import, imported_by_task
from accord.funds.views.money import _ledger_form, _money_action, _posted
from accord.funds.views.pages import _at, fund_or_404
from accord.jobs.choices import TaskKind
from accord.l10n import format_day
from accord.middleware import upload_refusal
from accord.money import format_money
from accord.plausible import today
from accord.web.pages import (
    acting,
    forbidden,
    form_page,
    record_action,
    record_or_404,
)


def _may_change(request, fund) -> bool:
    return access.may(request.user, "change", TrustFund, fund)


# --- the entry kinds ---------------------------------------------------------------------------

# Each of the fund's own entry kinds (``services.BOOK_KINDS``): the form that records one and the
# page's title.
BOOK_PAGES = {
    EntryKind.EXPENDITURE: (
        forms.ExpenditureForm,
        gettext_lazy("Record expenditure reported by an implementer"),
    ),
    EntryKind.INTEREST: (forms.InterestForm, gettext_lazy("Record interest earned")),
    EntryKind.FEE: (forms.FeeForm, gettext_lazy("Charge the administrative agent's fee")),
    EntryKind.DIRECT_COST: (forms.DirectCostForm, gettext_lazy("Record a direct cost")),
}


@login_required
@require_http_methods(["GET", "POST"])
def book_entry_create(request, code, kind):
    """Record an entry of the kind the URL names (``urls``), for who may change the fund."""
    fund = fund_or_404(request, code)
    form_class, title = BOOK_PAGES[kind]
    form = _ledger_form(request, fund, form_class)
    party = services.BOOK_KINDS[kind].party

    def run(actor, d):
        return services.book_entry_record(
            actor=actor,
            fund=fund,
            kind=kind,
            amount=d["amount"],
            percent=d.get("percent"),
            day=d["day"],
            party=d[party],
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request, fund, form, title=title, run=run, allowed=_may_change(request, fund)
    )


# --- revaluation -------------------------------------------------------------------------------


def _revaluation_rows(request, fund, day):
    """The open pledges as of ``day`` with their booked and revalued values, or the words of
    what is missing (a rate) instead."""
    try:
        lines = selectors.revaluation_lines(actor=request.user, fund=fund, day=day)
    except AccordError as error:
        return [], str(error)
    cur = fund.currency
    names = selectors.nation_names(actor=request.user)
    rows = [
        {
            "pledge": line.pledge,
            "nation": names.get(line.nation, ""),
            "day": line.day,
            "open": format_money(line.open, line.currency),
            "booked": format_money(line.booked, cur),
            "revalued": format_money(line.revalued, cur),
            "difference": format_money(line.difference, cur),
        }
        for line in lines
    ]
    return rows, ""


@login_required
@require_http_methods(["GET", "POST"])
def revaluation(request, code):
    """What a revaluation as of a day would post (``?at=``), the fund's revaluations so far,
    and the form that posts one."""
    fund = fund_or_404(request, code)
    if not _may_change(request, fund):
        return forbidden(
            request, _("Only who may change %(fund)s revalues it.") % {"fund": fund.local_name}
        )
    day = _at(request) or today()
    form = _ledger_form(request, fund, forms.RevaluationForm, day=day)
    rows, problem = _revaluation_rows(request, fund, day)
    history = [
        {
            "entry": e.pk,
            "day": e.value_date,
            "moved": format_money(e.moved or 0, fund.currency),
            "replaced_by": e.reversed_by.pk if getattr(e, "reversed_by", None) else "",
        }
        for e in selectors.revaluations(actor=request.user, fund=fund)
    ]

    def run(actor, d):
        return services.revaluation_post(
            actor=actor, fund=fund, day=d["day"], idempotency_key=d["idempotency_key"]
        )

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/revaluation.html",
        partial="form",
        success_url=reverse("funds:revaluation", args=[fund.code]),
        success_message=lambda result: (
            _("Revaluation as of %(day)s posted.") % {"day": format_day(result["day"])}
        ),
        context={
            "fund": fund,
            "day": day,
            "rows": rows,
            "problem": problem,
            "history": history,
        },
        invalid_status=422,
        error_status=True,
    )


# --- bank reconciliation -----------------------------------------------------------------------


def _entry_label(movement) -> str:
    return f"{format_day(movement.day)} · {format_money(movement.amount, movement.currency)} · " + (
        movement.description or movement.key
    )


@login_required
def reconciliation(request, code):
    """The fund's bank statements, each line with its match, and what is unmatched either side."""
    fund = fund_or_404(request, code)
    if not _may_change(request, fund):
        return forbidden(
            request,
            _("Only who may change %(fund)s reconciles its bank account.")
            % {"fund": fund.local_name},
        )
    r = selectors.reconciliation(actor=request.user, fund=fund)
    lines = [
        {
            "id": line.pk,
            "day": line.day,
            "amount": format_money(line.amount_minor, line.currency),
            "reference": line.reference,
            "description": line.description,
            "status": line.status,
            "status_label": line.get_status_display(),
            "entry": line.entry,
            "matched_by": line.matched_by,
            "statement": line.statement.identifier or line.statement.filename,
            "line": line.line,
            "choices": [(m.entry, _entry_label(m)) for m in r.candidates.get(line.pk, [])],
        }
        for line in r.lines
    ]
    context = {
        "fund": fund,
        "statements": r.statements,
        "lines": lines,
        "unmatched_lines": len(r.unmatched_lines),
        "unmatched_entries": [
            {"entry": m.entry, "label": _entry_label(m)} for m in r.unmatched_entries
        ],
    }
    return render(request, "funds/reconciliation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bank_import(request, code):
    """Upload a bank statement: kept whole or refused with its lines named."""
    fund = fund_or_404(request, code)
    if not _may_change(request, fund):
        return forbidden(
            request,
            _("Only who may change %(fund)s reconciles its bank account.")
            % {"fund": fund.local_name},
        )
    form = forms.BankImportForm(
        request.POST or None, request.FILES or None, refused=upload_refusal(request)
    )
    return file_import(
        request,
        form,
        lambda upload: tasks.bank_import_submit(
            actor=acting(request),
            fund=fund,
            data=upload.read(services.BANK_MAX + 1),
            filename=upload.name,
        ),
        _statement_imported(request, fund),
        "funds/bank_import.html",
        {"fund": fund},
    )


def _statement_imported(request, fund) -> dict | None:
    """What the reader's finished import task kept, when it was this fund's statement: another
    fund's is not found here."""
    imported = imported_by_task(request, TaskKind.BANK_STATEMENT_IMPORT)
    if imported is not None and not selectors.bank_statement_is_the_funds(
        fund=fund, statement_id=imported.get("statement")
    ):
        raise Http404(_("No such import that you may read."))
    return imported


def _line_action(request, code, pk, form, run, done):
    """A button on a bank line of the reconciliation page: runs one service, then goes back."""
    fund = fund_or_404(request, code)
    if not _may_change(request, fund):
        return forbidden(
            request,
            _("Only who may change %(fund)s reconciles its bank account.")
            % {"fund": fund.local_name},
        )
    line = record_or_404(selectors.bank_line_get, actor=request.user, fund=fund, pk=pk)
    return record_action(
        request,
        form=form,
        run=lambda actor, d: run(actor, d, line, fund),
        back_url=reverse("funds:reconciliation", args=[fund.code]) + f"#line-{line.pk}",
        done=done,
    )


@login_required
@require_POST
def bank_line_match(request, code, pk):
    """Confirm a line's proposed match, or match it by hand to the entry chosen."""
    form = forms.BankMatchForm(_posted(request))

    def run(actor, d, line, fund):
        chosen = d["entry"]
        entry = selectors.entry_get(actor=actor, fund=fund, key=chosen) if chosen else None
        return services.bank_line_match(actor=actor, line=line, entry=entry)

    return _line_action(request, code, pk, form, run, _("Bank line matched."))


@login_required
@require_POST
def bank_line_unmatch(request, code, pk):
    """Undo a line's match."""

    def run(actor, d, line, fund):
        return services.bank_line_unmatch(actor=actor, line=line)

    return _line_action(
        request, code, pk, forms.UnmatchForm(_posted(request)), run, _("Match undone.")
    )
