"""Filters of oversight's lists, shared by the pages, the exports and the API."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from accord.core.filters import ActorFilterSet, SearchFilter
from accord.markings import Marking
from accord.oversight.choices import Module, RecommendationStatus, Severity
from accord.oversight.models import Finding, Recommendation


class FindingFilter(ActorFilterSet):
    q = SearchFilter("title", "owner", "root_cause", label=_("Search"))
    severity = df.ChoiceFilter(choices=Severity.choices, label=_("Severity"))
    module = df.ChoiceFilter(choices=Module.choices, label=_("Module"))
    open = df.BooleanFilter(method="filter_open", label=_("With open recommendations"))
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = df.OrderingFilter(
        fields=(("found_on", "found"), ("due", "due"), ("title", "title")), label=_("Sort by")
    )

    class Meta:
        model = Finding
        fields = []

    def filter_open(self, queryset, name, value):
        # Only the recommendations the reader may read decide it.
        if value is None:
            return queryset
        ids = (
            Recommendation.objects.visible_to(self.actor)
            .filter(status=RecommendationStatus.OPEN)
            .values("finding_id")
        )
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class RecommendationFilter(ActorFilterSet):
    status = df.ChoiceFilter(choices=RecommendationStatus.choices, label=_("Status"))
    module = df.ChoiceFilter(
        field_name="finding__module", choices=Module.choices, label=_("Module")
    )

    class Meta:
        model = Recommendation
        fields = []
