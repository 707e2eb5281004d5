"""The funds' pages: list, fund page with statement and charts, printable statement, exports,
donor statements, the forms for the money's life, IATI files and the transparency portal.

Thin: reads through selectors, writes through services; a domain error becomes a form error
that says what to do (the refusal of an over-disbursement names the amount available).
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
from accord.errors import AccordError, NotFound
from accord.funds import budget_lines, charts, forms, selectors, services
from accord.markings import Role
from accord.middleware import upload_refusal
from accord.money import format_money, plain_amount
from accord.web.pages import (
    acting,
    apply_domain_error,
    export_response,
    forbidden,
    principal,
    success_redirect,
)

XML = "application/xml"


def _fund(request, code):
    try:
        return selectors.fund_get(actor=request.user, code=code)
    except NotFound:
        raise Http404(f"No trust fund {code!r} that you may read.") from None


def _at(request) -> date | None:
    text = request.GET.get("at") or ""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _statement_context(request, fund, at=None) -> dict:
    fs = selectors.fund_statement(actor=request.user, fund=fund, at=at)
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
        for day, received, disbursed in selectors.timeline(actor=request.user, fund=fund)
        if at is None or day <= at
    ]
    return {
        "fund": fund,
        "refs": selectors.fund_references(actor=request.user, fund=fund),
        "fs": fs,
        "rows": rows,
        "donors": donors,
        "fulfilment": fulfilment,
        "timeline": charts.timeline_chart(series, cur),
        "available": format_money(fs.statement.available, cur),
    }


def fund_list(request):
    """Every fund the reader may read, with its position today."""
    funds = []
    for fund in selectors.fund_list(actor=request.user):
        fs = selectors.fund_statement(actor=request.user, fund=fund)
        funds.append(
            {
                "fund": fund,
                "pledged": format_money(fs.statement.pledged, fund.currency),
                "received": format_money(fs.statement.received, fund.currency),
                "disbursed": format_money(fs.statement.disbursed, fund.currency),
                "available": format_money(fs.statement.available, fund.currency),
            }
        )
    p = principal(request)
    return render(
        request,
        "funds/list.html",
        {"funds": funds, "can_create": p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER)},
    )


def fund_detail(request, code):
    fund = _fund(request, code)
    at = _at(request)
    context = _statement_context(request, fund, at)
    p = principal(request)
    commitments = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(commitments)
    entries = list(selectors.entry_list(actor=request.user, fund=fund).reverse()[:40])
    can_change = access.can_change(request.user, fund)
    context.update(
        {
            "at": at,
            "can_change": can_change,
            "can_pledge": not p.is_anonymous
            and p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER, Role.DELEGATION),
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
    context = _statement_context(request, fund, at)
    context["at"] = at
    return render(request, "funds/statement.html", context)


def _check_format(fmt):
    if fmt not in ("csv", "xlsx"):
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
    entries = selectors.entry_list(actor=request.user, fund=fund).prefetch_related(
        "transfers__debit__nation", "transfers__credit__nation"
    )
    rows = []
    shown = selectors.nations_shown(actor=request.user)

    def account(a) -> str:
        # A donor account names its nation only to who may read the nation.
        if a.nation_id and a.nation_id not in shown:
            return a.kind
        return str(a).split(":", 1)[1]

    for e in entries:
        for t in e.transfers.all():
            rows.append(
                (
                    e.pk,
                    e.kind,
                    e.value_date,
                    t.pk,
                    account(t.debit),
                    account(t.credit),
                    t.phase,
                    plain_amount(t.amount, fund.currency),
                    fund.currency,
                    e.estimated,
                    e.description_shown,
                )
            )
    return export_response(
        fmt,
        filename=f"{fund.code}-ledger",
        headers=[
            "entry",
            "kind",
            "date",
            "transfer",
            "debit",
            "credit",
            "phase",
            "amount",
            "currency",
            "estimated",
            "description",
        ],
        rows=rows,
        row=lambda r: r,
    )


def donor_statement(request, code, iso3):
    fund = _fund(request, code)
    try:
        data = selectors.donor_statement(actor=request.user, fund=fund, iso3=iso3, at=_at(request))
    except NotFound:
        raise Http404("Not a donor of this fund.") from None
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


# --- forms ------------------------------------------------------------------------------------


def _within_reach(form, actor):
    """Cut every record choice of ``form`` to what the actor may read: a choice list is a
    reference too (a nation's name in a drop-down is as visible as in a table)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset.model, "access_rule"):
            field.queryset = access.visible(queryset, actor)
    return form


def _render_form(request, fund, form, title, status=200, note=""):
    return render(
        request,
        "funds/form.html",
        {
            "fund": fund,
            "form": form,
            "title": title,
            "note": note,
            "available": format_money(
                selectors.fund_statement(actor=request.user, fund=fund).statement.available,
                fund.currency,
            ),
        },
        status=status,
    )


def _action(request, fund, form_class, title, run, prepare=None, allowed=None, initial=None):
    if allowed is not None and not allowed:
        return forbidden(request, f"You may not do this for {fund.name}.")
    if request.method == "POST":
        form = _within_reach(form_class(request.POST), request.user)
        if prepare:
            prepare(form)
        if form.is_valid():
            try:
                run(form.cleaned_data)
            except AccordError as error:
                apply_domain_error(form, error)
                data = request.POST.copy()
                data["idempotency_key"] = uuid.uuid4().hex
                form.data = data
                return _render_form(request, fund, form, title, status=error.status)
            return success_redirect(
                request, reverse("funds:detail", args=[fund.code]), f"{title}: recorded."
            )
        return _render_form(request, fund, form, title, status=422)
    form = form_class(
        initial={
            "idempotency_key": uuid.uuid4().hex,
            "currency": fund.currency,
            "day": date.today(),
            **(initial or {}),
        }
    )
    _within_reach(form, request.user)
    if prepare:
        prepare(form)
    return _render_form(request, fund, form, title)


def _fund_editor(request, fund) -> bool:
    return access.can_change(request.user, fund)


def _budget_choices(request):
    lines = budget_lines.budget_line_choices(actor=request.user)
    return [("", "—")] + [(str(pk), label) for pk, label in lines]


def _budget_line(request, value):
    if not value:
        return None
    try:
        return budget_lines.budget_line_get(actor=request.user, pk=int(value))
    except (NotFound, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request, code):
    fund = _fund(request, code)
    p = principal(request)
    may = p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER, Role.DELEGATION)

    def prepare(form):
        if not p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER):
            form.fields["nation"].queryset = form.fields["nation"].queryset.filter(pk=p.nation_id)

    def run(d):
        services.pledge_record(
            actor=acting(request),
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

    initial = {"nation": request.user.nation.iso3} if request.user.nation_id else {}
    return _action(request, fund, forms.PledgeForm, "Record a pledge", run, prepare, may, initial)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create(request, code):
    fund = _fund(request, code)
    pledges = selectors.pledge_list(actor=request.user, fund=fund)

    def prepare(form):
        form.fields["pledge"].choices = [("", "—")] + [
            (
                p.entry_id,
                f"{p.nation.iso3} {p.day:%Y-%m-%d} {format_money(p.amount_minor, p.currency)}",
            )
            for p in pledges
        ]

    def run(d):
        pledge = pledges.filter(entry_id=d["pledge"]).first() if d["pledge"] else None
        services.contribution_record(
            actor=acting(request),
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

    return _action(
        request,
        fund,
        forms.ContributionForm,
        "Record a contribution",
        run,
        prepare,
        _fund_editor(request, fund),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, code):
    fund = _fund(request, code)

    def prepare(form):
        form.fields["budget_line"].choices = _budget_choices(request)

    def run(d):
        services.commitment_record(
            actor=acting(request),
            fund=fund,
            amount=d["amount"],
            day=d["day"],
            payee=d["payee"],
            budget_line=_budget_line(request, d["budget_line"]),
            idempotency_key=d["idempotency_key"],
        )

    return _action(
        request,
        fund,
        forms.CommitmentForm,
        "Record a commitment",
        run,
        prepare,
        _fund_editor(request, fund),
    )


@login_required
@require_http_methods(["GET", "POST"])
def disbursement_create(request, code):
    fund = _fund(request, code)
    commitments = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(commitments)

    def prepare(form):
        form.fields["commitment"].choices = [("", "— none: pay from what is available")] + [
            (c.entry_id, f"{c.payee} ({format_money(left[c.entry_id], fund.currency)} left)")
            for c in commitments
            if left.get(c.entry_id)
        ]
        form.fields["budget_line"].choices = _budget_choices(request)

    def run(d):
        commitment = next((c for c in commitments if c.entry_id == d["commitment"]), None)
        services.disbursement_record(
            actor=acting(request),
            fund=fund,
            amount=d["amount"],
            day=d["day"],
            payee=d["payee"],
            commitment=commitment,
            budget_line=_budget_line(request, d["budget_line"]),
            idempotency_key=d["idempotency_key"],
        )

    return _action(
        request,
        fund,
        forms.DisbursementForm,
        "Record a disbursement",
        run,
        prepare,
        _fund_editor(request, fund),
    )


@login_required
@require_http_methods(["GET", "POST"])
def refund_create(request, code):
    fund = _fund(request, code)

    def prepare(form):
        form.fields["nation"].queryset = selectors.fund_donors(actor=request.user, fund=fund)

    def run(d):
        services.refund_record(
            actor=acting(request),
            fund=fund,
            nation=d["nation"],
            amount=d["amount"],
            day=d["day"],
            idempotency_key=d["idempotency_key"],
        )

    return _action(
        request,
        fund,
        forms.RefundForm,
        "Record a refund",
        run,
        prepare,
        _fund_editor(request, fund),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_reverse(request, code, key):
    fund = _fund(request, code)
    try:
        entry = selectors.entry_get(actor=request.user, fund=fund, key=key)
    except NotFound:
        raise Http404("No such entry.") from None

    def run(d):
        services.entry_reverse(
            actor=acting(request),
            fund=fund,
            entry=entry,
            day=d["day"],
            reason=d["reason"],
            idempotency_key=d["idempotency_key"],
        )

    return _action(
        request,
        fund,
        forms.ReverseForm,
        f"Reverse {entry.get_kind_display().lower()} {entry.pk}",
        run,
        None,
        _fund_editor(request, fund),
    )


@login_required
@require_POST
def commitment_cancel(request, code, key):
    fund = _fund(request, code)
    try:
        commitment = selectors.commitment_get(actor=request.user, fund=fund, key=key)
    except NotFound:
        raise Http404("No such commitment.") from None
    if not _fund_editor(request, fund):
        return forbidden(request, f"You may not change {fund.name}.")
    form = forms.CancelForm(request.POST)
    if not form.is_valid():
        return _render_form(request, fund, form, "Cancel a commitment", status=422)
    try:
        services.commitment_cancel(
            actor=acting(request),
            commitment=commitment,
            day=form.cleaned_data["day"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except AccordError as error:
        apply_domain_error(form, error)
        return _render_form(request, fund, form, "Cancel a commitment", status=error.status)
    return success_redirect(
        request, reverse("funds:detail", args=[fund.code]), "Commitment cancelled."
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request):
    p = principal(request)
    if not p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER):
        return forbidden(request, "Only fund managers and administrators open trust funds.")
    form = _within_reach(forms.FundForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["currency"] = data["currency"].upper()
        try:
            fund = services.fund_create(actor=acting(request), data=data)
        except AccordError as error:
            apply_domain_error(form, error)
        else:
            return success_redirect(request, reverse("funds:detail", args=[fund.code]))
    return render(
        request,
        "funds/form.html",
        {"form": form, "title": "Open a trust fund", "fund": None},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_edit(request, code):
    fund = _fund(request, code)
    if not _fund_editor(request, fund):
        return forbidden(request, f"You may not change {fund.name}.")
    initial = {
        "name": fund.name,
        "purpose": fund.purpose,
        "status": fund.status,
        "donors": selectors.fund_references(actor=request.user, fund=fund).donors,
        "expected_version": fund.version,
    }
    form = _within_reach(forms.FundEditForm(request.POST or None, initial=initial), request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("expected_version")
        # Donors the editor may not see are not offered, so they are kept as they are.
        unseen = fund.donors.exclude(pk__in=[n.pk for n in initial["donors"]])
        data["donors"] = list(data["donors"]) + list(unseen)
        try:
            services.fund_update(
                actor=acting(request), fund=fund, data=data, expected_version=version
            )
        except AccordError as error:
            apply_domain_error(form, error)
        else:
            return success_redirect(request, reverse("funds:detail", args=[fund.code]))
    return render(
        request,
        "funds/form.html",
        {"form": form, "title": f"Edit {fund.name}", "fund": fund},
        status=422 if form.errors else 200,
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
    try:
        content = selectors.iati_file(actor=request.user, funds=funds)
    except NotFound:
        raise Http404("No public trust fund yet.") from None
    return _xml(content, "accord-funds-iati.xml")


@login_required
@require_http_methods(["GET", "POST"])
def iati_import(request):
    p = principal(request)
    if not p.has_role(Role.ADMINISTRATOR, Role.FUND_MANAGER):
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
    funds = []
    for fund in selectors.fund_list(actor=request.user, public_only=True):
        context = _statement_context(request, fund)
        funds.append(context)
    return render(request, "funds/portal.html", {"funds": funds})
