"""Telling a nominee their place came free: an e-mail in their own language once the change is
committed, or, for a nominee with no user to write to, a notice their delegation reads."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accord.training.models import Notice

log = logging.getLogger(__name__)


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
    if user is None or not user.email or not user.is_active:
        Notice.objects.create(nomination=nomination, kind="promoted", created_at=timezone.now())
        return
    subject, message = compose("promoted", nomination=nomination, language=user.language)

    def send():
        try:
            send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:  # the promotion stands; a mail server being down must not undo it
            log.exception("could not tell nomination %s of its seat", nomination.pk)

    transaction.on_commit(send, robust=True)
