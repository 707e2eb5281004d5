"""Fleet fixtures: an aircraft of the scenario's Mi-17V-5 programme, made fresh per test."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from accord.access import system_principal
from accord.core.models import Nation
from accord.fleet import services
from accord.fleet.inputs import AircraftValues, ComponentValues
from accord.fleet.models import AircraftType
from accord.training import services as training
from accord.training.inputs import SessionValues, TraineeValues
from accord.training.models import Course
from accord.training.selectors import technician_certified

START = date(2012, 11, 1)
_numbers = count(1)


@pytest.fixture
def new_aircraft(db):
    def make(hours="1000", marking="NRC", type_code="mi-17v-5", **values):
        return services.aircraft_create(
            actor=system_principal("tests"),
            values=AircraftValues(
                tail_number=f"T-{next(_numbers):04d}",
                aircraft_type=AircraftType.objects.get(code=type_code),
                operator="aaf",
                tracked_from=START,
                opening_hours=Decimal(hours),
                opening_landings=800,
                marking=marking,
                **values,
            ),
        )

    return make


@pytest.fixture
def new_component(db):
    def make(**values):
        data = {"serial": f"C-{next(_numbers):04d}", "kind": "engine", "model": "TV3-117VM"}
        return services.component_create(
            actor=system_principal("tests"), values=ComponentValues(**{**data, **values})
        )

    return make


def certify(user, qualification: str = "mi17-airframe", *, ends: date | None = None, site=None):
    """Make ``user`` a technician certified for ``qualification`` from ``ends`` (a month ago by
    default), working at ``site`` when given, through training's own services: a session of a
    course that certifies for it, the user nominated, attending, passing and certified."""
    actor = system_principal("tests")
    ends = ends or timezone.localdate() - timedelta(days=30)
    if technician_certified(user, qualification, ends):
        return None  # certified already (the access matrices' records make one)
    course = Course.objects.filter(qualifications__code=qualification).order_by("code").first()
    afg = Nation.objects.get(iso3="AFG")
    session = training.session_create(
        actor=actor,
        course=course,
        values=SessionValues(
            code=f"t-cert-{user.pk}-{qualification}-{next(_numbers)}",
            starts=ends - timedelta(days=10),
            ends=ends,
            capacity=1,
        ),
        quotas={afg: 1},
    )
    nomination = training.nomination_create(
        actor=actor,
        session=session,
        person=TraineeValues(
            given_name=user.username,
            family_name="Technician",
            date_of_birth=date(1985, 3, 1),
            nation=afg,
            national_id=f"T-{user.pk}-{qualification}",
            user=user,
            **({"site": site} if site is not None else {}),
        ),
        new_person=True,
    )
    training.attendance_record(actor=actor, nomination=nomination, day=session.starts)
    nomination = training.nomination_grade(actor=actor, nomination=nomination, grade=90)
    training.certificate_issue(actor=actor, nomination=nomination, issued_on=ends)
    return nomination.trainee


@pytest.fixture
def technicians(django_user_model):
    """``technicians(site, n)``: ``n`` new people working at ``site``, each certified for the
    qualification (the Mi-17V-5's by default) from ``ends``; their trainees."""

    def make(site, n: int = 1, qualification: str = "mi17-airframe", ends: date | None = None):
        people = []
        for _ in range(n):
            user = django_user_model.objects.create_user(f"tech-{next(_numbers)}", password="x")
            people.append(certify(user, qualification, ends=ends, site=site))
        return people

    return make
