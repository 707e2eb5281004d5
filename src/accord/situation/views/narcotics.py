"""Narcotics: UNODC's figures by province and year with their sources, the map of the figures
with the trafficking routes beside the transit network, and the seizures the beneficiary
agencies reported (with the counter-narcotics graduates who took part)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accord import access
from accord.core import selectors as core_selectors
from accord.situation import selectors, services
from accord.situation.choices import Measure
from accord.situation.filters import FigureFilter, SeizureFilter
from accord.situation.forms import SeizureForm
from accord.situation.inputs import SeizureValues
from accord.situation.models import NarcoticsFigure, Seizure
from accord.situation.views.common import MARKING, Kind, situation_form
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_or_404,
)


def narcotics_links() -> list[tuple[str, str]]:
    return [
        (_("UNODC figures"), reverse("situation:narcotics")),
        (_("Narcotics map"), reverse("situation:narcotics-map")),
        (_("Seizures"), reverse("situation:seizures")),
    ]


def _where(figure) -> str:
    return figure.province.local_name if figure.province is not None else _("Afghanistan")


def _sources(figure) -> str:
    return "; ".join(source.code for source in figure.sources.all())


FIGURE_COLUMNS = (
    Column(gettext_lazy("Measure"), "measure"),
    Column(gettext_lazy("Year"), "year", numeric=True),
    Column(gettext_lazy("Where"), _where),
    Column(gettext_lazy("Value"), "value", numeric=True),
    Column(gettext_lazy("Confidence"), "confidence"),
    Column(gettext_lazy("Estimated"), lambda f: _("estimated") if f.estimated else ""),
    Column(gettext_lazy("Sources"), _sources),
    Column(gettext_lazy("Note"), "note"),
)


def figure_page() -> ListPage:
    return ListPage(
        name="narcotics-figures",
        model=NarcoticsFigure,
        filterset=FigureFilter,
        columns=FIGURE_COLUMNS,
        select=lambda actor, params: selectors.figure_list(actor=actor, params=params),
        row_url=lambda f: (
            reverse("situation:narcotics-map") + f"?measure={f.measure}&year={f.year}"
        ),
    )


def figure_list(request):
    context = {
        "kind": Kind(gettext_lazy("narcotics figure"), gettext_lazy("UNODC figures")),
        "more_actions": narcotics_links(),
    }
    return list_page(request, figure_page(), context)


def _measure_year(request, actor) -> tuple[str, int | None]:
    measure = request.GET.get("measure", "")
    if measure not in Measure.values:
        measure = Measure.CULTIVATION_HA
    years = selectors.figure_years(actor=actor)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0] if years else None
    return measure, year


@require_GET
def narcotics_map(request):
    """Provinces shaded by a UNODC figure of one year, the trafficking routes and the transit
    network the reader reads, side by side."""
    actor = request.user
    measure, year = _measure_year(request, actor)
    data_url = reverse("situation:narcotics-map-data") + f"?measure={measure}&year={year or ''}"
    context = {
        "measures": Measure.choices,
        "measure": measure,
        "years": selectors.figure_years(actor=actor),
        "year": year,
        "data_url": data_url,
        "places_url": reverse("situation:places-data") + "?level=province",
        "routes": list(selectors.route_list(actor=actor)),
        "figures": selectors.figure_list(
            actor=actor, params={"measure": measure, "year": year} if year else {"measure": measure}
        ),
    }
    return render(request, "situation/narcotics_map.html", context)


@require_GET
def narcotics_map_data(request):
    actor = request.user
    measure, year = _measure_year(request, actor)
    return JsonResponse(selectors.narcotics_geojson(actor=actor, measure=measure, year=year))


# --- seizures -------------------------------------------------------------------------------------

SEIZURE_COLUMNS = (
    Column(gettext_lazy("Seized on"), "seized_on", sort="date", link=True),
    Column(gettext_lazy("Reporting agency"), "agency"),
    Column(gettext_lazy("Nation"), lambda s: s.nation.local_name),
    Column(gettext_lazy("Drug"), "drug"),
    Column(gettext_lazy("Quantity (kg)"), "quantity_kg", sort="quantity", numeric=True),
    Column(gettext_lazy("Place"), "place"),
    MARKING,
)


def seizure_page() -> ListPage:
    return ListPage(
        name="seizures",
        model=Seizure,
        filterset=SeizureFilter,
        columns=SEIZURE_COLUMNS,
        select=lambda actor, params: selectors.seizure_list(actor=actor, params=params),
        row_url=lambda s: reverse("situation:seizure-detail", args=[s.pk]),
        export_extra=(
            Column(gettext_lazy("Latitude"), "latitude"),
            Column(gettext_lazy("Longitude"), "longitude"),
            Column(gettext_lazy("Source"), "source"),
        ),
    )


def seizure_list(request):
    context = {
        "kind": Kind(gettext_lazy("seizure"), gettext_lazy("Seizures")),
        "create_url": reverse("situation:seizure-create")
        if access.may(request.user, "create", Seizure)
        else None,
        "more_actions": narcotics_links(),
    }
    return list_page(request, seizure_page(), context)


@require_GET
def seizure_detail(request, pk: int):
    actor = request.user
    seizure = record_or_404(selectors.seizure_get, actor=actor, pk=pk)
    context = {
        "seizure": seizure,
        "route": access.shown(seizure, "route"),
        "graduates": selectors.seizure_graduates(actor=actor, seizure=seizure),
        "history": history_rows(actor, seizure),
    }
    return render(request, "situation/seizure_detail.html", context)


@login_required
def seizure_create(request):
    actor = request.user
    if not access.may(actor, "create", Seizure):
        return forbidden(request, _("Seizures are recorded by the hub's analysts."))
    graduates = {str(g.pk): g for g in selectors.graduates_offered(actor=actor)}
    routes = {r.code: r for r in selectors.route_list(actor=actor)}
    nations = {n.iso3: n for n in core_selectors.nations_readable(actor=actor)}
    form = SeizureForm(
        request.POST or None,
        actor=actor,
        nations=nations.values(),
        routes=routes.values(),
        graduates=graduates.values(),
    )

    def run(actor, cleaned):
        data = {
            **cleaned,
            "nation": nations[cleaned["nation"]],
            "route": routes.get(cleaned["route"]),
            "graduates": [graduates[pk] for pk in cleaned["graduates"]],
        }
        return services.seizure_create(actor=actor, values=SeizureValues(**data))

    return situation_form(
        request,
        form,
        run=run,
        title=_("Record a seizure"),
        cancel_url=reverse("situation:seizures"),
        success_url=lambda seizure: reverse("situation:seizure-detail", args=[seizure.pk]),
        message=_("The seizure is recorded."),
    )
