from django.apps import AppConfig
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accord.funds import texts


class FundsConfig(AppConfig):
    name = "accord.funds"
    label = "funds"
    verbose_name = _("Funds")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Trust funds"), "funds:list")]

    def ready(self) -> None:
        # The engines and the IATI module import no Django; their refusals are translated into
        # the reader's language through Django's gettext, handed to them here.
        texts.use_translator(translation.gettext)
