from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "accord.oversight"
    label = "oversight"
    verbose_name = _("Oversight")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Oversight"), "oversight:dashboard")]
