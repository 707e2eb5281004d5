from django.apps import AppConfig
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

from accord import l10n

# Texts of Django and django-filter that the pages show, kept in the web catalogue too: Django has
# no Pashto catalogue, and its Russian and Dari ones lack the texts new in Django 6 ("- Select an
# option -"). An app's catalogue takes precedence over Django's own, so marking them here lets
# ``accord messages`` carry them into web's catalogues, where they are translated with the rest.

DJANGO_TEXTS = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("- Select an option -"),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("This account is inactive."),
    gettext_noop("Password"),
    gettext_noop("username"),  # the sign-in form's label (the user model's field)
    # django-filter's
    gettext_noop("Unknown"),
    gettext_noop("%s (descending)"),
    # The password reset's forms (Django's) and the password validators' words
    gettext_noop("Email"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("first name"),
    gettext_noop("last name"),
    gettext_noop("email address"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    # Django's timesince/timeuntil words: the time left before a deadline ("4 days, 23 hours")
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
    gettext_noop(", "),
)


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
