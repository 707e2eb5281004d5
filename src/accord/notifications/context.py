"""The header's unread count, for every page a signed-in user reads (a context processor named
in the settings): one count query per request, made only when the layout shows it, however many
templates the page renders with the request."""

from django.utils.functional import SimpleLazyObject

from accord.kept import per_request_and_reader
from accord.notifications import selectors


def inbox(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return per_request_and_reader(
        request,
        "_inbox_unread",
        lambda: {"inbox_unread": SimpleLazyObject(lambda: selectors.unread_count(user))},
    )
