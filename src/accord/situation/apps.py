from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "accord.situation"
    label = "situation"
    verbose_name = _("Situation")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Situation"), "situation:events")]

    def ready(self) -> None:
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
