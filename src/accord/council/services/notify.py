"""Telling a body's members: circulation, extension, 24-hour reminder, silence broken, adoption.

Through the one door, ``accord.notifications.services.notify``: each member's inbox, an
e-mail after the transaction commits, or their daily digest, as each chose for that kind, so
a rolled-back write never tells anyone anything. A run of close-due tells each member once of
all it adopted (``notify_run``), its e-mails left in the outbox for the worker. Recipients
are the signed-up users of the body's member nations (their delegations) and the
secretariat; each message is written in its recipient's own language (English when the user
chose none), whoever's action sent it, with its times on the recipient's clock, the zone named.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accord.core import selectors as core_selectors
from accord.council.facts import consultation_path, decision_path
from accord.markings import Role
from accord.notifications.services import notify, notify_gathered

#: The kinds of notification the council raises, registered when it starts (apps.py).
KINDS = {
    "circulated": _("A text circulated under silence"),
    "extended": _("A silence deadline moved"),
    "reminder": _("A silence deadline less than 24 hours away"),
    "broken": _("Silence broken"),
    "agreed": _("A member agreed to a text expressly"),
    "withdrawn": _("A text withdrawn from circulation"),
    "adopted": _("A text adopted"),
    "review": _("A decision's review date approaching"),
}

UTC = ZoneInfo("UTC")


def _clock(zone: str):
    """A recipient's time zone; UTC for a name the zone database does not know."""
    try:
        return ZoneInfo(zone) if zone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def recipients(body, member_ids: list[int]) -> list[int]:
    """The body's members' (their delegations') and the secretariat's users."""
    conditions = [
        Q(role_grants__role=Role.DELEGATION, nation_id__in=member_ids)
        | Q(role_grants__role=Role.SECRETARIAT)
    ]
    if body.marking == "NATO":
        conditions.append(Q(nation__nato_accession__isnull=False) | Q(nation__isnull=True))
    return core_selectors.user_ids(*conditions)


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


def _about(context: dict) -> tuple:
    """The record a notice is about and its page: the consultation, else the decision."""
    consultation = context.get("consultation")
    if consultation is not None:
        return consultation, consultation_path(consultation.pk)
    decision = context.get("decision")
    if decision is not None:
        return decision, decision_path(decision.reference)
    return None, ""


def notify_many(kind: str, *, body, member_ids: list[int], contexts: list[dict]) -> None:
    """One notice per context to the same body's members (recipients looked up once), each
    written once per language and clock its recipients read."""
    to = recipients(body, member_ids)
    if not to:
        return
    for context in contexts:
        record, url = _about(context)
        notify(
            recipients=to,
            kind=f"council.{kind}",
            record=record,
            url=url,
            compose=lambda language, zone, context=context: compose(
                kind, body=body, context=context, language=language, zone=zone
            ),
        )


def notify_run(kind: str, *, body, member_ids: list[int], key: str, context: dict, now) -> None:
    """One notice per member of the body's ``council/email/<kind>_run.txt`` for a run that
    does many things at once (``key`` names the run): a later batch of the same run rewrites
    it. A run of one names the one text as a single notice would; e-mails go by the outbox."""
    to = recipients(body, member_ids)
    if not to:
        return
    decisions = context["decisions"]
    if context["count"] == 1:
        template, context = (
            kind,
            {"decision": decisions[0], "consultation": decisions[0].consultation},
        )
        record, url = _about(context)
    else:
        template, record, url = f"{kind}_run", body, "/council/decisions/"
    notify_gathered(
        recipients=to,
        kind=f"council.{kind}",
        key=key,
        record=record,
        url=url,
        now=now,
        compose=lambda language, zone: compose(
            template, body=body, context=context, language=language, zone=zone
        ),
    )
