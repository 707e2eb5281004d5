"""The situation's rows of the access matrices: the hub's analysts (hub staff) and administrators
import releases and record claims; everyone reads what the marking allows, the public included.
The matrix's event, release and claim are marked NATO (RS assessments were withheld): NATO's
people read them, the Russian delegation, the Afghan personas and the public hear 404."""

import csv
import io
from datetime import date
from importlib import resources

from accord.access import system_principal
from accord.markings import Role
from accord.situation import selectors, services
from accord.situation.inputs import ControlClaimValues
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NATO_READERS,
    api_rule,
    everyone,
    holding,
    page_rule,
)

EDITORS = ADMINS | holding(Role.HUB_STAFF)
S = "/situation"
A = "/situation"
SANGIN = "17698898B63216716382211"
SABRI = "17698898B69525481970606"


def _sample(first: int, last: int) -> bytes:
    """Rows of the real GED sample (its first row is in Sabri, Khost)."""
    text = resources.files("accord.situation").joinpath("data", "ged231-sample-afghanistan.csv")
    lines = list(csv.reader(io.StringIO(text.read_text("utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([lines[0], *lines[first : last + 1]])
    return out.getvalue().encode()


def _claim(marking: str, assessor: str):
    return services.control_claim_create(
        actor=system_principal("matrix"),
        values=ControlClaimValues(
            district=selectors.district_get(code=SANGIN),
            assessor=assessor,
            status="contested",
            as_of=date(2017, 1, 31),
            confidence="medium",
            source=f"Matrix {assessor} source",
            marking=marking,
        ),
    )


def records() -> dict:
    """A PUBLIC release of three real events and a PUBLIC claim (what the canaries copy), and a
    NATO release, event and claim for the matrix's reads."""
    actor = system_principal("matrix")
    for marking, rows, name in (("PUBLIC", (1, 3), "matrix-public"), ("NATO", (4, 4), "matrix")):
        services.event_release_import(
            actor=actor,
            content=_sample(*rows),
            filename=f"{name}.csv",
            source="ucdp_ged",
            name=name,
            marking=marking,
        )
    nato_release = selectors.release_list(actor=actor).get(name="matrix")
    _claim("PUBLIC", "long_war_journal")
    _claim("NATO", "rs_assessment")
    return {
        "situation_release": nato_release.pk,
        "situation_event": nato_release.events.get().pk,
    }


def _read(path):
    return (path, None, api_rule(EVERYONE, 200, anonymous=200))


def _nato_read(path):
    return (path, None, api_rule(NATO_READERS, 200, denied=404, anonymous=404))


API = {
    ("GET", "/api/v1/situation/provinces"): _read(f"{A}/provinces"),
    ("GET", "/api/v1/situation/provinces/{code}"): _read(f"{A}/provinces/AF-HEL"),
    ("GET", "/api/v1/situation/districts"): _read(f"{A}/districts?province=AF-HEL"),
    ("GET", "/api/v1/situation/districts/{code}"): _read(f"{A}/districts/{SANGIN}"),
    ("GET", "/api/v1/situation/places.geojson"): _read(f"{A}/places.geojson?level=province"),
    ("GET", "/api/v1/situation/locate"): _read(f"{A}/locate?latitude=32.07&longitude=64.83"),
    ("GET", "/api/v1/situation/events"): _read(f"{A}/events?province=AF-KHO"),
    ("GET", "/api/v1/situation/events/counts"): _read(f"{A}/events/counts?by=province"),
    ("GET", "/api/v1/situation/events/map"): _read(f"{A}/events/map"),
    ("GET", "/api/v1/situation/events/{event_id}"): _nato_read(f"{A}/events/{{situation_event}}"),
    ("GET", "/api/v1/situation/releases"): _read(f"{A}/releases"),
    ("GET", "/api/v1/situation/releases/{release_id}"): _nato_read(
        f"{A}/releases/{{situation_release}}"
    ),
    # A JSON body is not a file: every signed-in caller hears 422 before the service runs.
    ("POST", "/api/v1/situation/releases"): (f"{A}/releases", {}, api_rule(EVERYONE, 422)),
    ("GET", "/api/v1/situation/claims"): _read(f"{A}/claims?district={SANGIN}"),
    ("POST", "/api/v1/situation/claims"): (
        f"{A}/claims",
        {
            "district": SANGIN,
            "assessor": "national_estimate",
            "status": "controlled",
            "as_of": "2017-02-28",
            "confidence": "low",
            "source": "Matrix national estimate",
        },
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/situation/control"): _read(f"{A}/control?as_of=2017-06-30"),
}

NATO_PAGE = page_rule(NATO_READERS, denied=404, anonymous=404)

PAGES = {
    "situation:events": ("GET", f"{S}/", everyone()),
    "situation:event-detail": ("GET", f"{S}/events/{{situation_event}}/", NATO_PAGE),
    "situation:map": ("GET", f"{S}/map/", everyone()),
    "situation:map-data": ("GET", f"{S}/map/data/", everyone()),
    "situation:places-data": ("GET", f"{S}/map/places/?level=province", everyone()),
    "situation:counts": ("GET", f"{S}/counts/", everyone()),
    "situation:releases": ("GET", f"{S}/releases/", everyone()),
    "situation:import": ("GET", f"{S}/releases/import/", page_rule(EDITORS)),
    "situation:release-detail": ("GET", f"{S}/releases/{{situation_release}}/", NATO_PAGE),
    "situation:provinces": ("GET", f"{S}/places/", everyone()),
    "situation:province-detail": ("GET", f"{S}/places/AF-HEL/", everyone()),
    "situation:district-detail": ("GET", f"{S}/districts/{SANGIN}/", everyone()),
    "situation:control": ("GET", f"{S}/control/", everyone()),
    "situation:claim-create": ("GET", f"{S}/control/new/", page_rule(EDITORS)),
}
