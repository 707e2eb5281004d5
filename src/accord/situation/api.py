"""Situation API, mounted at /api/v1/situation.

Places are open to everyone; events, releases, claims, narcotics figures, seizures, incidents
and their tasks answer what the caller's markings let
them read (a record out of reach is not found). Imports and claims are written by hub staff and
administrators. Thin: each endpoint parses, resolves codes through the selectors and calls one
service.
"""

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accord.core import selectors as core_selectors
from accord.core.apiauth import PUBLIC_AUTH
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Text
from accord.jobs.schemas import BackgroundTaskOut, task_location
from accord.jobs.selectors import task_get
from accord.pagination import Pages
from accord.situation import selectors, services, tasks
from accord.situation.inputs import (
    ControlClaimValues,
    IncidentTaskValues,
    IncidentValues,
    SeizureValues,
)
from accord.situation.models import EventRelease
from accord.situation.schemas import (
    ClaimIn,
    ClaimOut,
    ConflictEventOut,
    CountOut,
    DistrictOut,
    DrugIn,
    ExposureOut,
    FigureOut,
    IncidentIn,
    IncidentKindIn,
    IncidentOut,
    MarkingIn,
    MeasureIn,
    ProvinceOut,
    ReleaseOut,
    SeizureIn,
    SeizureOut,
    SourceIn,
    StandingOut,
    TaskIn,
    TaskOut,
    TaskPatch,
    TraffickingRouteOut,
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


@router.post("/releases", response={201: ReleaseOut, 202: BackgroundTaskOut})
def release_import(
    request,
    file: File[UploadedFile],
    source: Form[SourceIn],
    name: Form[str],
    response: HttpResponse,
    marking: Form[MarkingIn] = "PUBLIC",
):
    """Import a release of UCDP GED or an ACLED-shaped CSV, all or nothing; the answer reports
    what it added, modified and withdrew against the previous release, and its warnings.

    A file of up to ``ACCORD_EVENT_RELEASE_BACKGROUND_ROWS`` lines is imported at once: 201 with
    the release. A larger one is imported by the worker: 202 with the task (its address also in
    ``Location``); poll ``GET /api/v1/tasks/{id}`` until its status is ``SUCCESSFUL`` (its
    ``result`` names the release) or ``FAILED`` (``detail`` says which row refused the file). Who
    may import, a release with no name and one imported already are refused at once either way.
    """
    outcome = tasks.event_release_import_submit(
        actor=request.user,
        content=file.read(IMPORT_MAX + 1),
        filename=file.name or "events.csv",
        source=source,
        name=name,
        marking=marking,
    )
    if isinstance(outcome, EventRelease):
        return Status(201, outcome)
    response["Location"] = task_location(outcome)
    return Status(202, task_get(actor=request.user, task_id=outcome.pk))


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


# --- narcotics ------------------------------------------------------------------------------------


class FigureQuery(Schema):
    measure: MeasureIn | None = None
    year: int | None = Field(None, ge=1990, le=2100)
    province: str | None = None


@router.get("/narcotics/figures", response=list[FigureOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def figure_list(request, filters: Query[FigureQuery]):
    """UNODC's figures by province (none: the whole country) and year, with their sources."""
    return selectors.figure_list(actor=request.user, params=_params(filters))


@router.get("/narcotics/routes", response=list[TraffickingRouteOut], auth=PUBLIC_AUTH)
def route_list(request):
    """The trafficking routes, as lines of named points."""
    return list(selectors.route_list(actor=request.user))


class SeizureQuery(Schema):
    drug: DrugIn | None = None
    nation: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@router.get("/seizures", response=list[SeizureOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def seizure_list(request, filters: Query[SeizureQuery]):
    return selectors.seizure_list(actor=request.user, params=_params(filters))


@router.get("/seizures/{seizure_id}", response=SeizureOut, auth=PUBLIC_AUTH)
def seizure_get(request, seizure_id: int):
    return selectors.seizure_get(actor=request.user, pk=seizure_id)


@router.post("/seizures", response={201: SeizureOut})
def seizure_create(request, payload: SeizureIn):
    """Record a seizure; ``graduates`` are the ids of counter-narcotics graduates who took part
    (trainees the caller may read)."""
    actor = request.user
    data = payload.dict()
    nation = core_selectors.nations_readable(actor=actor).filter(iso3=payload.nation).first()
    if nation is None:
        raise ValidationFailed(
            _("No nation has the code %(code)s.") % {"code": payload.nation},
            errors={"nation": [_("unknown")]},
        )
    data["nation"] = nation
    data["route"] = None
    if payload.route:
        data["route"] = selectors.route_list(actor=actor).filter(code=payload.route).first()
        if data["route"] is None:
            raise ValidationFailed(
                _("No trafficking route has the code %(code)s.") % {"code": payload.route},
                errors={"route": [_("unknown")]},
            )
    offered = {
        g.pk: g for g in selectors.graduates_offered(actor=actor).filter(pk__in=payload.graduates)
    }
    if len(offered) != len(set(payload.graduates)):
        raise ValidationFailed(
            code=Code.NOT_A_GRADUATE, errors={"graduates": [_("not a graduate")]}
        )
    data["graduates"] = list(offered.values())
    seizure = services.seizure_create(actor=actor, values=SeizureValues(**data))
    return Status(201, selectors.seizure_get(actor=actor, pk=seizure.pk))


# --- incidents ------------------------------------------------------------------------------------


class IncidentQuery(Schema):
    kind: IncidentKindIn | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    province: str | None = None


@router.get("/incidents", response=list[IncidentOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def incident_list(request, filters: Query[IncidentQuery]):
    return selectors.incident_list(actor=request.user, params=_params(filters))


@router.get("/incidents/{incident_id}", response=IncidentOut, auth=PUBLIC_AUTH)
def incident_get(request, incident_id: int):
    return selectors.incident_get(actor=request.user, pk=incident_id)


@router.post("/incidents", response={201: IncidentOut})
def incident_create(request, payload: IncidentIn):
    """Record a terrorist incident (the NRC action plan on terrorism)."""
    incident = services.incident_create(actor=request.user, values=IncidentValues(**payload.dict()))
    return Status(201, selectors.incident_get(actor=request.user, pk=incident.pk))


@router.get("/incidents/{incident_id}/tasks", response=list[TaskOut], auth=PUBLIC_AUTH)
def task_list(request, incident_id: int):
    incident = selectors.incident_get(actor=request.user, pk=incident_id)
    return list(selectors.incident_tasks(actor=request.user, incident=incident))


@router.post("/incidents/{incident_id}/tasks", response={201: TaskOut})
def task_create(request, incident_id: int, payload: TaskIn):
    """Add a consequence-management task (owner, due date, status) to an incident."""
    incident = selectors.incident_get(actor=request.user, pk=incident_id)
    task = services.incident_task_create(
        actor=request.user, incident=incident, values=IncidentTaskValues(**payload.dict())
    )
    return Status(201, task)


@router.patch("/tasks/{task_id}", response=TaskOut)
def task_update(request, task_id: int, payload: TaskPatch):
    """Move a task on (its status), or change its owner or due date."""
    task = selectors.task_get(actor=request.user, pk=task_id)
    given = payload.dict(exclude_none=True)
    version = given.pop("expected_version")
    return services.incident_task_update(
        actor=request.user, task=task, values=IncidentTaskValues(**given), expected_version=version
    )


@router.get("/exposure", response=ExposureOut, auth=PUBLIC_AUTH)
def exposure(
    request,
    km: float = 50,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    events: bool = True,
    incidents: bool = True,
):
    """The mission's sites, transit legs and shipments on the road within ``km`` of an incident
    or a conflict event of the span (default: the last 30 days), nearest first."""
    report = selectors.exposure(
        actor=request.user,
        km=km,
        date_from=date_from,
        date_to=date_to,
        events=events,
        incidents=incidents,
    )
    exposed = [
        {
            "kind": "site",
            "code": s.code,
            "name": s.local_name,
            "km": f.km,
            "hazards": f.hazards,
            "nearest": f.hazard,
        }
        for s, f in report.sites
    ]
    exposed += [
        {
            "kind": "leg",
            "code": leg.code,
            "name": str(leg),
            "km": f.km,
            "hazards": f.hazards,
            "nearest": f.hazard,
        }
        for leg, f in report.legs
    ]
    exposed += [
        {
            "kind": "shipment",
            "code": s.reference,
            "name": str(s),
            "km": f.km,
            "hazards": f.hazards,
            "nearest": f.hazard,
            "legs": legs,
        }
        for s, legs, f in report.shipments
    ]
    kinds = [h["kind"] for h in report.hazards.values()]
    return {
        "km": report.km,
        "date_from": report.date_from,
        "date_to": report.date_to,
        "incidents": kinds.count("incident"),
        "events": kinds.count("event"),
        "exposed": exposed,
    }
