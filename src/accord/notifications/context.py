"""The header's unread count, for every page a signed-in user reads (a context processor named
in the settings): one count query, made only when the layout shows it."""

from django.utils.functional import SimpleLazyObject

from accord.notifications import selectors


def inbox(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: selectors.unread_count(user))}
