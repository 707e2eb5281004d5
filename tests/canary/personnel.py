"""Personnel's canaries: units, positions and payroll months (read by marking), and the
personal data (persons, payroll lines, roster entries), which no crawling persona reads: the
crawl proves none of it reaches them through any page, filter, API read, report or export.
The PUBLIC templates are the scenario's units and positions and the matrix's records
(tests/matrix/personnel.py)."""

from datetime import date

from accord.budget.models import FiscalYear
from accord.core.services import record_create
from accord.personnel.models import (
    GraduateRecord,
    PayrollLine,
    PayrollMonth,
    Person,
    Position,
    RosterEntry,
    Unit,
)
from tests.canary import ACTOR, WAIVERS, Canary, route, serial

_PERSONAL = (
    "personal data, read by role and nation (AccessRule.personal_readers), never by marking: "
    "its readers are auditors and the hub staff of the person's own nation, and none of the "
    "crawling personas is one of them"
)
for _model, _field in (
    ("Person", "nation"),
    ("Person", "duplicate_of"),
    ("PayrollLine", "month"),
    ("PayrollLine", "nation"),
    ("PayrollLine", "position"),
    ("PayrollLine", "person"),
    ("RosterEntry", "month"),
    ("RosterEntry", "nation"),
    ("GraduateRecord", "person"),
    ("GraduateRecord", "nation"),
):
    WAIVERS[(f"personnel.{_model}", _field)] = _PERSONAL


def _graduate(data, kind, made):
    # No record to copy: each canary is a certificate linked to the canary person of its kind.
    person = made[Person][{"nato": 0, "natl": 1}[kind]]
    data.update(person=person, nation=person.nation, issued_on=date(2013, 5, 31))
    return record_create(actor=ACTOR, model=GraduateRecord, data=data, action=f"canary.{kind}")


def _month(kind, template):
    # A nation's month is imported once: each copy gets a month of its own.
    return {"month": date(1990 + serial(kind), 1, 1)}


def _line_no(kind, template):
    return {"line_no": 100_000 + serial(kind)}


CANARIES = {
    Unit: Canary(template={"code": "ana-209-corps"}, links=("parent", "site", "nation")),
    Position: Canary(links=("unit", "fiscal_year", "wage_line", "nation")),
    Person: Canary(),
    PayrollMonth: Canary(overrides=_month, links=("fiscal_year", "nation")),
    PayrollLine: Canary(overrides=_line_no),
    RosterEntry: Canary(overrides=_line_no),
    GraduateRecord: Canary(create=_graduate),
}

PAGES = {
    "personnel:unit-detail": route(Unit, code="code"),
    "personnel:position-detail": route(Position, pk="pk"),
    "personnel:person-detail": route(Person, pk="pk"),
    "personnel:person-confirm": route(Person, pk="pk"),
    "personnel:person-advance": route(Person, pk="pk"),
    "personnel:slot-request": route(Person, pk="pk"),
    "personnel:attrition-record": route(Person, pk="pk"),
    "personnel:graduate-link": route(Person, pk="pk"),
    "personnel:slot-confirm": None,  # a slot: not a marked record (POST only), read with its person
    "personnel:month-detail": route(PayrollMonth, pk="pk"),
    "personnel:month-lines": route(PayrollMonth, pk="pk"),
    "personnel:month-reconcile": route(PayrollMonth, pk="pk"),
    "personnel:line-detail": route(PayrollLine, pk="pk"),
    "personnel:override-request": route(PayrollLine, pk="pk"),
    "personnel:override-confirm": route(PayrollLine, pk="pk"),
}

API = {
    "/api/v1/personnel/units/{code}": route(Unit, code="code"),
    "/api/v1/personnel/positions/{position_id}": route(Position, position_id="pk"),
    "/api/v1/personnel/strength/{fiscal_year}": route(FiscalYear, fiscal_year="label"),
    "/api/v1/personnel/persons/{person_id}": route(Person, person_id="pk"),
    "/api/v1/personnel/persons/{person_id}/slots": route(Person, person_id="pk"),
    "/api/v1/personnel/payroll/{month_id}": route(PayrollMonth, month_id="pk"),
    "/api/v1/personnel/payroll/{month_id}/lines": route(PayrollMonth, month_id="pk"),
    "/api/v1/personnel/lines/{line_id}": route(PayrollLine, line_id="pk"),
}

FILTERS = {
    "unit": route(Unit, value="code"),
    "parent": route(Unit, value="code"),
}

# The reports by unit and the strength read every line and slot: read them for the canaries'
# fiscal years too (aggregates must name no unit the reader may not read).
URLS = ("/personnel/strength/?fiscal_year=1395",)
