from django.apps import AppConfig
from django.utils import translation

from accord import l10n


class WebConfig(AppConfig):
    name = "accord.web"
    label = "web"
    verbose_name = "Web pages"

    def ready(self) -> None:
        # Amounts are written and read in the language of the page (accord.money imports no
        # Django, so that the pure engines can use it; it is told the language here).
        l10n.use_locale_source(translation.get_language)
