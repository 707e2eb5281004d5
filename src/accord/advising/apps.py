from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class AdvisingConfig(AppConfig):
    name = "accord.advising"
    label = "advising"
    verbose_name = _("Train, advise, assist")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Advising"), "advising:teams")]
    nav_group = "institutions"  # in the menu: under "Afghan institutions", beside personnel

    def ready(self) -> None:
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.advising.home_panels import home_panel

        panels.provide(home_panel, order=80)
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.advising.models import Milestone

        documents.provide(
            Kind("milestone", Milestone, key="pk", page="advising:milestone-detail"),
        )
