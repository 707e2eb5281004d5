"""Flight logs imported from a CSV or Excel file, all or nothing, bad rows named by line.

Columns (a header row first): ``tail_number``, ``date`` (YYYY-MM-DD), ``hours``, ``landings``,
and optionally ``total_hours``, ``total_landings`` (the logbook's totals after the day) and
``note``. Rows of many aircraft may share a file; each aircraft's rows are checked in the order
of the file, after the entries already logged. One bad row refuses the whole file: every row at
fault is named, and nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime

from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audited
from accord.errors import Code, NotFound, ValidationFailed
from accord.fleet import selectors, services
from accord.fleet.engine.counters import Entry, hours_value
from accord.fleet.models import Aircraft

COLUMNS = ("tail_number", "date", "hours", "landings", "total_hours", "total_landings", "note")
REQUIRED = ("tail_number", "date")
MAX_ROWS = 50_000


@audited("flight_log.import")
def flight_log_import(*, actor, content: bytes, filename: str) -> dict:
    """Import a file of flight log entries; returns entries written by tail number."""
    access.require_kind(actor, "change", Aircraft)
    rows = read_rows(content, filename)
    if not rows:
        raise ValidationFailed(code=Code.EMPTY_LOG)
    errors: dict[str, list[str]] = {}
    by_tail: dict[str, list[tuple[int, Entry, str]]] = defaultdict(list)
    for line, raw in rows:
        try:
            tail, entry, note = _parse(raw)
        except ValueError as exc:
            errors[_line(line)] = [str(exc)]
            continue
        by_tail[tail].append((line, entry, note))
    planes = {}
    for tail, items in by_tail.items():
        try:
            planes[tail] = selectors.aircraft_get(actor=actor, tail_number=tail)
        except NotFound:
            for line, _entry, _note in items:
                errors[_line(line)] = [_("no aircraft %(tail)s that you may read") % {"tail": tail}]
    for tail, plane in planes.items():
        items = by_tail[tail]
        checked = services._check_entries(plane, [entry for _l, entry, _n in items])
        for (line, entry, _note), (_logged, problem) in zip(items, checked, strict=True):
            if problem is not None:
                errors[_line(line)] = [services.problem_text(problem, aircraft=plane, entry=entry)]
    if errors:
        first = min(errors, key=lambda key: int(key.split()[-1]))
        raise ValidationFailed(
            _(
                "%(file)s: %(count)s rows are not valid (the first, %(where)s: %(problem)s); "
                "nothing was imported."
            )
            % {"file": filename, "count": len(errors), "where": first, "problem": errors[first][0]},
            code=Code.BAD_LOG_ROWS,
            errors=dict(sorted(errors.items(), key=lambda kv: int(kv[0].split()[-1]))),
        )
    written = {}
    for tail, plane in planes.items():
        items = by_tail[tail]
        logged = services.flight_logs_append(
            actor=actor,
            aircraft=plane,
            entries=[entry for _l, entry, _n in items],
            notes=[note for _l, _e, note in items],
            estimated=False,
        )
        written[tail] = len(logged)
    return written


def file_rows(content: bytes, filename: str) -> int:
    """About how many rows the file holds, read cheaply (the lines of a CSV, the rows a workbook
    declares) to decide whether it is imported in the request or by the worker. A file that
    cannot be read says 0: it is refused in the request, in words, by the import itself."""
    if not filename.lower().endswith(".xlsx"):
        return max(content.count(b"\n") + (not content.endswith(b"\n")) - 1, 0)
    # deferred: openpyxl is large and only this import reads workbooks.
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        declared = sheet.max_row  # the sheet's declared dimension; None when it declares none
        if declared is None:
            declared = sum(1 for _row in sheet.iter_rows(values_only=True))
    except Exception:
        return 0
    return max(declared - 1, 0)


def _line(number: int) -> str:
    return _("line %(number)s") % {"number": number}


def read_rows(content: bytes, filename: str) -> list[tuple[int, dict]]:
    """The file's rows as (line number, {column: value}): Excel by its name, CSV otherwise."""
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(content, filename)
    return _csv_rows(content, filename)


def _header(names, filename: str) -> list[str]:
    header = [str(name or "").strip().lower() for name in names]
    missing = [c for c in REQUIRED if c not in header]
    if missing or not ({"hours", "total_hours"} & set(header)):
        raise ValidationFailed(
            _("%(file)s: the first row must name the columns %(columns)s (hours or total_hours).")
            % {"file": filename, "columns": ", ".join(COLUMNS)},
            code=Code.BAD_CSV_HEADER,
            errors={"file": [", ".join(COLUMNS)]},
        )
    return header


def _csv_rows(content: bytes, filename: str) -> list[tuple[int, dict]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            _("%(file)s is not UTF-8 text: save it as CSV (UTF-8) and import it again.")
            % {"file": filename},
            code=Code.BAD_CSV,
        ) from None
    if "\x00" in text:
        raise ValidationFailed(
            _("%(file)s holds a NUL character, which a CSV text file never does.")
            % {"file": filename},
            code=Code.NUL_CHARACTER,
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise ValidationFailed(
            _("%(file)s is not readable as CSV (%(error)s).") % {"file": filename, "error": exc},
            code=Code.BAD_CSV,
        ) from None
    if not lines:
        return []
    header = _header(lines[0], filename)
    return _rows(header, enumerate(lines[1:], start=2))


def _xlsx_rows(content: bytes, filename: str) -> list[tuple[int, dict]]:
    # deferred: openpyxl is large and only this import reads workbooks.
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:
        raise ValidationFailed(
            _("%(file)s is not readable as an Excel workbook.") % {"file": filename},
            code=Code.BAD_XLSX,
        ) from None
    if not lines:
        return []
    header = _header(lines[0], filename)
    return _rows(header, enumerate(lines[1:], start=2))


def _rows(header: list[str], numbered) -> list[tuple[int, dict]]:
    rows = []
    for line, values in numbered:
        if all(v in (None, "") for v in values):
            continue  # a blank row (spreadsheets end with some)
        rows.append((line, dict(zip(header, values, strict=False))))
        if len(rows) > MAX_ROWS:
            raise ValidationFailed(
                _("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS},
                code=Code.CSV_TOO_LARGE,
            )
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # A spreadsheet's number: its shortest decimal form (1.5, never 1.5000000001).
        return repr(value)
    return str(value).strip()


def _parse(raw: dict) -> tuple[str, Entry, str]:
    tail = _text(raw.get("tail_number"))
    if not tail:
        raise ValueError(_("Tail number: required"))
    day = _day(raw.get("date"))
    hours = _hours(raw.get("hours"), "hours")
    total_hours = _hours(raw.get("total_hours"), "total_hours")
    if hours is None and total_hours is None:
        raise ValueError(_("hours: give the hours flown or the logbook's total_hours"))
    entry = Entry(
        day,
        hours,
        _count(raw.get("landings"), "landings"),
        total_hours,
        _count(raw.get("total_landings"), "total_landings"),
    )
    return tail, entry, _text(raw.get("note"))[:200]


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(
            _("date: %(value)s is not a date; write YYYY-MM-DD") % {"value": repr(_text(value))}
        ) from None


def _hours(value, field: str):
    text = _text(value)
    if not text:
        return None
    try:
        return hours_value(text)
    except ValueError:
        raise ValueError(
            _("%(field)s: %(value)s is not a number of hours") % {"field": field, "value": text}
        ) from None


def _count(value, field: str):
    text = _text(value)
    if not text:
        return None
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        number = None
    if number is None or number != int(number):
        raise ValueError(
            _("%(field)s: %(value)s is not a whole number") % {"field": field, "value": text}
        )
    return int(number)
