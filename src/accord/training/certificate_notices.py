"""Telling the people responsible for a trainee of a certificate about to expire: a daily job.

Each day the worker finds the certificates (neither revoked nor re-issued) that expire within one
of the leads of ``ACCORD_CERTIFICATE_NOTICE_DAYS`` (60 and 14 days by default) and tells, once per
certificate and lead (``CertificateNotice``), through the one door of notifications, in each
reader's language, with the link to the certificate: the trainers, the delegation of the holder's
nation and the holder where they are a user, each only if they may read the certificate (it is
personal data: ``access.visible`` decides, as on its page).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.core import selectors as core_selectors
from accord.errors import PermissionDenied
from accord.l10n import format_day
from accord.markings import Role
from accord.notifications.services import notify
from accord.training.models import Certificate, CertificateNotice

KIND = "training.certificate_expiring"
LABEL = gettext_lazy("A certificate expiring")


def leads() -> list[int]:
    """The days before expiry on which readers are told, longest first."""
    days = {int(d) for d in settings.ACCORD_CERTIFICATE_NOTICE_DAYS if int(d) > 0}
    return sorted(days, reverse=True)


def _stage(expires_on: date, day: date, told_at: list[int]) -> int | None:
    """The lead a certificate expiring on ``expires_on`` is within on ``day``: the shortest that
    reaches it (told once; a certificate first seen 10 days ahead is told once, not twice)."""
    remaining = (expires_on - day).days
    reaching = [lead for lead in told_at if remaining <= lead]
    return min(reaching) if reaching else None


def _readers(certificates: list[Certificate]) -> dict[int, list[int]]:
    """Certificate id -> the ids of the users to tell who may read it."""
    nations = {c.nation_id for c in certificates}
    holders = {c.trainee.user_id for c in certificates if c.trainee.user_id}
    ids = core_selectors.user_ids(
        Q(role_grants__role=Role.TRAINER)
        | Q(role_grants__role=Role.DELEGATION, nation_id__in=nations)
        | Q(pk__in=holders)
    )
    pks = [c.pk for c in certificates]
    told: dict[int, list[int]] = {pk: [] for pk in pks}
    for user in get_user_model().objects.filter(pk__in=ids).order_by("pk"):
        for pk in access.visible(Certificate.objects.filter(pk__in=pks), user).values_list(
            "pk", flat=True
        ):
            told[pk].append(user.pk)
    return told


def _compose(certificate: Certificate, language: str, day: date) -> tuple[str, str]:
    with translation.override(language or settings.LANGUAGE_CODE):
        days = (certificate.expires_on - day).days
        expires = format_day(certificate.expires_on)
        subject = _("[Training] Certificate %(code)s expires on %(day)s") % {
            "code": certificate.code,
            "day": expires,
        }
        message = "\n".join(
            [
                ngettext(
                    "The certificate of %(holder)s for %(course)s expires on %(day)s, in %(n)s "
                    "day.",
                    "The certificate of %(holder)s for %(course)s expires on %(day)s, in %(n)s "
                    "days.",
                    days,
                )
                % {
                    "holder": str(certificate.trainee),
                    "course": certificate.course.title,
                    "day": expires,
                    "n": days,
                },
                "",
                _("Nominate the holder for a refresher course, or re-issue it, from its page:")
                + f" /training/certificates/{certificate.code}/",
            ]
        )
    return subject, message + "\n"


@audited("certificate.expiry_notify")
def certificate_expiry_notify(*, actor, day: date | None = None) -> int:
    """Tell the readers of each certificate expiring within a lead they were not told of;
    returns how many certificates were told of. Run daily by the worker; a second run the same
    day tells nothing new."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only the worker or an administrator sends these notices."))
    day = day or timezone.localdate()
    told_at = leads()
    if not told_at:
        return 0
    expiring = list(
        Certificate.objects.filter(
            revoked_on__isnull=True,
            replaced_by__isnull=True,
            expires_on__gte=day,
            expires_on__lte=day + timedelta(days=told_at[0]),
        )
        .select_related("trainee", "course")
        .order_by("expires_on", "pk")
    )
    now = timezone.now()
    fresh = []
    for certificate in expiring:
        lead = _stage(certificate.expires_on, day, told_at)
        if lead is None:
            continue
        try:
            with transaction.atomic():
                CertificateNotice.objects.create(
                    certificate=certificate, lead_days=lead, notified_at=now
                )
        except IntegrityError:
            continue  # told already, on an earlier day or by a run beside this one
        fresh.append(certificate)
    readers = _readers(fresh) if fresh else {}
    for certificate in fresh:
        if not readers[certificate.pk]:
            continue
        notify(
            recipients=readers[certificate.pk],
            kind=KIND,
            record=certificate,
            url=f"/training/certificates/{certificate.code}/",
            compose=lambda language, _zone, certificate=certificate: _compose(
                certificate, language, day
            ),
        )
    if fresh:
        audit_record(
            actor=actor,
            action=audited_action(),
            object_label="training.certificatenotice",
            changes={"certificates": len(fresh)},
        )
    return len(fresh)
