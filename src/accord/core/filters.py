"""Filters and sort orders for the registry's lists: shared by the pages, the exports, the API.

Every filter set is built per request for one actor (``NationFilter(params, queryset=...,
actor=...)``): a filter that names a record chooses among the records the actor may read, so a
code the reader may not see is refused exactly like a code that does not exist. Otherwise
``?site=<a NATO-only site>`` would answer an empty list where an unknown code answers an error,
and the difference would tell Russia's delegation that the site exists.
"""

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.core.choices import OrganisationKind, SiteKind
from accord.core.models import Nation, Organisation, Site, TroopContribution, User
from accord.markings import Marking, Role
from accord.names import local, search_fields


class SearchFilter(df.CharFilter):
    """Free text over a few fields (case-insensitive contains)."""

    def __init__(self, *fields, **kwargs):
        self.search_fields = fields
        super().__init__(label=kwargs.pop("label", _("Search")), **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value.strip()})
        return qs.filter(q)


class NameOrdering(df.OrderingFilter):
    """Sorting in which a name sorts as the reader reads it: in their language (accord.names)."""

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = value.lstrip("-")
        if field not in ("name", "nation__name", "site__name"):
            return value
        expression = local("name", prefix=field.removesuffix("name"))
        return expression.desc() if value.startswith("-") else expression.asc()


class ActorFilterSet(df.FilterSet):
    """A filter set whose record choices are cut to what ``actor`` may read."""

    def __init__(self, data=None, queryset=None, *, actor, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.actor = actor
        # ``self.filters`` is this instance's deep copy of the declarations: safe to narrow.
        for declared in self.filters.values():
            if isinstance(declared, df.ModelChoiceFilter | df.ModelMultipleChoiceFilter):
                declared.queryset = access.visible(declared.queryset, actor)


class NationFilter(ActorFilterSet):
    q = SearchFilter(*search_fields("name"), "iso3")
    nrc_member = df.BooleanFilter(label=_("NRC member"))
    nato = df.BooleanFilter(
        field_name="nato_accession", lookup_expr="isnull", exclude=True, label=_("NATO member")
    )
    partner = df.BooleanFilter()
    sort = NameOrdering(fields=("name", "iso3", "nato_accession"), label=_("Sort by"))

    class Meta:
        model = Nation
        fields = []


class OrganisationFilter(ActorFilterSet):
    q = SearchFilter(*search_fields("name"), *search_fields("short_name"), "code")
    kind = df.ChoiceFilter(choices=OrganisationKind.choices)
    nation = df.ModelChoiceFilter(queryset=Nation.objects.all(), to_field_name="iso3")
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = NameOrdering(fields=("name", "kind", "code"), label=_("Sort by"))

    class Meta:
        model = Organisation
        fields = []


class SiteFilter(ActorFilterSet):
    q = SearchFilter(*search_fields("name"), "code", "location", "counterpart")
    kind = df.ChoiceFilter(choices=SiteKind.choices)
    lead_nation = df.ModelChoiceFilter(queryset=Nation.objects.all(), to_field_name="iso3")
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = NameOrdering(fields=("name", "kind", "code", "latitude"), label=_("Sort by"))

    class Meta:
        model = Site
        fields = []


class ContributionFilter(ActorFilterSet):
    nation = df.ModelChoiceFilter(queryset=Nation.objects.all(), to_field_name="iso3")
    site = df.ModelChoiceFilter(queryset=Site.objects.all(), to_field_name="code")
    mission_wide = df.BooleanFilter(
        field_name="site", lookup_expr="isnull", label=_("Mission-wide only")
    )
    as_of_after = df.DateFilter(field_name="as_of", lookup_expr="gte", label=_("As of, from"))
    as_of_before = df.DateFilter(field_name="as_of", lookup_expr="lte", label=_("As of, until"))
    estimated = df.BooleanFilter()
    marking = df.ChoiceFilter(choices=Marking.choices, label=_("Marking"))
    sort = NameOrdering(
        fields=(
            ("as_of", "as_of"),
            ("nation__name", "nation"),
            ("site__name", "site"),
            ("personnel", "personnel"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = TroopContribution
        fields = []


class UserFilter(ActorFilterSet):
    q = SearchFilter("username", "first_name", "last_name", "email")
    role = df.ChoiceFilter(
        choices=Role.choices, field_name="role_grants__role", distinct=True, label=_("Role")
    )
    nation = df.ModelChoiceFilter(queryset=Nation.objects.all(), to_field_name="iso3")
    site = df.ModelChoiceFilter(queryset=Site.objects.all(), to_field_name="code")
    active = df.BooleanFilter(field_name="is_active", label=_("Active"))
    sort = df.OrderingFilter(
        fields=(("username", "username"), ("last_name", "name"), ("last_login", "last_login")),
        label=_("Sort by"),
    )

    class Meta:
        model = User
        fields = []
