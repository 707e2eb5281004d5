from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.web import panels


class OversightConfig(AppConfig):
    name = "accord.oversight"
    label = "oversight"
    verbose_name = _("Oversight")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Oversight"), "oversight:dashboard")]

    def ready(self):
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.oversight.home_panels import home_panel

        panels.provide(home_panel, order=60)
