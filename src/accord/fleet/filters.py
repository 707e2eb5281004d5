"""Filters and sort orders of the fleet's lists, shared by the pages, the exports and the API.

Built per request for one actor: a filter that names a record (a type, a base) chooses among the
records the actor may read, so a code the reader may not see is refused like one that names
nothing (``accord.core.filters.ActorFilterSet``).
"""

import django_filters as df
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.filters import ActorFilterSet, SearchFilter
from accord.fleet.choices import AircraftStatus, ComponentKind, Operator
from accord.fleet.models import Aircraft, AircraftType, Component, Installation
from accord.markings import Marking

# The registry's sites, reached through the aircraft's own reference (this app does not import
# the registry's models); ActorFilterSet cuts them to what the reader may read.
SITES = Aircraft._meta.get_field("base").related_model.objects.all()


class AircraftFilter(ActorFilterSet):
    q = SearchFilter("tail_number", "note", label=_("Tail number"))
    aircraft_type = df.ModelChoiceFilter(
        queryset=AircraftType.objects.all(), to_field_name="code", label=_("Type")
    )
    operator = df.ChoiceFilter(
        choices=Operator.choices, label=pgettext_lazy("aircraft", "Operator")
    )
    base = df.ModelChoiceFilter(queryset=SITES, to_field_name="code", label=_("Base"))
    status = df.ChoiceFilter(choices=AircraftStatus.choices, label=_("Status"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(
            ("tail_number", "tail_number"),
            ("aircraft_type__code", "aircraft_type"),
            ("hours", "hours"),
            ("status", "status"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Aircraft
        fields = []


class ComponentFilter(ActorFilterSet):
    q = SearchFilter("serial", "model", label=_("Serial or model"))
    kind = df.ChoiceFilter(choices=ComponentKind.choices, label=_("Kind"))
    installed = df.BooleanFilter(method="filter_installed", label=_("Installed"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("serial", "serial"), ("model", "model"), ("hours", "hours")),
        label=_("Sort by"),
    )

    class Meta:
        model = Component
        fields = []

    def filter_installed(self, queryset, name, value):
        if value is None:
            return queryset
        fitted = Installation.objects.filter(removed_on__isnull=True).values("component_id")
        return queryset.filter(pk__in=fitted) if value else queryset.exclude(pk__in=fitted)
