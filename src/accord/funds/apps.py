from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class FundsConfig(AppConfig):
    name = "accord.funds"
    label = "funds"
    verbose_name = _("Funds")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Trust funds"), "funds:list")]
    nav_group = "money"  # in the menu: under "Money" (accord.web.context_processors)
    # The engines and the IATI module import no Django: their refusals go through
    # accord.l10n.gettext, which the web app hands Django's gettext at start-up.

    def ready(self) -> None:
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.funds.home_panels import home_panel

        panels.provide(home_panel, order=30, topics=("funds", "council", "core"))
        # The money disbursed for the joint actions the council follows (accord.council.measures).
        from accord.council import measures  # deferred: see above
        from accord.funds.selectors import joint_action_figures  # deferred: see above

        measures.register("funds", joint_action_figures)
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.funds.models import TrustFund

        documents.provide(
            Kind("fund", TrustFund, key="code", page="funds:detail"),
        )
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.funds import models
        from accord.search.kinds import Kind, named, register

        register(
            Kind(
                key="fund",
                model=models.TrustFund,
                label=_("Trust funds"),
                order=100,
                texts=named("purpose", "notes"),
                url=lambda f: reverse("funds:detail", args=[f.code]),
            )
        )
