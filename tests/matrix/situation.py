"""The situation's rows of the access matrices: the hub's analysts (hub staff) and administrators
import releases and record claims; everyone reads what the marking allows, the public included.
The matrix's event, release and claim are marked NATO (RS assessments were withheld): NATO's
people read them, the Russian delegation, the Afghan personas and the public hear 404."""

import csv
import io
from datetime import date
from decimal import Decimal
from importlib import resources

from accord.access import system_principal
from accord.core import selectors as core_selectors
from accord.markings import Role
from accord.situation import selectors, services
from accord.situation.inputs import (
    ControlClaimValues,
    IncidentTaskValues,
    IncidentValues,
    SeizureValues,
)
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NATO_READERS,
    api_rule,
    change_rule,
    everyone,
    holding,
    page_change_rule,
    page_rule,
)

EDITORS = ADMINS | holding(Role.HUB_STAFF)
S = "/situation"
MISSING = 2_000_000_000  # no such record: everyone hears 404
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
    incident, task = _incident(actor)
    _seizure(actor)
    return {
        "situation_release": nato_release.pk,
        "situation_event": nato_release.events.get().pk,
        "situation_incident": incident.pk,
        "situation_task": task.pk,
    }


def _seizure(actor):
    """A PUBLIC seizure at Termez (the template the canaries copy)."""
    services.seizure_create(
        actor=actor,
        values=SeizureValues(
            seized_on=date(2012, 6, 26),
            agency="Matrix border service",
            nation=core_selectors.nation_find(iso3="UZB"),
            drug="heroin",
            quantity_kg=Decimal("40"),
            place="Termez",
            latitude=Decimal("37.22"),
            longitude=Decimal("67.28"),
            source="Matrix source",
            marking="PUBLIC",
        ),
    )


def _incident(actor):
    """A NATO incident in Kabul with one task (a PUBLIC one too, for the canaries to copy)."""
    made = []
    for marking in ("PUBLIC", "NATO"):
        incident = services.incident_create(
            actor=actor,
            values=IncidentValues(
                title=f"Matrix {marking} incident",
                occurred_on=date(2016, 4, 19),
                kind="bombing",
                place="Kabul",
                latitude=Decimal("34.525"),
                longitude=Decimal("69.19"),
                killed=3,
                injured=9,
                marking=marking,
            ),
        )
        task = services.incident_task_create(
            actor=actor,
            incident=incident,
            values=IncidentTaskValues(
                title=f"Matrix {marking} task", owner="RS HQ", due_on=date(2016, 4, 30)
            ),
        )
        made = [incident, task]
    return made


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
    ("GET", "/api/v1/situation/narcotics/figures"): _read(f"{A}/narcotics/figures?year=2014"),
    ("GET", "/api/v1/situation/narcotics/routes"): _read(f"{A}/narcotics/routes"),
    ("GET", "/api/v1/situation/seizures"): _read(f"{A}/seizures?drug=heroin"),
    ("GET", "/api/v1/situation/seizures/{seizure_id}"): (
        f"{A}/seizures/{MISSING}",
        None,
        api_rule(EVERYONE, 404, anonymous=404),
    ),
    ("POST", "/api/v1/situation/seizures"): (
        f"{A}/seizures",
        {
            "seized_on": "2012-06-26",
            "agency": "Matrix agency",
            "nation": "UZB",
            "drug": "heroin",
            "quantity_kg": "12.5",
            "place": "Termez",
            "latitude": "37.22",
            "longitude": "67.28",
        },
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/situation/incidents"): _read(f"{A}/incidents"),
    ("GET", "/api/v1/situation/incidents/{incident_id}"): _nato_read(
        f"{A}/incidents/{{situation_incident}}"
    ),
    ("POST", "/api/v1/situation/incidents"): (
        f"{A}/incidents",
        {
            "title": "Matrix attack",
            "occurred_on": "2016-05-01",
            "kind": "rocket",
            "place": "Bagram",
            "latitude": "34.946",
            "longitude": "69.265",
            "killed": 0,
            "injured": 2,
        },
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/situation/incidents/{incident_id}/tasks"): _nato_read(
        f"{A}/incidents/{{situation_incident}}/tasks"
    ),
    ("POST", "/api/v1/situation/incidents/{incident_id}/tasks"): (
        f"{A}/incidents/{{situation_incident}}/tasks",
        {"title": "Matrix follow-up", "owner": "RS HQ", "due_on": "2016-05-10"},
        change_rule(EDITORS & NATO_READERS, NATO_READERS, 201),
    ),
    ("PATCH", "/api/v1/situation/tasks/{task_id}"): (
        f"{A}/tasks/{{situation_task}}",
        {"status": "done", "expected_version": 1},
        change_rule(EDITORS & NATO_READERS, NATO_READERS, 200),
    ),
    ("GET", "/api/v1/situation/exposure"): _read(
        f"{A}/exposure?km=50&date_from=2016-01-01&date_to=2016-12-31"
    ),
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
    "situation:narcotics": ("GET", f"{S}/narcotics/", everyone()),
    "situation:narcotics-map": ("GET", f"{S}/narcotics/map/", everyone()),
    "situation:narcotics-map-data": ("GET", f"{S}/narcotics/map/data/", everyone()),
    "situation:seizures": ("GET", f"{S}/seizures/", everyone()),
    "situation:seizure-create": ("GET", f"{S}/seizures/new/", page_rule(EDITORS)),
    "situation:seizure-detail": ("GET", f"{S}/seizures/{MISSING}/", everyone(404)),
    "situation:incidents": ("GET", f"{S}/incidents/", everyone()),
    "situation:incident-create": ("GET", f"{S}/incidents/new/", page_rule(EDITORS)),
    "situation:incident-detail": ("GET", f"{S}/incidents/{{situation_incident}}/", NATO_PAGE),
    "situation:task-create": (
        "POST",
        f"{S}/incidents/{{situation_incident}}/tasks/",
        page_change_rule(EDITORS & NATO_READERS, NATO_READERS, 302),
    ),
    "situation:task-status": (
        "POST",
        f"{S}/tasks/{{situation_task}}/status/",
        page_change_rule(EDITORS & NATO_READERS, NATO_READERS, 302),
    ),
    "situation:exposure": ("GET", f"{S}/exposure/?km=50&date_from=2016-01-01", everyone()),
    "situation:exposure-data": ("GET", f"{S}/exposure/data/?km=50", everyone()),
}
