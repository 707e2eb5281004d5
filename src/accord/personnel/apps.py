from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PersonnelConfig(AppConfig):
    name = "accord.personnel"
    label = "personnel"
    verbose_name = _("Personnel")
    # Main-menu entries: (label, URL name). The base layout renders every app's entries.
    nav: list[tuple[str, str]] = [(_("Personnel"), "personnel:units")]
    nav_group = "institutions"  # in the menu: under "Afghan institutions"

    def ready(self) -> None:
        self._searchable()

    def _searchable(self) -> None:
        """The kinds of record the search box finds here (accord.search.kinds)."""
        # deferred: the models are loaded once every app is; the search sits below this app.
        from django.urls import reverse

        # deferred: as above, the app's models and the search's registry.
        from accord.personnel import models
        from accord.search.kinds import Kind, fields, register

        register(
            Kind(
                key="unit",
                model=models.Unit,
                label=pgettext_lazy("military", "Units"),
                order=500,
                texts=fields(en=("name", "code", "note")),
                url=lambda u: reverse("personnel:unit-detail", args=[u.code]),
            )
        )
        # Personal data: the door is the access policy's personal rule (``access.visible``), so
        # only auditors and the person's own nation's hub staff find or count a person. Found by
        # service number and name, never by the biometric enrolment or the date of birth.
        register(
            Kind(
                key="person",
                model=models.Person,
                label=_("Persons"),
                order=510,
                texts=lambda p: {"en": (str(p), "")},
                url=lambda p: reverse("personnel:person-detail", args=[p.pk]),
            )
        )
