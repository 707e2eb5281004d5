"""Telling a nominee their place came free, through the one door
(``accord.notifications.services.notify``: their inbox, an e-mail once the change is committed,
or their digest, as they chose), in their own language; for a nominee with no user to tell, a
notice their delegation reads."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accord.notifications.services import notify
from accord.training.models import Notice

#: The kinds of notification training raises, registered when it starts (apps.py).
KINDS = {
    "promoted": _("A training place come free"),
}


def compose(kind: str, *, nomination, language: str) -> tuple[str, str]:
    """The subject and body of a notice, written in ``language`` (its first line the subject)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(
            f"training/email/{kind}.txt",
            {"nomination": nomination, "session": nomination.session},
        )
    subject, _newline, message = text.strip().partition("\n")
    return subject.strip(), message.strip() + "\n"


def tell_promoted(nomination) -> None:
    """The nominee moved from the waitlist to a seat: tell them."""
    user = nomination.trainee.user
    if user is None or not user.is_active:
        Notice.objects.create(nomination=nomination, kind="promoted", created_at=timezone.now())
        return
    session = nomination.session
    notify(
        recipients=[user.pk],
        kind="training.promoted",
        record=session,
        url=f"/training/sessions/{session.code}/",
        compose=lambda language, zone: compose(
            "promoted", nomination=nomination, language=language
        ),
    )
