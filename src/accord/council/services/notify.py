"""E-mail to a body's members: circulation, extension, 24-hour reminder, silence broken, adoption.

Mail goes out after the transaction commits (``transaction.on_commit``), so a rolled-back write
never tells anyone anything. Recipients are the signed-up users of the body's member nations
(their delegations) and the secretariat, each with an e-mail address.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from accord.core import selectors as core_selectors
from accord.markings import Role

log = logging.getLogger(__name__)


def recipients(body, member_ids: list[int]) -> list[str]:
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


def notify_many(kind: str, *, body, member_ids: list[int], contexts: list[dict]) -> None:
    """One message per context to the same body's members (recipients looked up once)."""
    to = recipients(body, member_ids)
    if not to:
        return
    messages = []
    for context in contexts:
        text = render_to_string(f"council/email/{kind}.txt", {"body": body, **context})
        subject, _, message = text.strip().partition("\n")
        messages += [
            (subject.strip(), message.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [address])
            for address in to
        ]

    def send():
        try:
            send_mass_mail(messages, using="default")
        except Exception:  # the write stands; a mail server being down must not undo it
            log.exception("could not send the %s notice for %s", kind, body)

    transaction.on_commit(send, robust=True)
