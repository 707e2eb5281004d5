"""What every page view shares: the acting principal, error pages, HTMX answers, exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect
from openpyxl import Workbook

from accord import access
from accord.audit.services import set_via
from accord.errors import AccordError, Code

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def principal(request) -> access.Principal:
    return access.principal_of(request.user)


def acting(request):
    """The actor for a service call from a page; marks the audit entries as written via the web."""
    set_via("web")
    return request.user


def forbidden(request, message: str) -> HttpResponse:
    """The 403 page, for a record the user may read but not change."""
    return render(request, "403.html", {"message": message}, status=403)


def success_redirect(request, url: str, message: str = "") -> HttpResponse:
    """After a successful POST: HX-Redirect for HTMX, a plain redirect otherwise."""
    if message:
        messages.success(request, message)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


HINTS = {
    Code.STALE_VERSION: "Reload the page to see the current values, then make your change again.",
    Code.PERMISSION_DENIED: "Ask an administrator or the record's site or nation staff to make it.",
    Code.DUPLICATE: "Change the values that identify it (nation, site, date or code).",
    Code.NOT_FOUND: "It may have been deleted or moved out of your reach; go back to the list.",
    Code.IN_USE: "Remove or change the records that refer to it first.",
}


def apply_domain_error(form, error: AccordError) -> None:
    """Turn a domain error into form errors that say what went wrong and what to do."""
    placed = False
    for field, problems in (error.errors or {}).items():
        if field in form.fields:
            for problem in problems:
                form.add_error(field, problem)
            placed = True
    hint = HINTS.get(error.code, "")
    if not placed or error.code != Code.VALIDATION_FAILED:
        form.add_error(None, f"{error.detail} {hint}".strip())


def change_rows(changes: dict) -> list[dict]:
    """An audit entry's ``changes`` as rows: field, old, new (``pair`` False for a plain note)."""
    rows = []
    for name, value in sorted((changes or {}).items()):
        if isinstance(value, list) and len(value) == 2:
            rows.append({"field": name, "old": value[0], "new": value[1], "pair": True})
        else:
            rows.append({"field": name, "old": None, "new": value, "pair": False})
    return rows


# --- exports ---------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    """A value as written to a spreadsheet cell, guarded against formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def export_response(
    fmt: str,
    *,
    filename: str,
    headers: Sequence[str],
    rows: Iterable,
    row: Callable[[object], Sequence],
) -> HttpResponse:
    """CSV (streamed) or XLSX of ``rows`` (capped at ACCORD_EXPORT_MAX_ROWS)."""
    cap = settings.ACCORD_EXPORT_MAX_ROWS
    if hasattr(rows, "iterator"):
        rows = rows[:cap].iterator(chunk_size=2000)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(filename[:31])
        sheet.append(list(headers))
        for count, obj in enumerate(rows):
            if count >= cap:
                break
            sheet.append([_cell(v) for v in row(obj)])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
        return response

    writer = csv.writer(_Echo())

    def stream():
        yield writer.writerow(list(headers))
        for count, obj in enumerate(rows):
            if count >= cap:
                break
            yield writer.writerow([_cell(v) for v in row(obj)])

    response = StreamingHttpResponse(stream(), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    return response
