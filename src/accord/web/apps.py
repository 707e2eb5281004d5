from django.apps import AppConfig
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accord import l10n


class WebConfig(AppConfig):
    name = "accord.web"
    label = "web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        # Amounts are written and read in the language of the page (accord.money imports no
        # Django, so that the pure engines can use it; it is told the language here).
        l10n.use_locale_source(translation.get_language)
        # Its messages (a mistyped amount) are translated the same way, when they are raised.
        l10n.use_translator(translation.gettext)
