"""One list view for every registry kind: filters, sorting, pagination, HTMX rows, exports."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from accord import access
from accord.errors import ValidationFailed
from accord.web.views.common import export_response, principal
from accord.web.views.kinds import KINDS, Kind

CONTROL_PARAMS = ("page", "format")
EXPORT_FORMATS = ("csv", "xlsx")


def filter_params(request):
    params = request.GET.copy()
    for name in CONTROL_PARAMS:
        params.pop(name, None)
    return params


def filter_form(kind: Kind, params, actor):
    """The filter set's form, its choice lists cut to what the actor may read (by the filter set
    itself, the same one the selectors, the exports and the API use)."""
    return kind.filterset(params or None, queryset=kind.model.objects.none(), actor=actor).form


def sort_columns(kind: Kind, current: str):
    """Each column with the sort value its header link sets (ascending first, then descending)."""
    columns = []
    for column in kind.columns:
        state = None
        next_sort = column.sort
        if column.sort and current == column.sort:
            state, next_sort = "asc", f"-{column.sort}"
        elif column.sort and current == f"-{column.sort}":
            state, next_sort = "desc", column.sort
        columns.append({"column": column, "state": state, "next_sort": next_sort})
    return columns


def record_list(request, kind_key: str):
    kind = KINDS[kind_key]
    actor = request.user
    params = filter_params(request)
    form = filter_form(kind, params, actor)
    error = None
    try:
        queryset = kind.list_selector(actor=actor, params=params)
    except ValidationFailed as exc:
        queryset = kind.model.objects.none()
        error = exc
        form.is_valid()  # so that the form shows which filter is wrong

    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS and error is None:
        columns = (*kind.columns, *kind.export_extra)
        return export_response(
            fmt,
            filename=kind.key,
            headers=[c.label for c in columns],
            rows=queryset,
            row=lambda obj: [c.value(obj) for c in columns],
        )

    paginator = Paginator(queryset, settings.ACCORD_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    p = principal(request)
    changeable = set()
    if not p.is_anonymous:
        changeable = set(
            access.changeable(
                kind.model.objects.filter(pk__in=[o.pk for o in page]), p
            ).values_list("pk", flat=True)
        )
    rows = [
        {
            "url": kind.detail_url(obj),
            "edit_url": reverse(f"web:{kind.key}-edit", args=[kind.ident(obj)])
            if obj.pk in changeable
            else None,
            "cells": [(c, c.value(obj)) for c in kind.columns],
        }
        for obj in page
    ]
    context = {
        "kind": kind,
        "form": form,
        "error": error,
        "page": page,
        "rows": rows,
        "columns": sort_columns(kind, params.get("sort", "")),
        "create_url": reverse(f"web:{kind.key}-create")
        if kind.create and kind.may_create(p)
        else None,
    }
    template = "web/list.html"
    if request.htmx and request.htmx.target == "rows":
        template += "#rows"
    return render(request, template, context)
