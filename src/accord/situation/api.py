"""Situation API, mounted at /api/v1/situation.

Places are open to everyone; events, releases and claims answer what the caller's markings let
them read (a record out of reach is not found). Imports and claims are written by hub staff and
administrators. Thin: each endpoint parses, resolves codes through the selectors and calls one
service.
"""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accord.core.apiauth import PUBLIC_AUTH
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Text
from accord.pagination import Pages
from accord.situation import selectors, services
from accord.situation.inputs import ControlClaimValues
from accord.situation.schemas import (
    ClaimIn,
    ClaimOut,
    ConflictEventOut,
    CountOut,
    DistrictOut,
    MarkingIn,
    ProvinceOut,
    ReleaseOut,
    SourceIn,
    StandingOut,
)

router = Router(tags=["situation"])
IMPORT_MAX = 100 * 1024 * 1024


# --- places -------------------------------------------------------------------------------------


@router.get("/provinces", response=list[ProvinceOut], auth=PUBLIC_AUTH)
def province_list(request):
    return list(selectors.province_list())


@router.get("/provinces/{code}", response=ProvinceOut, auth=PUBLIC_AUTH)
def province_get(request, code: Text):
    return selectors.province_get(code=code)


@router.get("/districts", response=list[DistrictOut], auth=PUBLIC_AUTH)
def district_list(request, province: Text | None = None):
    found = selectors.province_get(code=province) if province else None
    return list(selectors.district_list(province=found))


@router.get("/districts/{code}", response=DistrictOut, auth=PUBLIC_AUTH)
def district_get(request, code: Text):
    return selectors.district_get(code=code)


@router.get("/places.geojson", response=dict, auth=PUBLIC_AUTH)
def places_geojson(request, level: str = "district"):
    """Provinces' (``level=province``) or districts' boundaries as GeoJSON."""
    return selectors.places_geojson(level=level)


class PointQuery(Schema):
    latitude: float = Field(ge=-90, le=90)  # NaN and infinities fail the bounds too
    longitude: float = Field(ge=-180, le=180)


@router.get("/locate", response={200: DistrictOut}, auth=PUBLIC_AUTH)
def locate(request, point: Query[PointQuery]):
    """The district a point lies in."""
    found = selectors.locate(longitude=point.longitude, latitude=point.latitude)
    if found is None:
        raise NotFound(_("No Afghan district holds that point."))
    return found


# --- events ---------------------------------------------------------------------------------------


class EventQuery(Schema):
    source: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    violence_type: str | None = None
    actor: str | None = None
    where_precision: int | None = None
    max_where_precision: int | None = None
    province: str | None = None
    district: str | None = None


def _params(filters: Schema) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


@router.get("/events", response=list[ConflictEventOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def event_list(request, filters: Query[EventQuery]):
    return selectors.event_list(actor=request.user, params=_params(filters))


@router.get("/events/counts", response=list[CountOut], auth=PUBLIC_AUTH)
def event_counts(request, filters: Query[EventQuery], by: str = "district"):
    """Events and deaths per district (or ``by=province``) and month."""
    if by not in ("district", "province"):
        raise ValidationFailed(
            _("Count by district or by province."), code=Code.INVALID_FILTER, errors={"by": [by]}
        )
    return selectors.event_counts(actor=request.user, params=_params(filters), by=by)


@router.get("/events/map", response=dict, auth=PUBLIC_AUTH)
def event_map(request, filters: Query[EventQuery]):
    """The events as GeoJSON points with their precision codes, and the district totals."""
    return selectors.events_geojson(actor=request.user, params=_params(filters))


@router.get("/events/{event_id}", response=ConflictEventOut, auth=PUBLIC_AUTH)
def event_get(request, event_id: int):
    return selectors.event_get(actor=request.user, pk=event_id)


# --- releases -------------------------------------------------------------------------------------


@router.get("/releases", response=list[ReleaseOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def release_list(request, source: SourceIn | None = None):
    return selectors.release_list(actor=request.user, params={"source": source} if source else {})


@router.get("/releases/{release_id}", response=ReleaseOut, auth=PUBLIC_AUTH)
def release_get(request, release_id: int):
    return selectors.release_get(actor=request.user, pk=release_id)


@router.post("/releases", response={201: ReleaseOut})
def release_import(
    request,
    file: File[UploadedFile],
    source: Form[SourceIn],
    name: Form[str],
    marking: Form[MarkingIn] = "PUBLIC",
):
    """Import a release of UCDP GED or an ACLED-shaped CSV, all or nothing; the answer reports
    what it added, modified and withdrew against the previous release, and its warnings."""
    release = services.event_release_import(
        actor=request.user,
        content=file.read(IMPORT_MAX + 1),
        filename=file.name or "events.csv",
        source=source,
        name=name,
        marking=marking,
    )
    return Status(201, release)


# --- control claims -------------------------------------------------------------------------------


class ClaimQuery(Schema):
    district: str | None = None
    province: str | None = None
    assessor: str | None = None
    status: str | None = None


@router.get("/claims", response=list[ClaimOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def claim_list(request, filters: Query[ClaimQuery]):
    return selectors.claim_list(actor=request.user, params=_params(filters))


@router.post("/claims", response={201: ClaimOut})
def claim_create(request, payload: ClaimIn):
    data = payload.dict()
    try:
        data["district"] = selectors.district_get(code=payload.district)
    except NotFound:
        raise ValidationFailed(
            _("No district has the code %(code)s.") % {"code": payload.district},
            code=Code.UNKNOWN_DISTRICT,
            errors={"district": [_("unknown")]},
        ) from None
    claim = services.control_claim_create(actor=request.user, values=ControlClaimValues(**data))
    return Status(201, selectors.claim_get(actor=request.user, pk=claim.pk))


@router.get("/control", response=list[StandingOut], auth=PUBLIC_AUTH)
def control(request, as_of: dt.date | None = None, province: Text | None = None):
    """Each district's latest claim per assessor, side by side, as of a day: where the assessors
    disagree and which claims are stale."""
    params = {"province": province} if province else {}
    rows = selectors.control_standing(actor=request.user, as_of=as_of, params=params)
    return [
        {
            "district": s.district,
            "disagree": s.disagree,
            "stale": sorted(s.stale),
            "claims": [c.ref for c in s.latest.values()],
        }
        for s in rows
    ]
