from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class SituationConfig(AppConfig):
    name = "accord.situation"
    label = "situation"
    verbose_name = _("Situation")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Situation"), "situation:events")]

    def ready(self) -> None:
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.situation.home_panels import home_panel

        panels.provide(home_panel, order=70)
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.situation.models import Incident

        documents.provide(
            Kind("incident", Incident, key="pk", page="situation:incident-detail"),
        )
