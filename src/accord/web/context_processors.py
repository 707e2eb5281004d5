"""Values every page's layout needs: the acting principal, its roles and the modules' menu."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from accord.access import principal_of
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
        "principal": principal,
        "module_nav": module_nav(request),
        # The codes of the nations the reader may not read (for ``nations_shown``), read only
        # by a page that shows a stored list of codes.
        "hidden_nations": SimpleLazyObject(lambda: hidden_nations_of(request)),
    }
