"""The funds' pages that write: the forms of the money's life (pledges, contributions,
commitments, disbursements, refunds, reversals, cancellations), the fund itself, the IATI import.

Each form is a ``form_page`` (``accord.web.pages``) that runs one service: 422 for a form with
errors, the domain error's own status (409, 422) for a refusal, whose message says what to do
(an over-disbursement names the amount available); fields are checked as the user types. Who may
use a form is asked of ``access.may``, with the same question the service asks again.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.errors import AccordError
from accord.funds import budget_lines, forms, selectors, services, tasks
from accord.funds.inputs import FundValues
from accord.funds.models import (
    Commitment,
    Contribution,
    Disbursement,
    DonorCondition,
    ExternalActivity,
    Pledge,
    Refund,
    TrustFund,
)
from accord.funds.views.imports import file_import, imported_by_task
from accord.funds.views.pages import fund_or_404
from accord.jobs.choices import TaskKind
from accord.l10n import format_day
from accord.middleware import upload_refusal
from accord.money import format_money
from accord.names import column_names
from accord.web.pages import acting, forbidden, form_page, record_or_404

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
        success_message=success_message or _("%(title)s: recorded.") % {"title": title},
        context={"fund": fund, "title": title, "available": available},
        invalid_status=422,
        error_status=True,
    )


def _money_action(request, fund, form, *, title, run, allowed: bool):
    """A new record of the fund's money, for who may make it (the 403 page for others)."""
    if not allowed:
        return forbidden(
            request, _("You may not do this for %(fund)s.") % {"fund": fund.local_name}
        )
    return _money_form_page(request, fund, form, title=title, run=_fresh_key_on_refusal(form, run))


def _budget_choices(request):
    lines = budget_lines.budget_line_choices(actor=request.user)
    return [("", "—")] + [(str(pk), label) for pk, label in lines]


def _budget_line(request, value):
    return budget_lines.budget_line_find(actor=request.user, pk=value) if value else None


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request, code):
    fund = fund_or_404(request, code)
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
        title=_("Record a pledge"),
        run=run,
        allowed=access.may(actor, "create", Pledge),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create(request, code):
    fund = fund_or_404(request, code)
    pledges = selectors.pledge_list(actor=request.user, fund=fund)
    form = _ledger_form(request, fund, forms.ContributionForm)
    form.fields["pledge"].choices = [("", "—")] + [
        (
            p.entry_id,
            f"{p.nation.iso3} {format_day(p.day)} {format_money(p.amount_minor, p.currency)}",
        )
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
        title=_("Record a contribution"),
        run=run,
        allowed=access.may(request.user, "create", Contribution, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, code):
    fund = fund_or_404(request, code)
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
        title=_("Record a commitment"),
        run=run,
        allowed=access.may(request.user, "create", Commitment, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def disbursement_create(request, code):
    fund = fund_or_404(request, code)
    commitments = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(commitments)
    form = _ledger_form(request, fund, forms.DisbursementForm)
    form.fields["commitment"].choices = [("", _("— none: pay from what is available"))] + [
        (
            c.entry_id,
            _("%(payee)s (%(amount)s left)")
            % {"payee": c.payee, "amount": format_money(left[c.entry_id], fund.currency)},
        )
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
        title=_("Record a disbursement"),
        run=run,
        allowed=access.may(request.user, "create", Disbursement, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def refund_create(request, code):
    fund = fund_or_404(request, code)
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
        title=_("Record a refund"),
        run=run,
        allowed=access.may(request.user, "create", Refund, _fund_scope(fund)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_reverse(request, code, key):
    fund = fund_or_404(request, code)
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
        title=_("Reverse the %(kind)s %(entry)s")
        % {"kind": entry.get_kind_display().lower(), "entry": entry.pk},
        run=run,
        allowed=access.may(request.user, "change", TrustFund, fund),
    )


@login_required
@require_POST
def commitment_cancel(request, code, key):
    """The fund page's "Cancel the rest" button: a form shown only when the post is refused."""
    fund = fund_or_404(request, code)
    commitment = record_or_404(selectors.commitment_get, actor=request.user, fund=fund, key=key)
    if not access.may(request.user, "change", Commitment, commitment):
        return forbidden(request, _("You may not change %(fund)s.") % {"fund": fund.local_name})

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
        title=_("Cancel a commitment"),
        run=run,
        success_message=_("Commitment cancelled."),
    )


# --- donors' conditions -----------------------------------------------------------------------


def _condition_page(request, fund, form, *, title, run):
    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=reverse("funds:detail", args=[fund.code]) + "#conditions",
        success_message=_("%(title)s: recorded.") % {"title": title},
        context={"fund": fund, "title": title},
        invalid_status=422,
        error_status=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def condition_create(request, code):
    fund = fund_or_404(request, code)
    actor = request.user
    if not access.may(actor, "create", DonorCondition, _fund_scope(fund)):
        return forbidden(
            request, _("You may not do this for %(fund)s.") % {"fund": fund.local_name}
        )
    pledges = selectors.pledge_list(actor=actor, fund=fund)
    form = forms.ConditionForm(_posted(request))
    form.fields["nation"].queryset = selectors.fund_donors(actor=actor, fund=fund)
    form.fields["pledge"].choices = [("", "—")] + [
        (
            p.entry_id,
            f"{p.nation.iso3} {format_day(p.day)} {format_money(p.amount_minor, p.currency)}",
        )
        for p in pledges
    ]

    def run(actor, d):
        pledge = pledges.filter(entry_id=d["pledge"]).first() if d["pledge"] else None
        return services.condition_record(
            actor=actor, fund=fund, nation=d["nation"], pledge=pledge, text=d["text"], due=d["due"]
        )

    return _condition_page(request, fund, form, title=_("Record a donor's condition"), run=run)


@login_required
@require_http_methods(["GET", "POST"])
def condition_assess(request, code, pk):
    fund = fund_or_404(request, code)
    actor = request.user
    condition = record_or_404(selectors.condition_get, actor=actor, fund=fund, pk=pk)
    if not access.may(actor, "change", DonorCondition, condition):
        return forbidden(
            request, _("You may not do this for %(fund)s.") % {"fund": fund.local_name}
        )
    initial = {
        "status": condition.status,
        "evidence": condition.evidence,
        "day": condition.assessed_on or date.today(),
        "expected_version": condition.version,
    }
    form = forms.AssessForm(_posted(request), initial=initial)

    def run(actor, d):
        return services.condition_assess(
            actor=actor,
            condition=condition,
            status=d["status"],
            evidence=d["evidence"],
            day=d["day"],
            expected_version=d["expected_version"],
        )

    return _condition_page(
        request,
        fund,
        form,
        title=_("Assess a donor's condition"),
        run=run,
    )


# --- the fund itself ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request):
    if not access.may(request.user, "create", TrustFund):
        return forbidden(request, _("Only fund managers and administrators open trust funds."))
    form = _within_reach(forms.FundForm(_posted(request)), request.user)

    def run(actor, cleaned):
        values = FundValues(**{**cleaned, "currency": cleaned["currency"].upper()})
        return services.fund_create(actor=actor, values=values)

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=lambda fund: reverse("funds:detail", args=[fund.code]),
        context={"title": _("Open a trust fund"), "fund": None},
        invalid_status=422,
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_edit(request, code):
    fund = fund_or_404(request, code)
    actor = request.user
    if not access.may(actor, "change", TrustFund, fund):
        return forbidden(request, _("You may not change %(fund)s.") % {"fund": fund.local_name})
    initial = {
        "name": fund.name,
        "purpose": fund.purpose,
        **{c: getattr(fund, c) for c in (*column_names("name"), *column_names("purpose"))},
        "status": fund.status,
        "sector": fund.sector,
        "recipient_country": fund.recipient_country,
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
        return services.fund_update(
            actor=actor, fund=fund, values=FundValues(**data), expected_version=version
        )

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=reverse("funds:detail", args=[fund.code]),
        context={"title": _("Edit %(fund)s") % {"fund": fund.local_name}, "fund": fund},
        invalid_status=422,
    )


# --- exchange rates ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rate_create(request):
    if not access.may(request.user, "import", TrustFund):
        return forbidden(request, _("Only fund managers and administrators record exchange rates."))
    form = forms.RateForm(_posted(request), initial={"day": date.today()})

    def run(actor, d):
        return services.exchange_rate_set(
            actor=actor,
            currency=d["currency"].upper(),
            day=d["day"],
            per_eur=d["per_eur"],
            source=d["source"],
        )

    return form_page(
        request,
        form=form,
        run=run,
        template="funds/form.html",
        partial="form",
        success_url=reverse("funds:rates"),
        success_message=_("Exchange rate recorded."),
        context={"title": _("Record an exchange rate"), "fund": None},
        invalid_status=422,
        error_status=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rates_import(request):
    """The ECB's reference rates from their CSV files; the history, being large, is kept by the
    worker, and the page comes back here (``?task=``) with what it kept."""
    if not access.may(request.user, "import", TrustFund):
        return forbidden(request, _("Only fund managers and administrators record exchange rates."))
    form = forms.RatesImportForm(
        request.POST or None, request.FILES or None, refused=upload_refusal(request)
    )
    result = imported_by_task(request, TaskKind.RATES_IMPORT)
    return file_import(
        request,
        form,
        lambda upload: tasks.rates_import_submit(
            actor=acting(request), data=upload.read(services.RATES_MAX + 1), filename=upload.name
        ),
        result,
        "funds/rates_import.html",
    )


# --- IATI import ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def iati_import(request):
    """Accord's own IATI file. A large one is imported by the worker: the page then follows its
    task, and comes back here (``?task=``) to show what it imported."""
    if not access.may(request.user, "import", TrustFund):
        return forbidden(request, _("Only fund managers and administrators import IATI files."))
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, refused=upload_refusal(request)
    )
    result = _readable_funds(request, imported_by_task(request, TaskKind.IATI_IMPORT))
    return file_import(
        request,
        form,
        lambda upload: tasks.iati_import_submit(
            actor=acting(request), data=upload.read(services.IATI_MAX + 1), filename=upload.name
        ),
        result,
        "funds/import.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def external_import(request):
    """Other publishers' IATI activities, kept read-only beside the funds; a large file is
    kept by the worker, as Accord's own is."""
    if not access.may(request.user, "import", ExternalActivity):
        return forbidden(request, _("Only fund managers and administrators import IATI files."))
    form = forms.ExternalImportForm(
        request.POST or None, request.FILES or None, refused=upload_refusal(request)
    )
    result = _readable_activities(
        request, imported_by_task(request, TaskKind.EXTERNAL_ACTIVITIES_IMPORT)
    )
    return file_import(
        request,
        form,
        lambda upload: tasks.external_import_submit(
            actor=acting(request),
            data=upload.read(services.IATI_MAX + 1),
            filename=upload.name,
            marking=form.cleaned_data["marking"],
        ),
        result,
        "funds/external_import.html",
    )


def _readable_funds(request, imported: dict | None) -> dict | None:
    """An import's result with only the funds the reader may (still) read."""
    if imported is None:
        return None
    codes = imported.get("funds", [])
    readable = set(
        selectors.fund_list(actor=request.user)
        .filter(code__in=codes)
        .values_list("code", flat=True)
    )
    return {**imported, "funds": [code for code in codes if code in readable]}


def _readable_activities(request, imported: dict | None) -> dict | None:
    """An import's result with only the activities the reader may (still) read."""
    if imported is None:
        return None
    named = [*imported.get("created", []), *imported.get("updated", [])]
    readable = set(
        selectors.external_list(actor=request.user)
        .filter(identifier__in=named)
        .values_list("identifier", flat=True)
    )
    return {
        **imported,
        "created": [i for i in imported.get("created", []) if i in readable],
        "updated": [i for i in imported.get("updated", []) if i in readable],
    }
