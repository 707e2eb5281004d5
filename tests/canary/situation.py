"""The situation's canaries: event releases, conflict events and control claims. The PUBLIC
templates are the matrix's records (tests/matrix/situation.py): a release of real GED events and
a Long War Journal claim on Sangin. Places are public geography without a marking."""

from accord.situation.models import ConflictEvent, ControlClaim, EventRelease
from tests.canary import Canary, route, serial
from tests.matrix.situation import SABRI, SANGIN


def _series(kind, template):
    # A release is unique by source, readers and name or file digest: each copy is its own.
    return {"dataset": f"canary-{serial(kind)}", "digest": f"{serial(kind):064d}"}


def _no_link(kind, template):
    return {"source_url": ""}  # a URL field: the token is no URL


CANARIES = {
    EventRelease: Canary(overrides=_series),
    ConflictEvent: Canary(links=("release",)),
    ControlClaim: Canary(overrides=_no_link),
}

PAGES = {
    "situation:event-detail": route(ConflictEvent, pk="pk"),
    "situation:release-detail": route(EventRelease, pk="pk"),
    "situation:province-detail": None,
    "situation:district-detail": None,
}

API = {
    "/api/v1/situation/events/{event_id}": route(ConflictEvent, event_id="pk"),
    "/api/v1/situation/releases/{release_id}": route(EventRelease, release_id="pk"),
    "/api/v1/situation/provinces/{code}": None,
    "/api/v1/situation/districts/{code}": None,
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
}
