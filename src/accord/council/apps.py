from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from accord.bilingual import register_sqlite_functions
from accord.documents import kinds as documents
from accord.documents.kinds import Kind
from accord.web import panels


class CouncilConfig(AppConfig):
    name = "accord.council"
    label = "council"
    verbose_name = "Council"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Council"), "council:index")]

    def ready(self) -> None:
        # Files attached to its records (accord.documents; docs/documents.md).
        # deferred: the models load only after every app's config.
        from accord.council.models import Consultation, Decision, LegalBasis, Meeting

        documents.provide(
            Kind("decision", Decision, key="reference", page="council:decision-detail"),
            Kind("consultation", Consultation, key="pk", page="council:consultation-detail"),
            Kind("meeting", Meeting, key="pk", page="council:meeting-detail"),
            Kind("legal-basis", LegalBasis, key="code", page="council:legal-basis-detail"),
        )

        # The searches of texts in Russian fold case in SQL; SQLite's own LOWER is ASCII-only.
        connection_created.connect(register_sqlite_functions, dispatch_uid="accord_fold")
        # deferred: the panel imports the models, which load only after every app's config.
        from accord.council.home_panels import home_panel

        panels.provide(home_panel, order=10)
