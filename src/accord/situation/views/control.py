"""Territorial control: the assessors side by side per district (disagreements first, stale
claims marked), and recording a claim."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord import access
from accord.situation import selectors, services
from accord.situation.choices import Assessor
from accord.situation.forms import ClaimForm
from accord.situation.inputs import ControlClaimValues
from accord.situation.models import ControlClaim
from accord.situation.views.common import situation_form
from accord.web.pages import forbidden, paginate


def standing_rows(standings) -> list[dict]:
    """Each district's row: one cell per assessor (its latest claim, or none), in one order."""
    districts = {d.code: d for d in selectors.district_list()}
    return [
        {
            "district": districts[s.district],
            "disagree": s.disagree,
            "cells": [
                {
                    "claim": s.latest[a].ref if a in s.latest else None,
                    "stale": a in s.stale,
                }
                for a in Assessor.values
            ],
        }
        for s in standings
    ]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@require_GET
def control_board(request):
    actor = request.user
    as_of = _day(request.GET.get("as_of", ""))
    province = request.GET.get("province", "")
    params = {"province": province} if province else {}
    standings = selectors.control_standing(actor=actor, as_of=as_of, params=params)
    rows = standing_rows(standings)
    context = {
        "assessors": Assessor.labels,
        "rows": paginate(request, rows),
        "disagreements": sum(1 for r in rows if r["disagree"]),
        "as_of": as_of or selectors.latest_claim_day(actor=actor),
        "provinces": list(selectors.province_list()),
        "province": province,
        "can_create": access.may(actor, "create", ControlClaim),
    }
    return render(request, "situation/control.html", context)


@login_required
def claim_create(request):
    actor = request.user
    if not access.may(actor, "create", ControlClaim):
        return forbidden(request, _("Control claims are recorded by the hub's analysts."))
    form = ClaimForm(request.POST or None, actor=actor, districts=selectors.district_list())

    def run(actor, cleaned):
        data = {**cleaned, "district": selectors.district_get(code=cleaned["district"])}
        return services.control_claim_create(actor=actor, values=ControlClaimValues(**data))

    return situation_form(
        request,
        form,
        run=run,
        title=_("Record a control claim"),
        cancel_url=reverse("situation:control"),
        success_url=lambda claim: reverse("situation:district-detail", args=[claim.district.code]),
        message=_("The claim is recorded."),
    )
