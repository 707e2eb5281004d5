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

        panels.provide(home_panel, order=40, topics=("transit", "core"))
        # The shipments delivered for the joint actions the council follows (council.measures).
        from accord.council import measures  # deferred: see above
        from accord.transit.shipments.selectors import joint_action_figures  # deferred: see above

        measures.register("transit", joint_action_figures)
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.transit.models import Shipment

        documents.provide(
            Kind("shipment", Shipment, key="reference", page="transit:shipment-detail"),
        )
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.search.kinds import Kind, fields, named, register
        from accord.transit import models

        register(
            Kind(
                key="shipment",
                model=models.Shipment,
                label=_("Shipments"),
                order=200,
                texts=fields(en=("reference",)),
                url=lambda s: reverse("transit:shipment-detail", args=[s.reference]),
            )
        )
        register(
            Kind(
                key="transit-node",
                model=models.TransitNode,
                label=_("Transit nodes"),
                order=210,
                texts=named(),
                url=lambda n: reverse("transit:node-detail", args=[n.code]),
            )
        )
