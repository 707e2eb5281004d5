"""The funds' pages: list, fund page with statement and charts, printable statement, exports,
donor statements, the forms for the money's life, IATI files and the transparency portal.

Made with the page toolkit (``accord.web.pages``): a fund is found or the page is a 404; each
form of the money's life is a ``form_page`` that runs one service, so a domain error becomes a
form error that says what to do (the refusal of an over-disbursement names the amount
available). Whether a button or a page is offered is asked of ``access.may``.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.errors import AccordError
from accord.funds import budget_lines, charts, forms, selectors, services
from accord.funds.models import Commitment, Contribution, Disbursement, Pledge, Refund, TrustFund
from accord.middleware import upload_refusal
from accord.money import format_money, plain_amount
from accord.web.pages import (
    EXPORT_FORMATS,
    acting,
    apply_domain_error,
    export_response,
    forbidden,
    form_page,
    record_or_404,
)

XML = "application/xml"


def _fund(request, code):
    return record_or_404(selectors.fund_get, actor=request.user, code=code)


def _at(request) -> date | None:
    text = request.GET.get("at") or ""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _fund_context(request, fund, at=None) -> dict:
    """The statement, charts and donors of one fund's page."""
    actor = request.user
    return _statement_context(
        selectors.fund_statement(actor=actor, fund=fund, at=at),
        selectors.fund_references(actor=actor, fund=fund),
        selectors.timeline(actor=actor, fund=fund),
        at,
    )


def _statement_context(fs, refs, timeline, at=None) -> dict:
    """A fund's statement with its figures in EUR and USD, its donors and its two charts, from
    what the selectors read (for one fund, or for every fund of the portal at once)."""
    fund = fs.fund
    cur = fund.currency
    rows = []
    for name in selectors.FIGURES:
        rows.append(
            {
                "name": name,
                "label": name.capitalize(),
                "own": format_money(fs.figures()[name], cur),
                "eur": format_money(fs.converted["EUR"][name], "EUR")
                if fs.converted.get("EUR")
                else "—",
                "usd": format_money(fs.converted["USD"][name], "USD")
                if fs.converted.get("USD")
                else "—",
            }
        )
    donors = [
        {
            "iso3": d.nation,
            "name": fs.nations.get(d.nation, d.nation),
            "pledged": format_money(d.pledged, cur),
            "received": format_money(d.received, cur),
            "outstanding": format_money(d.outstanding, cur),
            "over_paid": format_money(d.over_paid, cur) if d.over_paid else "",
            "url": reverse("funds:donor", args=[fund.code, d.nation]),
        }
        for d in fs.statement.donors
        if d.nation in fs.nations
    ]
    fulfilment = charts.fulfilment_chart(
        [
            {
                "label": fs.nations.get(d.nation, d.nation),
                "pledged": d.pledged,
                "received": d.received,
                "url": reverse("funds:donor", args=[fund.code, d.nation]),
            }
            for d in fs.statement.donors
            if d.nation in fs.nations and (d.pledged or d.received)
        ],
        cur,
    )
    series = [
        (day, received, disbursed)
        for day, received, disbursed in timeline
        if at is None or day <= at
    ]
    return {
        "fund": fund,
        "refs": refs,
        "fs": fs,
        "rows": rows,
        "donors": donors,
        "fulfilment": fulfilment,
        "timeline": charts.timeline_chart(series, cur),
        "available": format_money(fs.statement.available, cur),
    }


def fund_list(request):
    """Every fund the reader may read, with its position today."""
    actor = request.user
    funds = list(selectors.fund_list(actor=actor))
    positions = selectors.fund_positions(actor=actor, funds=funds)
    rows = [
        {
            "fund": fund,
            **{
                figure: format_money(getattr(positions[fund.pk], figure), fund.currency)
                for figure in ("pledged", "received", "disbursed", "available")
            },
        }
        for fund in funds
    ]
    context = {
        "funds": rows,
        "can_create": access.may(actor, "create", TrustFund),
        "can_import": access.may(actor, "import", TrustFund),
    }
    return render(request, "funds/list.html", context)


def fund_detail(request, code):
    fund = _fund(request, code)
    at = _at(request)
    context = _fund_context(request, fund, at)
    commitments = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(commitments)
    entries = list(selectors.entry_list(actor=request.user, fund=fund).reverse()[:40])
    context.update(
        {
            "at": at,
            "can_change": access.may(request.user, "change", TrustFund, fund),
            "can_pledge": access.may(request.user, "create", Pledge),
            "commitments": [
                {
                    "c": c,
                    "amount": format_money(c.amount_minor, fund.currency),
                    "left": format_money(left.get(c.entry_id, 0), fund.currency),
                    "open": bool(left.get(c.entry_id)),
                }
                for c in commitments
            ],
            "entries": entries,
            "disbursements": [
                {
                    "d": d,
                    "commitment": access.shown(d, "commitment"),
                    "amount": format_money(d.amount_minor, fund.currency),
                }
                for d in selectors.disbursement_list(actor=request.user, fund=fund)
            ],
            "cancel_form": forms.CancelForm(initial={"idempotency_key": uuid.uuid4().hex}),
        }
    )
    return render(request, "funds/detail.html", context)


def fund_statement(request, code):
    """A printable statement at a date (``?at=YYYY-MM-DD``)."""
    fund = _fund(request, code)
    at = _at(request)
    context = _fund_context(request, fund, at)
    context["at"] = at
    return render(request, "funds/statement.html", context)


def _check_format(fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Exports are csv or xlsx.")


def statement_export(request, code, fmt):
    _check_format(fmt)
    fund = _fund(request, code)
    fs = selectors.fund_statement(actor=request.user, fund=fund, at=_at(request))
    cur = fund.currency
    rows = [
        ("total", "", name, plain_amount(fs.figures()[name], cur), cur)
        for name in selectors.FIGURES
    ]
    for target in ("EUR", "USD"):
        if fs.converted.get(target) and target != cur:
            rows += [
                ("total", "", name, plain_amount(fs.converted[target][name], target), target)
                for name in selectors.FIGURES
            ]
    for d in fs.statement.donors:
        if d.nation not in fs.nations:
            continue
        for name in ("pledged", "received", "outstanding", "over_paid"):
            rows.append(("donor", d.nation, name, plain_amount(getattr(d, name), cur), cur))
    return export_response(
        fmt,
        filename=f"{fund.code}-statement-{fs.at:%Y-%m-%d}",
        headers=["section", "donor", "figure", "amount", "currency"],
        rows=rows,
        row=lambda r: r,
    )


def entries_export(request, code, fmt):
    _check_format(fmt)
    fund = _fund(request, code)
    return export_response(
        fmt,
        filename=f"{fund.code}-ledger",
        headers=list(selectors.LEDGER_COLUMNS),
        rows=selectors.ledger_rows(actor=request.user, fund=fund),
        row=lambda r: r,
    )


def donor_statement(request, code, iso3):
    fund = _fund(request, code)
    data = record_or_404(
        selectors.donor_statement, actor=request.user, fund=fund, iso3=iso3, at=_at(request)
    )
    cur = fund.currency
    line = data["line"]
    return render(
        request,
        "funds/donor.html",
        {
            "fund": fund,
            **data,
            "pledged": format_money(line.pledged, cur),
            "received": format_money(line.received, cur),
            "outstanding": format_money(line.outstanding, cur),
            "over_paid": format_money(line.over_paid, cur),
            "fulfilment_rows": [
                {
                    **row,
                    "pledged": format_money(row["pledged"], row["currency"]),
                    "received": format_money(row["received"], row["currency"]),
                }
                for row in data["fulfilment"]
            ],
            "rows": [
                {
                    "what": label,
                    "r": r,
                    "amount": format_money(r.amount_minor, r.currency),
                    "fund_amount": format_money(r.fund_amount_minor, cur),
                }
                for label, items in (
                    ("Pledge", data["pledges"]),
                    ("Contribution", data["contributions"]),
                    ("Refund", data["refunds"]),
                )
                for r in items
            ],
        },
    )


# --- the money's life: one form, one service -----------------------------------------------


def _within_reach(form, actor):
    """Cut every record choice of ``form`` to what the actor may read: a choice list is a
    reference too (a nation's name in a drop-down is as visible as in a table)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset.model, "access_rule"):
            field.queryset = access.visible(queryset, actor)
    return form


def _posted(request):
    """The form's data: the POST (even an empty one, so that it says what is missing)."""
    return request.POST if request.method == "POST" else None


def _fund_scope(fund) -> dict:
    """A new record of the fund's money carries the fund's marking."""
    return {"marking": fund.marking, "owner_nation_id": fund.owner_nation_id}


def _ledger_form(request, fund, form_class, **initial):
    """A form of the money's life, its record choices cut to what the actor may read; a new one
    starts with a fresh idempotency key, the fund's currency and today's date."""
    defaults = {"idempotency_key": uuid.uuid4().hex, "currency": fund.currency, "day": date.today()}
    form = form_class(_posted(request), initial={**defaults, **initial})
    return _within_reach(form, request.user)


def _fresh_key_on_refusal(form, run):
    """``run``, but a refused post comes back with a new idempotency key: the next Save is a new
    request, never a retry of the refused one (whose key may be what was refused)."""

    def guarded(actor, cleaned):
        try:
            return run(actor, cleaned)
        except AccordError:
            data = form.data.copy()
            data["idempotency_key"] = uuid.uuid4().hex
            form.data = data
            raise

    return guarded


def _money_form_page(request, fund, form, *, title, run, success_message=None):
    """The page of one form of the money's life: 422 for a form with errors, the domain error's
    own status (409, 422) for a refusal, back to the fund with a message on success."""

    def available():
        # Called by the template only when it shows the form (not for a check or a redirect).
        statement = selectors.fund_statement(actor=request.user, fund=fund).statement
        return format_money(statement.available, fund.currency)

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=reverse("funds:detail", args=[fund.code]),
        success_message=success_message or f"{title}: recorded.",
        context={"fund": fund, "title": title, "available": available},
        invalid_status=422,
        error_status=True,
    )


def _money_action(request, fund, form, *, title, run, allowed: bool):
    """A new record of the fund's money, for who may make it (the 403 page for others)."""
    if not allowed:
        return forbidden(request, f"You may not do this for {fund.name}.")
    return _money_form_page(request, fund, form, title=title, run=_fresh_key_on_refusal(form, run))


def _budget_choices(request):
    lines = budget_lines.budget_line_choices(actor=request.user)
    return [("", "—")] + [(str(pk), label) for pk, label in lines]


def _budget_line(request, value):
    return budget_lines.budget_line_find(actor=request.user, pk=value) if value else None


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request, code):
    fund = _fund(request, code)
    actor = request.user
    initial = {"nation": actor.nation.iso3} if actor.nation_id else {}
    form = _ledger_form(request, fund, forms.PledgeForm, **initial)
    form.fields["nation"].queryset = selectors.pledge_nations(actor=actor, fund=fund)

    def run(actor, d):
        return services.pledge_record(
            actor=actor,
            fund=fund,
            nation=d["nation"],
            amount=d["amount"],
            currency=d["currency"].upper(),
            day=d["day"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            conditions=d["conditions"],
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request,
        fund,
        form,
        title="Record a pledge",
        run=run,
        allowed=access.may(actor, "create", Pledge),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create(request, code):
    fund = _fund(request, code)
    pledges = selectors.pledge_list(actor=request.user, fund=fund)
    form = _ledger_form(request, fund, forms.ContributionForm)
    form.fields["pledge"].choices = [("", "—")] + [
        (p.entry_id, f"{p.nation.iso3} {p.day:%Y-%m-%d} {format_money(p.amount_minor, p.currency)}")
        for p in pledges
    ]

    def run(actor, d):
        pledge = pledges.filter(entry_id=d["pledge"]).first() if d["pledge"] else None
        return services.contribution_record(
            actor=actor,
            fund=fund,
            nation=d["nation"],
            amount=d["amount"],
            currency=d["currency"].upper(),
            day=d["day"],
            kind=d["kind"],
            pledge=pledge,
            note=d["note"],
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request,
        fund,
        form,
        title="Record a contribution",
        run=run,
        allowed=access.may(request.user, "create", Contribution, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, code):
    fund = _fund(request, code)
    form = _ledger_form(request, fund, forms.CommitmentForm)
    form.fields["budget_line"].choices = _budget_choices(request)

    def run(actor, d):
        return services.commitment_record(
            actor=actor,
            fund=fund,
            amount=d["amount"],
            day=d["day"],
            payee=d["payee"],
            budget_line=_budget_line(request, d["budget_line"]),
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request,
        fund,
        form,
        title="Record a commitment",
        run=run,
        allowed=access.may(request.user, "create", Commitment, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def disbursement_create(request, code):
    fund = _fund(request, code)
    commitments = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(commitments)
    form = _ledger_form(request, fund, forms.DisbursementForm)
    form.fields["commitment"].choices = [("", "— none: pay from what is available")] + [
        (c.entry_id, f"{c.payee} ({format_money(left[c.entry_id], fund.currency)} left)")
        for c in commitments
        if left.get(c.entry_id)
    ]
    form.fields["budget_line"].choices = _budget_choices(request)

    def run(actor, d):
        commitment = next((c for c in commitments if c.entry_id == d["commitment"]), None)
        return services.disbursement_record(
            actor=actor,
            fund=fund,
            amount=d["amount"],
            day=d["day"],
            payee=d["payee"],
            commitment=commitment,
            budget_line=_budget_line(request, d["budget_line"]),
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request,
        fund,
        form,
        title="Record a disbursement",
        run=run,
        allowed=access.may(request.user, "create", Disbursement, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def refund_create(request, code):
    fund = _fund(request, code)
    form = _ledger_form(request, fund, forms.RefundForm)
    form.fields["nation"].queryset = selectors.fund_donors(actor=request.user, fund=fund)

    def run(actor, d):
        return services.refund_record(
            actor=actor,
            fund=fund,
            nation=d["nation"],
            amount=d["amount"],
            day=d["day"],
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request,
        fund,
        form,
        title="Record a refund",
        run=run,
        allowed=access.may(request.user, "create", Refund, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_reverse(request, code, key):
    fund = _fund(request, code)
    entry = record_or_404(selectors.entry_get, actor=request.user, fund=fund, key=key)
    form = _ledger_form(request, fund, forms.ReverseForm)

    def run(actor, d):
        return services.entry_reverse(
            actor=actor,
            fund=fund,
            entry=entry,
            day=d["day"],
            reason=d["reason"],
            idempotency_key=d["idempotency_key"],
        )

    return _money_action(
        request,
        fund,
        form,
        title=f"Reverse {entry.get_kind_display().lower()} {entry.pk}",
        run=run,
        allowed=access.may(request.user, "change", TrustFund, fund),
    )


@login_required
@require_POST
def commitment_cancel(request, code, key):
    """The fund page's "Cancel the rest" button: a form shown only when the post is refused."""
    fund = _fund(request, code)
    commitment = record_or_404(selectors.commitment_get, actor=request.user, fund=fund, key=key)
    if not access.may(request.user, "change", Commitment, commitment):
        return forbidden(request, f"You may not change {fund.name}.")

    def run(actor, d):
        return services.commitment_cancel(
            actor=actor,
            commitment=commitment,
            day=d["day"],
            idempotency_key=d["idempotency_key"],
        )

    return _money_form_page(
        request,
        fund,
        forms.CancelForm(request.POST),
        title="Cancel a commitment",
        run=run,
        success_message="Commitment cancelled.",
    )


# --- the fund itself ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request):
    if not access.may(request.user, "create", TrustFund):
        return forbidden(request, "Only fund managers and administrators open trust funds.")
    form = _within_reach(forms.FundForm(_posted(request)), request.user)

    def run(actor, cleaned):
        data = {**cleaned, "currency": cleaned["currency"].upper()}
        return services.fund_create(actor=actor, data=data)

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=lambda fund: reverse("funds:detail", args=[fund.code]),
        context={"title": "Open a trust fund", "fund": None},
        invalid_status=422,
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_edit(request, code):
    fund = _fund(request, code)
    actor = request.user
    if not access.may(actor, "change", TrustFund, fund):
        return forbidden(request, f"You may not change {fund.name}.")
    initial = {
        "name": fund.name,
        "purpose": fund.purpose,
        "status": fund.status,
        "donors": list(selectors.fund_donors(actor=actor, fund=fund)),
        "expected_version": fund.version,
    }
    form = _within_reach(forms.FundEditForm(_posted(request), initial=initial), actor)

    def run(actor, cleaned):
        data = dict(cleaned)
        version = data.pop("expected_version")
        # Donors the editor may not see are not offered, so they are kept as they are.
        unseen = selectors.fund_donors_unseen(actor=actor, fund=fund)
        data["donors"] = list(data["donors"]) + list(unseen)
        return services.fund_update(actor=actor, fund=fund, data=data, expected_version=version)

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=reverse("funds:detail", args=[fund.code]),
        context={"title": f"Edit {fund.name}", "fund": fund},
        invalid_status=422,
    )


# --- IATI and the portal --------------------------------------------------------------------


def _xml(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XML)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def fund_iati(request, code):
    fund = _fund(request, code)
    return _xml(selectors.iati_file(actor=request.user, funds=[fund]), f"{fund.code}-iati.xml")


def iati_public(request):
    """The transparency portal's file: every PUBLIC fund, for anyone."""
    funds = selectors.fund_list(actor=request.user, public_only=True)
    content = record_or_404(selectors.iati_file, actor=request.user, funds=funds)
    return _xml(content, "accord-funds-iati.xml")


@login_required
@require_http_methods(["GET", "POST"])
def iati_import(request):
    if not access.may(request.user, "import", TrustFund):
        return forbidden(request, "Only fund managers and administrators import IATI files.")
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, refused=upload_refusal(request)
    )
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.iati_import(
                actor=acting(request), data=upload.read(services.IATI_MAX + 1)
            )
        except AccordError as error:
            apply_domain_error(form, error)
            status = error.status
    elif form.errors:
        status = 422
    return render(request, "funds/import.html", {"form": form, "result": result}, status=status)


def portal(request):
    """The transparency portal: PUBLIC funds with totals, donors and charts, for anyone."""
    actor = request.user
    funds = list(selectors.fund_list(actor=actor, public_only=True))
    # Every fund's statement, references and timeline in a few queries for all of them.
    statements = selectors.fund_statements(actor=actor, funds=funds)
    references = dict(selectors.funds_with_references(actor=actor, funds=funds))
    timelines = selectors.timelines(actor=actor, funds=funds)
    contexts = [
        _statement_context(fs, references[fs.fund], timelines[fs.fund.pk]) for fs in statements
    ]
    return render(request, "funds/portal.html", {"funds": contexts})
