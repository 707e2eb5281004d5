"""The front page (public portal or signed-in dashboard) and the map's data."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord import access
from accord.audit.selectors import audit_entry_list, audit_trail_readable
from accord.core import selectors
from accord.core.choices import SiteKind
from accord.kept import KeptRecent, kept_for
from accord.l10n import format_day
from accord.web import charts, panels
from accord.web.pages import principal
from accord.web.panels import KEPT_PER_PANEL

RECENT_CHANGES = 10

# One colour per kind of site, shared by the map markers and the legend.
KIND_COLOURS = {
    SiteKind.HUB: "#b3261e",
    SiteKind.HUB_ELEMENT: "#e8710a",
    SiteKind.SPOKE: "#1a73e8",
    SiteKind.TRAINING_CENTRE: "#188038",
    SiteKind.FUNCTIONAL_COMMAND: "#8430ce",
    SiteKind.AIRBASE: "#5f6368",
    SiteKind.PORT: "#007b83",
    SiteKind.BORDER_CROSSING: "#9e6a03",
}


def _as_of(day, *, estimated: bool) -> str:
    if estimated:
        return _("as of %(day)s, estimated") % {"day": format_day(day)}
    return _("as of %(day)s") % {"day": format_day(day)}


# The mission's figures per reader (their reach), language and version of the core tables.
_kept_figures: KeptRecent[dict] = KeptRecent(KEPT_PER_PANEL)
FIGURES_TOPICS = ("core",)


def _figures_kept(request, actor) -> dict:
    """``_figures(actor)``, kept as the panels are (``accord.web.panels``): a copy, since the
    page adds its own to it."""
    # The actor whose reach they show as well as the reader: the portal shows the public's.
    key = (panels.reader_key(request), access.principal_of(actor))
    return dict(kept_for(_kept_figures, request, key, FIGURES_TOPICS, lambda: _figures(actor)))


def _figures(actor) -> dict:
    """The contributions by nation and site, the mission's strength over time, the sites."""
    by_nation = selectors.contributions_latest_by_nation(actor=actor)
    by_site = selectors.contributions_latest_by_site(actor=actor)
    strength = selectors.mission_strength_series(actor=actor)
    nation_chart = charts.hbar_chart(
        [
            {
                "label": row["nation_local_name"],
                "value": row["personnel"],
                "note": _as_of(row["as_of"], estimated=row["estimated"]),
                "url": reverse("web:nations-detail", args=[row["nation__iso3"]]),
            }
            for row in by_nation
        ]
    )
    site_rows = [
        {
            **row,
            "url": reverse("web:sites-detail", args=[row["site__code"]]),
            "colour": KIND_COLOURS.get(row["site__kind"], "#444"),
            "kind_label": SiteKind(row["site__kind"]).label,
        }
        for row in by_site
    ]
    site_top = charts.nice_max(max((r["personnel"] or 0 for r in site_rows), default=0))
    for row in site_rows:
        row["share"] = round(100 * (row["personnel"] or 0) / site_top, 1)
    strength_chart = charts.line_chart([(s.as_of, s.personnel, s.estimated) for s in strength])
    return {
        "nation_chart": nation_chart,
        "nation_total": sum(r["personnel"] for r in by_nation),
        "site_rows": site_rows,
        "strength_chart": strength_chart,
        "strength": strength,
        "legend": [(SiteKind(k).label, c) for k, c in KIND_COLOURS.items()],
        "site_count": selectors.site_list(actor=actor).count(),
    }


@require_GET
def home(request):
    """``/``: the dashboard for a signed-in user, the public portal for everyone else."""
    p = principal(request)
    if p.is_anonymous:
        return portal(request)
    context = _figures_kept(request, request.user)
    # What the reader acts on first (each app's panels, under the reader's access), then the
    # mission's figures.
    context["panels"] = panels.panels_for(request)
    if audit_trail_readable(request.user):
        context["recent"] = list(audit_entry_list(actor=request.user)[:RECENT_CHANGES])
    return render(request, "web/dashboard.html", context)


@require_GET
def portal(request):
    """The public transparency portal: what Accord is, and PUBLIC records only."""
    context = _figures_kept(request, access.ANONYMOUS)
    return render(request, "web/portal.html", context)


def _lead_nation(actor, site) -> str:
    # The lead nation is a record of its own: a NATO-marked one is not named on a public map.
    nation = site.lead_nation
    return nation.local_name if nation is not None and access.can_view(actor, nation) else ""


@require_GET
def sites_geojson(request):
    """The sites the viewer may read, as GeoJSON points (public sites for anonymous visitors)."""
    actor = access.ANONYMOUS if request.GET.get("public") else request.user
    personnel = {
        row["site__code"]: row["personnel"]
        for row in selectors.contributions_latest_by_site(actor=actor)
    }
    features = [
        {
            "type": "Feature",
            "id": site.code,
            "geometry": {
                "type": "Point",
                "coordinates": [float(site.longitude), float(site.latitude)],
            },
            "properties": {
                "code": site.code,
                "name": site.local_name,  # the label, in the reader's language
                "names": site.names,
                "kind": site.kind,
                "kind_label": site.get_kind_display(),
                "colour": KIND_COLOURS.get(site.kind, "#444"),
                "location": site.location,
                "lead_nation": _lead_nation(actor, site),
                "marking": site.marking,
                "personnel": personnel.get(site.code),
                "coords_estimated": site.coords_estimated,
                "url": reverse("web:sites-detail", args=[site.code]),
            },
        }
        for site in selectors.site_list(actor=actor)
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Cache-Control"] = "private, no-store"
    return response
