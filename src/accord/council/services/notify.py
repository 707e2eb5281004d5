"""E-mail to a body's members: circulation, extension, 24-hour reminder, silence broken, adoption.

Mail goes out after the transaction commits (``transaction.on_commit``), so a rolled-back write
never tells anyone anything. Recipients are the signed-up users of the body's member nations
(their delegations) and the secretariat, each with an e-mail address; each message is written in
its recipient's own language (English when the user chose none), whoever's action sent it, with
its times on the recipient's clock, the zone named.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accord.core import selectors as core_selectors
from accord.markings import Role

log = logging.getLogger(__name__)

UTC = ZoneInfo("UTC")


def _clock(zone: str):
    """A recipient's time zone; UTC for a name the zone database does not know."""
    try:
        return ZoneInfo(zone) if zone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def recipients(body, member_ids: list[int]) -> list[tuple[str, str, str]]:
    """The body's members' and the secretariat's addresses, each with its user's language and
    time zone."""
    conditions = [
        Q(role_grants__role=Role.DELEGATION, nation_id__in=member_ids)
        | Q(role_grants__role=Role.SECRETARIAT)
    ]
    if body.marking == "NATO":
        conditions.append(Q(nation__nato_accession__isnull=False) | Q(nation__isnull=True))
    return core_selectors.user_emails(*conditions)


def notify_members(kind: str, *, body, member_ids: list[int], context: dict) -> None:
    """Send the ``council/email/<kind>.txt`` message to the body's members once committed."""
    notify_many(kind, body=body, member_ids=member_ids, contexts=[context])


def compose(kind: str, *, body, context: dict, language: str, zone: str = "UTC") -> tuple[str, str]:
    """The subject and body of one notice, written in ``language`` with times in ``zone`` (the
    recipient's time zone, named beside each time), its first line the subject."""
    with translation.override(language or settings.LANGUAGE_CODE), timezone.override(_clock(zone)):
        text = render_to_string(f"council/email/{kind}.txt", {"body": body, **context})
    subject, _newline, message = text.strip().partition("\n")
    return subject.strip(), message.strip() + "\n"


def notify_many(kind: str, *, body, member_ids: list[int], contexts: list[dict]) -> None:
    """One message per context to the same body's members (recipients looked up once), each
    written once per language its recipients read."""
    to = recipients(body, member_ids)
    if not to:
        return
    messages = []
    for context in contexts:
        written: dict[tuple[str, str], tuple[str, str]] = {}
        for address, language, zone in to:
            if (language, zone) not in written:
                written[language, zone] = compose(
                    kind, body=body, context=context, language=language, zone=zone
                )
            subject, message = written[language, zone]
            messages.append((subject, message, settings.DEFAULT_FROM_EMAIL, [address]))

    def send():
        try:
            send_mass_mail(messages, using="default")
        except Exception:  # the write stands; a mail server being down must not undo it
            log.exception("could not send the %s notice for %s", kind, body)

    transaction.on_commit(send, robust=True)
