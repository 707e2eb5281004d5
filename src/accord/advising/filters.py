"""Filters and sort orders of advising's lists, shared by the pages, the exports and the API.

A filter that names a record (a counterpart, a function, a site) chooses among the records the
actor may read, so a code the reader may not see is refused like one that names nothing.
"""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from accord.advising.choices import Ministry
from accord.advising.models import Counterpart, EngagementReport, EssentialFunction
from accord.core.filters import ActorFilterSet, SearchFilter
from accord.markings import Marking

# The registry's sites, reached through a report's own reference (this app does not import
# core's models); ActorFilterSet cuts them to what the reader may read.
SITES = EngagementReport._meta.get_field("site").related_model.objects.all()


class ReportFilter(ActorFilterSet):
    q = SearchFilter("advisors", "notes", label=_("Advisors or notes"))
    counterpart = df.ModelChoiceFilter(
        queryset=Counterpart.objects.all(), to_field_name="code", label=_("Counterpart")
    )
    function = df.ModelChoiceFilter(
        queryset=EssentialFunction.objects.all(),
        to_field_name="code",
        label=_("Essential function"),
    )
    site = df.ModelChoiceFilter(queryset=SITES, to_field_name="code", label=_("Site"))
    held_after = df.DateFilter(field_name="held_on", lookup_expr="gte", label=_("From"))
    held_before = df.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Until"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(fields=(("held_on", "held_on"),), label=_("Sort by"))

    class Meta:
        model = EngagementReport
        fields = []


class CounterpartFilter(ActorFilterSet):
    q = SearchFilter("code", "name", label=_("Code or name"))
    ministry = df.ChoiceFilter(choices=Ministry.choices, label=_("Ministry"))
    site = df.ModelChoiceFilter(queryset=SITES, to_field_name="code", label=_("Site"))
    sort = df.OrderingFilter(fields=(("code", "code"), ("name", "name")), label=_("Sort by"))

    class Meta:
        model = Counterpart
        fields = []
