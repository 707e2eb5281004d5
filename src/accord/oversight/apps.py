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

        panels.provide(home_panel, order=60, topics=("oversight", "audit", "core"))
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.oversight.models import Finding

        documents.provide(
            Kind("finding", Finding, key="pk", page="oversight:finding-detail"),
        )
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.oversight import models
        from accord.search.kinds import Kind, fields, register

        register(
            Kind(
                key="finding",
                model=models.Finding,
                label=_("Findings"),
                order=700,
                texts=fields(en=("title", "root_cause")),
                url=lambda f: reverse("oversight:finding-detail", args=[f.pk]),
            )
        )
