"""The one door through which Accord tells people things: ``notify``.

An app that raises an event (a circulation, a broken silence, a due maintenance item) names its
recipients and a ``compose(language, zone)`` that writes the subject and message in a language
on a clock; ``notify`` writes each recipient's notification in their language and, per their
preference for that kind, shows it in their inbox, e-mails it once the write commits, or keeps
it for their daily digest. Callers choose recipients among the record's readers; the inbox
re-checks that they still may read it each time it shows the notification.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.core import selectors as core_selectors
from accord.errors import PermissionDenied, ValidationFailed
from accord.notifications import kinds, selectors
from accord.notifications.choices import EmailChoice
from accord.notifications.models import Notification, Preference

log = logging.getLogger(__name__)

Compose = Callable[[str, str], tuple[str, str]]  # compose(language, zone) -> (subject, message)


def _send(messages: list[tuple], what: str) -> None:
    def send():
        try:
            send_mass_mail(messages, using="default")
        except Exception:  # the write stands; a mail server being down must not undo it
            log.exception("could not send the %s e-mails", what)

    if messages:
        transaction.on_commit(send, robust=True)


def notify_gathered(
    *,
    recipients: Iterable[int],
    kind: str,
    key: str,
    compose: Compose,
    record: models.Model | None = None,
    url: str = "",
    now: datetime | None = None,
) -> int:
    """Tell these users of many events of ``kind`` at once, in one notice each under ``key``;
    returns how many were told. Call inside the service's transaction.

    For work that tells of many things in one run (close-due adopting thousands of texts): a
    notice already written under ``key`` is rewritten (``compose`` then tells of everything so
    far), so each recipient has one, however many batches the run takes. Nothing is e-mailed
    here: "at once" puts the notice in the outbox, which the worker sends (``outbox_send``),
    one message per recipient per run; "in the daily digest" keeps it for the digest.
    """
    told = _told(recipients, kind)
    if not told:
        return 0
    now = now or timezone.now()
    text_in = _texts(compose)
    already = set(
        Notification.objects.filter(
            gather_key=key, user_id__in=[t.user_id for t in told]
        ).values_list("user_id", flat=True)
    )
    by_text: dict[tuple[str, str, bool, str], list[int]] = {}
    for t in told:
        by_text.setdefault((t.language, t.zone, t.in_app, t.by_email), []).append(t.user_id)
    rows = []
    for (language, zone, in_app, by_email), user_ids in by_text.items():
        subject, message = text_in(language, zone)
        fields = {
            "subject": subject[:300],
            "body": message,
            "record_type": record._meta.label_lower if record is not None else "",
            "record_id": record.pk if record is not None else None,
            "url": url,
            "created_at": now,
            "read_at": None,
            "in_app": in_app,
            "digest_pending": by_email == EmailChoice.DIGEST,
            "email_pending": by_email == EmailChoice.AT_ONCE,
        }
        # One UPDATE per language, clock and choice for those told earlier in the run.
        Notification.objects.filter(gather_key=key, user_id__in=already & set(user_ids)).update(
            **fields
        )
        rows += [
            Notification(
                user_id=user_id,
                kind=kind,
                gather_key=key,
                **fields,
            )
            for user_id in user_ids
            if user_id not in already
        ]
    Notification.objects.bulk_create(rows)
    return sum(len(ids) for ids in by_text.values())


class _Told(NamedTuple):
    """A recipient to be told, and how they chose to be."""

    user_id: int
    address: str
    language: str
    zone: str
    in_app: bool
    by_email: str


def _told(recipients: Iterable[int], kind: str) -> list[_Told]:
    """The recipients who are told of ``kind`` somehow (in the app or by e-mail), each with their
    choice for it (the default: in the app and by e-mail at once; no address, no e-mail)."""
    if not kinds.known(kind):
        raise ValueError(f"no app registered the notification kind {kind!r}")
    users = core_selectors.users_to_notify(set(recipients))
    if not users:
        return []
    chosen = {
        user_id: (in_app, email)
        for user_id, in_app, email in Preference.objects.filter(
            user_id__in=[u[0] for u in users], kind=kind
        ).values_list("user_id", "in_app", "email")
    }
    told = []
    for user_id, address, language, zone in users:
        in_app, by_email = chosen.get(user_id, (True, EmailChoice.AT_ONCE))
        if not address:
            by_email = EmailChoice.NEVER
        if in_app or by_email != EmailChoice.NEVER:
            told.append(_Told(user_id, address, language, zone, in_app, by_email))
    return told


def _texts(compose: Compose) -> Callable[[str, str], tuple[str, str]]:
    """``compose`` once per language and clock: the subject and message in them."""
    written: dict[tuple[str, str], tuple[str, str]] = {}

    def text_in(language: str, zone: str) -> tuple[str, str]:
        if (language, zone) not in written:
            written[language, zone] = compose(language or settings.LANGUAGE_CODE, zone or "UTC")
        return written[language, zone]

    return text_in


def notify(
    *,
    recipients: Iterable[int],
    kind: str,
    compose: Compose,
    record: models.Model | None = None,
    url: str = "",
    now: datetime | None = None,
) -> int:
    """Tell these users (ids) of one event of ``kind``, each as they chose; returns how many
    were told. Call inside the service's transaction: nothing goes out if it rolls back."""
    told = _told(recipients, kind)
    now = now or timezone.now()
    text_in = _texts(compose)
    rows, mails = [], []
    for user_id, address, language, zone, in_app, by_email in told:
        subject, message = text_in(language, zone)
        digest = by_email == EmailChoice.DIGEST
        if in_app or digest:
            rows.append(
                Notification(
                    user_id=user_id,
                    kind=kind,
                    subject=subject[:300],
                    body=message,
                    record_type=record._meta.label_lower if record is not None else "",
                    record_id=record.pk if record is not None else None,
                    url=url,
                    created_at=now,
                    in_app=in_app,
                    digest_pending=digest,
                )
            )
        if by_email == EmailChoice.AT_ONCE:
            mails.append((subject, message, settings.DEFAULT_FROM_EMAIL, [address]))
    Notification.objects.bulk_create(rows)
    _send(mails, kind)
    return len(told)


def _own(actor) -> int:
    user_id = access.principal_of(actor).user_id
    if user_id is None:
        raise PermissionDenied(_("Sign in to read your notifications."))
    return user_id


@audited("notification.read")
def notification_read(*, actor, pk: int, now: datetime | None = None) -> Notification:
    """Mark one of the acting user's notifications read."""
    _own(actor)
    notification = selectors.notification_get(actor, pk)
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        audit_record(
            actor=actor,
            action=audited_action(),
            object_label="notifications.notification",
            changes={"notification": notification.pk, "kind": notification.kind},
        )
    return notification


@audited("notification.read_all")
def notifications_read_all(*, actor, now: datetime | None = None) -> int:
    """Mark every unread notification of the acting user read; returns how many."""
    user_id = _own(actor)
    count = Notification.objects.filter(user_id=user_id, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        object_label="notifications.notification",
        changes={"read": count},
    )
    return count


@audited("notification.preferences")
def notification_preferences_set(*, actor, choices: dict[str, tuple[bool, str]]) -> None:
    """The acting user's choices, by kind: in the inbox or not, and by e-mail at once, in the
    daily digest or never. Kinds not named keep their choice."""
    user_id = _own(actor)
    for kind, (_in_app, email) in choices.items():
        if not kinds.known(kind) or email not in EmailChoice.values:
            raise ValidationFailed(
                _("Choose, for each kind of notification, one of the ways offered."),
                errors={kind: []},
            )
    before = selectors.preferences_of(user_id)
    changes = {}
    for kind, (in_app, email) in choices.items():
        old = before.get(kind, (True, EmailChoice.AT_ONCE))
        if old == (bool(in_app), email):
            continue
        Preference.objects.update_or_create(
            user_id=user_id, kind=kind, defaults={"in_app": bool(in_app), "email": email}
        )
        changes[kind] = [list(old), [bool(in_app), email]]
    if changes:
        audit_record(
            actor=actor,
            action=audited_action(),
            object_label="notifications.preference",
            changes=changes,
        )


@audited("notification.digest")
def digests_send(*, actor, now: datetime | None = None) -> int:
    """E-mail each user one message of the notifications kept for their digest; returns how
    many users got one. Each notification goes into one digest, however many runs overlap."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only the worker or an administrator sends the digests."))
    pending: dict[int, list[int]] = {}
    for user_id, pk in Notification.objects.filter(digest_pending=True).values_list(
        "user_id", "pk"
    ):
        pending.setdefault(user_id, []).append(pk)
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=list(pending))}
    mails = []
    for user_id, ids in sorted(pending.items()):
        user = users.get(user_id)
        # The conditional UPDATE claims the rows: a concurrent run finds none left.
        claimed = list(
            Notification.objects.select_for_update(skip_locked=True).filter(
                pk__in=ids, digest_pending=True
            )
        )
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(digest_pending=False)
        if not claimed or user is None or not user.is_active or not user.email:
            continue
        rows = selectors.shown(user, sorted(claimed, key=lambda n: (n.created_at, n.pk)))
        with translation.override(user.language or settings.LANGUAGE_CODE):
            text = render_to_string("notifications/email/digest.txt", {"rows": rows})
        subject, _newline, message = text.strip().partition("\n")
        mails.append(
            (subject.strip(), message.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])
        )
    if mails:
        audit_record(
            actor=actor,
            action=audited_action(),
            object_label="notifications.notification",
            changes={"digests": len(mails)},
        )
    _send(mails, "digest")
    return len(mails)


@audited("notification.outbox")
def outbox_send(*, actor) -> int:
    """E-mail each user what waits for them in the outbox, in one message per user (the notice
    itself when there is one, else a list of them); returns how many messages went.

    The rows are claimed and the messages sent in one transaction: a concurrent run skips the
    claimed rows, and a mail server that refuses leaves them in the outbox for the next run (the
    task fails with the reason), so nothing is lost and nothing is marked sent that was not."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only the worker or an administrator sends the outbox."))
    with transaction.atomic():
        waiting = Notification.objects.filter(email_pending=True).order_by(
            "user_id", "created_at", "pk"
        )
        if connection.vendor == "postgresql":
            waiting = waiting.select_for_update(skip_locked=True)
        claimed: dict[int, list[Notification]] = {}
        for notification in waiting:
            claimed.setdefault(notification.user_id, []).append(notification)
        if not claimed:
            return 0
        Notification.objects.filter(
            pk__in=[n.pk for rows in claimed.values() for n in rows], email_pending=True
        ).update(email_pending=False)
        users = get_user_model().objects.filter(pk__in=list(claimed), is_active=True)
        mails = [_outbox_message(user, claimed[user.pk]) for user in users if user.email]
        if mails:
            audit_record(
                actor=actor,
                action=audited_action(),
                object_label="notifications.notification",
                changes={"emails": len(mails), "notices": sum(map(len, claimed.values()))},
            )
            # Raises on a refusing mail server: the claims roll back and wait for the next run.
            send_mass_mail(mails, fail_silently=False)
    return len(mails)


def _outbox_message(user, notifications: list[Notification]) -> tuple:
    """One user's message of what waits in the outbox, in their language: the notice itself,
    or a list of the notices with their messages. What they may no longer read shows its kind."""
    rows = selectors.shown(user, notifications)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        if len(rows) == 1 and rows[0].subject:
            subject, message = rows[0].subject, rows[0].body
        else:
            text = render_to_string("notifications/email/outbox.txt", {"rows": rows})
            subject, _newline, message = text.strip().partition("\n")
    return (subject.strip(), message.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])
