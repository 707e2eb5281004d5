"""Personnel fixtures: a kandak with positions of fiscal year 1395 paid by the MoD's salary line,
and persons enrolled and confirmed per test, so each test's figures follow from its own records."""

from itertools import count

import pytest

from accord.access import system_principal
from accord.budget import selectors as budget_selectors
from accord.core.models import Nation, Site, User
from accord.core.services import user_create
from accord.markings import Role
from accord.personnel import services
from accord.personnel.inputs import PersonValues, PositionValues, UnitValues

SYSTEM = system_principal("tests")
_numbers = count(1)


def afg() -> Nation:
    return Nation.objects.get(iso3="AFG")


def year(label="1395"):
    return budget_selectors.fiscal_year_get(actor=SYSTEM, label=label)


def wage_line(code="mod-sal-1395"):
    return budget_selectors.budget_line_list(actor=SYSTEM).get(code=code)


def unit_make(code=None, **values):
    data = {"name": "Test kandak", "kind": "kandak", "nation": afg(), **values}
    return services.unit_create(
        actor=SYSTEM, values=UnitValues(code=code or f"t-unit-{next(_numbers)}", **data)
    )


def position_make(unit, code=None, authorised=3, **values):
    data = {
        "unit": unit,
        "fiscal_year": year(),
        "code": code or f"t-pos-{next(_numbers)}",
        "grade": "soldier",
        "specialty": "Infantry",
        "authorised": authorised,
        "wage_line": wage_line(),
        **values,
    }
    return services.position_create(actor=SYSTEM, values=PositionValues(**data))


def person_make(number=None, biometric=None, confirm=True, actor=SYSTEM, **values):
    n = next(_numbers)
    person = services.person_create(
        actor=actor,
        values=PersonValues(
            number=number or f"T-{n:05d}",
            biometric_id=biometric or f"BIO-{n:05d}",
            given_name="Test",
            family_name=f"Soldier {n}",
            nation=afg(),
            **values,
        ),
    )
    if confirm:
        person = services.person_confirm(actor=SYSTEM, person=person)
    return person


def slot_make(person, position, starts):
    slot = services.slot_request(actor=SYSTEM, person=person, position=position, starts=starts)
    return services.slot_confirm(actor=SYSTEM, slot=slot)


def user_make(username, role, nation="AFG"):
    site = Site.objects.get(code="rs_hq_kabul") if role == Role.HUB_STAFF else None
    return user_create(
        actor=SYSTEM,
        username=username,
        password="a-long-enough-password-1",
        roles=[role],
        nation=Nation.objects.get(iso3=nation) if nation else None,
        site=site,
    )


@pytest.fixture
def hub_officers(db):
    """Two Afghan hub staff: one asks, the other confirms."""
    return user_make("t-hub-1", Role.HUB_STAFF), user_make("t-hub-2", Role.HUB_STAFF)


@pytest.fixture
def kandak(db):
    return unit_make()


__all__ = ["User"]
