"""Fleet API, mounted at /api/v1/fleet.

Thin: each endpoint parses its schema, resolves codes through the selectors (a code the caller
cannot read is unknown to it) and calls one service. Reads are open to anonymous callers for
PUBLIC records; writes need a maintenance officer or an administrator (see docs/fleet.md).
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord import access
from accord.access import reachable, shown
from accord.core import selectors as core_selectors
from accord.core.apiauth import PUBLIC_AUTH
from accord.errors import Code, NotFound, ValidationFailed
from accord.fleet import (
    parts,
    readiness,
    rotables,
    selectors,
    service_requests,
    services,
    tasks,
    work_orders,
)
from accord.fleet.inputs import (
    AircraftValues,
    ComponentValues,
    MaintenanceTaskValues,
    OrderLine,
    PartValues,
)
from accord.fleet.models import Defect, WorkOrder
from accord.fleet.schemas import (
    AircraftDueOut,
    AircraftIn,
    AircraftOut,
    AircraftPatch,
    AircraftTypeOut,
    ComplianceIn,
    ComplianceOut,
    ComponentIn,
    ComponentOut,
    DefectIn,
    DefectOut,
    DrawIn,
    FlightLogIn,
    FlightLogOut,
    ForecastOut,
    FundingIn,
    GroupForecastOut,
    HangarIn,
    HangarOut,
    InstallationOut,
    InstallIn,
    LotOut,
    MaintenancePlanOut,
    MaintenanceTaskIn,
    MaintenanceTaskOut,
    PartDrawOut,
    PartIn,
    PartOut,
    PartsOrderIn,
    PartsOrderOut,
    PlannedJobOut,
    ReadinessNowOut,
    ReadinessOut,
    ReceiptIn,
    RemoveIn,
    RepairCancelIn,
    RepairIn,
    RepairOrderOut,
    RepairReturnIn,
    RequestDayIn,
    ScheduleIn,
    ServiceRequestDecisionIn,
    ServiceRequestIn,
    ServiceRequestOut,
    ServiceRequestPatch,
    ServiceRequestWithdrawIn,
    SettleIn,
    SignOffIn,
    WorkOrderCloseIn,
    WorkOrderIn,
    WorkOrderItemOut,
    WorkOrderOut,
)
from accord.funds import selectors as funds_selectors
from accord.inputs import Text
from accord.jobs.schemas import BackgroundTaskOut, task_location
from accord.jobs.selectors import task_get
from accord.pagination import Pages

router = Router(tags=["fleet"])


def _unknown(field: str, value) -> ValidationFailed:
    return ValidationFailed(
        _("%(field)s: no record %(value)s that you may read.")
        % {"field": field, "value": repr(value)},
        code=Code.UNKNOWN_REFERENCE,
        errors={field: [_("unknown")]},
    )


def _type(request, code):
    try:
        return selectors.aircraft_type_get(actor=request.user, code=code)
    except NotFound:
        raise _unknown("aircraft_type", code) from None


def _site(request, code, field: str = "base"):
    if not code:
        return None
    try:
        return core_selectors.site_get(actor=request.user, code=code)
    except NotFound:
        raise _unknown(field, code) from None


def _aircraft(request, tail):
    return selectors.aircraft_get(actor=request.user, tail_number=tail)


# --- types and programme -------------------------------------------------------------------------


@router.get("/types", response=list[AircraftTypeOut], auth=PUBLIC_AUTH)
def aircraft_type_list(request):
    return list(selectors.aircraft_type_list(actor=request.user))


@router.get("/types/{code}", response=AircraftTypeOut, auth=PUBLIC_AUTH)
def aircraft_type_get(request, code: Text):
    return selectors.aircraft_type_get(actor=request.user, code=code)


@router.get("/types/{code}/tasks", response=list[MaintenanceTaskOut], auth=PUBLIC_AUTH)
def task_list(request, code: Text):
    aircraft_type = selectors.aircraft_type_get(actor=request.user, code=code)
    return list(selectors.task_list(actor=request.user, aircraft_type=aircraft_type))


@router.post("/types/{code}/tasks", response={201: MaintenanceTaskOut})
def task_create(request, code: Text, payload: MaintenanceTaskIn):
    aircraft_type = selectors.aircraft_type_get(actor=request.user, code=code)
    values = MaintenanceTaskValues(**payload.dict(), aircraft_type=aircraft_type)
    return Status(201, services.maintenance_task_create(actor=request.user, values=values))


# --- aircraft ------------------------------------------------------------------------------------


class AircraftQuery(Schema):
    aircraft_type: str | None = None
    operator: str | None = None
    base: str | None = None
    status: str | None = None


@router.get("/aircraft", response=list[AircraftOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def aircraft_list(request, filters: Query[AircraftQuery]):
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.aircraft_list(actor=request.user, params=params)


@router.post("/aircraft", response={201: AircraftOut})
def aircraft_create(request, payload: AircraftIn):
    data = payload.dict()
    data["aircraft_type"] = _type(request, payload.aircraft_type)
    data["base"] = _site(request, payload.base)
    aircraft = services.aircraft_create(actor=request.user, values=AircraftValues(**data))
    return Status(201, _aircraft(request, aircraft.tail_number))


@router.get("/aircraft/{tail}", response=AircraftOut, auth=PUBLIC_AUTH)
def aircraft_get(request, tail: Text):
    return _aircraft(request, tail)


@router.patch("/aircraft/{tail}", response=AircraftOut)
def aircraft_update(request, tail: Text, payload: AircraftPatch):
    aircraft = _aircraft(request, tail)
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    if "base" in data:
        data["base"] = _site(request, data["base"])
    services.aircraft_update(
        actor=request.user,
        aircraft=aircraft,
        values=AircraftValues(**data),
        expected_version=version,
    )
    return _aircraft(request, tail)


@router.get("/aircraft/{tail}/due", response=AircraftDueOut, auth=PUBLIC_AUTH)
def aircraft_due(request, tail: Text):
    return _due_out(selectors.due_list(actor=request.user, aircraft=_aircraft(request, tail)))


@router.get("/aircraft/{tail}/flight-log", response=list[FlightLogOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def flight_log_list(request, tail: Text):
    return selectors.flight_log_list(actor=request.user, aircraft=_aircraft(request, tail))


@router.post("/aircraft/{tail}/flight-log", response={201: FlightLogOut})
def flight_log_record(request, tail: Text, payload: FlightLogIn):
    data = payload.dict()
    entry = services.flight_log_record(
        actor=request.user, aircraft=_aircraft(request, tail), day=data.pop("date"), **data
    )
    return Status(201, entry)


@router.get("/aircraft/{tail}/compliance", response=list[ComplianceOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def compliance_list(request, tail: Text):
    return selectors.compliance_list(actor=request.user, aircraft=_aircraft(request, tail))


@router.post("/aircraft/{tail}/compliance", response={201: ComplianceOut})
def compliance_record(request, tail: Text, payload: ComplianceIn):
    aircraft = _aircraft(request, tail)
    try:
        task = selectors.task_get(
            actor=request.user, aircraft_type=aircraft.aircraft_type, code=payload.task
        )
    except NotFound:
        raise _unknown("task", payload.task) from None
    data = payload.dict(exclude={"task"})
    record = services.compliance_record(actor=request.user, aircraft=aircraft, task=task, **data)
    record.task_shown = True  # the task was found as the caller reads it
    return Status(201, record)


class DueQuery(Schema):
    base: str | None = None


@router.get("/due", response=list[AircraftDueOut], auth=PUBLIC_AUTH)
def fleet_due(request, filters: Query[DueQuery]):
    return [_due_out(d) for d in selectors.fleet_due(actor=request.user, base=filters.base)]


def _due_out(found) -> dict:
    return {
        "tail_number": found.aircraft.tail_number,
        "airworthy": found.airworthy,
        "status": found.status,
        "hours": found.aircraft.hours,
        "landings": found.aircraft.landings,
        "tasks": [
            {
                "task": row.task.code,
                "name": row.task.name,
                "category": row.task.category,
                "last_done": row.last_done,
                "last_hours": row.last_hours,
                "last_landings": row.last_landings,
                "status": row.due.status,
                "governing": row.due.governing.criterion if row.due.governing else None,
                "remaining": row.due.governing.remaining if row.due.governing else None,
                "forecast": row.due.forecast,
                "criteria": [
                    {
                        "criterion": c.criterion,
                        "next_due": str(c.next_due),
                        "limit": str(c.limit),
                        "remaining": c.remaining,
                        "interval": c.interval,
                    }
                    for c in row.due.criteria
                ],
            }
            for row in found.tasks
        ],
    }


# --- components ----------------------------------------------------------------------------------


def _component_out(actor, component) -> dict:
    current = selectors.open_installation(component)
    usage = selectors.usage_of(component, current)
    plane = reachable(actor, current.aircraft) if current is not None else None
    return {
        **{
            f: getattr(component, f)
            for f in (
                "serial",
                "kind",
                "model",
                "life_hours",
                "life_cycles",
                "overhaul_hours",
                "note",
                "marking",
                "version",
            )
        },
        "hours": usage.hours,
        "cycles": usage.cycles,
        "hours_since_overhaul": usage.hours_since_overhaul,
        "installed_on": plane.tail_number if plane is not None else None,
        "condition": component.condition,
        "site": getattr(reachable(actor, component.site), "code", None),
        "limits_reached": selectors.limits_reached(component, current),
    }


@router.get("/components", response=list[ComponentOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def component_list(request):
    return _ComponentRows(request.user, selectors.component_list(actor=request.user))


class _ComponentRows:
    """A page of components, each said with its counters now (the selector loads each one's
    installation and airframe with the page, so a row costs no read of its own)."""

    def __init__(self, actor, queryset):
        self.actor, self.queryset = actor, queryset

    def __getitem__(self, index):
        return [_component_out(self.actor, c) for c in self.queryset[index]]

    def count(self):
        return self.queryset.count()


@router.post("/components", response={201: ComponentOut})
def component_create(request, payload: ComponentIn):
    component = services.component_create(
        actor=request.user, values=ComponentValues(**payload.dict())
    )
    return Status(201, _component_out(request.user, component))


@router.get("/components/{serial}", response=ComponentOut, auth=PUBLIC_AUTH)
def component_get(request, serial: Text):
    component = selectors.component_get(actor=request.user, serial=serial)
    return _component_out(request.user, component)


@router.post("/components/{serial}/install", response={201: InstallationOut})
def component_install(request, serial: Text, payload: InstallIn):
    component = selectors.component_get(actor=request.user, serial=serial)
    try:
        aircraft = _aircraft(request, payload.aircraft)
    except NotFound:
        raise _unknown("aircraft", payload.aircraft) from None
    row = services.component_install(
        actor=request.user,
        component=component,
        aircraft=aircraft,
        position=payload.position,
        day=payload.day,
    )
    row.aircraft_shown = True  # the installer reads the aircraft they changed
    return Status(201, row)


@router.post("/components/{serial}/remove", response=InstallationOut)
def component_remove(request, serial: Text, payload: RemoveIn):
    component = selectors.component_get(actor=request.user, serial=serial)
    row = services.component_remove(
        actor=request.user,
        component=component,
        day=payload.day,
        serviceable=payload.serviceable,
        site=_site(request, payload.site, "site"),
    )
    row.aircraft_shown = True
    return row


# --- rotables through repair ---------------------------------------------------------------------


class RepairOrderQuery(Schema):
    status: str | None = None
    q: str | None = None


def _repair_order(request, number):
    return selectors.repair_order_get(actor=request.user, number=number)


@router.get("/repair-orders", response=list[RepairOrderOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def repair_order_list(request, filters: Query[RepairOrderQuery]):
    """Rotables sent to repair (``?status=in_repair`` for those at a shop now)."""
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.repair_order_list(actor=request.user, params=params)


@router.post("/components/{serial}/repair", response={201: RepairOrderOut})
def repair_send(request, serial: Text, payload: RepairIn):
    """Send a component off any airframe to a repair shop, its cost committed from a fund."""
    actor = request.user
    component = selectors.component_get(actor=actor, serial=serial)
    fund = _resolve(
        "fund", payload.fund, lambda: funds_selectors.fund_get(actor=actor, code=payload.fund)
    )
    order = rotables.repair_send(
        actor=actor,
        component=component,
        shop=payload.shop,
        fund=fund,
        amount_minor=payload.amount_minor,
        day=payload.sent_on,
        expected_on=payload.expected_on,
        work=payload.work,
        note=payload.note,
    )
    return Status(201, _repair_order(request, order.number))


@router.get("/repair-orders/{number}", response=RepairOrderOut, auth=PUBLIC_AUTH)
def repair_order_get(request, number: Text):
    return _repair_order(request, number)


@router.post("/repair-orders/{number}/return", response=RepairOrderOut)
def repair_return(request, number: Text, payload: RepairReturnIn):
    """Take the component back serviceable into a site's stock; the fund pays."""
    rotables.repair_return(
        actor=request.user,
        order=_repair_order(request, number),
        day=payload.day,
        site=_site(request, payload.site, "site"),
        overhauled=payload.overhauled,
        note=payload.note,
    )
    return _repair_order(request, number)


@router.post("/repair-orders/{number}/cancel", response=RepairOrderOut)
def repair_cancel(request, number: Text, payload: RepairCancelIn):
    """Call the repair off: the commitment is voided, the component unserviceable again."""
    rotables.repair_cancel(
        actor=request.user,
        order=_repair_order(request, number),
        day=payload.day,
        reason=payload.reason,
    )
    return _repair_order(request, number)


# --- work orders and defects ---------------------------------------------------------------------


def _resolve(field: str, value, find):
    """``find()``, or a refusal naming the field: a code the caller cannot read is unknown."""
    try:
        return find()
    except NotFound:
        raise _unknown(field, value) from None


def _work_order(request, number):
    return selectors.work_order_get(actor=request.user, number=number)


class WorkOrderQuery(Schema):
    status: str | None = None
    site: str | None = None
    q: str | None = None


@router.get("/work-orders", response=list[WorkOrderOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def work_order_list(request, filters: Query[WorkOrderQuery]):
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.work_order_list(actor=request.user, params=params)


@router.post("/work-orders", response={201: WorkOrderOut})
def work_order_raise(request, payload: WorkOrderIn):
    actor = request.user
    # Who may not raise one at all hears so before the codes they named are looked up.
    access.require_kind(actor, "create", WorkOrder)
    plane = _resolve("aircraft", payload.aircraft, lambda: _aircraft(request, payload.aircraft))
    tasks = [
        _resolve(
            "tasks",
            code,
            lambda code=code: selectors.task_get(
                actor=actor, aircraft_type=plane.aircraft_type, code=code
            ),
        )
        for code in payload.tasks
    ]
    defects = [
        _resolve("defects", pk, lambda pk=pk: selectors.defect_get(actor=actor, pk=pk))
        for pk in payload.defects
    ]
    order = work_orders.work_order_raise(
        actor=actor,
        aircraft=plane,
        day=payload.raised_on,
        tasks=tasks,
        defects=defects,
        site=_site(request, payload.site, "site"),
        note=payload.note,
    )
    return Status(201, _work_order(request, order.number))


@router.get("/work-orders/{number}", response=WorkOrderOut, auth=PUBLIC_AUTH)
def work_order_get(request, number: Text):
    return _work_order(request, number)


@router.post("/work-orders/{number}/draws", response={201: PartDrawOut})
def part_draw(request, number: Text, payload: DrawIn):
    actor = request.user
    order = _work_order(request, number)
    part = _resolve(
        "part", payload.part, lambda: selectors.part_get(actor=actor, part_number=payload.part)
    )
    lot = _resolve(
        "lot",
        payload.lot,
        lambda: selectors.lot_find(actor=actor, part=part, site=order.site, lot=payload.lot),
    )
    draw = work_orders.part_draw(
        actor=actor, work_order=order, lot=lot, quantity=payload.quantity, day=payload.day
    )
    return Status(201, draw)


@router.post("/work-orders/{number}/items/{item}/sign-off", response=WorkOrderItemOut)
def item_sign_off(request, number: Text, item: int, payload: SignOffIn):
    order = _work_order(request, number)
    found = selectors.work_order_item_get(actor=request.user, work_order=order, pk=item)
    return work_orders.item_sign_off(actor=request.user, item=found, day=payload.day)


@router.post("/work-orders/{number}/close", response=WorkOrderOut)
def work_order_close(request, number: Text, payload: WorkOrderCloseIn):
    order = _work_order(request, number)
    work_orders.work_order_close(actor=request.user, work_order=order, day=payload.day)
    return _work_order(request, number)


class DefectQuery(Schema):
    status: str | None = None
    q: str | None = None


@router.get("/defects", response=list[DefectOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def defect_list(request, filters: Query[DefectQuery]):
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.defect_list(actor=request.user, params=params)


@router.post("/defects", response={201: DefectOut})
def defect_report(request, payload: DefectIn):
    access.require_kind(request.user, "create", Defect)
    plane = _resolve("aircraft", payload.aircraft, lambda: _aircraft(request, payload.aircraft))
    order = None
    if payload.work_order:
        order = _resolve(
            "work_order", payload.work_order, lambda: _work_order(request, payload.work_order)
        )
    defect = work_orders.defect_report(
        actor=request.user,
        aircraft=plane,
        description=payload.description,
        reported_on=payload.reported_on,
        work_order=order,
    )
    return Status(201, defect)


@router.get("/defects/{defect}", response=DefectOut, auth=PUBLIC_AUTH)
def defect_get(request, defect: int):
    return selectors.defect_get(actor=request.user, pk=defect)


# --- parts, stock and parts orders ---------------------------------------------------------------


class PartQuery(Schema):
    q: str | None = None


@router.get("/parts", response=list[PartOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def part_list(request, filters: Query[PartQuery]):
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.part_list(actor=request.user, params=params)


@router.post("/parts", response={201: PartOut})
def part_create(request, payload: PartIn):
    part = parts.part_create(actor=request.user, values=PartValues(**payload.dict()))
    return Status(201, part)


@router.get("/parts/{part_number}", response=PartOut, auth=PUBLIC_AUTH)
def part_get(request, part_number: Text):
    return selectors.part_get(actor=request.user, part_number=part_number)


class StockQuery(Schema):
    site: str | None = None
    part: str | None = None
    q: str | None = None


@router.get("/stock", response=list[LotOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def stock_list(request, filters: Query[StockQuery]):
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.stock_list(actor=request.user, params=params)


@router.post("/stock", response={201: LotOut})
def stock_receive(request, payload: ReceiptIn):
    actor = request.user
    part = _resolve(
        "part", payload.part, lambda: selectors.part_get(actor=actor, part_number=payload.part)
    )
    lot = parts.stock_receive(
        actor=actor,
        part=part,
        site=_site(request, payload.site, "site"),
        lot=payload.lot,
        quantity=payload.quantity,
        day=payload.day,
        expires_on=payload.expires_on,
    )
    lot.site_shown = True  # the receiver named the site as they read it
    return Status(201, lot)


def _parts_order(request, number):
    return selectors.parts_order_get(actor=request.user, number=number)


class PartsOrderQuery(Schema):
    status: str | None = None
    site: str | None = None
    q: str | None = None


@router.get("/parts-orders", response=list[PartsOrderOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def parts_order_list(request, filters: Query[PartsOrderQuery]):
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.parts_order_list(actor=request.user, params=params)


@router.post("/parts-orders", response={201: PartsOrderOut})
def parts_order_place(request, payload: PartsOrderIn):
    actor = request.user
    fund = _resolve(
        "fund", payload.fund, lambda: funds_selectors.fund_get(actor=actor, code=payload.fund)
    )
    lines = [
        OrderLine(
            part=_resolve(
                "lines",
                line.part,
                lambda line=line: selectors.part_get(actor=actor, part_number=line.part),
            ),
            quantity=line.quantity,
            unit_price_minor=line.unit_price_minor,
        )
        for line in payload.lines
    ]
    order = parts.parts_order_place(
        actor=actor,
        site=_site(request, payload.site, "site"),
        fund=fund,
        supplier=payload.supplier,
        lines=lines,
        day=payload.ordered_on,
        expected_on=payload.expected_on,
        marking=payload.marking,
        note=payload.note,
    )
    return Status(201, _parts_order(request, order.number))


@router.get("/parts-orders/{number}", response=PartsOrderOut, auth=PUBLIC_AUTH)
def parts_order_get(request, number: Text):
    return _parts_order(request, number)


@router.post("/parts-orders/{number}/deliver", response=PartsOrderOut)
def parts_order_deliver(request, number: Text, payload: SettleIn):
    order = _parts_order(request, number)
    parts.parts_order_deliver(actor=request.user, order=order, day=payload.day)
    return _parts_order(request, number)


@router.post("/parts-orders/{number}/cancel", response=PartsOrderOut)
def parts_order_cancel(request, number: Text, payload: SettleIn):
    order = _parts_order(request, number)
    parts.parts_order_cancel(actor=request.user, order=order, day=payload.day)
    return _parts_order(request, number)


# --- service requests ----------------------------------------------------------------------------


def _request(request, number):
    return selectors.service_request_get(actor=request.user, number=number)


class ServiceRequestQuery(Schema):
    status: str | None = None
    q: str | None = None


@router.get("/service-requests", response=list[ServiceRequestOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def service_request_list(request, filters: Query[ServiceRequestQuery]):
    """The requests the caller reads: every one for those who act on them (maintenance
    officers, fund managers, the secretariat, auditors), its own nation's for a delegation."""
    params = {k: v for k, v in filters.dict().items() if v}
    return selectors.service_request_list(actor=request.user, params=params)


@router.post("/service-requests", response={201: ServiceRequestOut})
def service_request_submit(request, payload: ServiceRequestIn):
    actor = request.user
    nation = _resolve(
        "requester",
        payload.requester,
        lambda: core_selectors.nation_get(actor=actor, iso3=payload.requester),
    )
    found = service_requests.service_request_submit(
        actor=actor,
        requester=nation,
        title=payload.title,
        description=payload.description,
        day=payload.requested_on,
        aircraft_type=_type(request, payload.aircraft_type) if payload.aircraft_type else None,
        aircraft=[
            _resolve("aircraft", tail, lambda tail=tail: _aircraft(request, tail))
            for tail in payload.aircraft
        ],
    )
    return Status(201, _request(request, found.number))


@router.get("/service-requests/{number}", response=ServiceRequestOut, auth=PUBLIC_AUTH)
def service_request_get(request, number: Text):
    return _request(request, number)


@router.patch("/service-requests/{number}", response=ServiceRequestOut)
def service_request_update(request, number: Text, payload: ServiceRequestPatch):
    """Change a request not yet decided (its requesting delegation, or who changes any)."""
    found = _request(request, number)
    given = payload.dict(exclude_unset=True)
    if "aircraft_type" in given:
        code = given["aircraft_type"]
        aircraft_type = _type(request, code) if code else None
    else:
        aircraft_type = found.aircraft_type
    if given.get("aircraft") is not None:
        planes = [
            _resolve("aircraft", tail, lambda tail=tail: _aircraft(request, tail))
            for tail in given["aircraft"]
        ]
    else:
        planes = [a for a in found.aircraft.all() if access.can_view(request.user, a)]
    service_requests.service_request_update(
        actor=request.user,
        request=found,
        title=given.get("title") or found.title,
        description=given.get("description") or found.description,
        aircraft_type=aircraft_type,
        aircraft=planes,
        expected_version=payload.expected_version,
    )
    return _request(request, number)


@router.post("/service-requests/{number}/withdraw", response=ServiceRequestOut)
def service_request_withdraw(request, number: Text, payload: ServiceRequestWithdrawIn):
    """Withdraw a request not yet decided, with the reason its reviewers read."""
    service_requests.service_request_withdraw(
        actor=request.user, request=_request(request, number), reason=payload.reason
    )
    return _request(request, number)


@router.post("/service-requests/{number}/review", response=ServiceRequestOut)
def service_request_review(request, number: Text):
    service_requests.service_request_review(actor=request.user, request=_request(request, number))
    return _request(request, number)


@router.post("/service-requests/{number}/decide", response=ServiceRequestOut)
def service_request_decide(request, number: Text, payload: ServiceRequestDecisionIn):
    service_requests.service_request_decide(
        actor=request.user,
        request=_request(request, number),
        approve=payload.approve,
        reason=payload.reason,
        day=payload.day,
    )
    return _request(request, number)


@router.post("/service-requests/{number}/fund", response=ServiceRequestOut)
def service_request_fund(request, number: Text, payload: FundingIn):
    actor = request.user
    found = _request(request, number)
    fund = _resolve(
        "fund", payload.fund, lambda: funds_selectors.fund_get(actor=actor, code=payload.fund)
    )
    service_requests.service_request_fund(
        actor=actor, request=found, fund=fund, amount_minor=payload.amount_minor, day=payload.day
    )
    return _request(request, number)


@router.post("/service-requests/{number}/work-orders", response=ServiceRequestOut)
def service_request_work_orders(request, number: Text, payload: RequestDayIn):
    service_requests.service_request_work_orders(
        actor=request.user, request=_request(request, number), day=payload.day
    )
    return _request(request, number)


# --- readiness and the maintenance schedule -----------------------------------------------------


def _groups(readings: dict) -> list[GroupForecastOut]:
    return [
        GroupForecastOut(name=name, fleet=r.fleet, available=list(r.available))
        for name, r in readings.items()
    ]


@router.get("/readiness", response=ReadinessOut, auth=PUBLIC_AUTH)
def readiness_get(request):
    """The mission-capable rate today and the forecast of the days ahead (from the latest plan,
    or the earliest-limit-first schedule before one is solved), over the aircraft the caller
    reads, with downtime by reason, by type and by base."""
    actor = request.user
    plan = readiness.plan_latest(actor=actor)
    if plan is not None:
        forecast = readiness.plan_forecast(actor=actor, plan=plan)
    else:
        built, schedule = readiness.live_schedule(actor=actor)
        forecast = readiness.schedule_forecast(actor=actor, built=built, schedule=schedule)
    now = readiness.readiness_now(actor=actor)
    return ReadinessOut(
        now=ReadinessNowOut(fleet=now.fleet, available=now.available, rate=now.rate, down=now.down),
        plan=plan.pk if plan else None,
        forecast=ForecastOut(
            start=forecast.start,
            days=forecast.days,
            fleet=forecast.fleet.fleet,
            available=list(forecast.fleet.available),
            down={k: list(v) for k, v in forecast.fleet.down.items()},
            by_type=_groups(forecast.by_type),
            by_base=_groups(forecast.by_base),
        ),
    )


@router.get("/hangars", response=list[HangarOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def hangar_list(request):
    """Each base's hangar the caller reads: the maintenance schedule's capacity."""
    return readiness.hangar_list(actor=request.user, params={})


@router.put("/hangars/{site}", response=HangarOut)
def hangar_set(request, site: Text, payload: HangarIn):
    """Record or change a base's hangar (its slots, its technicians a day)."""
    actor = request.user
    readiness.hangar_set(
        actor=actor,
        site=_site(request, site, "site"),
        slots=payload.slots,
        technicians=payload.technicians,
        estimated=payload.estimated,
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return readiness.hangar_get(actor=actor, site=site)


@router.post("/plans", response={202: BackgroundTaskOut})
def plan_solve(request, payload: ScheduleIn, response: HttpResponse):
    """Ask for the fleet's maintenance schedule (OR-Tools CP-SAT) to be solved and stored in the
    background. Answers 202 with the task (its address also in ``Location``): poll
    ``GET /api/v1/tasks/{id}`` until ``SUCCESSFUL`` (``result.api`` is the plan) or ``FAILED``."""
    record = tasks.plan_request(
        actor=request.user, days=payload.days, time_limit_seconds=payload.time_limit_seconds
    )
    response["Location"] = task_location(record)
    return Status(202, task_get(actor=request.user, task_id=record.pk))


@router.get("/plans/{int:plan_id}", response=MaintenancePlanOut, auth=PUBLIC_AUTH)
def plan_get(request, plan_id: int):
    """A stored plan with the jobs of the aircraft the caller reads."""
    actor = request.user
    plan = readiness.plan_get(actor=actor, pk=plan_id)
    jobs = [
        PlannedJobOut(
            aircraft=j.aircraft.tail_number,
            base=getattr(shown(j, "base"), "code", ""),
            work=j.label,
            defect=j.is_defect,
            start_on=j.start_on,
            end_on=j.end_on,
            limit_on=j.limit_on,
            grounded_from=j.grounded_from,
            waits_for=j.waits_for,
        )
        for j in readiness.plan_jobs(actor=actor, plan=plan)
    ]
    return MaintenancePlanOut(
        id=plan.pk,
        solved_on=plan.solved_on,
        horizon_days=plan.horizon_days,
        status=plan.status,
        wall_time_s=plan.wall_time_s,
        note=plan.note,
        jobs=jobs,
    )
