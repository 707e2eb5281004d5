"""The situation's canaries: event releases, conflict events and control claims. The PUBLIC
templates are the matrix's records (tests/matrix/situation.py): a release of real GED events and
a Long War Journal claim on Sangin. Places are public geography without a marking."""

from accord.situation.models import (
    ConflictEvent,
    ControlClaim,
    EventRelease,
    Incident,
    IncidentTask,
    NarcoticsFigure,
    Seizure,
    TraffickingRoute,
)
from tests.canary import WAIVERS, Canary, route, serial
from tests.matrix.situation import SABRI, SANGIN


def _series(kind, template):
    # A release is unique by source, readers and name or file digest: each copy is its own.
    return {"dataset": f"canary-{serial(kind)}", "digest": f"{serial(kind):064d}"}


def _no_link(kind, template):
    return {"source_url": ""}  # a URL field: the token is no URL


def _figure_key(kind, template):
    return {"key": f"canary-figure-{kind}"}


CANARIES = {
    EventRelease: Canary(overrides=_series),
    ConflictEvent: Canary(links=("release",)),
    ControlClaim: Canary(overrides=_no_link),
    NarcoticsFigure: Canary(overrides=_figure_key),
    TraffickingRoute: Canary(),
    # A PUBLIC seizure names a hidden route (flagged), hidden graduates (only graduates the
    # reader reads are listed) and a hidden nation (the seizure is then left out).
    Seizure: Canary(links=("route", "graduates", "nation")),
    Incident: Canary(),
    IncidentTask: Canary(),
}

WAIVERS[("situation.IncidentTask", "incident")] = (
    "a task carries its incident's marking by design (situation.services) and is read through "
    "the incident's current marking too (AccessRule.read_through)"
)

PAGES = {
    "situation:event-detail": route(ConflictEvent, pk="pk"),
    "situation:release-detail": route(EventRelease, pk="pk"),
    "situation:province-detail": None,
    "situation:district-detail": None,
    "situation:seizure-detail": route(Seizure, pk="pk"),
    "situation:incident-detail": route(Incident, pk="pk"),
    "situation:task-create": None,
    "situation:task-status": None,
}

API = {
    "/api/v1/situation/events/{event_id}": route(ConflictEvent, event_id="pk"),
    "/api/v1/situation/releases/{release_id}": route(EventRelease, release_id="pk"),
    "/api/v1/situation/provinces/{code}": None,
    "/api/v1/situation/districts/{code}": None,
    "/api/v1/situation/seizures/{seizure_id}": route(Seizure, seizure_id="pk"),
    "/api/v1/situation/incidents/{incident_id}": route(Incident, incident_id="pk"),
    "/api/v1/situation/incidents/{incident_id}/tasks": route(
        IncidentTask, incident_id="incident_id"
    ),
}

# The places the canaries are copied into (the template event's and claim's): their pages show
# events and claims side by side, and the counts and map with filters on them.
URLS = {
    f"/situation/districts/{SANGIN}/",
    f"/situation/districts/{SABRI}/",
    "/situation/places/AF-HEL/",
    "/situation/places/AF-KHO/",
    "/situation/places/",
    f"/situation/counts/?district={SABRI}",
    f"/situation/map/data/?district={SABRI}",
    "/situation/control/?as_of=2017-06-30",
    f"/api/v1/situation/events/counts?district={SABRI}",
    f"/api/v1/situation/claims?district={SANGIN}",
    "/api/v1/situation/control?as_of=2017-06-30",
    "/situation/narcotics/map/?measure=cultivation_ha&year=2014",
    "/situation/narcotics/map/data/?measure=cultivation_ha&year=2014",
    "/api/v1/situation/narcotics/figures?measure=cultivation_ha",
    "/situation/exposure/?km=500&date_from=2000-01-01&events=on&incidents=on",
    "/situation/exposure/data/?km=500&date_from=2000-01-01&events=on&incidents=on",
    "/api/v1/situation/exposure?km=500&date_from=2000-01-01",
}
