"""The pipeline through its services: allowed, refused with nothing changed, and audited."""

from datetime import date

import pytest
from django.core import mail

from accord.audit.models import AuditEntry
from accord.errors import AccordError, Code
from accord.training import selectors, services
from accord.training.choices import MatchState, NominationStatus
from accord.training.models import Nomination, Notice, Session, Trainee
from tests.training.conftest import ENDS, STARTS, SYSTEM, course_make, person, session_make

pytestmark = pytest.mark.django_db


def refused(code: Code, service, **kwargs):
    """Run a service expecting a refusal with ``code``; return the audit entry it left."""
    before = AuditEntry.objects.count()
    with pytest.raises(AccordError) as caught:
        service(**kwargs)
    assert caught.value.code == code, caught.value.detail
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.outcome, entry.error_code) == ("refused", code)
    return entry


def test_quota_waitlist_withdrawal_promotion_grades_and_certificates(
    afg_delegation, persona, django_capture_on_commit_callbacks
):
    """The issue's journey in services: three nominees for two Afghan seats, the third waits; a
    withdrawal seats them and tells them; attendance, grades, certificates."""
    course = course_make()
    session = session_make(course, quotas={"AFG": 2, "PAK": 2})
    officers = [person("Ahmad", "Shah"), person("Gul Agha", "Zadran"), person("Wali", "Noori")]
    first, second, third = (
        services.nomination_create(actor=afg_delegation, session=session, person=p)
        for p in officers
    )
    assert [n.status for n in (first, second, third)] == ["accepted", "accepted", "waitlisted"]
    session.refresh_from_db()
    assert session.seated == 2
    assert selectors.session_waiting(actor=afg_delegation, session=session) == 1

    # The third has a user, with an address: they are e-mailed in their own language.
    trainee = third.trainee
    trainee.user = persona("afg-technician")
    trainee.user.email = "gul@example.org"
    trainee.user.save()
    trainee.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_withdraw(
            actor=afg_delegation, nomination=first, expected_version=first.version
        )
    third.refresh_from_db()
    assert third.status == NominationStatus.ACCEPTED
    assert [m.to for m in mail.outbox] == [["gul@example.org"]]
    assert "t-session" in mail.outbox[0].subject
    assert mail.outbox[0].subject != "A seat is yours in t-session"  # written in Pashto

    # Attendance within the dates; grades against the pass mark of 60.
    services.attendance_record(actor=persona("trainer"), nomination=second, day=STARTS)
    refused(
        Code.ATTENDANCE_OUTSIDE_DATES,
        services.attendance_record,
        actor=persona("trainer"),
        nomination=second,
        day=date(2031, 5, 1),
    )
    refused(
        Code.GRADE_OUT_OF_RANGE,
        services.nomination_grade,
        actor=persona("trainer"),
        nomination=second,
        grade=101,
    )
    second = services.nomination_grade(actor=persona("trainer"), nomination=second, grade=75)
    third = services.nomination_grade(actor=persona("trainer"), nomination=third, grade=59)
    assert (second.status, third.status) == ("passed", "failed")

    refused(
        Code.CERTIFICATE_NOT_PASSED,
        services.certificate_issue,
        actor=persona("trainer"),
        nomination=third,
    )
    cert = services.certificate_issue(
        actor=persona("trainer"), nomination=second, issued_on=date(2031, 4, 10)
    )
    assert cert.expires_on == date(2033, 4, 10)
    assert selectors.certified(second.trainee, "t-mi17", date(2032, 1, 1))
    assert not selectors.certified(second.trainee, "t-mi17", date(2033, 4, 11))
    assert not selectors.certified(third.trainee, "t-mi17", date(2032, 1, 1))

    shown = selectors.certificate_verify(code=cert.code.lower(), today=date(2032, 1, 1))
    assert (shown.initials, shown.valid_today, shown.revoked) == ("G.Z.", True, False)

    new = services.certificate_reissue(actor=persona("trainer"), certificate=cert)
    assert new.replaces == cert
    assert new.expires_on == cert.expires_on
    refused(
        Code.CERTIFICATE_REVOKED,
        services.certificate_revoke,
        actor=persona("trainer"),
        certificate=cert,
        reason="again",
    )
    services.certificate_revoke(actor=persona("trainer"), certificate=new, reason="Misconduct")
    assert not selectors.certified(second.trainee, "t-mi17", date(2040, 1, 1))
    actions = set(AuditEntry.objects.filter(outcome="done").values_list("action", flat=True))
    assert {
        "nomination.create",
        "nomination.withdraw",
        "attendance.record",
        "nomination.grade",
        "certificate.issue",
        "certificate.reissue",
        "certificate.revoke",
    } <= actions


def test_a_promoted_nominee_without_a_user_gets_a_notice(afg_delegation):
    session = session_make(course_make(), quotas={"AFG": 1})
    first = services.nomination_create(
        actor=afg_delegation, session=session, person=person("Ahmad", "Shah")
    )
    waiting = services.nomination_create(
        actor=afg_delegation, session=session, person=person("Wali", "Noori")
    )
    services.nomination_withdraw(actor=afg_delegation, nomination=first, expected_version=1)
    assert list(Notice.objects.filter(nomination=waiting).values_list("kind", flat=True)) == [
        "promoted"
    ]


def test_nominations_refused_with_their_codes_and_nothing_changed(afg_delegation, persona):
    course = course_make()
    session = session_make(course, quotas={"AFG": 1}, waitlist_open=False)
    refused(
        Code.NOT_OWN_NATIONAL,
        services.nomination_create,
        actor=afg_delegation,
        session=session,
        person=person("Imran", "Khan", iso3="PAK"),
    )
    refused(
        Code.NOT_A_BENEFICIARY,
        services.nomination_create,
        actor=persona("trainer"),
        session=session,
        person=person("Ivan", "Petrov", iso3="RUS"),
    )
    refused(
        Code.PERMISSION_DENIED,
        services.nomination_create,
        actor=persona("spoke-north"),
        session=session,
        person=person("Ahmad", "Shah"),
    )
    services.nomination_create(
        actor=afg_delegation, session=session, person=person("Ahmad", "Shah", nid="AF-1")
    )
    refused(
        Code.SESSION_FULL,
        services.nomination_create,
        actor=afg_delegation,
        session=session,
        person=person("Wali", "Noori"),
    )
    refused(
        Code.ALREADY_NOMINATED,
        services.nomination_create,
        actor=afg_delegation,
        session=session,
        person=person("Ahmad", "Shah", nid="AF-1"),
    )
    Session.objects.filter(pk=session.pk).update(nominations_open=False)
    session.refresh_from_db()
    refused(
        Code.NOMINATIONS_CLOSED,
        services.nomination_create,
        actor=afg_delegation,
        session=session,
        person=person("Wali", "Noori"),
    )
    assert Nomination.objects.filter(session=session).count() == 1
    assert Trainee.objects.filter(family_name="Noori").count() == 0
    session.refresh_from_db()
    assert session.seated == 1


def test_a_known_person_is_matched_not_duplicated(afg_delegation, persona):
    """Written in Dari, then in Russian, then in Latin: one person. The national identifier
    settles it at once; without one a trainer confirms the suggestion."""
    course = course_make()
    one, two, three = (session_make(course, code=f"t-s{i}") for i in range(3))
    born = date(1984, 7, 1)
    dari = person("محمد", "کریم", born, native="محمد کریم", nid="AF-123 456")
    first = services.nomination_create(actor=afg_delegation, session=one, person=dari)
    same_id = person("Мухаммад", "Карим", born, nid="af123456")
    again = services.nomination_create(actor=afg_delegation, session=two, person=same_id)
    assert again.trainee == first.trainee

    # Same name and birthday, no identifier: suggested, never silently taken or duplicated.
    latin = person("Mohammad", "Karim", born)
    refused(
        Code.DUPLICATE_UNCONFIRMED,
        services.nomination_create,
        actor=afg_delegation,
        session=three,
        person=latin,
    )
    pending = services.nomination_create(
        actor=afg_delegation, session=three, person=latin, new_person=True
    )
    suggested = pending.trainee
    assert (suggested.match_state, suggested.matched) == (MatchState.SUGGESTED, first.trainee)
    refused(
        Code.PERMISSION_DENIED,
        services.trainee_match_confirm,
        actor=afg_delegation,
        trainee=suggested,
    )
    services.trainee_match_confirm(actor=persona("trainer"), trainee=suggested)
    pending.refresh_from_db()
    assert pending.trainee == first.trainee
    refused(
        Code.NO_MATCH_SUGGESTED,
        services.trainee_match_reject,
        actor=persona("trainer"),
        trainee=Trainee.objects.get(pk=suggested.pk),
    )


def test_personal_data_is_read_by_trainers_secretariat_and_own_delegation_only(
    afg_delegation, persona
):
    session = session_make(course_make())
    nomination = services.nomination_create(
        actor=afg_delegation, session=session, person=person("Ahmad", "Shah")
    )
    readers = {
        name: selectors.trainee_list(actor=persona(name)).filter(pk=nomination.trainee_id).exists()
        for name in ("trainer", "secretariat", "delegation-usa", "afg-budget", "spoke-north")
    }
    assert readers == {
        "trainer": True,
        "secretariat": True,
        "delegation-usa": False,
        "afg-budget": False,
        "spoke-north": False,
    }
    assert selectors.nomination_list(actor=afg_delegation).filter(pk=nomination.pk).exists()
    assert not selectors.nomination_list(actor=persona("afg-technician")).exists()


def test_certified_people_by_qualification_day_and_site(afg_delegation, persona):
    session = session_make(course_make())
    nomination = services.nomination_create(
        actor=afg_delegation, session=session, person=person("Ahmad", "Shah")
    )
    trainer = persona("trainer")
    services.nomination_grade(actor=trainer, nomination=nomination, grade=90)
    services.certificate_issue(actor=trainer, nomination=nomination, issued_on=ENDS)
    on = date(2032, 1, 1)
    assert list(selectors.certified_people("t-mi17", on, actor=trainer)) == [nomination.trainee]
    assert not selectors.certified_people("t-mi17", date(2031, 1, 1), actor=trainer).exists()
    assert not selectors.certified_people("t-mi17", on, actor=persona("spoke-north")).exists()
    assert not selectors.certified_people("other", on, actor=trainer).exists()
    assert selectors.certified(SYSTEM, "t-mi17", on) is False  # no trainee behind it
