"""What a user reads of their own notifications.

A notification is its recipient's alone: every read here starts from the acting user's rows.
Its subject, message and link were written when the recipient could read the record; they are
shown again only while the recipient still may (``readable_records``, through each record's own
access door), otherwise the row says only what kind of thing happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import F
from django.utils.translation import gettext as _

from accord import access
from accord.errors import NotFound
from accord.notifications import kinds
from accord.notifications.choices import EmailChoice
from accord.notifications.models import Notification, Preference
from accord.rows import Compiled


def _user_id(actor) -> int | None:
    return access.principal_of(actor).user_id


# Read for every page a signed-in user reads: compiled once (``accord.rows.Compiled``).
_UNREAD = Compiled(
    lambda user_id: Notification.objects.filter(user_id=user_id, in_app=True, read_at__isnull=True),
    counted=True,
)


def unread_count(actor) -> int:
    """The header's count: the acting user's unread notifications in the inbox (one query)."""
    user_id = _user_id(actor)
    if user_id is None:
        return 0
    return _UNREAD.count(user_id)


def readable_records(actor, notifications) -> set[tuple[str, int]]:
    """The ``(record_type, record_id)`` of these notifications the actor may read now: one
    query per kind of record, through the record's own access door."""
    wanted: dict[str, set[int]] = {}
    for n in notifications:
        if n.record_type and n.record_id is not None:
            wanted.setdefault(n.record_type, set()).add(n.record_id)
    readable: set[tuple[str, int]] = set()
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        if not hasattr(model.objects, "visible_to"):
            continue
        found = model.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True)
        readable.update((label, pk) for pk in found)
    return readable


@dataclass(frozen=True)
class Shown:
    """One notification as its recipient sees it now."""

    notification: Notification
    kind_label: str
    subject: str
    body: str
    url: str

    @property
    def pk(self) -> int:
        return self.notification.pk

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None

    @property
    def created_at(self):
        return self.notification.created_at


def shown(actor, notifications) -> list[Shown]:
    """The notifications with what may be shown of each: a record the actor can no longer read
    leaves the kind alone, no subject, message or link."""
    readable = readable_records(actor, notifications)
    rows = []
    for n in notifications:
        about_record = bool(n.record_type) and n.record_id is not None
        visible = not about_record or (n.record_type, n.record_id) in readable
        rows.append(
            Shown(
                notification=n,
                kind_label=str(kinds.label_of(n.kind)),
                subject=n.subject if visible else "",
                body=n.body if visible else "",
                url=n.url if visible else "",
            )
        )
    return rows


def inbox(actor):
    """The acting user's notifications in the inbox, unread first, newest first (a queryset to
    paginate; ``shown`` renders a page of it)."""
    user_id = _user_id(actor)
    if user_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(user_id=user_id, in_app=True).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


def notification_get(actor, pk: int) -> Notification:
    """One of the acting user's own notifications; another's is not found, as none is."""
    user_id = _user_id(actor)
    found = (
        Notification.objects.filter(user_id=user_id, in_app=True, pk=pk).first()
        if user_id is not None
        else None
    )
    if found is None:
        raise NotFound(_("There is no such notification in your inbox."))
    return found


@dataclass(frozen=True)
class Choice:
    """A user's choice for one kind: in the inbox or not, and how by e-mail."""

    kind: str
    label: str
    in_app: bool
    email: str


def preferences_of(user_id: int | None) -> dict[str, tuple[bool, str]]:
    """The user's stored choices, by kind (a kind with no row takes the default)."""
    if user_id is None:
        return {}
    return {
        kind: (in_app, email)
        for kind, in_app, email in Preference.objects.filter(user_id=user_id).values_list(
            "kind", "in_app", "email"
        )
    }


def preferences(actor) -> list[Choice]:
    """Every registered kind with the acting user's choice (default: inbox and e-mail at once)."""
    stored = preferences_of(_user_id(actor))
    return [
        Choice(
            kind=k.code,
            label=str(k.label),
            in_app=stored.get(k.code, (True, EmailChoice.AT_ONCE))[0],
            email=stored.get(k.code, (True, EmailChoice.AT_ONCE))[1],
        )
        for k in kinds.registered()
    ]
