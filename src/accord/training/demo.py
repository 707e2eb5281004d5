"""Training's part of the demo: the HMTF phase 1 technicians nominated, graded and certified for
the Mi-17 qualifications through the services, and one counter-narcotics session taking
nominations a month ahead.

The technicians' names are the demo's own (the record gives only their number).
"""

from __future__ import annotations

from datetime import timedelta

from accord.core import selectors as core_selectors
from accord.core.demo import demo_step
from accord.errors import NotFound
from accord.training import services
from accord.training.inputs import SessionValues, TraineeValues
from accord.training.models import Course, Nomination, Session

GIVEN = ("Ahmad", "Mohammad", "Abdul", "Gul", "Wali", "Najib", "Farid", "Hamid", "Rahim", "Zalmai")
FAMILY = (
    "Zadran",
    "Karimi",
    "Noori",
    "Safi",
    "Stanikzai",
    "Popal",
    "Wardak",
    "Amiri",
    "Rahimi",
    "Hotak",
)

OPEN_SESSION = "cnt-open-demo"
# The open session's seats per beneficiary nation (ten seats, Afghanistan's two among them).
OPEN_QUOTAS = {"AFG": 2, "PAK": 2, "KAZ": 2, "KGZ": 1, "TJK": 1, "UZB": 1, "TKM": 1}


@demo_step(order=40)
def hmtf_technicians(actor, now) -> str | None:
    """Phase 1's thirty technicians: nominated, graded and certified (once)."""
    sessions = list(Session.objects.filter(code__startswith="hmtf-p1-").order_by("code"))
    if not sessions or Nomination.objects.filter(session__in=sessions).exists():
        return None
    afg = core_selectors.nation_find(iso3="AFG")
    for n, session in enumerate(sessions):
        session = services.session_update(
            actor=actor,
            session=session,
            values=SessionValues(nominations_open=True),
            expected_version=session.version,
        )
        for i in range(session.capacity):
            k = n * session.capacity + i
            person = TraineeValues(
                given_name=GIVEN[k % 10],
                family_name=FAMILY[(k // 10 + k) % 10],
                date_of_birth=session.starts.replace(year=1980 + k % 12, day=1 + k % 28),
                nation=afg,
                national_id=f"AF-HMTF-{k + 1:03d}",
                rank="Technician",
            )
            nomination = services.nomination_create(
                actor=actor, session=session, person=person, now=now
            )
            services.attendance_record(actor=actor, nomination=nomination, day=session.starts)
            nomination = services.nomination_grade(
                actor=actor, nomination=nomination, grade=72 + (k * 7) % 27
            )
            services.certificate_issue(actor=actor, nomination=nomination, issued_on=session.ends)
        session.refresh_from_db()
        services.session_update(
            actor=actor,
            session=session,
            values=SessionValues(nominations_open=False),
            expected_version=session.version,
        )
    return f"Training: HMTF phase 1, {len(sessions)} courses of ten certified (/training/)"


@demo_step(order=41)
def open_session(actor, now) -> str | None:
    """One counter-narcotics session a month ahead, taking nominations (once)."""
    course = Course.objects.filter(code="cnt-interdiction").first()
    if course is None or Session.objects.filter(code=OPEN_SESSION).exists():
        return None
    starts = (now + timedelta(days=30)).date()
    try:
        venue = core_selectors.site_get(actor=actor, code="tadoc_ankara")
    except NotFound:
        venue = None
    quotas = {core_selectors.nation_find(iso3=c): seats for c, seats in OPEN_QUOTAS.items()}
    services.session_create(
        actor=actor,
        course=course,
        values=SessionValues(
            code=OPEN_SESSION,
            venue=venue,
            starts=starts,
            ends=starts + timedelta(days=11),
            capacity=10,
            instructors="TADOC instructors; UNODC interpretation (Russian, Dari)",
            cost_minor=9_270_000,
            currency="USD",
        ),
        quotas=quotas,
    )
    return (
        f"Training: session {OPEN_SESSION} takes nominations (/training/sessions/{OPEN_SESSION}/)"
    )
