from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.web import panels


class AdvisingConfig(AppConfig):
    name = "accord.advising"
    label = "advising"
    verbose_name = _("Train, advise, assist")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Advising"), "advising:teams")]
    nav_group = "institutions"  # in the menu: under "Afghan institutions", beside personnel

    def ready(self):
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.advising.home_panels import home_panel

        panels.provide(home_panel, order=80)
