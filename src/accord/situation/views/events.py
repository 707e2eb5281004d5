"""Conflict events: the list, an event's page, the map and its data, the counts per district and
month, the releases and importing one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accord import access
from accord.errors import ValidationFailed
from accord.l10n import format_number
from accord.middleware import upload_refusal
from accord.situation import selectors, tasks
from accord.situation.filters import EventFilter
from accord.situation.forms import ReleaseImportForm
from accord.situation.models import ConflictEvent, EventRelease
from accord.situation.views.common import MARKING, Kind, situation_form
from accord.web import charts
from accord.web.pages import (
    Column,
    ListPage,
    filter_params,
    forbidden,
    history_rows,
    list_page,
    paginate,
    record_or_404,
)


def _place(event) -> str:
    if event.district is not None:
        return f"{event.district.local_name}, {event.province.local_name}"
    return event.province.local_name if event.province is not None else "—"


EVENT_COLUMNS = (
    Column(gettext_lazy("Date"), "date_start", sort="date", link=True),
    Column(gettext_lazy("Source"), "source"),
    Column(gettext_lazy("Source's id"), "source_id", sort="id"),
    Column(gettext_lazy("Type"), "violence_type"),
    Column(gettext_lazy("Side A"), "side_a"),
    Column(gettext_lazy("Side B"), "side_b"),
    Column(gettext_lazy("District"), _place),
    Column(gettext_lazy("Place precision"), "where_precision", numeric=True),
    Column(gettext_lazy("Date precision"), "date_precision", numeric=True),
    Column(gettext_lazy("Deaths"), "deaths_best", sort="deaths", numeric=True),
    MARKING,
)


def event_page() -> ListPage:
    return ListPage(
        name="conflict-events",
        model=ConflictEvent,
        filterset=EventFilter,
        columns=EVENT_COLUMNS,
        select=lambda actor, params: selectors.event_list(actor=actor, params=params),
        row_url=lambda e: reverse("situation:event-detail", args=[e.pk]),
        export_extra=(
            Column(gettext_lazy("Latitude"), "latitude"),
            Column(gettext_lazy("Longitude"), "longitude"),
            Column(gettext_lazy("Place"), "where_description"),
        ),
    )


def event_list(request):
    # No "new event" button: events come in releases (the releases page imports one).
    context = {"kind": Kind(gettext_lazy("conflict event"), gettext_lazy("Conflict events"))}
    return list_page(request, event_page(), context)


@require_GET
def event_detail(request, pk: int):
    actor = request.user
    event = record_or_404(selectors.event_get, actor=actor, pk=pk)
    release = access.shown(event, "release")
    context = {"event": event, "release": release, "history": history_rows(actor, event)}
    return render(request, "situation/event_detail.html", context)


def _query(request) -> tuple[dict, ValidationFailed | None]:
    params = filter_params(request)
    try:
        EventFilter(params, queryset=ConflictEvent.objects.none(), actor=request.user)
        selectors.event_list(actor=request.user, params=params).exists()
    except ValidationFailed as exc:
        return {}, exc
    return params, None


@require_GET
def event_map(request):
    """The events on the map over the districts, shaded by events in the filter's span."""
    params, error = _query(request)
    data_url = reverse("situation:map-data")
    if params:
        data_url += "?" + params.urlencode()
    form = EventFilter(params or None, queryset=ConflictEvent.objects.none(), actor=request.user)
    context = {
        "data_url": data_url,
        "places_url": reverse("situation:places-data"),
        "form": form.form,
        "error": error,
    }
    return render(request, "situation/map.html", context)


@require_GET
def map_data(request):
    params, error = _query(request)
    if error is not None:
        return JsonResponse({"detail": error.detail, "code": error.code}, status=422)
    return JsonResponse(selectors.events_geojson(actor=request.user, params=params))


@require_GET
def places_data(request):
    level = "province" if request.GET.get("level") == "province" else "district"
    return JsonResponse(selectors.places_geojson(level=level))


@require_GET
def event_counts(request):
    """Events per district and month: the monthly line, the provinces' bars, the table."""
    actor = request.user
    params, error = _query(request)
    counts = selectors.event_counts(actor=actor, params=params)
    by_province = selectors.place_totals(
        selectors.event_counts(actor=actor, params=params, by="province")
    )
    names = {p.code: p.local_name for p in selectors.province_list()}
    bars = [
        {
            "label": names.get(code, _("(no province)")),
            "value": total["events"],
            "note": _("%(deaths)s deaths") % {"deaths": format_number(total["deaths"])},
            "url": reverse("situation:province-detail", args=[code]) if code else "",
        }
        for code, total in sorted(by_province.items(), key=lambda kv: -kv[1]["events"])
    ]
    districts = {d.code: d for d in selectors.district_list()}
    rows = [{**row, "district": districts.get(row["place"])} for row in counts]
    form = EventFilter(params or None, queryset=ConflictEvent.objects.none(), actor=actor)
    context = {
        "monthly": charts.line_chart(
            [(month, n, False) for month, n in selectors.monthly_totals(counts)]
        ),
        "provinces": charts.hbar_chart(bars, label_width=150),
        "rows": paginate(request, rows),
        "form": form.form,
        "error": error,
        "map_url": reverse("situation:map") + ("?" + params.urlencode() if params else ""),
    }
    return render(request, "situation/counts.html", context)


# --- releases -------------------------------------------------------------------------------------


@require_GET
def release_list(request):
    actor = request.user
    context = {
        "releases": paginate(request, selectors.release_list(actor=actor)),
        "can_import": access.may(actor, "create", EventRelease),
    }
    return render(request, "situation/releases.html", context)


def _pairs(events) -> list[tuple]:
    return [(event, None) for event in events]


@require_GET
def release_detail(request, pk: int):
    actor = request.user
    release = record_or_404(selectors.release_get, actor=actor, pk=pk)
    report = release.report
    modified = report.get("modified", {})
    context = {
        "release": release,
        "added": _pairs(
            selectors.release_events(actor=actor, release=release, ids=report["added"])
        ),
        "modified": [
            (event, modified.get(event.source_id, []))
            for event in selectors.release_events(actor=actor, release=release, ids=list(modified))
        ],
        "withdrawn": _pairs(
            selectors.release_events(actor=actor, release=release, ids=report["withdrawn"])
        ),
        "warnings": report.get("warnings", [])[:500],
        "history": history_rows(actor, release),
    }
    return render(request, "situation/release_detail.html", context)


@login_required
def release_import(request):
    """A release's file. A large one is imported by the worker: the page then follows its task,
    whose result is the release's page."""
    actor = request.user
    if not access.may(actor, "create", EventRelease):
        return forbidden(request, _("Event releases are imported by the hub's analysts."))
    form = ReleaseImportForm(
        request.POST or None, request.FILES or None, actor=actor, refused=upload_refusal(request)
    )

    def run(actor, cleaned):
        upload = cleaned["file"]
        return tasks.event_release_import_submit(
            actor=actor,
            content=upload.read(),
            filename=upload.name or "events.csv",
            source=cleaned["source"],
            name=cleaned["name"],
            marking=cleaned["marking"],
        )

    def said(release) -> str:
        if not isinstance(release, EventRelease):
            return _(
                "The file is large: it is imported in the background. This page follows the "
                "import; nothing is imported if one row is not valid."
            )
        return _(
            "Imported %(release)s: %(added)s added, %(modified)s modified, %(withdrawn)s "
            "withdrawn, %(warned)s rows with warnings."
        ) % {
            "release": release,
            "added": format_number(release.added),
            "modified": format_number(release.modified),
            "withdrawn": format_number(release.withdrawn),
            "warned": format_number(len(release.report.get("warnings", []))),
        }

    return situation_form(
        request,
        form,
        run=run,
        title=_("Import an event release"),
        cancel_url=reverse("situation:releases"),
        success_url=lambda release: (
            reverse("situation:release-detail", args=[release.pk])
            if isinstance(release, EventRelease)
            else reverse("jobs:task", args=[release.pk])
        ),
        message=said,
        upload=True,
    )
