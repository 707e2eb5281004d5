"""The transit module's rows of the access matrices: every page and API operation, every persona.

Logisticians (and administrators) change transit records; everyone else signed in reads by
marking. The network, closures and agreements with Russia are NRC, read by the personas of NRC
nations (not by Afghanistan's); the other agreements, leases, demands, plans and shipments are
NATO, which Russia's delegation never sees either (404, never 403). A refused creation is a 403
whatever records it names. Anonymous callers are asked to sign in.
"""

import datetime as dt

from accord.access import system_principal
from accord.markings import Role
from accord.transit.planning.services import flow_plan_solve, period_plan_solve
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NATO_READERS,
    NRC_READERS,
    api_rule,
    change_rule,
    holding,
    page_change_rule,
    page_rule,
)

LOGISTICS = ADMINS | holding(Role.LOGISTICIAN)
NATO_ROW = "uzb_transit-uzb-rail-non_lethal-to_afghanistan"
NATO_ROW_2 = "uzb_transit-uzb-air-non_lethal-to_afghanistan"
SHIPMENT = "ndn-2013-0001"


def nato_change(ok: int):
    """A change of a NATO-marked record: logisticians ok, non-NATO nations 404, the others 403."""
    return change_rule(LOGISTICS, NATO_READERS, ok)


def nrc_change(ok: int):
    """A change of an NRC-marked record: logisticians ok, non-NRC nations 404, the others 403."""
    return change_rule(LOGISTICS, NRC_READERS, ok)


def nrc_read():
    return api_rule(NRC_READERS, 200, denied=404)


def records() -> dict:
    actor = system_principal("matrix")
    plan = flow_plan_solve(actor=actor, month=dt.date(2013, 6, 1))
    periods = period_plan_solve(actor=actor, first_month=dt.date(2013, 6, 1), months=2)
    return {"transit_plan": plan.pk, "transit_period_plan": periods.pk}


LEG = {
    "code": "M01",
    "origin": "riga",
    "destination": "klaipeda",
    "mode": "road",
    "distance_km": "310",
    "days": "1",
    "cost_per_teu": 900,
    "capacity_teu_month": 300,
}
LEASE = {
    "code": "matrix-lease",
    "provider": "Matrix Rail",
    "mode": "rail",
    "legs": ["L01"],
    "teu_per_sortie": 60,
    "tonnes_per_sortie": "600",
    "cost_per_sortie": 90000,
    "hours_per_sortie": "1",
    "period_start": "2013-01-01",
    "period_end": "2013-12-31",
}

# A route query posts its question and writes nothing.
QUERIES = {("POST", "/api/v1/transit/routes")}

API = {
    ("GET", "/api/v1/transit/nodes"): ("/transit/nodes", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/nodes"): (
        "/transit/nodes",
        {
            "code": "matrix_node",
            "name": "Matrix",
            "country": "LVA",
            "latitude": "56.9",
            "longitude": "24.1",
        },
        api_rule(LOGISTICS, 201),
    ),
    ("GET", "/api/v1/transit/nodes/{code}"): ("/transit/nodes/riga", None, nrc_read()),
    ("PATCH", "/api/v1/transit/nodes/{code}"): (
        "/transit/nodes/riga",
        {"expected_version": 1, "notes": "checked"},
        nrc_change(200),
    ),
    ("GET", "/api/v1/transit/legs"): ("/transit/legs", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/legs"): ("/transit/legs", LEG, api_rule(LOGISTICS, 201)),
    ("GET", "/api/v1/transit/legs/{code}"): ("/transit/legs/L01", None, nrc_read()),
    ("PATCH", "/api/v1/transit/legs/{code}"): (
        "/transit/legs/L01",
        {"expected_version": 1, "operator": "RZD"},
        nrc_change(200),
    ),
    ("DELETE", "/api/v1/transit/legs/{code}"): (
        "/transit/legs/L20?expected_version=1",
        None,
        nrc_change(204),
    ),
    ("GET", "/api/v1/transit/map"): ("/transit/map", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/transit/agreements"): ("/transit/agreements", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/agreements"): (
        "/transit/agreements",
        {
            "code": "matrix-agreement",
            "legal_basis": "nato_rus_land_2008",
            "country": "RUS",
            "mode": "road",
            "cargo_class": "non_lethal",
            "direction": "retrograde",
            "valid_from": "2013-01-01",
        },
        api_rule(LOGISTICS, 201),
    ),
    ("GET", "/api/v1/transit/agreements/conflicts"): (
        "/transit/agreements/conflicts",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/transit/agreements/{code}"): (
        f"/transit/agreements/{NATO_ROW}",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("PATCH", "/api/v1/transit/agreements/{code}"): (
        f"/transit/agreements/{NATO_ROW}",
        {"expected_version": 1, "note": "checked"},
        nato_change(200),
    ),
    ("DELETE", "/api/v1/transit/agreements/{code}"): (
        f"/transit/agreements/{NATO_ROW_2}?expected_version=1",
        None,
        nato_change(204),
    ),
    ("GET", "/api/v1/transit/closures"): ("/transit/closures", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/closures"): (
        "/transit/closures",
        {
            "code": "matrix-closure",
            "target_kind": "node",
            "target": "termez",
            "start": "2013-01-01",
            "end": "2013-01-05",
        },
        api_rule(LOGISTICS, 201),
    ),
    ("PATCH", "/api/v1/transit/closures/{code}"): (
        "/transit/closures/manas_closed_2014",
        {"expected_version": 1, "reason": "Manas Transit Center handed back"},
        nrc_change(200),
    ),
    ("DELETE", "/api/v1/transit/closures/{code}"): (
        "/transit/closures/manas_closed_2014?expected_version=1",
        None,
        nrc_change(204),
    ),
    ("GET", "/api/v1/transit/leases"): ("/transit/leases", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/leases"): ("/transit/leases", LEASE, api_rule(LOGISTICS, 201)),
    ("GET", "/api/v1/transit/leases/{code}"): (
        "/transit/leases/salis_full_time",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("PATCH", "/api/v1/transit/leases/{code}"): (
        "/transit/leases/salis_full_time",
        {"expected_version": 1, "max_sorties_month": 15},
        nato_change(200),
    ),
    ("POST", "/api/v1/transit/routes"): (
        "/transit/routes",
        {
            "origin": "riga",
            "destination": "kabul",
            "cargo_class": "lethal",
            "on_date": "2013-06-01",
            "shipper": ["USA"],
        },
        # Open to everyone signed in; a persona who cannot read Riga (an NRC node) hears that
        # the query names no node they may read.
        api_rule(NRC_READERS, 200, denied=422),
    ),
    ("GET", "/api/v1/transit/demands"): ("/transit/demands", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/demands"): (
        "/transit/demands",
        {
            "code": "matrix-demand",
            "month": "2013-07-01",
            "origin": "riga",
            "destination": "kabul",
            "cargo_class": "non_lethal",
            "teu": 5,
            "tonnes": "50",
        },
        api_rule(LOGISTICS, 201),
    ),
    ("GET", "/api/v1/transit/plans"): ("/transit/plans", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/plans"): (
        "/transit/plans",
        {"month": "2013-06", "time_limit_seconds": 30},
        api_rule(LOGISTICS, 202),  # solved in the background: the task to follow
    ),
    ("GET", "/api/v1/transit/plans/{plan_id}"): (
        "/transit/plans/{transit_plan}",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("GET", "/api/v1/transit/plans/periods"): (
        "/transit/plans/periods",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("POST", "/api/v1/transit/plans/periods"): (
        "/transit/plans/periods",
        {"first_month": "2013-06", "months": 1},
        api_rule(LOGISTICS, 202),  # solved in the background: the task to follow
    ),
    ("GET", "/api/v1/transit/plans/periods/{plan_id}"): (
        "/transit/plans/periods/{transit_period_plan}",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("GET", "/api/v1/transit/shipments"): ("/transit/shipments", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/transit/shipments"): (
        "/transit/shipments",
        {
            "reference": "matrix-0001",
            "cargo_class": "non_lethal",
            "teu": 2,
            "tonnes": "20",
            "origin": "riga",
            "destination": "mazar_rail",
            "route": ["L01", "L02", "L03", "L04"],
            "departure": "2013-07-01",
        },
        api_rule(LOGISTICS, 201),
    ),
    ("POST", "/api/v1/transit/shipments/events/import"): (
        "/transit/shipments/events/import",
        {"csv": f"shipment,event,at\n{SHIPMENT},departed,2013-06-03T08:00:00Z\n"},
        api_rule(LOGISTICS, 200),
    ),
    ("GET", "/api/v1/transit/shipments/{reference}"): (
        f"/transit/shipments/{SHIPMENT}",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("GET", "/api/v1/transit/shipments/{reference}/events"): (
        f"/transit/shipments/{SHIPMENT}/events",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/transit/shipments/{reference}/events"): (
        f"/transit/shipments/{SHIPMENT}/events",
        {"kind": "departed", "at": "2013-06-03T08:00:00Z", "node": "riga"},
        nato_change(201),
    ),
    ("POST", "/api/v1/transit/shipments/{reference}/acknowledge"): (
        f"/transit/shipments/{SHIPMENT}/acknowledge?expected_version=1",
        None,
        nato_change(200),
    ),
}


# The edit page of a NATO-marked record: logisticians 200, non-NATO nations 404, the others 403.
nato_page_edit = page_change_rule(LOGISTICS, NATO_READERS)


def nato_page_acknowledge(username):
    """Acknowledging a flag without the version read: logisticians are sent back to the page
    (302, the refusal shown as a message); the others are refused."""
    expected = nato_page_edit(username)
    return 302 if expected == 200 else expected


PAGES = {
    "transit:network": ("GET", "/transit/", page_rule(EVERYONE)),
    "transit:node-detail": ("GET", "/transit/nodes/riga/", page_rule(NRC_READERS, denied=404)),
    "transit:leg-detail": ("GET", "/transit/legs/L01/", page_rule(NRC_READERS, denied=404)),
    "transit:leg-edit": (
        "GET",
        "/transit/legs/L01/edit/",
        page_change_rule(LOGISTICS, NRC_READERS),
    ),
    "transit:node-edit": (
        "GET",
        "/transit/nodes/riga/edit/",
        page_change_rule(LOGISTICS, NRC_READERS),
    ),
    "transit:agreement-edit": ("GET", f"/transit/agreements/{NATO_ROW}/edit/", nato_page_edit),
    "transit:closure-create": ("POST", "/transit/closures/new/", page_rule(LOGISTICS)),
    "transit:node-create": ("POST", "/transit/nodes/new/", page_rule(LOGISTICS)),
    "transit:leg-create": ("POST", "/transit/legs/new/", page_rule(LOGISTICS)),
    "transit:agreement-create": ("POST", "/transit/agreements/new/", page_rule(LOGISTICS)),
    "transit:lease-create": ("POST", "/transit/leases/new/", page_rule(LOGISTICS)),
    "transit:demand-create": ("POST", "/transit/plans/demands/new/", page_rule(LOGISTICS)),
    "transit:shipment-create": ("POST", "/transit/shipments/new/", page_rule(LOGISTICS)),
    "transit:agreements": ("GET", "/transit/agreements/", page_rule(EVERYONE)),
    "transit:conflicts": ("GET", "/transit/agreements/conflicts/", page_rule(EVERYONE)),
    "transit:agreement-detail": (
        "GET",
        f"/transit/agreements/{NATO_ROW}/",
        page_rule(NATO_READERS, denied=404),
    ),
    "transit:map": ("GET", "/transit/map/", page_rule(EVERYONE)),
    "transit:map-data": ("GET", "/transit/map/network.geojson", page_rule(EVERYONE)),
    "transit:routes": ("GET", "/transit/routes/", page_rule(EVERYONE)),
    "transit:plans": ("POST", "/transit/plans/", page_rule(LOGISTICS)),
    "transit:plan-detail": (
        "GET",
        "/transit/plans/{transit_plan}/",
        page_rule(NATO_READERS, denied=404),
    ),
    "transit:period-plans": ("POST", "/transit/plans/periods/", page_rule(LOGISTICS)),
    "transit:period-plan-detail": (
        "GET",
        "/transit/plans/periods/{transit_period_plan}/",
        page_rule(NATO_READERS, denied=404),
    ),
    "transit:shipments": ("GET", "/transit/shipments/", page_rule(EVERYONE)),
    "transit:import": ("POST", "/transit/shipments/import/", page_rule(LOGISTICS)),
    "transit:shipment-detail": (
        "GET",
        f"/transit/shipments/{SHIPMENT}/",
        page_rule(NATO_READERS, denied=404),
    ),
    "transit:shipment-event": ("POST", f"/transit/shipments/{SHIPMENT}/events/", nato_page_edit),
    "transit:shipment-acknowledge": (
        "POST",
        f"/transit/shipments/{SHIPMENT}/acknowledge/",
        nato_page_acknowledge,
    ),
    "transit:charts": ("GET", "/transit/charts/", page_rule(EVERYONE)),
}
