from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class TrainingConfig(AppConfig):
    name = "accord.training"
    label = "training"
    verbose_name = "Training"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Training"), "training:index")]

    def ready(self):
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.training.models import Session

        documents.provide(
            Kind("session", Session, key="code", page="training:session-detail"),
        )

        # Funds sits below training and may not import it; training reports the people trained
        # in the sessions a fund paid for into that fund's IATI file through funds' registry.
        # deferred: fund_results reads the selectors, which import the models, loaded only after
        # every app's config.
        from accord.funds import results  # deferred: see above
        from accord.training.fund_results import fund_results  # deferred: see above

        results.register("training", fund_results)
        # The people trained for the joint actions the council follows (accord.council.measures).
        from accord.council import measures  # deferred: see above
        from accord.training.selectors import joint_action_figures  # deferred: see above

        measures.register("training", joint_action_figures)
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.training.home_panels import home_panel

        panels.provide(home_panel, order=20, topics=("training", "core"))
        # The kinds of notification training raises, for the inbox and the preferences.
        from accord.notifications import kinds  # deferred: see above
        from accord.training.services.notify import KINDS  # deferred: see above

        for code, label in KINDS.items():
            kinds.provide(f"training.{code}", label)
        from accord.training import certificate_notices  # deferred: see above

        kinds.provide(certificate_notices.KIND, certificate_notices.LABEL)
        self._searchable()

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
        register(
            Kind(
                key="session",
                model=models.Session,
                label=_("Training sessions"),
                order=410,
                texts=fields(en=("code", "instructors", "notes")),
                url=lambda s: reverse("training:session-detail", args=[s.code]),
            )
        )
        # Personal data: the door is the access policy's personal rule (``access.visible``), so
        # only trainers, the secretariat and the trainee's own delegation find or count a
        # trainee. Found by name (as spelt in Latin letters and in their own script) and rank,
        # never by the national identifier or the date of birth.
        register(
            Kind(
                key="trainee",
                model=models.Trainee,
                label=_("Trainees"),
                order=420,
                texts=lambda t: {"en": (str(t), f"{t.native_name}\n{t.rank}")},
                url=lambda t: reverse("training:trainee-detail", args=[t.pk]),
            )
        )
