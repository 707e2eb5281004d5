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
        from accord.fleet.panels import fund_readiness_panel, home_panel

        fund_panels.provide(fund_readiness_panel)
        panels.provide(home_panel, order=50)
