from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FleetConfig(AppConfig):
    name = "accord.fleet"
    label = "fleet"
    verbose_name = _("Fleet")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Fleet"), "fleet:aircraft-list")]
