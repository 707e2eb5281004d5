from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "accord.training"
    label = "training"
    verbose_name = "Training"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Training"), "training:index")]

    def ready(self):
        # Funds sits below training and may not import it; training reports the people trained
        # in the sessions a fund paid for into that fund's IATI file through funds' registry.
        # deferred: fund_results reads the selectors, which import the models, loaded only after
        # every app's config.
        from accord.funds import results  # deferred: see above
        from accord.training.fund_results import fund_results  # deferred: see above

        results.register("training", fund_results)

        from accord.notifications import kinds  # deferred: see above
        from accord.training.services.notify import KINDS  # deferred: see above

        for code, label in KINDS.items():
            kinds.provide(f"training.{code}", label)
