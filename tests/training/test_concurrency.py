"""On PostgreSQL: nominations at once for the last seats; the quota and the capacity hold."""

import threading

import pytest
from django.db import connection, connections

from accord.training import services
from accord.training.choices import NominationStatus
from accord.training.models import Nomination
from tests.training.conftest import SYSTEM, course_make, person, session_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 8


def test_parallel_nominations_never_exceed_the_quota(mission):
    assert connection.vendor == "postgresql"
    session = session_make(course_make("t-race"), code="t-race-s", capacity=10, quotas={"AFG": 3})
    barrier = threading.Barrier(N)
    errors = []

    def nominate(i):
        try:
            barrier.wait()
            services.nomination_create(
                actor=SYSTEM,
                session=session,
                person=person(f"Racer{i}", "Test", nid=f"AF-race-{i}"),
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=nominate, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    statuses = list(Nomination.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(NominationStatus.ACCEPTED) == 3
    assert statuses.count(NominationStatus.WAITLISTED) == N - 3
    session.refresh_from_db()
    assert session.seated == 3
