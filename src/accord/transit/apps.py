from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class TransitConfig(AppConfig):
    name = "accord.transit"
    label = "transit"
    verbose_name = "Transit"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Transit"), "transit:network")]

    def ready(self) -> None:
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.transit.home_panels import home_panel

        panels.provide(home_panel, order=40)
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.transit.models import Shipment

        documents.provide(
            Kind("shipment", Shipment, key="reference", page="transit:shipment-detail"),
        )
