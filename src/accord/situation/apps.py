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
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.search.kinds import Kind, fields, register
        from accord.situation import models

        register(
            Kind(
                key="incident",
                model=models.Incident,
                label=_("Incidents"),
                order=600,
                texts=fields(en=("title", "place")),
                url=lambda i: reverse("situation:incident-detail", args=[i.pk]),
            )
        )
