from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisingConfig(AppConfig):
    name = "accord.advising"
    label = "advising"
    verbose_name = _("Train, advise, assist")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Advising"), "advising:teams")]
    nav_group = "institutions"  # in the menu: under "Afghan institutions", beside personnel
