"""The notifications API, mounted at /api/v1/notifications: your inbox and your preferences."""

from ninja import Router
from ninja.pagination import paginate

from accord.notifications import selectors, services
from accord.notifications.schemas import NotificationOut, PreferenceIn, PreferenceOut, UnreadOut
from accord.pagination import Pages

router = Router(tags=["notifications"])


def _out(row) -> dict:
    n = row.notification
    return {
        "id": n.pk,
        "kind": n.kind,
        "kind_label": row.kind_label,
        "subject": row.subject,
        "body": row.body,
        "url": row.url,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }


class _Shown:
    """The inbox as the paginator slices it: each page rendered under the reader's access."""

    def __init__(self, request):
        self.request, self.rows = request, selectors.inbox(request.user)

    def __getitem__(self, window: slice):
        return [_out(r) for r in selectors.shown(self.request.user, list(self.rows[window]))]

    def count(self) -> int:
        return self.rows.count()


@router.get("", response=list[NotificationOut])
@paginate(Pages)
def notification_list(request):
    """Your notifications, unread first, newest first; a record you may no longer read leaves
    ``subject``, ``body`` and ``url`` empty."""
    return _Shown(request)


@router.get("/unread", response=UnreadOut)
def notification_unread(request):
    """How many of your notifications are unread."""
    return {"unread": selectors.unread_count(request.user)}


@router.post("/{notification_id}/read", response=NotificationOut)
def notification_read(request, notification_id: int):
    """Mark one of your notifications read."""
    n = services.notification_read(actor=request.user, pk=notification_id)
    return _out(selectors.shown(request.user, [n])[0])


@router.post("/read-all", response=UnreadOut)
def notification_read_all(request):
    """Mark all your notifications read."""
    services.notifications_read_all(actor=request.user)
    return {"unread": selectors.unread_count(request.user)}


@router.get("/preferences", response=list[PreferenceOut])
def preference_list(request):
    """For each kind of notification, whether it comes to your inbox and how by e-mail
    (``at_once``, ``digest``, ``never``)."""
    return [c.__dict__ for c in selectors.preferences(request.user)]


@router.put("/preferences", response=list[PreferenceOut])
def preference_set(request, payload: list[PreferenceIn]):
    """Change your choices for the kinds named; the others keep theirs."""
    services.notification_preferences_set(
        actor=request.user, choices={p.kind: (p.in_app, p.email) for p in payload}
    )
    return [c.__dict__ for c in selectors.preferences(request.user)]
