"""CSV and XLSX exports of a list: streamed CSV, write-only XLSX, capped, safe from formula
injection (a cell that starts like a formula is written as text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "xlsx")


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
        # deferred: openpyxl (with numpy) takes a sixth of a second to import and only an XLSX
        # export needs it, not every process that serves a list.
        from openpyxl import Workbook

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
