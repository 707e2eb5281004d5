"""Filters and sort orders of the fleet's lists, shared by the pages, the exports and the API.

Built per request for one actor: a filter that names a record (a type, a base) chooses among the
records the actor may read, so a code the reader may not see is refused like one that names
nothing (``accord.core.filters.ActorFilterSet``).
"""

import django_filters as df
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.filters import ActorFilterSet, SearchFilter
from accord.fleet.choices import (
    AircraftStatus,
    ComponentCondition,
    ComponentKind,
    DefectStatus,
    Operator,
    PartsOrderStatus,
    RepairStatus,
    ServiceRequestStatus,
    WorkOrderStatus,
)
from accord.fleet.models import (
    Aircraft,
    AircraftType,
    Component,
    Defect,
    Hangar,
    Installation,
    Part,
    PartsOrder,
    RepairOrder,
    ServiceRequest,
    StockLot,
    WorkOrder,
)
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
    condition = df.ChoiceFilter(
        choices=ComponentCondition.choices, label=pgettext_lazy("component", "Condition")
    )
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


class WorkOrderFilter(ActorFilterSet):
    q = SearchFilter("number", "aircraft__tail_number", label=_("Number or tail number"))
    status = df.ChoiceFilter(choices=WorkOrderStatus.choices, label=_("Status"))
    site = df.ModelChoiceFilter(queryset=SITES, to_field_name="code", label=_("Site"))
    sort = df.OrderingFilter(
        fields=(("number", "number"), ("raised_on", "raised_on"), ("status", "status")),
        label=_("Sort by"),
    )

    class Meta:
        model = WorkOrder
        fields = []


class DefectFilter(ActorFilterSet):
    q = SearchFilter("description", "aircraft__tail_number", label=_("Description or tail"))
    status = df.ChoiceFilter(choices=DefectStatus.choices, label=_("Status"))
    sort = df.OrderingFilter(fields=(("reported_on", "reported_on"),), label=_("Sort by"))

    class Meta:
        model = Defect
        fields = []


class PartFilter(ActorFilterSet):
    q = SearchFilter("part_number", "name", label=_("Part number or name"))
    sort = df.OrderingFilter(
        fields=(("part_number", "part_number"), ("name", "name")), label=_("Sort by")
    )

    class Meta:
        model = Part
        fields = []


class StockFilter(ActorFilterSet):
    q = SearchFilter("part__part_number", "part__name", "lot", label=_("Part or lot"))
    site = df.ModelChoiceFilter(queryset=SITES, to_field_name="code", label=_("Site"))
    part = df.ModelChoiceFilter(
        queryset=Part.objects.all(), to_field_name="part_number", label=_("Part")
    )
    sort = df.OrderingFilter(
        fields=(("part__part_number", "part"), ("expires_on", "expires_on")), label=_("Sort by")
    )

    class Meta:
        model = StockLot
        fields = []


class PartsOrderFilter(ActorFilterSet):
    q = SearchFilter("number", "supplier", label=_("Number or supplier"))
    status = df.ChoiceFilter(choices=PartsOrderStatus.choices, label=_("Status"))
    site = df.ModelChoiceFilter(queryset=SITES, to_field_name="code", label=_("Site"))
    sort = df.OrderingFilter(
        fields=(("number", "number"), ("ordered_on", "ordered_on")), label=_("Sort by")
    )

    class Meta:
        model = PartsOrder
        fields = []


class HangarFilter(ActorFilterSet):
    q = SearchFilter("site__code", "site__name", label=_("Base"))
    sort = df.OrderingFilter(
        fields=(("site__code", "base"), ("slots", "slots"), ("technicians", "technicians")),
        label=_("Sort by"),
    )

    class Meta:
        model = Hangar
        fields = []


class RepairOrderFilter(ActorFilterSet):
    q = SearchFilter("number", "shop", "component__serial", label=_("Number, shop or serial"))
    status = df.ChoiceFilter(choices=RepairStatus.choices, label=_("Status"))
    sort = df.OrderingFilter(
        fields=(("number", "number"), ("sent_on", "sent_on"), ("expected_on", "expected_on")),
        label=_("Sort by"),
    )

    class Meta:
        model = RepairOrder
        fields = []


class ServiceRequestFilter(ActorFilterSet):
    q = SearchFilter("number", "title", label=_("Number or title"))
    status = df.ChoiceFilter(choices=ServiceRequestStatus.choices, label=_("Status"))
    sort = df.OrderingFilter(
        fields=(("number", "number"), ("requested_on", "requested_on")), label=_("Sort by")
    )

    class Meta:
        model = ServiceRequest
        fields = []
