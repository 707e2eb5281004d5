"""Filters of the situation's lists, shared by the pages, the exports, the map and the API.

Places are public reference data, so a filter naming a province or district takes its code as
text; the events and claims filtered are always the ones the reader may read.
"""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from accord.core.filters import ActorFilterSet, SearchFilter
from accord.markings import Marking
from accord.situation.choices import (
    Assessor,
    Confidence,
    Control,
    Drug,
    EventSource,
    IncidentKind,
    Measure,
)
from accord.situation.models import (
    ConflictEvent,
    ControlClaim,
    EventRelease,
    Incident,
    NarcoticsFigure,
    Seizure,
)

PRECISION = [(n, str(n)) for n in range(1, 8)]


class EventFilter(ActorFilterSet):
    q = SearchFilter("source_id", "where_description", "side_a", "side_b", label=_("Search"))
    source = df.ChoiceFilter(choices=EventSource.choices, label=_("Source"))
    date_from = df.DateFilter(field_name="date_start", lookup_expr="gte", label=_("From"))
    date_to = df.DateFilter(field_name="date_start", lookup_expr="lte", label=_("To"))
    violence_type = df.CharFilter(label=_("Type"))
    actor = df.CharFilter(method="filter_actor", label=_("Actor"))
    # ChoiceFilter offers an empty choice first: a plain typed choice would preselect 1, and any
    # filtering from the form would then quietly keep only the exactly placed events.
    where_precision = df.ChoiceFilter(choices=PRECISION, label=_("Place precision"))
    max_where_precision = df.ChoiceFilter(
        choices=PRECISION,
        field_name="where_precision",
        lookup_expr="lte",
        label=_("Place precision at most"),
    )
    province = df.CharFilter(field_name="province__code", label=_("Province"))
    district = df.CharFilter(field_name="district__code", label=_("District"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("date_start", "date"), ("deaths_best", "deaths"), ("source_id", "id")),
        label=_("Sort by"),
    )

    class Meta:
        model = ConflictEvent
        fields = []

    def filter_actor(self, queryset, name, value):
        return queryset.filter(side_a__icontains=value) | queryset.filter(side_b__icontains=value)


class ReleaseFilter(ActorFilterSet):
    source = df.ChoiceFilter(choices=EventSource.choices, label=_("Source"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))

    class Meta:
        model = EventRelease
        fields = []


class ClaimFilter(ActorFilterSet):
    district = df.CharFilter(field_name="district__code", label=_("District"))
    province = df.CharFilter(field_name="district__province__code", label=_("Province"))
    assessor = df.ChoiceFilter(choices=Assessor.choices, label=_("Assessor"))
    status = df.ChoiceFilter(choices=Control.choices, label=_("Control"))
    confidence = df.ChoiceFilter(choices=Confidence.choices, label=_("Confidence"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("as_of", "as_of"), ("district__name", "district"), ("assessor", "assessor")),
        label=_("Sort by"),
    )

    class Meta:
        model = ControlClaim
        fields = []


class FigureFilter(ActorFilterSet):
    measure = df.ChoiceFilter(choices=Measure.choices, label=_("Measure"))
    year = df.NumberFilter(label=_("Year"))
    province = df.CharFilter(field_name="province__code", label=_("Province"))
    national = df.BooleanFilter(
        field_name="province", lookup_expr="isnull", label=_("Whole country")
    )

    class Meta:
        model = NarcoticsFigure
        fields = []


class SeizureFilter(ActorFilterSet):
    q = SearchFilter("agency", "place", "note", label=_("Search"))
    drug = df.ChoiceFilter(choices=Drug.choices, label=_("Drug"))
    nation = df.CharFilter(field_name="nation__iso3", label=_("Nation"))
    date_from = df.DateFilter(field_name="seized_on", lookup_expr="gte", label=_("From"))
    date_to = df.DateFilter(field_name="seized_on", lookup_expr="lte", label=_("To"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("seized_on", "date"), ("quantity_kg", "quantity")), label=_("Sort by")
    )

    class Meta:
        model = Seizure
        fields = []


class IncidentFilter(ActorFilterSet):
    q = SearchFilter("title", "place", "description", label=_("Search"))
    kind = df.ChoiceFilter(choices=IncidentKind.choices, label=_("Type"))
    date_from = df.DateFilter(field_name="occurred_on", lookup_expr="gte", label=_("From"))
    date_to = df.DateFilter(field_name="occurred_on", lookup_expr="lte", label=_("To"))
    province = df.CharFilter(field_name="province__code", label=_("Province"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("occurred_on", "date"), ("killed", "killed")), label=_("Sort by")
    )

    class Meta:
        model = Incident
        fields = []
