"""Certificates: issued on passing, revoked, re-issued (a replacement, or a renewal from today)."""

from __future__ import annotations

import secrets
from datetime import date

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import (
    audit_record,
    audited,
    audited_action,
    field_changes,
    snapshot,
)
from accord.core.services import record_create
from accord.errors import Code, Conflict, PermissionDenied
from accord.markings import Marking
from accord.training.choices import NominationStatus
from accord.training.engine.validity import expiry
from accord.training.models import Certificate, Nomination

# Without letters that read alike (0/O, 1/I): read aloud or typed from a paper certificate.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    """A certificate's public code: 10 random characters (about 50 bits), so that codes
    cannot be guessed one from another."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"TRN-{body[:5]}-{body[5:]}"


def _require_issuer(actor, obj) -> None:
    access.require_view(actor, obj)
    if not access.may(actor, "issue", Certificate):
        raise PermissionDenied(_("Trainers issue, revoke and re-issue certificates."))


def _create(actor, nomination: Nomination, *, issued_on: date, expires_on, replaces=None):
    return record_create(
        actor=actor,
        model=Certificate,
        data={
            "code": new_code(),
            "nomination": nomination,
            "trainee": nomination.trainee,
            "course": nomination.session.course,
            "nation": nomination.nation,
            "issued_on": issued_on,
            "expires_on": expires_on,
            "replaces": replaces,
            "marking": Marking.NATIONAL,
            "owner_nation": nomination.nation,
        },
        action=audited_action(),
    )


@audited("certificate.issue")
def certificate_issue(*, actor, nomination: Nomination, issued_on: date | None = None):
    """Issue the certificate of a nominee who passed: valid for the course's months from the
    day of issue (or without end when the course sets none)."""
    _require_issuer(actor, nomination)
    if nomination.status != NominationStatus.PASSED:
        raise Conflict(
            _("%(trainee)s has not passed %(session)s: no certificate is issued.")
            % {"trainee": nomination.trainee, "session": nomination.session.code},
            code=Code.CERTIFICATE_NOT_PASSED,
        )
    live = nomination.certificates.filter(revoked_on__isnull=True)
    if live.exists():
        raise Conflict(
            _("A certificate for this nomination is valid already (%(code)s): re-issue it.")
            % {"code": live.first().code},
            code=Code.DUPLICATE,
        )
    issued_on = issued_on or timezone.localdate()
    months = nomination.session.course.validity_months
    return _create(actor, nomination, issued_on=issued_on, expires_on=expiry(issued_on, months))


def _end(actor, certificate: Certificate, *, on: date, reason: str) -> Certificate:
    before = snapshot(certificate)
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_on__isnull=True).update(
        revoked_on=on, revocation_reason=reason, version=F("version") + 1
    )
    if not updated:
        raise Conflict(
            _("%(code)s is revoked or replaced already.") % {"code": certificate.code},
            code=Code.CERTIFICATE_REVOKED,
        )
    certificate.refresh_from_db()
    changes = field_changes(before, snapshot(certificate))
    audit_record(actor=actor, action=audited_action(), obj=certificate, changes=changes)
    return certificate


@audited("certificate.revoke")
def certificate_revoke(*, actor, certificate: Certificate, reason: str, on: date | None = None):
    """Withdraw a certificate from today (or ``on``): verification then says it is revoked."""
    _require_issuer(actor, certificate)
    # A certificate dated ahead (issued at a session's end) ends no earlier than its issue.
    on = max(on or timezone.localdate(), certificate.issued_on)
    return _end(actor, certificate, on=on, reason=reason)


@audited("certificate.reissue")
def certificate_reissue(*, actor, certificate: Certificate, renew: bool = False):
    """Replace a certificate with a new one under a new code (a lost or corrected paper): the
    old one ends today. ``renew`` restarts the validity from today (recertification);
    otherwise the new one expires when the old one did."""
    _require_issuer(actor, certificate)
    today = max(timezone.localdate(), certificate.issued_on)
    _end(actor, certificate, on=today, reason=_("Replaced by a re-issued certificate."))
    months = certificate.course.validity_months
    expires_on = expiry(today, months) if renew else certificate.expires_on
    if expires_on is not None and expires_on < today:
        expires_on = today
    return _create(
        actor, certificate.nomination, issued_on=today, expires_on=expires_on, replaces=certificate
    )
