"""Every read of the situation users see. Events, releases and claims are read through the access
policy (``visible_to``); places are public geography, read by everyone.

The counts and the map are computed from the same filtered queryset as the lists, so a page, the
map's GeoJSON, a filter, a count and an export can never show an event the reader may not read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.db.models import Count, DateField, Func, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.core import selectors as core_selectors
from accord.core.selectors import filtered, readable_get
from accord.errors import Code, NotFound, ValidationFailed
from accord.situation.engine import exposure as engine
from accord.situation.engine.control import Claim, Standing, standing
from accord.situation.engine.places import Locator
from accord.situation.filters import (
    ClaimFilter,
    EventFilter,
    FigureFilter,
    IncidentFilter,
    ReleaseFilter,
    SeizureFilter,
)
from accord.situation.models import (
    ConflictEvent,
    ControlClaim,
    District,
    EventRelease,
    Incident,
    IncidentTask,
    NarcoticsFigure,
    Province,
    Seizure,
    TraffickingRoute,
)
from accord.training import selectors as training_selectors
from accord.transit.network.selectors import leg_list
from accord.transit.overview.selectors import network_geojson
from accord.transit.shipments.selectors import shipment_list


class MonthStart(Func):
    """The first day of a date's month, computed by the database itself on both: PostgreSQL's
    ``date_trunc`` and SQLite's ``strftime`` (Django's ``TruncMonth`` calls a Python function per
    row on SQLite, three times slower over 200,000 events)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(date_trunc('month', {sql}) AS date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime('%%Y-%%m-01', {sql})", params


MAP_EVENTS = 5_000  # the map draws at most this many events (the newest); counts take them all


# --- places (public) -----------------------------------------------------------------------------


def province_list() -> QuerySet:
    return Province.objects.annotate(district_count=Count("districts")).prefetch_related("sources")


def province_get(*, code: str) -> Province:
    found = Province.objects.prefetch_related("sources").filter(code=code).first()
    if found is None:
        raise NotFound(_("No province has the code %(code)s.") % {"code": code})
    return found


def district_list(*, province: Province | None = None) -> QuerySet:
    rows = District.objects.select_related("province")
    return rows.filter(province=province) if province is not None else rows


def district_get(*, code: str) -> District:
    found = District.objects.select_related("province").filter(code=code).first()
    if found is None:
        raise NotFound(_("No district has the code %(code)s.") % {"code": code})
    return found


def locator() -> Locator:
    """The districts' locator, rebuilt only when the places change (a scenario reload)."""
    stamp = District.objects.aggregate(n=Count("pk"), v=Sum("version"), last=Max("pk"))
    return _locator(stamp["n"], stamp["v"], stamp["last"])


@lru_cache(maxsize=2)
def _locator(count, versions, last) -> Locator:
    return Locator.build(District.objects.values_list("code", "boundary").order_by("code"))


def locate(*, longitude: float, latitude: float) -> District | None:
    """The district a point lies in, or None outside Afghanistan's districts."""
    code = locator().locate([longitude], [latitude])[0]
    return district_get(code=code) if code else None


def places_geojson(*, level: str = "district", province: Province | None = None) -> dict:
    """Provinces' or districts' boundaries as a GeoJSON FeatureCollection, named in the
    reader's language (the map's base layer)."""
    rows = province_list() if level == "province" else district_list(province=province)
    features = []
    for place in rows:
        features.append(
            {
                "type": "Feature",
                "id": place.code,
                "geometry": json.loads(place.boundary),
                "properties": {"code": place.code, "name": place.local_name},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- events ---------------------------------------------------------------------------------------


def _events(actor) -> QuerySet:
    return (
        ConflictEvent.objects.select_related("district", "province", "release")
        .annotate(release_shown=access.visible_flag(actor, "release__"))
        .visible_to(actor)
    )


def event_list(*, actor, params=None, withdrawn: bool = False) -> QuerySet:
    """The events the actor reads, filtered; withdrawn ones only when asked for."""
    rows = _events(actor).filter(withdrawn=withdrawn)
    return filtered(EventFilter, params, rows, actor)


def event_get(*, actor, pk: int) -> ConflictEvent:
    return readable_get(_events(actor), actor, pk=pk)


def event_counts(*, actor, params=None, by: str = "district") -> list[dict]:
    """Events and deaths per place (``district`` or ``province``) and month, from the events the
    actor reads (filtered as the list is)."""
    return _counts(_current(actor, params), by)


def _counts(events: QuerySet, by: str, codes: dict | None = None) -> list[dict]:
    """One GROUP BY in the database, on the place's id (no join); the ids named by their codes
    afterwards (``codes``: id -> code, read here when not given)."""
    place = "district" if by == "district" else "province"
    rows = (
        events.order_by()
        .annotate(month=MonthStart("date_start"))
        .values_list(f"{place}_id", "month")
        .annotate(events=Count("pk"), deaths=Sum("deaths_best"))
    )
    if codes is None:
        model = District if place == "district" else Province
        codes = dict(model.objects.values_list("pk", "code"))
    counted = [
        {
            "place": codes.get(place_id),
            "month": month.date() if isinstance(month, datetime) else month,
            "events": events,
            "deaths": deaths or 0,
        }
        for place_id, month, events, deaths in rows
    ]
    return sorted(counted, key=lambda row: (row["place"] or "", row["month"]))


def monthly_totals(counts: list[dict]) -> list[tuple[date, int]]:
    totals: dict[date, int] = {}
    for row in counts:
        totals[row["month"]] = totals.get(row["month"], 0) + row["events"]
    return sorted(totals.items())


def place_totals(counts: list[dict]) -> dict[str | None, dict]:
    totals: dict[str | None, dict] = {}
    for row in counts:
        total = totals.setdefault(row["place"], {"events": 0, "deaths": 0})
        total["events"] += row["events"]
        total["deaths"] += row["deaths"]
    return totals


def _current(actor, params) -> QuerySet:
    """The events the actor reads, filtered, withdrawn ones left out: no joins, for the counts
    and the map (which name districts by code from one small query)."""
    current = ConflictEvent.objects.filter(withdrawn=False).visible_to(actor)
    return filtered(EventFilter, params, current, actor)


def events_geojson(*, actor, params=None, limit: int = MAP_EVENTS) -> dict:
    """The events the actor reads as GeoJSON points with their precision codes (the newest
    ``limit``), and the district totals for the choropleth."""
    columns = (
        "pk",
        "source",
        "source_id",
        "date_start",
        "date_precision",
        "where_precision",
        "where_description",
        "violence_type",
        "deaths_best",
        "latitude",
        "longitude",
        "district_id",
    )
    events = _current(actor, params)
    rows = events.order_by("-date_start", "pk").values_list(*columns)[:limit]
    codes = dict(District.objects.values_list("pk", "code"))
    features = [_event_feature(row, codes) for row in rows]
    totals = place_totals(_counts(events, "district", codes))
    return {
        "type": "FeatureCollection",
        "features": features,
        "district_totals": {code: t for code, t in totals.items() if code},
        "shown": len(features),
        "total": sum(t["events"] for t in totals.values()),
    }


def _event_feature(row: tuple, codes: dict) -> dict:
    pk, source, source_id, day, date_prec, where_prec, place, kind, deaths, lat, lon, district = row
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": {
            "type": "event",
            "id": pk,
            "source": source,
            "source_id": source_id,
            "date": day.isoformat(),
            "date_precision": date_prec,
            "where_precision": where_prec,
            "place": place,
            "violence_type": kind,
            "deaths": deaths,
            "district": codes.get(district),
        },
    }


# --- releases -------------------------------------------------------------------------------------


def release_list(*, actor, params=None) -> QuerySet:
    return filtered(ReleaseFilter, params, EventRelease.objects.visible_to(actor), actor)


def release_get(*, actor, pk: int) -> EventRelease:
    return readable_get(EventRelease.objects.all(), actor, pk=pk)


def release_events(*, actor, release: EventRelease, ids: list[str]) -> list[ConflictEvent]:
    """The events a release's report names, as the reader reads them now."""
    rows = _events(actor).filter(
        source=release.source, dataset=release.dataset, source_id__in=ids[:1000]
    )
    return sorted(rows, key=lambda e: ids.index(e.source_id))


# --- control claims -------------------------------------------------------------------------------


def _claims(actor) -> QuerySet:
    return ControlClaim.objects.select_related("district", "district__province").visible_to(actor)


def claim_list(*, actor, params=None) -> QuerySet:
    return filtered(ClaimFilter, params, _claims(actor), actor)


def claim_get(*, actor, pk: int) -> ControlClaim:
    return readable_get(_claims(actor), actor, pk=pk)


def latest_claim_day(*, actor) -> date | None:
    return _claims(actor).aggregate(last=Max("as_of"))["last"]


def control_standing(*, actor, as_of: date | None = None, params=None) -> list[Standing]:
    """Each district with a claim the reader reads: the assessors' latest claims side by side,
    as of a day (default: the latest claim's), whether they disagree, which are stale."""
    day = as_of or latest_claim_day(actor=actor)
    if day is None:
        return []
    claims = [
        Claim(c.district.code, c.assessor, c.status, c.as_of, c)
        for c in claim_list(actor=actor, params=params).filter(as_of__lte=day)
    ]
    found = standing(claims, as_of=day)
    return sorted(found.values(), key=lambda s: (not s.disagree, s.district))


# --- narcotics ------------------------------------------------------------------------------------


def figure_list(*, actor, params=None) -> QuerySet:
    rows = NarcoticsFigure.objects.select_related("province").prefetch_related("sources")
    return filtered(FigureFilter, params, rows.visible_to(actor), actor)


def figure_years(*, actor) -> list[int]:
    years = NarcoticsFigure.objects.visible_to(actor).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def province_figures(*, actor, measure: str, year: int) -> dict[str, float]:
    """Province code -> the figure of ``measure`` in ``year`` the actor reads (the choropleth)."""
    rows = figure_list(actor=actor, params={"measure": measure, "year": year}).filter(
        province__isnull=False
    )
    return {f.province.code: float(f.value) for f in rows}


def route_list(*, actor) -> QuerySet:
    return TraffickingRoute.objects.prefetch_related("sources").visible_to(actor)


def _seizures(actor) -> QuerySet:
    # A seizure names its nation on every row: one of a nation the reader may not read is left
    # out, as transit leaves out a place in such a nation. Its route is only mentioned (flagged).
    return (
        Seizure.objects.select_related("nation", "province", "route")
        .filter(access.visible_q(actor, "nation__"))
        .annotate(route_shown=access.visible_flag(actor, "route__"))
        .visible_to(actor)
    )


def seizure_list(*, actor, params=None) -> QuerySet:
    return filtered(SeizureFilter, params, _seizures(actor), actor)


def seizure_get(*, actor, pk: int) -> Seizure:
    return readable_get(_seizures(actor), actor, pk=pk)


def seizure_graduates(*, actor, seizure: Seizure) -> list:
    """The graduates linked to the seizure that the actor may read (trainees are personal data,
    read by trainers and their own nation only): never a count of the others."""
    linked = seizure.graduates.values("pk")
    return list(training_selectors.programme_graduates(actor=actor).filter(pk__in=linked))


def graduates_offered(*, actor) -> QuerySet:
    """The counter-narcotics graduates the actor may link to a seizure."""
    return training_selectors.programme_graduates(actor=actor)


def narcotics_geojson(*, actor, measure: str, year: int | None) -> dict:
    """The transit network the reader reads, the trafficking routes beside it, and the
    provinces' figures of ``measure`` in ``year`` for the shading."""
    network = network_geojson(actor=actor)
    features = [f for f in network["features"] if f["properties"]["type"] == "leg"]
    features += [_route_feature(route) for route in route_list(actor=actor)]
    values = province_figures(actor=actor, measure=measure, year=year) if year else {}
    return {"type": "FeatureCollection", "features": features, "province_values": values}


def _route_feature(route: TraffickingRoute) -> dict:
    return {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [[p["lon"], p["lat"]] for p in route.waypoints],
        },
        "properties": {
            "type": "trafficking",
            "code": route.code,
            "name": route.name,
            "places": " – ".join(p["name"] for p in route.waypoints),
        },
    }


# --- incidents ------------------------------------------------------------------------------------


def _incidents(actor) -> QuerySet:
    return Incident.objects.select_related("district", "province").visible_to(actor)


def incident_list(*, actor, params=None) -> QuerySet:
    return filtered(IncidentFilter, params, _incidents(actor), actor)


def incident_get(*, actor, pk: int) -> Incident:
    return readable_get(_incidents(actor), actor, pk=pk)


def incident_tasks(*, actor, incident: Incident) -> QuerySet:
    return IncidentTask.objects.filter(incident=incident).visible_to(actor)


def task_get(*, actor, pk: int) -> IncidentTask:
    return readable_get(IncidentTask.objects.select_related("incident"), actor, pk=pk)


# --- exposure -------------------------------------------------------------------------------------

EXPOSURE_KM = 50
EXPOSURE_DAYS = 30
MAX_EXPOSURE_KM = 500


@dataclass
class ExposureReport:
    """The mission's sites, legs and shipments within ``km`` of the incidents and conflict
    events of a span, as one reader may read them all."""

    km: float
    date_from: date
    date_to: date
    hazards: dict = field(default_factory=dict)  # key -> {"kind", "id", "label", "lon", "lat", ...}
    sites: list = field(default_factory=list)  # (site, Exposure)
    legs: list = field(default_factory=list)  # (leg, Exposure)
    shipments: list = field(default_factory=list)  # (shipment, [leg codes], nearest Exposure)


def exposure_span(*, km=None, date_from=None, date_to=None) -> tuple[float, date, date]:
    """The distance and the span asked for, or the defaults (50 km, the last 30 days); a
    distance outside 1..500 km is refused in words."""
    km = EXPOSURE_KM if km in (None, "") else km
    try:
        km = float(km)
    except (TypeError, ValueError):
        km = -1.0
    if not 1 <= km <= MAX_EXPOSURE_KM:
        raise ValidationFailed(code=Code.EXPOSURE_DISTANCE, errors={"km": [_("1 to 500 km")]})
    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to - timedelta(days=EXPOSURE_DAYS)
    if date_from > date_to:
        raise ValidationFailed(
            _("The span starts after it ends: give the first day, then the last."),
            code=Code.INVALID_FILTER,
            errors={"date_from": [_("after the last day")]},
        )
    return km, date_from, date_to


def _hazards(actor, date_from, date_to, *, events: bool, incidents: bool) -> dict:
    found = {}
    if incidents:
        rows = incident_list(actor=actor).filter(occurred_on__range=(date_from, date_to))
        for pk, title, day, lat, lon in rows.values_list(
            "pk", "title", "occurred_on", "latitude", "longitude"
        ):
            found[f"incident:{pk}"] = {
                "kind": "incident",
                "id": pk,
                "label": title,
                "date": day,
                "lon": float(lon),
                "lat": float(lat),
            }
    if events:
        rows = _current(actor, {}).filter(date_start__range=(date_from, date_to))
        for pk, source_id, day, lat, lon in rows.values_list(
            "pk", "source_id", "date_start", "latitude", "longitude"
        ):
            found[f"event:{pk}"] = {
                "kind": "event",
                "id": pk,
                "label": source_id,
                "date": day,
                "lon": float(lon),
                "lat": float(lat),
            }
    return found


def exposure(
    *, actor, km=None, date_from=None, date_to=None, events: bool = True, incidents: bool = True
) -> ExposureReport:
    """Which of the mission's sites, transit legs and shipments on the road (planned or in
    transit) lie within ``km`` of an incident or a conflict event of the span, all read through
    the reader's access (``engine.exposure`` measures; see there for how)."""
    km, date_from, date_to = exposure_span(km=km, date_from=date_from, date_to=date_to)
    report = ExposureReport(km, date_from, date_to)
    report.hazards = _hazards(actor, date_from, date_to, events=events, incidents=incidents)
    hazards = [engine.Hazard(k, h["lon"], h["lat"]) for k, h in report.hazards.items()]
    sites = {f"site:{s.pk}": s for s in core_selectors.site_list(actor=actor)}
    legs = {f"leg:{leg.code}": leg for leg in leg_list(actor=actor)}
    assets = [
        engine.Asset(key, ((float(s.longitude), float(s.latitude)),)) for key, s in sites.items()
    ]
    assets += [
        engine.Asset(
            key,
            (
                (float(leg.origin.longitude), float(leg.origin.latitude)),
                (float(leg.destination.longitude), float(leg.destination.latitude)),
            ),
        )
        for key, leg in legs.items()
    ]
    for found in engine.exposed(assets, hazards, km):
        if found.asset in sites:
            report.sites.append((sites[found.asset], found))
        else:
            report.legs.append((legs[found.asset], found))
    report.shipments = _shipments_exposed(actor, report.legs, set(legs))
    return report


def _shipments_exposed(actor, exposed_legs, readable: set) -> list:
    """Shipments on the road whose planned route takes an exposed leg the reader reads: each
    with those legs and its nearest leg's exposure."""
    near = {leg.code: found for leg, found in exposed_legs if f"leg:{leg.code}" in readable}
    rows = []
    for shipment in shipment_list(actor=actor).exclude(status="arrived"):
        hit = [c for c in (arc.removesuffix("/r") for arc in shipment.route) if c in near]
        if hit:
            rows.append((shipment, hit, min((near[c] for c in hit), key=lambda e: e.km)))
    return sorted(rows, key=lambda row: (row[2].km, row[0].reference))


def exposure_geojson(*, actor, report: ExposureReport) -> dict:
    """The hazards (with the distance as their radius), the exposed sites and legs, and the
    shipments' exposed legs, as GeoJSON for the exposure map."""
    features = []
    for key, h in report.hazards.items():
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [h["lon"], h["lat"]]},
                "properties": {
                    "type": h["kind"],
                    "key": key,
                    "id": h["id"],
                    "name": h["label"],
                    "date": h["date"].isoformat(),
                    "radius_km": report.km,
                },
            }
        )
    for site, found in report.sites:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(site.longitude), float(site.latitude)],
                },
                "properties": {"type": "site", "name": site.local_name, "km": found.km},
            }
        )
    for leg, found in report.legs:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [float(leg.origin.longitude), float(leg.origin.latitude)],
                        [float(leg.destination.longitude), float(leg.destination.latitude)],
                    ],
                },
                "properties": {"type": "leg", "name": str(leg), "code": leg.code, "km": found.km},
            }
        )
    return {"type": "FeatureCollection", "features": features, "km": report.km}
