"""The budget's structure, ministry → programme → sub-programme, with the forms that add to
it: one page, three forms, each running its one service."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accord import access
from accord.budget import selectors, services
from accord.budget.forms import MinistryForm, ProgrammeForm, SubProgrammeForm
from accord.budget.inputs import MinistryValues, ProgrammeValues, SubProgrammeValues
from accord.budget.models import Ministry
from accord.core import selectors as core_selectors
from accord.web.pages import forbidden, form_page


def _ministry_create(actor, cleaned: dict):
    code = cleaned["organisation"]
    organisation = core_selectors.organisation_get(actor=actor, code=code) if code else None
    values = MinistryValues(**{**cleaned, "organisation": organisation})
    return services.ministry_create(actor=actor, values=values)


def _programme_create(actor, cleaned: dict):
    ministry = selectors.ministry_get(actor=actor, code=cleaned["ministry"])
    values = ProgrammeValues(**{**cleaned, "ministry": ministry})
    return services.programme_create(actor=actor, values=values)


def _sub_programme_create(actor, cleaned: dict):
    programme = selectors.programme_get(actor=actor, pk=int(cleaned["programme"]))
    values = SubProgrammeValues(**{**cleaned, "programme": programme})
    return services.sub_programme_create(actor=actor, values=values)


# The structure page's three forms (its hidden ``form`` field names the one sent) and the one
# service each runs, with the records it refers to found as the actor reads them.
STRUCTURE_ADDS = {
    "ministry": _ministry_create,
    "programme": _programme_create,
    "sub_programme": _sub_programme_create,
}


def _structure_forms(request, *, which: str | None, ministries, programmes) -> dict:
    def sent(key):
        return request.POST if which == key else None

    organisations = core_selectors.organisation_list(
        actor=request.user, params={"kind": "ministry"}
    )
    return {
        "ministry": MinistryForm(sent("ministry"), organisations=organisations, prefix="ministry"),
        "programme": ProgrammeForm(sent("programme"), ministries=ministries, prefix="prog"),
        "sub_programme": SubProgrammeForm(
            sent("sub_programme"), programmes=programmes, prefix="sub"
        ),
    }


def _structure_tree(ministries, programmes, subs) -> list[dict]:
    """Ministry → programme → sub-programme, as the reader may read them."""
    return [
        {
            "ministry": m,
            "organisation": access.shown(m, "organisation"),
            "programmes": [
                {"programme": p, "subs": [s for s in subs if s.programme_id == p.pk]}
                for p in programmes
                if p.ministry_id == m.pk
            ],
        }
        for m in ministries
    ]


@require_http_methods(["GET", "POST"])
def structure_page(request):
    """Ministry → programme → sub-programme, with forms to add to it (hub staff)."""
    actor = request.user
    may_add = access.may(actor, "create", Ministry)
    if request.method == "POST" and not may_add:
        if not actor.is_authenticated:
            return HttpResponseRedirect(f"{reverse('web:login')}?next={request.path}")
        return forbidden(
            request, "The budget structure is changed by hub staff and administrators."
        )
    ministries = list(selectors.ministry_list(actor=actor))
    programmes = list(selectors.programme_list(actor=actor))
    subs = list(selectors.sub_programme_list(actor=actor))
    context = {"tree": _structure_tree(ministries, programmes, subs), "forms": None}
    which = request.POST.get("form") if request.method == "POST" else None
    if may_add:
        context["forms"] = _structure_forms(
            request, which=which, ministries=ministries, programmes=programmes
        )
    if which not in STRUCTURE_ADDS:
        return render(request, "budget/structure.html", context)
    return form_page(
        request,
        form=context["forms"][which],
        run=STRUCTURE_ADDS[which],
        template="budget/structure.html",
        success_url=reverse("budget:structure"),
        success_message=lambda saved: f"Added {saved}.",
        context=context,
        invalid_status=422,
    )
