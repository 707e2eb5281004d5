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

        panels.provide(home_panel, order=70, topics=("situation", "core"))
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
        register(
            Kind(
                key="conflict-event",
                model=models.ConflictEvent,
                label=_("Conflict events"),
                order=610,
                texts=_event_texts,
                url=lambda e: reverse("situation:event-detail", args=[e.pk]),
            )
        )


def _event_texts(event) -> dict[str, tuple[str, str]]:
    """A conflict event is found by its place, its sides, its type and what the source reports;
    titled by its place and first day (or its source's id where the place is not named)."""
    where = event.where_description or f"{event.source} {event.source_id}"
    sides = " / ".join(side for side in (event.side_a, event.side_b) if side)
    return {
        "en": (
            f"{where}, {event.date_start.isoformat()}",
            "\n".join((sides, event.violence_type, event.source_id, event.source_text)),
        )
    }
