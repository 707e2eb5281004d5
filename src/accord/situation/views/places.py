"""Places: the provinces, a province's page (its districts and their events), a district's page
(its events by month and the assessors' control claims side by side)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accord.situation import selectors
from accord.situation.views.control import standing_rows
from accord.web import charts
from accord.web.pages import record_or_404

RECENT_EVENTS = 50


def _latest(actor, params) -> list[tuple]:
    """The latest events, as (event, no changed fields) rows of the events table."""
    return [(e, None) for e in selectors.event_list(actor=actor, params=params)[:RECENT_EVENTS]]


@require_GET
def province_list(request):
    actor = request.user
    totals = selectors.place_totals(selectors.event_counts(actor=actor, by="province"))
    rows = [(p, totals.get(p.code, {})) for p in selectors.province_list()]
    return render(request, "situation/provinces.html", {"rows": rows})


@require_GET
def province_detail(request, code: str):
    actor = request.user
    province = record_or_404(selectors.province_get, code=code)
    params = {"province": province.code}
    totals = selectors.place_totals(selectors.event_counts(actor=actor, params=params))
    districts = [(d, totals.get(d.code, {})) for d in selectors.district_list(province=province)]
    context = {
        "province": province,
        "districts": districts,
        "events": _latest(actor, params),
        "sources": list(province.sources.all()),
    }
    return render(request, "situation/province_detail.html", context)


@require_GET
def district_detail(request, code: str):
    actor = request.user
    district = record_or_404(selectors.district_get, code=code)
    params = {"district": district.code}
    counts = selectors.event_counts(actor=actor, params=params)
    context = {
        "district": district,
        "monthly": charts.line_chart(
            [(month, n, False) for month, n in selectors.monthly_totals(counts)]
        ),
        "events": _latest(actor, params),
        "standing": standing_rows(
            selectors.control_standing(actor=actor, params={"district": district.code})
        ),
        "claims": list(selectors.claim_list(actor=actor, params={"district": district.code})),
    }
    return render(request, "situation/district_detail.html", context)
