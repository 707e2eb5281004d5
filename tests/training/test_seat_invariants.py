"""Seats under any sequence of nominations and withdrawals: never beyond the capacity or a
nation's quota, the counts always what the nominations say, and no one left waiting while
their nation has a free seat."""

import itertools

import pytest
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import Conflict
from accord.training import services
from accord.training.choices import SEATED, NominationStatus
from accord.training.models import Nomination, SeatQuota
from tests.training.conftest import SYSTEM, course_make, person, session_make

pytestmark = pytest.mark.django_db

_serial = itertools.count()

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("nominate"), st.sampled_from(["AFG", "PAK"])),
        st.tuples(st.just("withdraw"), st.integers(0, 30)),
    ),
    max_size=25,
)


def _check(session):
    session.refresh_from_db()
    seated = Nomination.objects.filter(session=session, status__in=SEATED)
    assert session.seated == seated.count() <= session.capacity
    per_nation = dict(seated.values_list("nation__iso3").annotate(n=Count("pk")))
    for quota in SeatQuota.objects.filter(session=session).select_related("nation"):
        assert quota.seated == per_nation.get(quota.nation.iso3, 0) <= quota.seats
        waiting = Nomination.objects.filter(
            session=session, nation=quota.nation, status=NominationStatus.WAITLISTED
        )
        if waiting.exists():  # they wait only when there is no seat for them
            assert quota.seated == quota.seats or session.seated == session.capacity


def _quota_full(session, iso3: str) -> bool:
    quota = SeatQuota.objects.get(session=session, nation__iso3=iso3)
    return quota.seated >= quota.seats


@pytest.fixture
def course(db):
    # Once per test, shared by its examples: each example makes a session of its own.
    return course_make("t-inv-course")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS, capacity=st.integers(1, 5), waitlist_open=st.booleans())
def test_seats_hold_under_any_sequence(course, ops, capacity, waitlist_open):
    n = next(_serial)
    session = session_make(
        course,
        code=f"t-inv-{n}",
        capacity=capacity,
        quotas={"AFG": 2, "PAK": 3},
        waitlist_open=waitlist_open,
    )
    made = []
    for i, (op, arg) in enumerate(ops):
        if op == "nominate":
            nominee = person(f"N{n}x{i}", "Test", iso3=arg, nid=f"{arg}-{n}-{i}")
            session.refresh_from_db()
            full = session.seated >= capacity or _quota_full(session, arg)
            if full and not waitlist_open:
                with pytest.raises(Conflict, match="waitlist is closed"):
                    services.nomination_create(actor=SYSTEM, session=session, person=nominee)
            else:
                made.append(
                    services.nomination_create(actor=SYSTEM, session=session, person=nominee)
                )
        elif made:
            nomination = Nomination.objects.get(pk=made[arg % len(made)].pk)
            if nomination.status in (NominationStatus.ACCEPTED, NominationStatus.WAITLISTED):
                services.nomination_withdraw(
                    actor=SYSTEM, nomination=nomination, expected_version=nomination.version
                )
        _check(session)
