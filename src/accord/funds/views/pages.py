"""The funds' pages that read: the list, a fund's page with its statement and charts, the
printable statement, the exports, donor statements, the IATI files and the transparency portal.

Made with the page toolkit (``accord.web.pages``): a fund is found or the page is a 404, exports
are ``export_response``; every figure and row comes from the funds' selectors, which read many
funds at once where a page shows many. Whether a button is offered is asked of ``access.may``.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
from accord.funds import charts, descriptions, forms, fund_panels, selectors
from accord.funds.models import DonorCondition, ExternalActivity, Pledge, TrustFund
from accord.kept import KeptRecent, kept_for
from accord.l10n import format_exact
from accord.money import format_money, plain_amount
from accord.plausible import today
from accord.web.pages import EXPORT_FORMATS, export_response, history_rows, record_or_404
from accord.web.panels import KEPT_PER_PANEL, reader_key

XML = "application/xml"

# The statement's figures as a reader sees them, on the page and in its export.
FIGURE_LABELS = {
    "pledged": gettext_lazy("Pledged"),
    "received": gettext_lazy("Received"),
    "committed": gettext_lazy("Committed"),
    "disbursed": gettext_lazy("Disbursed"),
    "available": gettext_lazy("Available"),
    "outstanding": gettext_lazy("Outstanding"),
    "over_paid": gettext_lazy("Over-paid"),
    # By kind of entry, as the MPTF Office Gateway reports a fund.
    "expenditure": gettext_lazy("Expenditure reported by implementers"),
    "interest": gettext_lazy("Interest earned"),
    "fees": gettext_lazy("Administrative agent's fees"),
    "direct_costs": gettext_lazy("Direct costs"),
    "fx_realised": gettext_lazy("Realised exchange gains (losses)"),
    "fx_unrealised": gettext_lazy("Unrealised exchange gains (losses)"),
}
# The exports' columns in the reader's language; the values a ledger keeps (entry ids, kinds,
# account keys such as "donor:DEU", currency codes) stay as they are, for reconciliation.
STATEMENT_HEADERS = (
    gettext_lazy("Section"),
    gettext_lazy("Donor"),
    gettext_lazy("Figure"),
    gettext_lazy("Amount"),
    gettext_lazy("Currency"),
)
LEDGER_HEADERS = {
    "entry": gettext_lazy("Entry"),
    "kind": gettext_lazy("Kind"),
    "date": gettext_lazy("Date"),
    "transfer": gettext_lazy("Transfer"),
    "debit": gettext_lazy("Debit account"),
    "credit": gettext_lazy("Credit account"),
    "phase": gettext_lazy("Phase"),
    "amount": gettext_lazy("Amount"),
    "currency": gettext_lazy("Currency"),
    "estimated": gettext_lazy("Estimated"),
    "description": gettext_lazy("Description"),
}
# A pledge's state against what was received (``selectors.pledge_fulfilment``), as shown.
PLEDGE_STATUS = {
    "open": gettext_lazy("open"),
    "partly paid": gettext_lazy("partly paid"),
    "paid": gettext_lazy("paid"),
    "over-paid": gettext_lazy("over-paid"),
}


def fund_or_404(request, code):
    """The fund the reader may read, or the 404 page."""
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
    others = [code for code in ("EUR", "USD") if code != cur]
    every = fs.figures() | fs.by_kind()
    for name in selectors.FIGURES + selectors.KIND_FIGURES:
        rows.append(
            {
                "name": name,
                # The first row of the statement by kind of entry opens its section.
                "by_kind": name == selectors.KIND_FIGURES[0],
                "label": FIGURE_LABELS[name],
                "own": format_money(every[name], cur),
                # The figure in EUR and in USD beside the fund's own currency.
                "others": [
                    format_money(fs.converted[code][name], code) if fs.converted.get(code) else "—"
                    for code in others
                ],
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
        "others": others,
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
        "external": list(selectors.external_beside(actor=actor, funds=funds)),
        "can_create": access.may(actor, "create", TrustFund),
        "can_import": access.may(actor, "import", TrustFund),
    }
    return render(request, "funds/list.html", context)


def external_list(request):
    """Other publishers' activities the reader may read, beside the funds (``?country=AF``)."""
    country = (request.GET.get("country") or "").strip().upper()[:2] or None
    context = {
        "activities": list(selectors.external_list(actor=request.user, country=country)),
        "country": country or "",
        "can_import": access.may(request.user, "import", ExternalActivity),
    }
    return render(request, "funds/external_list.html", context)


def external_detail(request, pk):
    """One of them: what Accord read of it, the ruleset's findings, its history and XML."""
    activity = record_or_404(selectors.external_get, actor=request.user, pk=pk)
    context = {
        "activity": activity,
        "totals": selectors.external_totals(activity),
        "history": history_rows(request.user, activity),
    }
    return render(request, "funds/external_detail.html", context)


def fund_detail(request, code):
    fund = fund_or_404(request, code)
    at = _at(request)
    context = dict(
        kept_for(
            _kept_books,
            request,
            (reader_key(request), fund.pk, at),
            BOOKS_TOPICS,
            lambda: _fund_books(request, fund, at),
        )
    )
    context.update(
        {
            "at": at,
            "export_formats": EXPORT_FORMATS,
            "can_change": access.may(request.user, "change", TrustFund, fund),
            "can_pledge": access.may(request.user, "create", Pledge),
            "can_add_condition": access.may(
                request.user,
                "create",
                DonorCondition,
                {"marking": fund.marking, "owner_nation_id": fund.owner_nation_id},
            ),
            "cancel_form": forms.CancelForm(initial={"idempotency_key": uuid.uuid4().hex}),
            # The fund's own changes (its manager, lead nation, donors...): its money is the
            # ledger above.
            "history": history_rows(request.user, fund),
            # What the money bought, from the apps above the funds (fund_panels).
            "panels": fund_panels.panels_for(request, fund),
        }
    )
    return render(request, "funds/detail.html", context)


# A fund's books as its page shows them, per reader, fund, day asked and version of the tables
# they are read from (``accord.kept``): seen again between two postings, they are not read again.
_kept_books: KeptRecent[dict] = KeptRecent(KEPT_PER_PANEL)
BOOKS_TOPICS = ("funds", "budget", "council", "core")


def _fund_books(request, fund, at) -> dict:
    """The fund's statement, charts and donors, its commitments with what is left of each, its
    newest entries, its disbursements and the donors' conditions."""
    books = _fund_context(request, fund, at)
    commitments = list(selectors.commitment_list(actor=request.user, fund=fund))
    left = selectors.commitment_remaining(commitments)
    entries = list(selectors.entry_list(actor=request.user, fund=fund).reverse()[:40])
    for entry in entries:
        entry.description_read = descriptions.shown(entry.description_shown)
    books.update(
        {
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
            "conditions": _condition_rows(request, fund),
        }
    )
    return books


def _condition_rows(request, fund) -> list[dict]:
    """The donors' conditions on the fund, each with whether it is overdue and may be assessed."""
    now = today()
    return [
        {
            "c": c,
            # A donor the reader may not read is not named (the condition stays, as a pledge's).
            "nation": access.reachable(request.user, c.nation),
            "overdue": c.overdue(now),
            "can_assess": access.may(request.user, "change", DonorCondition, c),
        }
        for c in selectors.condition_list(actor=request.user, fund=fund)
    ]


def _per_eur(rate) -> str:
    """A rate in the reader's digits with every decimal it has (1.1582, not 1.158)."""
    return format_exact(rate.per_eur)


def rates(request):
    """The exchange rates: each currency's newest, and one currency's history (``?currency=``)."""
    actor = request.user
    currency = (request.GET.get("currency") or "").upper()[:3]
    history = selectors.rate_history(actor=actor, currency=currency) if currency else []
    context = {
        "newest": [
            {**row, "per_eur": _per_eur(row["rate"])} for row in selectors.rates_newest(actor=actor)
        ],
        "currency": currency,
        "history": [{"rate": rate, "per_eur": _per_eur(rate)} for rate in history],
        "can_set": access.may(actor, "import", TrustFund),
    }
    return render(request, "funds/rates.html", context)


def fund_statement(request, code):
    """A printable statement at a date (``?at=YYYY-MM-DD``)."""
    fund = fund_or_404(request, code)
    at = _at(request)
    context = _fund_context(request, fund, at)
    context["at"] = at
    return render(request, "funds/statement.html", context)


def _check_format(fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("Exports are CSV or XLSX."))


def statement_export(request, code, fmt):
    _check_format(fmt)
    fund = fund_or_404(request, code)
    fs = selectors.fund_statement(actor=request.user, fund=fund, at=_at(request))
    cur = fund.currency
    total, donor = _("Total"), _("Donor")
    figure = {name: str(label) for name, label in FIGURE_LABELS.items()}
    every = fs.figures() | fs.by_kind()
    by_kind = _("By kind of entry")
    names = selectors.FIGURES + selectors.KIND_FIGURES
    rows = [
        (
            by_kind if name in selectors.KIND_FIGURES else total,
            "",
            figure[name],
            plain_amount(every[name], cur),
            cur,
        )
        for name in names
    ]
    for target in ("EUR", "USD"):
        if fs.converted.get(target) and target != cur:
            rows += [
                (
                    by_kind if name in selectors.KIND_FIGURES else total,
                    "",
                    figure[name],
                    plain_amount(fs.converted[target][name], target),
                    target,
                )
                for name in names
            ]
    for d in fs.statement.donors:
        if d.nation not in fs.nations:
            continue
        for name in ("pledged", "received", "outstanding", "over_paid"):
            amount = plain_amount(getattr(d, name), cur)
            rows.append((donor, d.nation, figure[name], amount, cur))
    return export_response(
        fmt,
        filename=f"{fund.code}-statement-{fs.at:%Y-%m-%d}",
        headers=[str(h) for h in STATEMENT_HEADERS],
        rows=rows,
        row=lambda r: r,
    )


def entries_export(request, code, fmt):
    _check_format(fmt)
    fund = fund_or_404(request, code)
    return export_response(
        fmt,
        filename=f"{fund.code}-ledger",
        headers=[str(LEDGER_HEADERS[c]) for c in selectors.LEDGER_COLUMNS],
        rows=selectors.ledger_rows(actor=request.user, fund=fund),
        row=lambda r: r,
    )


def donor_statement(request, code, iso3):
    fund = fund_or_404(request, code)
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
                    "status_shown": PLEDGE_STATUS[row["status"]],
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
                    (_("Pledge"), data["pledges"]),
                    (_("Contribution"), data["contributions"]),
                    (_("Refund"), data["refunds"]),
                )
                for r in items
            ],
        },
    )


# --- IATI files and the portal ----------------------------------------------------------------


def _xml(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XML)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def fund_iati(request, code):
    fund = fund_or_404(request, code)
    return _xml(selectors.iati_file(actor=request.user, funds=[fund]), f"{fund.code}-iati.xml")


def iati_public(request):
    """The transparency portal's file: every PUBLIC fund, for anyone."""
    funds = selectors.fund_list(actor=request.user, public_only=True)
    content = record_or_404(selectors.iati_file, actor=request.user, funds=funds)
    return _xml(content, "accord-funds-iati.xml")


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
