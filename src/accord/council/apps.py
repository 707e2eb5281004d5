from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from accord.bilingual import register_sqlite_functions


class CouncilConfig(AppConfig):
    name = "accord.council"
    label = "council"
    verbose_name = "Council"
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Council"), "council:index")]

    def ready(self) -> None:
        # The searches of texts in Russian fold case in SQL; SQLite's own LOWER is ASCII-only.
        connection_created.connect(register_sqlite_functions, dispatch_uid="accord_fold")
        # The kinds of notification the council raises, for the inbox and the preferences.
        # deferred: the notify module imports the selectors, loaded after every app's config.
        from accord.council.services.notify import KINDS  # deferred: see above
        from accord.notifications import kinds  # deferred: see above

        for code, label in KINDS.items():
            kinds.provide(f"council.{code}", label)
