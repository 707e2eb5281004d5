"""Filters and sort orders of personnel's lists, shared by the pages, the exports and the API.

A filter that names a record (a unit, a fiscal year) chooses among the records the actor may
read, so a code the reader may not see is refused like one that names nothing.
"""

import django_filters as df
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.filters import ActorFilterSet, SearchFilter
from accord.markings import Marking
from accord.personnel.choices import Grade, Reason, Stage, UnitKind
from accord.personnel.models import PayrollLine, Person, Position, Unit

# The budget's fiscal years, reached through the position's own reference (this app does not
# import the budget's models); ActorFilterSet cuts them to what the reader may read.
FISCAL_YEARS = Position._meta.get_field("fiscal_year").related_model.objects.all()


class UnitFilter(ActorFilterSet):
    q = SearchFilter("code", "name", label=_("Code or name"))
    kind = df.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    parent = df.ModelChoiceFilter(
        queryset=Unit.objects.all(), to_field_name="code", label=_("Parent unit")
    )
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("code", "code"), ("name", "name"), ("kind", "kind")), label=_("Sort by")
    )

    class Meta:
        model = Unit
        fields = []


class PositionFilter(ActorFilterSet):
    q = SearchFilter("code", "specialty", label=_("Code or specialty"))
    unit = df.ModelChoiceFilter(queryset=Unit.objects.all(), to_field_name="code", label=_("Unit"))
    fiscal_year = df.ModelChoiceFilter(
        queryset=FISCAL_YEARS, to_field_name="label", label=_("Fiscal year")
    )
    grade = df.ChoiceFilter(choices=Grade.choices, label=pgettext_lazy("tashkil", "Grade"))
    sort = df.OrderingFilter(
        fields=(("code", "code"), ("authorised", "authorised"), ("filled", "filled")),
        label=_("Sort by"),
    )

    class Meta:
        model = Position
        fields = []


class PersonFilter(ActorFilterSet):
    q = SearchFilter("number", "given_name", "family_name", label=_("Number or name"))
    stage = df.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    duplicate = df.BooleanFilter(
        field_name="duplicate_of",
        lookup_expr="isnull",
        exclude=True,
        label=_("Suspected duplicate"),
    )
    confirmed = df.BooleanFilter(
        field_name="confirmed_at", lookup_expr="isnull", exclude=True, label=_("Confirmed")
    )
    sort = df.OrderingFilter(
        fields=(("number", "number"), ("family_name", "name"), ("stage", "stage")),
        label=_("Sort by"),
    )

    class Meta:
        model = Person
        fields = []


class LineFilter(ActorFilterSet):
    q = SearchFilter("number", label=_("Service number"))
    flagged = df.BooleanFilter(field_name="flagged", label=_("Flagged"))
    reason = df.ChoiceFilter(choices=Reason.choices, method="filter_reason", label=_("Reason"))
    unit = df.ModelChoiceFilter(
        queryset=Unit.objects.all(),
        field_name="position__unit",
        to_field_name="code",
        label=_("Unit"),
    )
    sort = df.OrderingFilter(
        fields=(("line_no", "line"), ("number", "number"), ("amount_minor", "amount")),
        label=_("Sort by"),
    )

    class Meta:
        model = PayrollLine
        fields = []

    def filter_reason(self, queryset, name, value):
        return queryset.filter(**{f"reason_{value}": True}) if value else queryset
