"""Council fixtures: a NATO-only consultation, an NRC one, a small body, e-mail addresses."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accord.access import system_principal
from accord.core.models import Nation, User
from accord.core.services import record_create
from accord.council.models import Body, LegalBasis
from accord.council.services import (
    body_members_sync,
    consultation_circulate,
    consultation_create,
)

SYSTEM = system_principal("council tests")


@pytest.fixture
def emails(db):
    """Give every persona an e-mail address, so that notices have somewhere to go."""
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.org")


@pytest.fixture
def nrc(db):
    return Body.objects.get(code="nrc")


@pytest.fixture
def nac(db):
    return Body.objects.get(code="nac")


@pytest.fixture
def small_body(db):
    """A committee of three: the United States, Russia and Turkey (Germany is not a member)."""
    body = Body.objects.create(
        code="small_committee",
        name="Small committee",
        level="committee",
        number_prefix="SC",
        marking="NRC",
    )
    members = {Nation.objects.get(iso3=c): None for c in ("USA", "RUS", "TUR")}
    body_members_sync(actor=SYSTEM, body=body, members=members)
    return body


@pytest.fixture
def draft(nrc, persona):
    def make(body=None, title="Statement on counter-narcotics training", now=None):
        return consultation_create(
            actor=persona("secretariat"),
            body=body or nrc,
            title=title,
            text="The Council welcomes the training of counter-narcotics officers.",
            now=now,
        )

    return make


@pytest.fixture
def circulating(draft, persona):
    def make(body=None, hours=48, now=None):
        now = now or timezone.now()
        consultation = draft(body=body, now=now)
        consultation_circulate(
            actor=persona("secretariat"),
            consultation=consultation,
            deadline=now + timedelta(hours=hours),
            now=now,
        )
        consultation.refresh_from_db()
        return consultation

    return make


def legal_basis_make(code: str, *, in_force: date, revoked: date | None = None, **scope):
    """A public legal basis of the test's own, in force from ``in_force`` (to ``revoked``), its
    scope in ``scope`` (activity_kinds, territories, cargo_classes: empty means any)."""
    return record_create(
        actor=SYSTEM,
        model=LegalBasis,
        data={
            "code": code,
            "title": f"Agreement {code}",
            "kind": "transit",
            "in_force": in_force,
            "revoked": revoked,
            "marking": "PUBLIC",
            **scope,
        },
        action="legal_basis.create",
    )
