from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.web import panels


class SituationConfig(AppConfig):
    name = "accord.situation"
    label = "situation"
    verbose_name = _("Situation")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Situation"), "situation:events")]

    def ready(self):
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.situation.home_panels import home_panel

        panels.provide(home_panel, order=70)
