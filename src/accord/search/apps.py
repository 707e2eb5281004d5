from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "accord.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # deferred: the index's services read the models, loaded once every app is.
        from accord.audit.services import follow_writes
        from accord.search import kinds, registry, services

        follow_writes(services.index_written, follows=lambda model: bool(kinds.kinds_of(model)))
        registry.register_core_kinds()
