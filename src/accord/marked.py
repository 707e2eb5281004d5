"""The abstract base of every record under the access policy: its marking, owner and version.

A base module, below every app, so that each app's models build on it without importing another
app's models. It declares a Django model, so only models modules import it (once the app registry
is being populated).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.markings import Marking, names_its_nation


class MarkedQuerySet(models.QuerySet):
    """The access door on every queryset of a marked model (NetBox's ``restrict``): selectors
    start from ``Model.objects.visible_to(actor)`` and list pages offer edits on
    ``changeable_by(actor)``, so no read forgets the policy."""

    def visible_to(self, actor) -> MarkedQuerySet:
        return access.visible(self, actor)

    def changeable_by(self, actor) -> MarkedQuerySet:
        return access.changeable(self, actor)


class Marked(models.Model):
    """Abstract base of every record under the access policy."""

    # The marking a new record gets when its writer names none (a kind may say otherwise:
    # transit's records are NRC by default), read by the services, the API's schemas and the forms.
    default_marking = Marking.PUBLIC

    marking = models.CharField(max_length=8, choices=Marking.choices, default=Marking.PUBLIC)
    owner_nation = models.ForeignKey(
        "core.Nation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For NATIONAL records: the one nation that may read it."),
    )
    # Optimistic concurrency: an edit names the version it read; a stale one is refused.
    version = models.PositiveIntegerField(default=1)

    objects = MarkedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(marking=Marking.NATIONAL) | Q(owner_nation__isnull=False),
                name="%(app_label)s_%(class)s_national_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(marking__in=Marking.values),
                name="%(app_label)s_%(class)s_marking_valid",
            ),
        ]

    @property
    def marking_label(self) -> str:
        """The marking as a record's page names it: a NATIONAL record's with its nation's name
        ("National (one nation) (Germany)"), so that no template compares markings."""
        label = self.get_marking_display()
        if names_its_nation(self.marking) and self.owner_nation_id is not None:
            return f"{label} ({self.owner_nation})"  # its name in the reader's language
        return label
