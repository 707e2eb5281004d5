"""The audit trail for auditors and administrators: filters, pages, exports, chain verification."""

from __future__ import annotations

import json

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from accord.audit.selectors import (
    audit_checkpoint_list,
    audit_checkpoint_standing,
    audit_entry_list,
    audit_positions_of,
    audit_trail_readable,
    audit_verify,
)
from accord.web.forms import AuditFilterForm
from accord.web.pages import change_rows, export_response, forbidden, paginate

# The columns in the reader's language; the values (action names, codes) stay as the trail keeps
# them, for an auditor's tools.
EXPORT_HEADERS = (
    _("Entry"), _("When"), _("Actor"), _("Action"), _("Outcome"), _("Error code"),
    _("Object type"), _("Object id"), pgettext_lazy("the record an entry is about", "Object"),
    _("Changes"), _("Marking"), _("Via"),
)  # fmt: skip


def _export_row(entry):
    return (
        entry.pk,
        entry.occurred_at,
        entry.actor_name,
        entry.action,
        entry.outcome,
        entry.error_code,
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        json.dumps(entry.changes, sort_keys=True, ensure_ascii=False),
        entry.marking,
        entry.via,
    )


DENIED = _("The audit trail is read by auditors and administrators.")


def _model_of(object_type: str):
    """The model an entry's ``object_type`` names (``core.site``), for its fields' labels."""
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def _with_change_rows(entries) -> None:
    # Each entry's position in the chain too (None until sealed): findings cite entries by it.
    positions = audit_positions_of([entry.pk for entry in entries])
    for entry in entries:
        entry.change_rows = change_rows(entry.changes, model=_model_of(entry.object_type))
        entry.position = positions.get(entry.pk)


@login_required
@require_GET
def audit_trail(request):
    if not audit_trail_readable(request.user):
        return forbidden(request, DENIED)
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    form = AuditFilterForm(params or None)
    filters = form.selector_filters() if form.is_valid() else {}
    entries = audit_entry_list(actor=request.user, filters=filters)
    if form.is_bound and not form.is_valid():
        entries = entries.none()
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return export_response(
            fmt,
            filename="audit-trail",
            headers=[str(h) for h in EXPORT_HEADERS],
            rows=entries,
            row=_export_row,
        )
    page = paginate(request, entries)
    _with_change_rows(page)
    template = "web/audit.html"
    if request.htmx and request.htmx.target == "rows":
        template += "#rows"
    return render(request, template, {"form": form, "page": page})


@login_required
@require_POST
def audit_verify_view(request):
    if not audit_trail_readable(request.user):
        return forbidden(request, DENIED)
    report = audit_verify()
    template = "web/audit.html#verify" if request.htmx else "web/audit.html"
    context = {"report": report, "form": AuditFilterForm(), "page": None, "verified": True}
    if report.first_break:
        context["first_break"] = report.first_break.said(gettext)
    if not request.htmx:
        context["page"] = paginate(request, audit_entry_list(actor=request.user))
        _with_change_rows(context["page"])
    return render(request, template, context)


@login_required
@require_GET
def audit_checkpoints(request):
    """The checkpoints published so far, and whether the chain still passes through each."""
    if not audit_trail_readable(request.user):
        return forbidden(request, DENIED)
    checkpoints = audit_checkpoint_list(actor=request.user)
    page = paginate(request, checkpoints)
    standing = audit_checkpoint_standing(page)
    for checkpoint in page:
        checkpoint.standing = standing[checkpoint.pk]
    template = "web/audit_checkpoints.html"
    if request.htmx and request.htmx.target == "rows":
        template += "#rows"
    return render(request, template, {"page": page})
