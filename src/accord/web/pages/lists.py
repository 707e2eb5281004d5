"""List pages: one filter set, sortable columns, pagination, HTMX rows and CSV/XLSX export.

A list is declared (``ListPage``): its filter set (the same one the selectors and the API use,
its choices cut to what the reader may read), its columns and the selector that reads its rows.
``list_page`` then answers the page, the HTMX request for the rows alone, and the exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from accord.errors import ValidationFailed
from accord.web.pages.exports import EXPORT_FORMATS, export_response

CONTROL_PARAMS = ("page", "format")


@dataclass(frozen=True)
class Column:
    """One column of a list: what it shows (a dotted path or a function) and how it sorts."""

    label: str
    path: str | Callable
    sort: str | None = None
    link: bool = False
    numeric: bool = False
    badge: bool = False

    def value(self, obj):
        if callable(self.path):
            return self.path(obj)
        value = obj
        for part in self.path.split("."):
            if value is None:
                return None
            display = getattr(value, f"get_{part}_display", None)
            value = display() if display else getattr(value, part)
        return value


@dataclass(frozen=True)
class ListPage:
    """A list page's declaration.

    ``select(actor, params)`` is the selector (it applies the filter set and the sort, and raises
    ValidationFailed on a bad filter); ``row_url(obj)`` links a row; ``edit_url(obj)`` is offered
    on the rows the reader may change (``changeable(actor, pks)`` answers which).
    """

    name: str  # the export's file name: "sites"
    model: type
    filterset: type
    columns: tuple[Column, ...]
    select: Callable
    row_url: Callable
    template: str = "web/list.html"
    export_extra: tuple[Column, ...] = field(default_factory=tuple)
    edit_url: Callable | None = None
    changeable: Callable | None = None


def paginate(request, rows):
    """One page of ``rows`` (``?page=N``, ACCORD_PAGE_SIZE a page), for lists that are not
    declared as a ``ListPage`` (the audit trail's entries, a body's meetings)."""
    return Paginator(rows, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))


def filter_params(request):
    params = request.GET.copy()
    for name in CONTROL_PARAMS:
        params.pop(name, None)
    return params


def filter_form(page: ListPage, params, actor):
    """The filter set's form, its choice lists cut to what the actor may read (by the filter set
    itself, the same one the selectors, the exports and the API use)."""
    return page.filterset(params or None, queryset=page.model.objects.none(), actor=actor).form


def sort_columns(columns, current: str) -> list[dict]:
    """Each column with the sort value its header link sets (ascending first, then descending)."""
    headers = []
    for column in columns:
        state = None
        next_sort = column.sort
        if column.sort and current == column.sort:
            state, next_sort = "asc", f"-{column.sort}"
        elif column.sort and current == f"-{column.sort}":
            state, next_sort = "desc", column.sort
        headers.append({"column": column, "state": state, "next_sort": next_sort})
    return headers


def list_page(request, page: ListPage, context: dict | None = None):
    """The list page for ``page``: rows, filters, sort headers, pagination; ``?format=csv`` or
    ``xlsx`` exports the filtered rows; an HTMX request aimed at ``#rows`` gets the rows alone."""
    actor = request.user
    params = filter_params(request)
    form = filter_form(page, params, actor)
    error = None
    try:
        queryset = page.select(actor=actor, params=params)
    except ValidationFailed as exc:
        queryset = page.model.objects.none()
        error = exc
        form.is_valid()  # so that the form shows which filter is wrong

    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS and error is None:
        columns = (*page.columns, *page.export_extra)
        return export_response(
            fmt,
            filename=page.name,
            headers=[str(c.label) for c in columns],
            rows=queryset,
            row=lambda obj: [c.value(obj) for c in columns],
        )

    shown = paginate(request, queryset)
    editable = set()
    if page.edit_url is not None and page.changeable is not None:
        editable = page.changeable(actor, [obj.pk for obj in shown])
    rows = [
        {
            "url": page.row_url(obj),
            "edit_url": page.edit_url(obj) if obj.pk in editable else None,
            "cells": [(c, c.value(obj)) for c in page.columns],
        }
        for obj in shown
    ]
    context = {
        **(context or {}),
        "form": form,
        "error": error,
        "page": shown,
        "rows": rows,
        "columns": sort_columns(page.columns, params.get("sort", "")),
    }
    template = page.template
    if getattr(request, "htmx", False) and request.htmx.target == "rows":
        template += "#rows"
    return render(request, template, context)
