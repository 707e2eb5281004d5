from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "accord.training"
    label = "training"
    verbose_name = "Training"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Training"), "training:index")]

    def ready(self):
        self._searchable()
        # Funds sits below training and may not import it; training reports the people trained
        # in the sessions a fund paid for into that fund's IATI file through funds' registry.
        # deferred: fund_results reads the selectors, which import the models, loaded only after
        # every app's config.
        from accord.funds import results  # deferred: see above
        from accord.training.fund_results import fund_results  # deferred: see above

        results.register("training", fund_results)

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.search.kinds import Kind, fields, register
        from accord.training import models

        register(
            Kind(
                key="programme",
                model=models.Programme,
                label=_("Training programmes"),
                order=400,
                texts=fields(en=("name", "code", "description")),
                url=lambda p: reverse("training:programme-detail", args=[p.code]),
            )
        )
