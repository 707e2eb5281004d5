"""The fleet's rows of the access matrices: maintenance officers and administrators change the
fleet; everyone reads what the marking allows. The matrix's aircraft are marked NRC, as the
HMTF's records are: the fund's donors (the allies and Russia) read them, the Afghan personas and
the public do not, and the Afghan maintenance officer changes only PUBLIC records."""

from datetime import date, timedelta
from decimal import Decimal

from accord.access import system_principal
from accord.core.models import Nation, Site, User
from accord.fleet import parts, readiness, rotables, service_requests, services, work_orders
from accord.fleet.inputs import AircraftValues, ComponentValues, OrderLine, PartValues
from accord.fleet.models import AircraftType, MaintenanceTask
from accord.funds.models import TrustFund
from accord.markings import Role
from tests.fleet.conftest import certify
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NRC_READERS,
    api_rule,
    change_rule,
    everyone,
    holding,
    page_change_rule,
    page_rule,
)

# Whoever holds the role changes a PUBLIC record; an NRC one only those who read it.
EDITORS = ADMINS | holding(Role.MAINTENANCE_OFFICER)
NRC_EDITORS = EDITORS & NRC_READERS
F = "/fleet"
START = date(2012, 11, 1)


def _aircraft(tail: str, marking: str):
    actor = system_principal("matrix")
    return services.aircraft_create(
        actor=actor,
        values=AircraftValues(
            tail_number=tail,
            aircraft_type=AircraftType.objects.get(code="mi-17v-5"),
            operator="aaf",
            tracked_from=START,
            opening_hours=Decimal(1000),
            opening_landings=1000,
            marking=marking,
        ),
    )


def _component(serial: str, marking: str):
    return services.component_create(
        actor=system_principal("matrix"),
        values=ComponentValues(serial=serial, kind="engine", model="TV3-117VM", marking=marking),
    )


def records() -> dict:
    """A PUBLIC aircraft with a flight, an inspection and an engine fitted (what the canaries
    copy), and NRC ones for the matrix's reads and writes."""
    actor = system_principal("matrix")
    public = _aircraft("MX-PUB", "PUBLIC")
    services.flight_log_record(
        actor=actor, aircraft=public, day=START + timedelta(days=1), hours=Decimal(3), landings=4
    )
    h50 = MaintenanceTask.objects.get(aircraft_type=public.aircraft_type, code="h50")
    services.compliance_record(actor=actor, aircraft=public, task=h50, done_on=START)
    services.component_install(
        actor=actor,
        component=_component("MX-ENG-PUB", "PUBLIC"),
        aircraft=public,
        position="engine 1",
        day=START,
    )
    nrc = _aircraft("MX-NRC", "NRC")
    services.component_install(
        actor=actor,
        component=_component("MX-ENG-FITTED", "NRC"),
        aircraft=nrc,
        position="engine 1",
        day=START,
    )
    _component("MX-ENG-FREE", "NRC")
    return {
        "fleet_aircraft": nrc.tail_number,
        **_work_and_parts(public, nrc),
        **_requests_and_plan(nrc),
        **_repairs(),
    }


def _repairs() -> dict:
    """An NRC engine off any airframe (to send to repair) and one at a shop, paid by the HMTF."""
    actor = system_principal("matrix")
    _component("MX-ENG-SPARE", "NRC")
    order = rotables.repair_send(
        actor=actor,
        component=_component("MX-ENG-SHOP", "NRC"),
        shop="Matrix shop",
        fund=TrustFund.objects.get(code="nrc_hmtf"),
        amount_minor=1000,
        day=START + timedelta(days=2),
    )
    return {"fleet_repair": order.number}


def _part(number: str, marking: str):
    return parts.part_create(
        actor=system_principal("matrix"),
        values=PartValues(part_number=number, name="Matrix filter", marking=marking),
    )


def _work_and_parts(public, nrc) -> dict:
    """Parts in stock at TAAC-Air, work orders on both aircraft (the NRC ones: one to draw and
    sign off on, one signed off and ready to close), a defect, and two parts orders against the
    HMTF; the maintenance persona is a certified technician (the admin is not)."""
    actor = system_principal("matrix")
    site = Site.objects.get(code="taac_air")
    certify(User.objects.get(username="maintenance"), ends=START + timedelta(days=1))
    public_part, nrc_part = _part("MX-PART-PUB", "PUBLIC"), _part("MX-PART-NRC", "NRC")
    lot = parts.stock_receive(
        actor=actor, part=public_part, site=site, lot="MX-LOT", quantity=5, day=START
    )
    parts.stock_receive(actor=actor, part=nrc_part, site=site, lot="MX-LOT", quantity=5, day=START)
    day = START + timedelta(days=2)
    h100 = MaintenanceTask.objects.get(aircraft_type=public.aircraft_type, code="h100")
    public_order = work_orders.work_order_raise(
        actor=actor, aircraft=public, day=day, tasks=[h100], site=site, note="matrix"
    )
    work_orders.part_draw(actor=actor, work_order=public_order, lot=lot, quantity=1, day=day)
    work_orders.defect_report(
        actor=actor,
        aircraft=public,
        description="Matrix defect",
        reported_on=day,
        work_order=public_order,
    )
    to_work = work_orders.work_order_raise(
        actor=actor, aircraft=nrc, day=day, tasks=[h100], site=site
    )
    seasonal = MaintenanceTask.objects.get(aircraft_type=nrc.aircraft_type, code="h50")
    to_close = work_orders.work_order_raise(
        actor=actor, aircraft=nrc, day=day, tasks=[seasonal], site=site
    )
    officer = User.objects.get(username="maintenance")
    for item in to_close.items.all():
        work_orders.item_sign_off(actor=officer, item=item, day=day)
    defect = work_orders.defect_report(
        actor=actor, aircraft=nrc, description="Matrix NRC defect", reported_on=day
    )
    fund = TrustFund.objects.get(code="nrc_hmtf")
    orders = [
        parts.parts_order_place(
            actor=actor,
            site=site,
            fund=fund,
            supplier="Matrix supplier",
            lines=[OrderLine(part=part, quantity=1, unit_price_minor=100)],
            day=day,
            marking=marking,
        )
        for part, marking in ((public_part, "PUBLIC"), (nrc_part, "NRC"))
    ]
    return {
        "fleet_work_order": to_work.number,
        "fleet_work_order_item": to_work.items.get().pk,
        "fleet_work_order_signed": to_close.number,
        "fleet_defect": defect.pk,
        "fleet_parts_order": orders[1].number,
    }


def _requests_and_plan(nrc) -> dict:
    """Afghanistan's service requests at three steps (submitted; approved; funded, naming the
    NRC aircraft), a hangar at TAAC-Air and a maintenance plan solved over the matrix's fleet."""
    actor = system_principal("matrix")
    day = START + timedelta(days=2)

    def submitted(title, aircraft=()):
        return service_requests.service_request_submit(
            actor=actor,
            requester=Nation.objects.get(iso3="AFG"),
            title=title,
            description="Matrix request",
            day=day,
            aircraft=list(aircraft),
        )

    first = submitted("Matrix: submitted")
    approved = submitted("Matrix: approved")
    service_requests.service_request_decide(actor=actor, request=approved, approve=True, day=day)
    funded = submitted("Matrix: funded", [nrc])
    service_requests.service_request_decide(actor=actor, request=funded, approve=True, day=day)
    service_requests.service_request_fund(
        actor=actor,
        request=funded,
        fund=TrustFund.objects.get(code="nrc_hmtf"),
        amount_minor=1000,
        day=day,
    )
    readiness.hangar_set(
        actor=actor, site=Site.objects.get(code="taac_air"), slots=1, technicians=8
    )
    plan, _built, _schedule = readiness.plan_solve(actor=actor, day=day, time_limit_s=1, workers=1)
    return {
        "fleet_request": first.number,
        "fleet_request_approved": approved.number,
        "fleet_request_funded": funded.number,
        "fleet_plan": plan.pk,
    }


def _read(path):
    return (path, None, api_rule(EVERYONE, 200, anonymous=200))


def _nrc_read(path):
    return (path, None, api_rule(NRC_READERS, 200, denied=404, anonymous=404))


A = f"{F}/aircraft/{{fleet_aircraft}}"

API = {
    ("GET", "/api/v1/fleet/types"): _read(f"{F}/types"),
    ("GET", "/api/v1/fleet/types/{code}"): _read(f"{F}/types/mi-35"),
    ("GET", "/api/v1/fleet/types/{code}/tasks"): _read(f"{F}/types/mi-35/tasks"),
    ("POST", "/api/v1/fleet/types/{code}/tasks"): (
        f"{F}/types/mi-35/tasks",
        {"code": "matrix-task", "name": "Matrix task", "category": "special", "interval_days": 30},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/fleet/aircraft"): _read(f"{F}/aircraft?aircraft_type=mi-17v-5"),
    ("POST", "/api/v1/fleet/aircraft"): (
        f"{F}/aircraft",
        {
            "tail_number": "MX-NEW",
            "aircraft_type": "mi-35",
            "operator": "smw",
            "tracked_from": "2013-01-01",
            "opening_hours": "250.5",
        },
        api_rule(NRC_EDITORS, 201),
    ),
    ("GET", "/api/v1/fleet/aircraft/{tail}"): _nrc_read(A),
    ("PATCH", "/api/v1/fleet/aircraft/{tail}"): (
        A,
        {"expected_version": 1, "status": "in_maintenance", "base": "taac_air"},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
    ("GET", "/api/v1/fleet/aircraft/{tail}/due"): _nrc_read(f"{A}/due"),
    ("GET", "/api/v1/fleet/aircraft/{tail}/flight-log"): _nrc_read(f"{A}/flight-log"),
    ("POST", "/api/v1/fleet/aircraft/{tail}/flight-log"): (
        f"{A}/flight-log",
        {"date": "2012-11-05", "hours": "2.5", "landings": 3},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("GET", "/api/v1/fleet/aircraft/{tail}/compliance"): _nrc_read(f"{A}/compliance"),
    ("POST", "/api/v1/fleet/aircraft/{tail}/compliance"): (
        f"{A}/compliance",
        {"task": "h50", "done_on": "2012-11-02", "reference": "matrix"},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("GET", "/api/v1/fleet/due"): _read(f"{F}/due?base=taac_air"),
    ("GET", "/api/v1/fleet/components"): _read(f"{F}/components"),
    ("POST", "/api/v1/fleet/components"): (
        f"{F}/components",
        {"serial": "MX-APU-1", "kind": "apu", "model": "AI-9V", "life_hours": "3000"},
        api_rule(NRC_EDITORS, 201),
    ),
    ("GET", "/api/v1/fleet/components/{serial}"): _nrc_read(f"{F}/components/MX-ENG-FREE"),
    ("POST", "/api/v1/fleet/components/{serial}/install"): (
        f"{F}/components/MX-ENG-FREE/install",
        {"aircraft": "MX-NRC", "position": "engine 2", "day": "2012-11-03"},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("POST", "/api/v1/fleet/components/{serial}/remove"): (
        f"{F}/components/MX-ENG-FITTED/remove",
        {"day": "2012-11-03"},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
    ("POST", "/api/v1/fleet/components/{serial}/repair"): (
        f"{F}/components/MX-ENG-SPARE/repair",
        {"shop": "Motor Sich", "fund": "nrc_hmtf", "amount_minor": 5000, "sent_on": "2012-11-04"},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("GET", "/api/v1/fleet/repair-orders"): _read(f"{F}/repair-orders?status=in_repair"),
    ("GET", "/api/v1/fleet/repair-orders/{number}"): _nrc_read(
        f"{F}/repair-orders/{{fleet_repair}}"
    ),
    ("POST", "/api/v1/fleet/repair-orders/{number}/return"): (
        f"{F}/repair-orders/{{fleet_repair}}/return",
        {"day": "2012-11-05", "site": "taac_air", "overhauled": True},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
    ("POST", "/api/v1/fleet/repair-orders/{number}/cancel"): (
        f"{F}/repair-orders/{{fleet_repair}}/cancel",
        {"day": "2012-11-05"},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
    ("GET", "/api/v1/fleet/hangars"): _read(f"{F}/hangars"),
    ("PUT", "/api/v1/fleet/hangars/{site}"): (
        f"{F}/hangars/taac_air",
        {"slots": 2, "technicians": 6},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
}


def _naming_nrc(ok: int):
    """A write naming an NRC aircraft: its editors succeed; a maintenance officer who cannot
    read it hears that the aircraft is unknown; every other caller is refused outright."""

    def expect(username):
        if username is None:
            return 401
        if username in NRC_EDITORS:
            return ok
        return 422 if username in EDITORS else 403

    return expect


def _sign_off(username):
    """Only a certified technician signs off: the matrix's maintenance persona is one, the
    administrator (an editor too) is not."""
    if username == "maintenance":
        return 200
    if username in NRC_EDITORS:
        return 409
    return change_rule(NRC_EDITORS, NRC_READERS, 200)(username)


WO = f"{F}/work-orders/{{fleet_work_order}}"
PO = f"{F}/parts-orders/{{fleet_parts_order}}"

API.update(
    {
        ("GET", "/api/v1/fleet/work-orders"): _read(f"{F}/work-orders?status=open"),
        ("POST", "/api/v1/fleet/work-orders"): (
            f"{F}/work-orders",
            {"aircraft": "MX-NRC", "tasks": ["h100"], "raised_on": "2012-11-04"},
            _naming_nrc(201),
        ),
        ("GET", "/api/v1/fleet/work-orders/{number}"): _nrc_read(WO),
        ("POST", "/api/v1/fleet/work-orders/{number}/draws"): (
            f"{WO}/draws",
            {"part": "MX-PART-PUB", "lot": "MX-LOT", "quantity": 2, "day": "2012-11-04"},
            change_rule(NRC_EDITORS, NRC_READERS, 201),
        ),
        ("POST", "/api/v1/fleet/work-orders/{number}/items/{item}/sign-off"): (
            f"{WO}/items/{{fleet_work_order_item}}/sign-off",
            {"day": "2012-11-04"},
            _sign_off,
        ),
        ("POST", "/api/v1/fleet/work-orders/{number}/close"): (
            f"{F}/work-orders/{{fleet_work_order_signed}}/close",
            {"day": "2012-11-05"},
            change_rule(NRC_EDITORS, NRC_READERS, 200),
        ),
        ("GET", "/api/v1/fleet/defects"): _read(f"{F}/defects?status=open"),
        ("POST", "/api/v1/fleet/defects"): (
            f"{F}/defects",
            {"aircraft": "MX-NRC", "description": "Cracked window", "reported_on": "2012-11-04"},
            _naming_nrc(201),
        ),
        ("GET", "/api/v1/fleet/defects/{defect}"): _nrc_read(f"{F}/defects/{{fleet_defect}}"),
        ("GET", "/api/v1/fleet/parts"): _read(f"{F}/parts"),
        ("POST", "/api/v1/fleet/parts"): (
            f"{F}/parts",
            {"part_number": "MX-NEW-PART", "name": "Gasket", "shelf_life_days": 730},
            api_rule(NRC_EDITORS, 201),
        ),
        ("GET", "/api/v1/fleet/parts/{part_number}"): _nrc_read(f"{F}/parts/MX-PART-NRC"),
        ("GET", "/api/v1/fleet/stock"): _read(f"{F}/stock?site=taac_air"),
        ("POST", "/api/v1/fleet/stock"): (
            f"{F}/stock",
            {
                "part": "MX-PART-PUB",
                "site": "taac_air",
                "lot": "MX-LOT-2",
                "quantity": 3,
                "day": "2012-11-04",
            },
            api_rule(EDITORS, 201),
        ),
        ("GET", "/api/v1/fleet/parts-orders"): _read(f"{F}/parts-orders?status=pending"),
        ("POST", "/api/v1/fleet/parts-orders"): (
            f"{F}/parts-orders",
            {
                "site": "taac_air",
                "fund": "nrc_hmtf",
                "supplier": "Motor Sich",
                "lines": [{"part": "MX-PART-PUB", "quantity": 2, "unit_price_minor": 5000}],
                "ordered_on": "2012-11-04",
            },
            api_rule(NRC_EDITORS, 201),
        ),
        ("GET", "/api/v1/fleet/parts-orders/{number}"): _nrc_read(PO),
        ("POST", "/api/v1/fleet/parts-orders/{number}/deliver"): (
            f"{PO}/deliver",
            {"day": "2012-11-06"},
            change_rule(NRC_EDITORS, NRC_READERS, 200),
        ),
        ("POST", "/api/v1/fleet/parts-orders/{number}/cancel"): (
            f"{PO}/cancel",
            {"day": "2012-11-06"},
            change_rule(NRC_EDITORS, NRC_READERS, 200),
        ),
    }
)

NRC_PAGE = page_rule(NRC_READERS, denied=404, anonymous=404)
P = "/fleet/aircraft/{fleet_aircraft}"

PAGES = {
    "fleet:aircraft-list": ("GET", "/fleet/", everyone()),
    "fleet:due": ("GET", "/fleet/due/", everyone()),
    "fleet:aircraft-create": ("GET", "/fleet/aircraft/new/", page_rule(NRC_EDITORS)),
    "fleet:aircraft-detail": ("GET", f"{P}/", NRC_PAGE),
    "fleet:aircraft-edit": ("GET", f"{P}/edit/", page_change_rule(NRC_EDITORS, NRC_READERS)),
    "fleet:flight-log": ("GET", f"{P}/log/", page_change_rule(NRC_EDITORS, NRC_READERS)),
    "fleet:compliance-new": ("GET", f"{P}/done/", page_change_rule(NRC_EDITORS, NRC_READERS)),
    "fleet:flight-log-import": ("GET", "/fleet/flight-logs/import/", page_rule(EDITORS)),
    "fleet:types": ("GET", "/fleet/types/", everyone()),
    "fleet:type-detail": ("GET", "/fleet/types/mi-35/", everyone()),
    "fleet:task-create": ("GET", "/fleet/types/mi-35/tasks/new/", page_rule(EDITORS)),
    "fleet:components": ("GET", "/fleet/components/", everyone()),
    "fleet:component-create": ("GET", "/fleet/components/new/", page_rule(NRC_EDITORS)),
    "fleet:component-detail": ("GET", "/fleet/components/MX-ENG-FREE/", NRC_PAGE),
    "fleet:component-install": (
        "POST",
        "/fleet/components/MX-ENG-FREE/install/",
        page_change_rule(NRC_EDITORS, NRC_READERS, ok=302),
    ),
    "fleet:component-remove": (
        "POST",
        "/fleet/components/MX-ENG-FITTED/remove/",
        page_change_rule(NRC_EDITORS, NRC_READERS, ok=302),
    ),
    "fleet:repair-send": (
        "GET",
        "/fleet/components/MX-ENG-SPARE/repair/",
        page_change_rule(NRC_EDITORS, NRC_READERS),
    ),
    "fleet:repairs": ("GET", "/fleet/repairs/", everyone()),
    "fleet:repair-detail": ("GET", "/fleet/repairs/{fleet_repair}/", NRC_PAGE),
    "fleet:repair-return": (
        "POST",
        "/fleet/repairs/{fleet_repair}/return/",
        page_change_rule(NRC_EDITORS, NRC_READERS, ok=302),
    ),
    "fleet:repair-cancel": (
        "POST",
        "/fleet/repairs/{fleet_repair}/cancel/",
        page_change_rule(NRC_EDITORS, NRC_READERS, ok=302),
    ),
    "fleet:hangars": ("GET", "/fleet/hangars/", everyone()),
    "fleet:hangar-create": ("GET", "/fleet/hangars/new/", page_rule(NRC_EDITORS)),
    "fleet:hangar-edit": (
        "GET",
        "/fleet/hangars/taac_air/edit/",
        page_change_rule(NRC_EDITORS, NRC_READERS),
    ),
}

W = "/fleet/work-orders/{fleet_work_order}"
PO_PAGE = "/fleet/parts-orders/{fleet_parts_order}"
NRC_CHANGE = page_change_rule(NRC_EDITORS, NRC_READERS)
NRC_POST = page_change_rule(NRC_EDITORS, NRC_READERS, ok=302)

PAGES.update(
    {
        "fleet:work-order-new": ("GET", f"{P}/work-order/", NRC_CHANGE),
        "fleet:defect-new": ("GET", f"{P}/defect/", NRC_CHANGE),
        "fleet:work-orders": ("GET", "/fleet/work-orders/", everyone()),
        "fleet:work-order-detail": ("GET", f"{W}/", NRC_PAGE),
        "fleet:part-draw": ("POST", f"{W}/draw/", NRC_POST),
        "fleet:defect-found": ("POST", f"{W}/defect/", NRC_POST),
        "fleet:item-sign-off": (
            "POST",
            f"{W}/items/{{fleet_work_order_item}}/sign-off/",
            NRC_POST,
        ),
        "fleet:work-order-close": ("POST", f"{W}/close/", NRC_POST),
        "fleet:defects": ("GET", "/fleet/defects/", everyone()),
        "fleet:parts": ("GET", "/fleet/parts/", everyone()),
        "fleet:part-create": ("GET", "/fleet/parts/new/", page_rule(NRC_EDITORS)),
        "fleet:stock": ("GET", "/fleet/stock/", everyone()),
        "fleet:stock-receive": ("GET", "/fleet/stock/receive/", page_rule(EDITORS)),
        "fleet:parts-orders": ("GET", "/fleet/parts-orders/", everyone()),
        "fleet:parts-order-create": ("GET", "/fleet/parts-orders/new/", page_rule(NRC_EDITORS)),
        "fleet:parts-order-detail": ("GET", f"{PO_PAGE}/", NRC_PAGE),
        "fleet:parts-order-deliver": ("POST", f"{PO_PAGE}/deliver/", NRC_POST),
        "fleet:parts-order-cancel": ("POST", f"{PO_PAGE}/cancel/", NRC_POST),
    }
)


# Service requests are read by those who act on them and by the requesting nation (Afghanistan:
# its maintenance officer persona is one of those who act); reviewed by maintenance officers and
# administrators; funded by them and fund managers, from a fund they read.
REQUEST_READERS = holding(
    Role.ADMINISTRATOR,
    Role.MAINTENANCE_OFFICER,
    Role.FUND_MANAGER,
    Role.SECRETARIAT,
    Role.AUDITOR,
)
REVIEWERS = holding(Role.ADMINISTRATOR, Role.MAINTENANCE_OFFICER)
FUNDERS = holding(Role.ADMINISTRATOR, Role.MAINTENANCE_OFFICER, Role.FUND_MANAGER)
SR = f"{F}/service-requests/{{fleet_request}}"
SR_APPROVED = f"{F}/service-requests/{{fleet_request_approved}}"
SR_FUNDED = f"{F}/service-requests/{{fleet_request_funded}}"


def _on_nrc_aircraft(editors, ok):
    """Work orders on the request's NRC aircraft: an editor who cannot change it (the Afghan
    maintenance officer) hears that the request names nothing they may work on."""

    def expect(username):
        if username in editors - NRC_READERS:
            return 422
        return change_rule(editors, REQUEST_READERS, ok)(username)

    return expect


API.update(
    {
        ("GET", "/api/v1/fleet/service-requests"): _read(f"{F}/service-requests"),
        ("POST", "/api/v1/fleet/service-requests"): (
            f"{F}/service-requests",
            {
                "requester": "AFG",
                "title": "Matrix request",
                "description": "Repair",
                "requested_on": "2012-11-04",
            },
            api_rule(REVIEWERS, 201),
        ),
        ("GET", "/api/v1/fleet/service-requests/{number}"): (
            SR,
            None,
            api_rule(REQUEST_READERS, 200, denied=404, anonymous=404),
        ),
        ("PATCH", "/api/v1/fleet/service-requests/{number}"): (
            SR,
            {"expected_version": 1, "title": "Matrix request, changed"},
            change_rule(REVIEWERS, REQUEST_READERS, 200),
        ),
        ("POST", "/api/v1/fleet/service-requests/{number}/withdraw"): (
            f"{SR}/withdraw",
            {"reason": "No longer needed"},
            change_rule(REVIEWERS, REQUEST_READERS, 200),
        ),
        ("POST", "/api/v1/fleet/service-requests/{number}/review"): (
            f"{SR}/review",
            None,
            change_rule(REVIEWERS, REQUEST_READERS, 200),
        ),
        ("POST", "/api/v1/fleet/service-requests/{number}/decide"): (
            f"{SR}/decide",
            {"approve": True, "day": "2012-11-05"},
            change_rule(REVIEWERS, REQUEST_READERS, 200),
        ),
        ("POST", "/api/v1/fleet/service-requests/{number}/fund"): (
            f"{SR_APPROVED}/fund",
            {"fund": "nrc_hmtf", "amount_minor": 1000, "day": "2012-11-05"},
            change_rule(FUNDERS, REQUEST_READERS, 200),
        ),
        ("POST", "/api/v1/fleet/service-requests/{number}/work-orders"): (
            f"{SR_FUNDED}/work-orders",
            {"day": "2012-11-05"},
            _on_nrc_aircraft(REVIEWERS, 200),
        ),
        ("GET", "/api/v1/fleet/readiness"): _read(f"{F}/readiness"),
        ("POST", "/api/v1/fleet/plans"): (
            f"{F}/plans",
            {"days": 30, "time_limit_seconds": 1},
            api_rule(NRC_EDITORS, 202),
        ),
        ("GET", "/api/v1/fleet/plans/{plan_id}"): _nrc_read(f"{F}/plans/{{fleet_plan}}"),
    }
)

SRP = "/fleet/service-requests/{fleet_request}"
REQUEST_PAGE = page_rule(REQUEST_READERS, denied=404, anonymous=404)
SUBMITTERS = REVIEWERS | holding(Role.DELEGATION)

PAGES.update(
    {
        "fleet:service-requests": ("GET", "/fleet/service-requests/", everyone()),
        "fleet:service-request-create": (
            "GET",
            "/fleet/service-requests/new/",
            page_rule(SUBMITTERS),
        ),
        "fleet:service-request-detail": ("GET", f"{SRP}/", REQUEST_PAGE),
        "fleet:service-request-edit": (
            "GET",
            f"{SRP}/edit/",
            page_change_rule(REVIEWERS, REQUEST_READERS),
        ),
        "fleet:service-request-withdraw": (
            "POST",
            f"{SRP}/withdraw/",
            page_change_rule(REVIEWERS, REQUEST_READERS, ok=302),
        ),
        "fleet:service-request-review": (
            "POST",
            f"{SRP}/review/",
            page_change_rule(REVIEWERS, REQUEST_READERS, ok=302),
        ),
        "fleet:service-request-decide": (
            "POST",
            f"{SRP}/decide/",
            page_change_rule(REVIEWERS, REQUEST_READERS, ok=302),
        ),
        "fleet:service-request-fund": (
            "POST",
            f"{SRP}/fund/",
            page_change_rule(FUNDERS, REQUEST_READERS, ok=302),
        ),
        "fleet:service-request-work-orders": (
            "POST",
            f"{SRP}/work-orders/",
            page_change_rule(REVIEWERS, REQUEST_READERS, ok=302),
        ),
        "fleet:readiness": ("GET", "/fleet/readiness/", everyone()),
        "fleet:schedule-request": (
            "POST",
            "/fleet/readiness/schedule/",
            page_rule(NRC_EDITORS, ok=422),
        ),
    }
)
