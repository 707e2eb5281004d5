"""Notifications' rows of the access matrices: each user reads and marks their own notifications
only (another's is not found), anonymous callers are asked to sign in."""

from django.utils import timezone

from accord.core.models import User
from accord.notifications.models import Notification
from tests.matrix import EVERYONE, LOGIN, SIGNED_IN, api_rule, page_rule

OWNER = "delegation-usa"


def records() -> dict:
    notification = Notification.objects.create(
        user=User.objects.get(username=OWNER),
        kind="council.circulated",
        subject="Matrix notice",
        created_at=timezone.now(),
    )
    return {"notification": notification.pk}


def _own(username):
    if username is None:
        return LOGIN
    return 302 if username == OWNER else 404


API = {
    ("GET", "/api/v1/notifications"): ("/notifications", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/notifications/unread"): (
        "/notifications/unread",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("POST", "/api/v1/notifications/{notification_id}/read"): (
        "/notifications/{notification}/read",
        None,
        api_rule({OWNER}, 200, denied=404),
    ),
    ("POST", "/api/v1/notifications/read-all"): (
        "/notifications/read-all",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/notifications/preferences"): (
        "/notifications/preferences",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("PUT", "/api/v1/notifications/preferences"): (
        "/notifications/preferences",
        [{"kind": "council.reminder", "in_app": True, "email": "digest"}],
        api_rule(EVERYONE, 200),
    ),
}

PAGES = {
    "notifications:inbox": ("GET", "/inbox/", page_rule(SIGNED_IN)),
    "notifications:read": ("POST", "/inbox/{notification}/read/", _own),
    "notifications:read-all": ("POST", "/inbox/read-all/", page_rule(SIGNED_IN, ok=302)),
    # An empty form keeps every choice (its check boxes off): shown again as it was saved.
    "notifications:preferences": ("GET", "/account/notifications/", page_rule(SIGNED_IN)),
}
