"""Persons: the list, a person's page (slots, attrition, suspected duplicates, history),
enrolling, the second user's confirmation, the pipeline, slotting and attrition.

Personal data: each page reads through the selectors, which show a person to auditors and to
the hub staff of the person's own nation only; anyone else finds no such person.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accord import access
from accord.core import selectors as core_selectors
from accord.personnel import selectors, services
from accord.personnel.filters import PersonFilter
from accord.personnel.forms import (
    AdvanceForm,
    AttritionForm,
    ConfirmForm,
    GraduateForm,
    PersonForm,
    SlotForm,
)
from accord.personnel.inputs import PersonValues
from accord.personnel.models import Person
from accord.personnel.views.common import Kind, one_form, page
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)


def _confirmed(person) -> str:
    return _("Confirmed") if person.confirmed else _("Awaiting a second user")


def _duplicate(person) -> str:
    return person.duplicate_of.number if person.duplicate_of_id else ""


PERSONS = ListPage(
    name="persons",
    model=Person,
    filterset=PersonFilter,
    columns=(
        Column(gettext_lazy("Service number"), "number", sort="number", link=True),
        Column(gettext_lazy("Given name"), "given_name"),
        Column(gettext_lazy("Family name"), "family_name", sort="name"),
        Column(gettext_lazy("Stage"), "stage", sort="stage"),
        Column(gettext_lazy("Confirmation"), _confirmed),
        Column(gettext_lazy("Suspected duplicate of"), _duplicate),
        Column(gettext_lazy("Left service on"), "left_on"),
    ),
    select=selectors.person_list,
    row_url=lambda p: reverse("personnel:person-detail", args=[p.pk]),
)


@page
def person_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("person"), gettext_lazy("Persons")),
        "create_url": reverse("personnel:person-create")
        if access.may(actor, "create", Person)
        else None,
    }
    return list_page(request, PERSONS, context)


@page
def person_detail(request, pk: int):
    actor = request.user
    person = record_or_404(selectors.person_get, actor=actor, pk=pk)
    may_change = access.may(actor, "change", Person, person)
    context = {
        "person": person,
        "slots": list(selectors.slots_of(actor=actor, person=person)),
        "attrition": list(selectors.attrition_of(actor=actor, person=person)),
        "duplicates": list(selectors.duplicates_of(actor=actor, person=person)),
        "graduate_records": list(selectors.graduate_records_of(actor=actor, person=person)),
        "graduate_form": GraduateForm(),
        "may_change": may_change,
        "advance_form": AdvanceForm(initial={"expected_version": person.version}),
        "history": history_rows(actor, person),
    }
    return render(request, "personnel/person_detail.html", context)


def _person_values(actor, data) -> PersonValues:
    fields = ("number", "biometric_id", "given_name", "family_name", "date_of_birth")
    nation = core_selectors.nation_get(actor=actor, iso3=data["nation"])
    return PersonValues(**{name: data[name] for name in fields}, nation=nation)


@page
def person_create(request):
    actor = request.user
    if not access.may(actor, "create", Person):
        return forbidden(request, _("Persons are enrolled by the nation's hub staff."))
    form = PersonForm(request.POST or None, nations=core_selectors.nation_list(actor=actor))
    return one_form(
        request,
        form,
        run=lambda actor, data: services.person_create(
            actor=actor, values=_person_values(actor, data)
        ),
        title=_("Enrol a person"),
        cancel_url=reverse("personnel:persons"),
        success_url=lambda p: reverse("personnel:person-detail", args=[p.pk]),
        message=lambda p: (
            _("Enrolled %(number)s; a second user must confirm them.") % {"number": p.number}
        ),
    )


def _back(person) -> str:
    return reverse("personnel:person-detail", args=[person.pk])


@require_POST
@page
def person_confirm(request, pk: int):
    person = record_or_404(selectors.person_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=ConfirmForm(request.POST),
        run=lambda actor, data: services.person_confirm(actor=actor, person=person),
        back_url=_back(person),
        done=_("The person is confirmed."),
    )


@require_POST
@page
def person_advance(request, pk: int):
    person = record_or_404(selectors.person_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=AdvanceForm(request.POST),
        run=lambda actor, data: services.person_advance(
            actor=actor,
            person=person,
            stage=data["stage"],
            expected_version=data["expected_version"],
        ),
        back_url=_back(person),
        done=_("The recruit moved on."),
        invalid_message=_("Reload the page and try again."),
    )


@page
def slot_request(request, pk: int):
    actor = request.user
    person = record_or_404(selectors.person_get, actor=actor, pk=pk)
    if not access.may(actor, "change", Person, person):
        return forbidden(request, _("Persons are slotted by the nation's hub staff."))
    positions = {str(p.pk): p for p in selectors.position_list(actor=actor)[:1000]}
    form = SlotForm(request.POST or None, positions=positions.values())
    return one_form(
        request,
        form,
        run=lambda actor, data: services.slot_request(
            actor=actor, person=person, position=positions[data["position"]], starts=data["starts"]
        ),
        title=_("Slot %(number)s into a position") % {"number": person.number},
        cancel_url=_back(person),
        success_url=_back(person),
        message=_("The slot is asked for; a second user must confirm it."),
    )


@require_POST
@page
def slot_confirm(request, pk: int):
    actor = request.user
    slot = record_or_404(selectors.slot_get, actor=actor, pk=pk)
    return record_action(
        request,
        form=ConfirmForm(request.POST),
        run=lambda actor, data: services.slot_confirm(actor=actor, slot=slot),
        back_url=_back(slot.person),
        done=_("The slot is confirmed."),
    )


@require_POST
@page
def graduate_link(request, pk: int):
    """Link a training certificate the person holds (checked by its public verification)."""
    person = record_or_404(selectors.person_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=GraduateForm(request.POST),
        run=lambda actor, data: services.graduate_link(actor=actor, person=person, **data),
        back_url=_back(person) + "#training",
        done=lambda r: (
            _("Certificate %(code)s linked: %(course)s.")
            % {"code": r.certificate_code, "course": r.course}
        ),
    )


@page
def attrition_record(request, pk: int):
    actor = request.user
    person = record_or_404(selectors.person_get, actor=actor, pk=pk)
    if not access.may(actor, "change", Person, person):
        return forbidden(request, _("Attrition is recorded by the nation's hub staff."))
    return one_form(
        request,
        AttritionForm(request.POST or None),
        run=lambda actor, data: services.attrition_record(actor=actor, person=person, **data),
        title=_("Record attrition of %(number)s") % {"number": person.number},
        cancel_url=_back(person),
        success_url=_back(person),
        message=_("The attrition is recorded."),
    )
