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

        panels.provide(home_panel, order=80, topics=("advising", "core"))
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.advising.models import Milestone

        documents.provide(
            Kind("milestone", Milestone, key="pk", page="advising:milestone-detail"),
        )
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.advising import models
        from accord.search.kinds import Kind, fields, register

        register(
            Kind(
                key="milestone",
                model=models.Milestone,
                label=_("Milestones"),
                order=800,
                texts=fields(en=("title", "code")),
                url=lambda m: reverse("advising:milestone-detail", args=[m.pk]),
            )
        )
