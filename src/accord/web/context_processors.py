"""Values every page's layout needs: the acting principal, what it may open and the modules' menu.

The layout asks no role question itself: whether to offer the audit trail is the audit selectors'
answer (``audit_trail_readable``), the same one the trail's own pages and API give.
"""

import weakref

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import get_template
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.access import may, principal_of, role_labels_of
from accord.audit.selectors import audit_trail_readable
from accord.core.selectors import hidden_nations_of
from accord.kept import per_request_and_reader

#: The menu's groups, in the order they come: a module joins one by naming it as ``nav_group``
#: on its AppConfig, so that the menu stays one line at 1366 pixels as modules are added.
NAV_GROUPS = {
    "registry": pgettext_lazy("menu", "Registry"),
    "money": pgettext_lazy("menu", "Money"),
    "institutions": pgettext_lazy("menu", "Afghan institutions"),
    "administration": pgettext_lazy("menu", "Administration"),
}

#: The registry's own pages (core's, served by web): (label, url name).
REGISTRY = [
    (_("Nations"), "web:nations-list"),
    (_("Organisations"), "web:organisations-list"),
    (_("Sites"), "web:sites-list"),
    (_("Contributions"), "web:contributions-list"),
]


#: The menu's addresses, by URL configuration, script prefix and URL name (None where a name
#: does not resolve): the same on every page, where reversing them all cost a few milliseconds.
_hrefs: dict[tuple, str | None] = {}


def _href(url_name: str) -> str | None:
    key = (get_urlconf(), get_script_prefix(), url_name)
    if key not in _hrefs:
        try:
            _hrefs[key] = reverse(url_name)
        except NoReverseMatch:
            _hrefs[key] = None
    return _hrefs[key]


def _link(request, label, url_name: str) -> dict | None:
    """A menu entry, current while the visitor is in its module (its URL namespace) or, for
    web's own pages, on a page of the same kind (``sites-list``, ``sites-detail``...)."""
    href = _href(url_name)
    if href is None:
        return None
    match = getattr(request, "resolver_match", None)
    namespace, _colon, name = url_name.rpartition(":")
    if match is None:
        current = False
    elif namespace == "web":
        current = match.namespace == "web" and match.url_name.split("-")[0] == name.split("-")[0]
    else:
        current = bool(namespace) and match.namespace == namespace
    return {"label": label, "href": href, "current": current}


def module_nav(request, *, administration: list[tuple] = ()) -> list[dict]:
    """The menu: the dashboard, then each domain app's entries (``nav`` on its AppConfig), some
    gathered in a group (``nav_group``); a group is an entry with ``entries`` of its own.

    A module adds itself to the menu without editing the shared layout.
    """
    top: list[dict] = []
    groups: dict[str, dict] = {}

    def add(entry, group_key=None):
        if entry is None:
            return
        if group_key is None:
            top.append(entry)
            return
        if group_key not in groups:
            groups[group_key] = {
                "label": NAV_GROUPS[group_key],
                "group": group_key,
                "entries": [],
                "current": False,
            }
            top.append(groups[group_key])
        groups[group_key]["entries"].append(entry)
        groups[group_key]["current"] |= entry["current"]

    add(_link(request, _("Dashboard"), "web:dashboard"))
    for label, url_name in REGISTRY:
        add(_link(request, label, url_name), "registry")
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "nav", ()):
            add(_link(request, label, url_name), getattr(config, "nav_group", None))
    for label, url_name in administration:
        add(_link(request, label, url_name), "administration")
    return top


#: The menu drawn, by language and shape (see ``module_nav_html``); a handful of shapes per
#: language (which module is current, which administration pages the reader may open).
_drawn_menus: dict[tuple, str] = {}
_DRAWN_MENUS_KEPT = 512


def module_nav_html(request, *, administration: list[tuple] = ()) -> str:
    """The menu as HTML, drawn once per language, place and administration pages: drawing its
    entries (loops, labels, addresses) cost more than the rest of a page's layout.

    The menu is a function of exactly these: the modules' entries and their labels are declared
    once (constants on the AppConfigs), an entry is current by the module the visitor is in
    (``_link``), and the administration pages offered are the reader's (by their URL names).
    """
    key = (
        get_language(),
        get_urlconf(),
        get_script_prefix(),
        _place(request),
        tuple(url_name for _label, url_name in administration),
    )
    drawn = _drawn_menus.get(key)
    if drawn is None:
        if len(_drawn_menus) >= _DRAWN_MENUS_KEPT:
            _drawn_menus.clear()
        entries = module_nav(request, administration=administration)
        drawn = get_template("web/components/nav.html").render({"module_nav": entries})
        _drawn_menus[key] = drawn
    return drawn  # the template's SafeString, escaped as it was drawn


def _place(request) -> tuple | None:
    """What makes a menu entry current (``_link``): the module's URL namespace and, in web's own
    pages, the kind of page (``sites`` of ``sites-list``)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    if match.namespace == "web":
        return ("web", (match.url_name or "").split("-")[0])
    return (match.namespace, None)


def accord(request):
    """The layout's values, worked out once per request and reader (``per_request_and_reader``)."""
    user = getattr(request, "user", None)
    return per_request_and_reader(request, "_accord_layout", lambda: _layout(request, user))


def _layout(request, user) -> dict:
    held = weakref.ref(request)
    principal = principal_of(user)
    administration = []
    if audit_trail_readable(principal):
        administration.append((_("Audit trail"), "web:audit"))
    if may(principal, "change", get_user_model()):
        administration.append((_("Users"), "web:users-list"))
    administration.append((_("API docs"), "api-docs"))
    return {
        # Each language in its own name (English, Русский, دری, پښتو), whatever the page's.
        "language_choices": settings.LANGUAGES,
        "principal": principal,
        # The header's roles, from the principal the request has already read (no query of its
        # own on every page), in the roles' declared order.
        "role_labels": role_labels_of(principal),
        "may_read_audit": audit_trail_readable(principal),
        "may_manage_users": may(principal, "change", get_user_model()),
        "module_nav_html": module_nav_html(request, administration=administration),
        # The codes of the nations the reader may not read (for ``nations_shown``), read only
        # by a page that shows a stored list of codes.
        # The request held weakly: it holds these values (a closure over it would leave each
        # request in a reference cycle, see accord.middleware).
        "hidden_nations": SimpleLazyObject(lambda: hidden_nations_of(held())),
    }
