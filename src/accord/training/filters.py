"""Filters and sort orders for training's lists: shared by the pages, the exports and the API.

Built per request for one actor (``ActorFilterSet``): a filter naming a record chooses among
the records the actor may read, so a hidden code is refused like a code that names nothing.
"""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from accord.core.filters import ActorFilterSet, SearchFilter
from accord.training.choices import NominationStatus, ProgrammeKind
from accord.training.models import Course, Nomination, Programme, Session, Trainee


class ProgrammeFilter(ActorFilterSet):
    q = SearchFilter("name", "code")
    kind = df.ChoiceFilter(choices=ProgrammeKind.choices, label=_("Kind"))
    sort = df.OrderingFilter(fields=("code", "name"), label=_("Sort by"))

    class Meta:
        model = Programme
        fields = []


class SessionFilter(ActorFilterSet):
    q = SearchFilter("code", "course__title")
    programme = df.ModelChoiceFilter(
        field_name="course__programme",
        queryset=Programme.objects.all(),
        to_field_name="code",
        label=_("Programme"),
    )
    course = df.ModelChoiceFilter(
        queryset=Course.objects.all(), to_field_name="code", label=_("Course")
    )
    year = df.NumberFilter(field_name="starts", lookup_expr="year", label=_("Year"))
    open = df.BooleanFilter(field_name="nominations_open", label=_("Taking nominations"))
    sort = df.OrderingFilter(fields=("starts", "code", "capacity"), label=_("Sort by"))

    class Meta:
        model = Session
        fields = []


class NominationFilter(ActorFilterSet):
    session = df.ModelChoiceFilter(
        queryset=Session.objects.all(), to_field_name="code", label=_("Session")
    )
    status = df.ChoiceFilter(choices=NominationStatus.choices, label=_("Status"))
    sort = df.OrderingFilter(fields=("nominated_at", "status"), label=_("Sort by"))

    class Meta:
        model = Nomination
        fields = []


class TraineeFilter(ActorFilterSet):
    q = SearchFilter("given_name", "family_name", "native_name")
    sort = df.OrderingFilter(fields=("family_name", "date_of_birth"), label=_("Sort by"))

    class Meta:
        model = Trainee
        fields = []
