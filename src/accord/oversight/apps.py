from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class OversightConfig(AppConfig):
    name = "accord.oversight"
    label = "oversight"
    verbose_name = _("Oversight")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Oversight"), "oversight:dashboard")]

    def ready(self) -> None:
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.oversight.home_panels import home_panel

        panels.provide(home_panel, order=60)
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.oversight.models import Finding

        documents.provide(
            Kind("finding", Finding, key="pk", page="oversight:finding-detail"),
        )
