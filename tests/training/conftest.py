"""Training fixtures: a programme for Afghanistan and Pakistan, a course certifying for Mi-17
engines, and sessions built per test, so each test's figures follow from its own records."""

from datetime import date

import pytest

from accord.access import system_principal
from accord.core.models import Nation, User
from accord.core.services import user_create
from accord.markings import Role
from accord.training import services
from accord.training.inputs import CourseValues, ProgrammeValues, SessionValues, TraineeValues
from accord.training.models import Qualification

SYSTEM = system_principal("tests")
STARTS, ENDS = date(2031, 4, 1), date(2031, 4, 10)


def nation(iso3: str) -> Nation:
    return Nation.objects.get(iso3=iso3)


def course_make(code="t-course", *, pass_mark=60, validity_months=24, qualification="t-mi17"):
    programme = services.programme_create(
        actor=SYSTEM,
        values=ProgrammeValues(
            code=f"{code}-prog",
            name="Test programme",
            kind="technicians",
            beneficiaries=[nation("AFG"), nation("PAK")],
            donors=[nation("DEU")],
        ),
    )
    qual, _ = Qualification.objects.get_or_create(code=qualification, defaults={"name": "Mi-17"})
    return services.course_create(
        actor=SYSTEM,
        values=CourseValues(
            programme=programme,
            code=code,
            title="Mi-17 engines",
            hours=80,
            pass_mark=pass_mark,
            language="ru",
            interpretation=True,
            qualifications=[qual],
            validity_months=validity_months,
        ),
    )


def session_make(course, code="t-session", *, capacity=10, quotas=None, waitlist_open=True):
    return services.session_create(
        actor=SYSTEM,
        course=course,
        values=SessionValues(
            code=code,
            starts=STARTS,
            ends=ENDS,
            capacity=capacity,
            waitlist_open=waitlist_open,
        ),
        quotas={nation(iso3): seats for iso3, seats in (quotas or {"AFG": 2}).items()},
    )


def person(given, family, born=date(1985, 3, 1), iso3="AFG", *, native="", nid=""):
    return TraineeValues(
        given_name=given,
        family_name=family,
        native_name=native,
        date_of_birth=born,
        nation=nation(iso3),
        national_id=nid,
    )


@pytest.fixture
def afg_delegation(db) -> User:
    """A delegate of Afghanistan, a beneficiary nation (the demo's personas have none)."""
    return user_create(
        actor=SYSTEM,
        username="t-delegation-afg",
        password="t-password-1234",
        roles=[Role.DELEGATION],
        nation=nation("AFG"),
        email="afg@example.org",
        language="fa-af",
    )
