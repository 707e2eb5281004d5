"""Every read of the situation users see. Events, releases and claims are read through the access
policy (``visible_to``); places are public geography, read by everyone.

The counts and the map are computed from the same filtered queryset as the lists, so a page, the
map's GeoJSON, a filter, a count and an export can never show an event the reader may not read.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache

from django.db.models import Count, DateField, Func, Max, QuerySet, Sum
from django.utils.translation import gettext as _

from accord import access
from accord.core.selectors import filtered, readable_get
from accord.errors import NotFound
from accord.situation.engine.control import Claim, Standing, standing
from accord.situation.engine.places import Locator
from accord.situation.filters import ClaimFilter, EventFilter, ReleaseFilter
from accord.situation.models import (
    ConflictEvent,
    ControlClaim,
    District,
    EventRelease,
    Province,
)


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
