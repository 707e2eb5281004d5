"""Texts in the reader's language for the funds' modules that import no Django (the engines and
the IATI module, which are pure Python).

A text a person reads there (a refusal's message) is marked with :func:`gettext`, imported as
``_`` so that ``accord messages`` finds it, and is translated by the translator the funds app
installs at start-up (Django's ``gettext``, see ``FundsConfig.ready``): at the time of the
request, so in the reader's language. Without one (a script, a test of the engine alone) the
texts stay in English.
"""

from collections.abc import Callable

_translator: Callable[[str], str] = str


def use_translator(translate: Callable[[str], str]) -> None:
    """Called once by the funds app when it is ready."""
    global _translator  # one translator per process, set at start-up
    _translator = translate


def gettext(message: str) -> str:
    """``message`` in the reader's language (its catalogue's translation), or as it is."""
    return _translator(message)
