"""Values every page's layout needs: the acting principal, what it may open and the modules' menu.

The layout asks no role question itself: whether to offer the audit trail is the audit selectors'
answer (``audit_trail_readable``), the same one the trail's own pages and API give.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from accord.access import may, principal_of
from accord.audit.selectors import audit_trail_readable
from accord.core.selectors import hidden_nations_of


def module_nav(request) -> list[dict]:
    """Each domain app's menu entries, declared as ``nav`` on its AppConfig.

    A module adds itself to the menu without editing the shared layout; the entry is marked
    current while the visitor is anywhere in that module's URL namespace.
    """
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    entries = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "nav", ()):
            try:
                href = reverse(url_name)
            except NoReverseMatch:
                continue
            entries.append(
                {"label": label, "href": href, "current": namespace == url_name.split(":")[0]}
            )
    return entries


def accord(request):
    principal = principal_of(getattr(request, "user", None))
    return {
        # Each language in its own name (English, Русский, دری, پښتو), whatever the page's.
        "language_choices": settings.LANGUAGES,
        "principal": principal,
        "may_read_audit": audit_trail_readable(principal),
        "may_manage_users": may(principal, "change", get_user_model()),
        "module_nav": module_nav(request),
        # The codes of the nations the reader may not read (for ``nations_shown``), read only
        # by a page that shows a stored list of codes.
        "hidden_nations": SimpleLazyObject(lambda: hidden_nations_of(request)),
    }
