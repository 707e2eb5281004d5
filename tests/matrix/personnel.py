"""Personnel's rows of the access matrices: every page and API operation, every persona.

Units, positions and the payroll month here are PUBLIC, read by everyone signed in. Persons,
payroll lines and roster entries are personal data: read by auditors, administrators and the
hub staff of the person's own nation (afg-budget, Afghan hub staff), 404 for everyone else.
The nation's hub staff (and administrators) enrol, confirm, slot and record attrition; auditors
read but may not (403). Overrides are asked for and confirmed by auditors, administrators and
the nation's hub staff. A unit, position, person or payroll may be created by a holder of a role
that changes some nation's records: hub-staff (the United States') may open the forms, but its
creation of an Afghan record is refused (403).
"""

from datetime import date

from accord.access import system_principal
from accord.budget import selectors as budget
from accord.core.models import Nation
from accord.markings import Role
from accord.personnel import imports, services
from accord.personnel.inputs import PersonValues, PositionValues, UnitValues
from accord.personnel.models import PayrollLine
from tests.matrix import (
    ADMINS,
    EVERYONE,
    api_rule,
    change_rule,
    holding,
    page_change_rule,
    page_rule,
)

READERS = ADMINS | frozenset({"auditor", "afg-budget"})
WRITERS = ADMINS | frozenset({"afg-budget"})
# Who holds a role that creates some nation's records (the forms open; the service decides).
CREATORS = ADMINS | holding(Role.HUB_STAFF)


def personal(ok: int):
    """A write on personal data: ``ok`` for its writers, 403 for auditors (who read it), 404
    for everyone else (who does not)."""
    return change_rule(WRITERS, READERS, ok)


def personal_page(ok: int = 200):
    """A page about personal data (or a button on it): its readers get ``ok``, others 404."""
    return page_rule(READERS, ok=ok, denied=404)


def _person(actor, afg, number, confirm=True):
    person = services.person_create(
        actor=actor,
        values=PersonValues(
            number=number, biometric_id=f"BIO-{number}", given_name="Mx", nation=afg
        ),
    )
    return services.person_confirm(actor=actor, person=person) if confirm else person


def records() -> dict:
    actor = system_principal("matrix")
    afg = Nation.objects.get(iso3="AFG")
    year = budget.fiscal_year_get(actor=actor, label="1395")
    line = budget.budget_line_list(actor=actor, fiscal_year=year).get(code="mod-sal-1395")
    unit = services.unit_create(
        actor=actor,
        values=UnitValues(code="mx-unit", name="Matrix kandak", kind="kandak", nation=afg),
    )
    position = services.position_create(
        actor=actor,
        values=PositionValues(
            unit=unit,
            fiscal_year=year,
            wage_line=line,
            code="mx-pos",
            grade="soldier",
            specialty="Infantry",
            authorised=10,
        ),
    )
    slotted = _person(actor, afg, "MX-1")
    slot = services.slot_request(
        actor=actor, person=slotted, position=position, starts=date(2016, 1, 1)
    )
    services.slot_confirm(actor=actor, slot=slot)
    free = _person(actor, afg, "MX-2")
    pending_slot = services.slot_request(
        actor=actor, person=free, position=position, starts=date(2016, 2, 1)
    )
    pending = _person(actor, afg, "MX-3", confirm=False)
    unslotted = _person(actor, afg, "MX-4")
    month = imports.payroll_import(
        actor=actor,
        nation=afg,
        month=date(2016, 6, 1),
        payroll=imports.Upload(
            "mx.csv",
            b"number,position,amount\nMX-1,mx-pos,100\nMX-GHOST,mx-pos,100\nMX-GHOST-2,mx-pos,100\n",
        ),
        roster=imports.Upload("mx-roster.csv", b"number,days_present\nMX-1,20\n"),
    )
    ghost = PayrollLine.objects.get(month=month, number="MX-GHOST")
    asked = PayrollLine.objects.get(month=month, number="MX-GHOST-2")
    services.override_request(actor=actor, line=asked, reason="Matrix")
    return {
        "mx_position": position.pk,
        "mx_person": slotted.pk,
        "mx_free": free.pk,
        "mx_pending": pending.pk,
        "mx_unslotted": unslotted.pk,
        "mx_slot": pending_slot.pk,
        "mx_month": month.pk,
        "mx_ghost": ghost.pk,
        "mx_asked": asked.pk,
    }


API = {
    ("GET", "/api/v1/personnel/units"): ("/personnel/units", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/personnel/units/{code}"): (
        "/personnel/units/mx-unit",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/personnel/positions"): ("/personnel/positions", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/personnel/positions/{position_id}"): (
        "/personnel/positions/{mx_position}",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("POST", "/api/v1/personnel/positions"): (
        "/personnel/positions",
        {
            "unit": "mx-unit",
            "fiscal_year": "1395",
            "code": "mx-new-pos",
            "grade": "nco",
            "specialty": "Section leader",
            "authorised": 3,
            "wage_line": "mod-sal-1395",
        },
        api_rule(WRITERS, 201),
    ),
    ("GET", "/api/v1/personnel/strength/{fiscal_year}"): (
        "/personnel/strength/1395",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/personnel/persons"): ("/personnel/persons", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/personnel/persons"): (
        "/personnel/persons",
        {"number": "MX-API", "biometric_id": "BIO-MX-API", "given_name": "Api", "nation": "AFG"},
        api_rule(WRITERS, 201),
    ),
    ("GET", "/api/v1/personnel/persons/{person_id}"): (
        "/personnel/persons/{mx_person}",
        None,
        api_rule(READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/personnel/persons/{person_id}/confirm"): (
        "/personnel/persons/{mx_pending}/confirm",
        None,
        personal(200),
    ),
    ("POST", "/api/v1/personnel/persons/{person_id}/advance"): (
        "/personnel/persons/{mx_free}/advance",
        {"stage": "vetted", "expected_version": 2},
        personal(200),
    ),
    ("GET", "/api/v1/personnel/persons/{person_id}/slots"): (
        "/personnel/persons/{mx_person}/slots",
        None,
        api_rule(READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/personnel/persons/{person_id}/slots"): (
        "/personnel/persons/{mx_unslotted}/slots",
        {"position": "mx-pos", "fiscal_year": "1395", "starts": "2016-07-01"},
        personal(201),
    ),
    ("POST", "/api/v1/personnel/slots/{slot_id}/confirm"): (
        "/personnel/slots/{mx_slot}/confirm",
        None,
        personal(200),
    ),
    ("POST", "/api/v1/personnel/persons/{person_id}/attrition"): (
        "/personnel/persons/{mx_person}/attrition",
        {"kind": "wounded", "on": "2016-06-10"},
        personal(201),
    ),
    ("GET", "/api/v1/personnel/payroll"): ("/personnel/payroll", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/personnel/payroll/{month_id}"): (
        "/personnel/payroll/{mx_month}",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("POST", "/api/v1/personnel/payroll/{month_id}/reconcile"): (
        "/personnel/payroll/{mx_month}/reconcile",
        None,
        api_rule(WRITERS, 200),
    ),
    ("GET", "/api/v1/personnel/payroll/{month_id}/lines"): (
        "/personnel/payroll/{mx_month}/lines",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/personnel/lines/{line_id}"): (
        "/personnel/lines/{mx_ghost}",
        None,
        api_rule(READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/personnel/lines/{line_id}/override"): (
        "/personnel/lines/{mx_ghost}/override",
        {"reason": "Matrix override"},
        api_rule(READERS, 201, denied=404),
    ),
    ("POST", "/api/v1/personnel/lines/{line_id}/override/confirm"): (
        "/personnel/lines/{mx_asked}/override/confirm",
        None,
        api_rule(READERS, 200, denied=404),
    ),
}

PAGES = {
    "personnel:units": ("GET", "/personnel/", page_rule(EVERYONE)),
    "personnel:unit-create": ("GET", "/personnel/units/new/", page_rule(CREATORS)),
    "personnel:unit-detail": ("GET", "/personnel/units/mx-unit/", page_rule(EVERYONE)),
    "personnel:positions": ("GET", "/personnel/positions/", page_rule(EVERYONE)),
    "personnel:position-create": ("GET", "/personnel/positions/new/", page_rule(CREATORS)),
    "personnel:position-detail": (
        "GET",
        "/personnel/positions/{mx_position}/",
        page_rule(EVERYONE),
    ),
    "personnel:strength": ("GET", "/personnel/strength/", page_rule(EVERYONE)),
    "personnel:persons": ("GET", "/personnel/persons/", page_rule(EVERYONE)),
    "personnel:person-create": ("GET", "/personnel/persons/new/", page_rule(CREATORS)),
    "personnel:person-detail": ("GET", "/personnel/persons/{mx_person}/", personal_page()),
    # Posted empty: a confirmation runs (or is refused with a message), an incomplete form is
    # sent back to the record with a message; those who cannot read the person find nothing.
    "personnel:person-confirm": (
        "POST",
        "/personnel/persons/{mx_pending}/confirm/",
        personal_page(302),
    ),
    "personnel:graduate-link": (
        "POST",
        "/personnel/persons/{mx_person}/graduate/",
        personal_page(302),
    ),
    "personnel:person-advance": (
        "POST",
        "/personnel/persons/{mx_free}/advance/",
        personal_page(302),
    ),
    "personnel:slot-request": (
        "GET",
        "/personnel/persons/{mx_free}/slot/",
        page_change_rule(WRITERS, READERS),
    ),
    "personnel:attrition-record": (
        "GET",
        "/personnel/persons/{mx_person}/attrition/",
        page_change_rule(WRITERS, READERS),
    ),
    "personnel:slot-confirm": ("POST", "/personnel/slots/{mx_slot}/confirm/", personal_page(302)),
    "personnel:payroll": ("GET", "/personnel/payroll/", page_rule(EVERYONE)),
    "personnel:payroll-import": ("GET", "/personnel/payroll/import/", page_rule(CREATORS)),
    "personnel:month-detail": ("GET", "/personnel/payroll/{mx_month}/", page_rule(EVERYONE)),
    "personnel:month-lines": ("GET", "/personnel/payroll/{mx_month}/lines/", page_rule(EVERYONE)),
    # The month is PUBLIC: everyone reads it; those who may not reconcile it are sent back to
    # it with the refusal as a message.
    "personnel:month-reconcile": (
        "POST",
        "/personnel/payroll/{mx_month}/reconcile/",
        page_rule(EVERYONE, ok=302),
    ),
    "personnel:line-detail": ("GET", "/personnel/lines/{mx_ghost}/", personal_page()),
    "personnel:override-request": (
        "POST",
        "/personnel/lines/{mx_ghost}/override/",
        personal_page(302),
    ),
    "personnel:override-confirm": (
        "POST",
        "/personnel/lines/{mx_asked}/confirm/",
        personal_page(302),
    ),
}
