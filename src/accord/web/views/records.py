"""Detail, edit, create and delete pages for the registry's kinds, over selectors and services.

Edits go through the services, which check the access policy again; the view checks first only
to answer properly: a record the user cannot read is a 404, one they read but may not change a
403 page. A domain error becomes a form error that says what to do, never a 500.
"""

from __future__ import annotations

import copy

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord import access
from accord.core import selectors, services
from accord.core.forms import ConfirmForm
from accord.core.models import Nation, Organisation, Site, TroopContribution
from accord.errors import AccordError, PermissionDenied
from accord.l10n import format_day
from accord.web.pages import (
    acting,
    apply_domain_error,
    forbidden,
    form_page,
    history_rows,
    principal,
    record_or_404,
    success_redirect,
)
from accord.web.views.kinds import CONTRIBUTIONS, KIND_OF_MODEL, KINDS, Kind


def _load(kind: Kind, actor, ident: str):
    return record_or_404(kind.get, actor, ident)


def _link(obj) -> str | None:
    kind = KIND_OF_MODEL.get(type(obj))
    if kind is None:
        return None
    try:
        return kind.detail_url(obj)
    except NoReverseMatch:
        return None


def field_rows(obj, names, actor) -> list[dict]:
    """Label, display value and (for related records) links, for a detail page."""
    rows = []
    for name in names:
        field = obj._meta.get_field(name)
        label = str(field.verbose_name)
        label = label[:1].upper() + label[1:]
        links = []
        if field.many_to_many:
            related = access.visible(getattr(obj, name).all(), actor)
            links = [(str(o), _link(o)) for o in related]
            value = None
        elif field.is_relation:
            target = getattr(obj, name)
            if target is not None and access.can_view(actor, target):
                links = [(str(target), _link(target))]
            value = None if target is not None else ""
        elif field.choices:
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name)
        rows.append({"label": label, "value": value, "links": links, "help": field.help_text})
    return rows


def record_title(obj, actor) -> str:
    """A record's name as its reader may see it.

    A troop contribution is named by its nation and site, records with markings of their own: a
    PUBLIC figure for a NATO-marked site must not print that site's name (``str(obj)`` would).
    """
    if not isinstance(obj, TroopContribution):
        return str(obj)
    nation = (
        obj.nation.local_name if access.can_view(actor, obj.nation) else _("Troop contribution")
    )
    day = format_day(obj.as_of)
    if obj.site_id is None:
        return _("%(nation)s mission-wide, %(day)s") % {"nation": nation, "day": day}
    if access.can_view(actor, obj.site):
        return _("%(nation)s at %(site)s, %(day)s") % {
            "nation": nation,
            "site": obj.site.local_name,
            "day": day,
        }
    return _("%(nation)s, %(day)s") % {"nation": nation, "day": day}


def _related(kind: Kind, obj, actor) -> dict:
    """The related records a detail page shows for each kind."""
    if isinstance(obj, Site):
        return {
            "contributions": selectors.contribution_list(actor=actor, params={"site": obj.code}),
            "map_site": obj.code,
        }
    if isinstance(obj, Nation):
        return {
            "contributions": selectors.contribution_list(actor=actor, params={"nation": obj.iso3}),
            "organisations": selectors.organisation_list(actor=actor, params={"nation": obj.iso3}),
        }
    if isinstance(obj, Organisation):
        return {"children": access.visible(obj.children.all(), actor)}
    if isinstance(obj, TroopContribution) and obj.site_id and access.can_view(actor, obj.site):
        return {"map_site": obj.site.code}
    return {}


def record_detail(request, kind_key: str, ident: str):
    kind = KINDS[kind_key]
    actor = request.user
    obj = _load(kind, actor, ident)
    p = principal(request)
    context = {
        "kind": kind,
        "obj": obj,
        "obj_title": record_title(obj, actor),
        "fields": field_rows(obj, kind.detail_fields, actor),
        "sources": list(obj.sources.all()),
        "history": history_rows(actor, obj, name_links=True),
        "can_change": access.can_change(p, obj),
        "edit_url": reverse(f"web:{kind.key}-edit", args=[kind.ident(obj)]),
        "contribution_kind": CONTRIBUTIONS,
        **_related(kind, obj, actor),
    }
    if kind is CONTRIBUTIONS:
        context["delete_url"] = reverse("web:contributions-delete", args=[obj.pk])
    return render(request, "web/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, kind_key: str, ident: str):
    kind = KINDS[kind_key]
    actor = request.user
    obj = _load(kind, actor, ident)
    try:
        access.require_change(actor, obj)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    # The form works on a copy: validating it must not alter the record the service compares.
    form = kind.form(request.POST or None, instance=copy.copy(obj), actor=actor)

    def save(actor, cleaned):
        # Read afresh: the service compares versions against the record as it is now.
        fresh = kind.get(actor, ident)
        values = kind.values(**form.service_data())
        return kind.update(actor, fresh, values, cleaned["expected_version"])

    return form_page(
        request,
        form=form,
        run=save,
        template="web/form.html",
        partial="form",
        success_url=kind.detail_url,
        success_message=lambda saved: _("Saved %(record)s.") % {"record": saved},
        context={
            "kind": kind,
            "obj": obj,
            "obj_title": record_title(obj, actor),
            "title": _("Edit %(record)s") % {"record": record_title(obj, actor)},
            "cancel_url": kind.detail_url(obj),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, kind_key: str):
    kind = KINDS[kind_key]
    if kind.create is None:
        raise Http404("This kind of record is not created from the pages.")
    actor = request.user
    if not kind.may_create(actor):
        return forbidden(request, _("You may not create a %(kind)s.") % {"kind": kind.singular})
    form = kind.form(
        request.POST or None,
        instance=kind.model(),
        actor=actor,
        initial=_create_initial(kind, request),
    )
    return form_page(
        request,
        form=form,
        run=lambda actor, cleaned: kind.create(actor, kind.values(**form.service_data())),
        template="web/form.html",
        partial="form",
        success_url=kind.detail_url,
        success_message=lambda saved: _("Created %(record)s.") % {"record": saved},
        context={
            "kind": kind,
            "obj": None,
            "title": _("New %(kind)s") % {"kind": kind.singular},
            "cancel_url": kind.list_url(),
        },
    )


def _create_initial(kind: Kind, request) -> dict:
    """A new contribution starts at the site asked for, else the actor's own site or nation."""
    if kind is not CONTRIBUTIONS:
        return {}
    p = principal(request)
    initial = {}
    if request.GET.get("site"):
        site = selectors.site_list(actor=request.user).filter(code=request.GET["site"]).first()
        initial["site"] = site
    if p.site_id and "site" not in initial:
        initial["site"] = p.site_id
    if p.nation_id and not p.site_id:
        initial["nation"] = p.nation_id
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def contribution_delete(request, ident: str):
    kind = CONTRIBUTIONS
    actor = request.user
    obj = _load(kind, actor, ident)
    if not access.can_change(actor, obj):
        return forbidden(
            request,
            _("You may read this %(kind)s but not delete it.") % {"kind": kind.singular},
        )
    form = ConfirmForm(request.POST or None, initial={"expected_version": obj.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_delete(
                actor=acting(request),
                contribution=obj,
                expected_version=form.cleaned_data["expected_version"],
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            title = record_title(obj, actor)
            return success_redirect(
                request, kind.list_url(), _("Deleted %(record)s.") % {"record": title}
            )
    context = {"kind": kind, "obj": obj, "obj_title": record_title(obj, actor), "form": form}
    return render(request, "web/confirm_delete.html", context)
