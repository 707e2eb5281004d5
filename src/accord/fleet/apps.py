from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.funds import fund_panels
from accord.web import panels


class FleetConfig(AppConfig):
    name = "accord.fleet"
    label = "fleet"
    verbose_name = _("Fleet")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Fleet"), "fleet:aircraft-list")]

    def ready(self):
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.fleet.models import WorkOrder

        documents.provide(
            Kind("work-order", WorkOrder, key="number", page="fleet:work-order-detail"),
        )

        # deferred: the panel imports the models, which load only after every app's config.
        from accord.council import measures  # deferred: see above
        from accord.fleet.panels import fund_readiness_panel, home_panel, joint_action_figures

        fund_panels.provide(fund_readiness_panel, topics=("fleet", "core"))
        measures.register("fleet", joint_action_figures)
        panels.provide(home_panel, order=50, topics=("fleet", "core"))

        # The due maintenance: a kind of notification, and events in the council's feed.
        from accord.council import calendar  # deferred: see above
        from accord.fleet.due_notices import KIND, LABEL, due_events  # deferred: see above
        from accord.notifications import kinds  # deferred: see above

        kinds.provide(KIND, LABEL)
        calendar.provide(due_events)
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.fleet import models
        from accord.search.kinds import Kind, fields, register

        register(
            Kind(
                key="aircraft",
                model=models.Aircraft,
                label=_("Aircraft"),
                order=300,
                texts=fields(en=("tail_number", "note")),
                url=lambda a: reverse("fleet:aircraft-detail", args=[a.tail_number]),
            )
        )
        register(
            Kind(
                key="work-order",
                model=models.WorkOrder,
                label=_("Work orders"),
                order=310,
                texts=fields(en=("number", "note")),
                url=lambda w: reverse("fleet:work-order-detail", args=[w.number]),
            )
        )
