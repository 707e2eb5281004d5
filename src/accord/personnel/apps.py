from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "accord.personnel"
    label = "personnel"
    verbose_name = _("Personnel")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Personnel"), "personnel:units")]
    nav_group = "institutions"  # in the menu: under "Afghan institutions"
