"""A month's payroll and its attendance roster imported from CSV or Excel files, all or
nothing, bad rows named by file and line, a month imported once; then reconciled.

Payroll columns (a header row first): ``number`` (the service number paid), ``position`` (the
code of an authorised position of the month's fiscal year), ``amount`` (in the currency's major
units, e.g. 12000 or 12000.50) and optionally ``eft`` (yes/no: paid by electronic transfer).
Roster columns: ``number`` and ``days_present`` (0 to the days of the month).
"""

from __future__ import annotations

import csv
import io
from calendar import monthrange
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.audit.services import refusals_audited
from accord.errors import AccordError, Code, ValidationFailed
from accord.markings import Marking
from accord.money import positive_minor
from accord.personnel import selectors, services
from accord.personnel.models import PayrollMonth, Position

PAYROLL_COLUMNS = ("number", "position", "amount", "eft")
ROSTER_COLUMNS = ("number", "days_present")
MAX_ROWS = 400_000
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}
CURRENCY = "AFN"  # Afghan salaries are paid in afghani


class Upload:
    """A file as the import reads it: its name and its bytes."""

    def __init__(self, name: str, content: bytes):
        self.name = name
        self.content = content


def month_checked(*, actor, nation, month: date, marking: str):
    """The first checks of an import, before its files are read (and before a large one is
    queued): the actor may import the nation's payroll with that marking, the month has ended,
    a fiscal year holds it, and it is not imported already. Returns the month's first day and
    its fiscal year."""
    access.require_kind(actor, "create", PayrollMonth)
    month = month.replace(day=1)
    last = month.replace(day=monthrange(month.year, month.month)[1])
    if last >= timezone.localdate():
        raise ValidationFailed(
            _("%(month)s has not ended yet.") % {"month": f"{month:%Y-%m}"},
            code=Code.PAYROLL_MONTH_FUTURE,
            errors={"month": [_("a month that has ended")]},
        )
    fiscal_year = selectors.fiscal_year_of(actor=actor, day=month)
    if fiscal_year is None:
        raise ValidationFailed(
            _("No fiscal year holds %(month)s.") % {"month": f"{month:%Y-%m}"},
            code=Code.NO_FISCAL_YEAR,
            errors={"month": [_("a month of a fiscal year")]},
        )
    # Refused before the files are read: a month imported already (the unique constraint holds
    # it again when the month is written).
    services.payroll_month_check(actor=actor, nation=nation, month=month, marking=marking)
    return month, fiscal_year


def _quiet(done: int, total: int, label: str = "") -> None:
    """No one follows an import run in the request."""


@refusals_audited("payroll.import")
def payroll_import(
    *,
    actor,
    nation,
    month: date,
    payroll: Upload,
    roster: Upload,
    marking: str = Marking.PUBLIC,
    progress: Callable[..., None] = _quiet,
) -> PayrollMonth:
    """Import one month of a nation's payroll and roster, then reconcile it in the database.
    ``progress(done, total, label)`` hears each step (the worker's task page shows them)."""
    month, fiscal_year = month_checked(actor=actor, nation=nation, month=month, marking=marking)
    last = month.replace(day=monthrange(month.year, month.month)[1])
    progress(0, 2, gettext_noop("reading and checking the files"))
    positions = dict(
        Position.objects.filter(fiscal_year=fiscal_year, nation=nation).values_list("code", "pk")
    )
    errors: dict[str, list[str]] = {}
    lines = _payroll_rows(payroll, positions, CURRENCY, errors)
    entries = _roster_rows(roster, last.day, errors)
    if errors:
        first = next(iter(errors))
        raise ValidationFailed(
            _(
                "%(count)s rows are not valid (the first, %(where)s: %(problem)s); nothing was "
                "imported."
            )
            % {"count": len(errors), "where": first, "problem": errors[first][0]},
            code=Code.PAYROLL_BAD_ROWS,
            errors=errors,
        )
    if not lines:
        raise ValidationFailed(code=Code.PAYROLL_EMPTY)
    # Said before the transaction opens: inside it, the step would be seen only once it is over.
    progress(1, 2, gettext_noop("writing and reconciling the month"))
    # The files were read and checked with no transaction open (on SQLite one holds the only
    # write lock from its start); the month, its rows and its reconciliation are one write.
    with transaction.atomic():
        record = services.payroll_month_create(
            actor=actor, nation=nation, month=month, fiscal_year=fiscal_year, marking=marking
        )
        services.payroll_rows_write(month=record, lines=lines, roster=entries)
        record = services.payroll_reconcile_month(actor=actor, month=record)
    progress(2, 2, gettext_noop("imported and reconciled"))
    return record


def file_lines(upload: Upload) -> int:
    """About how many rows a file holds, counted without reading it as the import does: a CSV's
    line ends, a workbook's first sheet's last row (0 for a file the import will refuse)."""
    if not upload.name.lower().endswith(".xlsx"):
        return upload.content.count(b"\n")
    # deferred: openpyxl is large and only the imports read workbooks.
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(upload.content), read_only=True)
        return book.worksheets[0].max_row or 0
    except Exception:
        return 0


def _where(upload: Upload, line: int) -> str:
    return _("%(file)s line %(number)s") % {"file": upload.name, "number": line}


def _payroll_rows(upload: Upload, positions: dict, currency: str, errors: dict) -> list[dict]:
    rows = []
    for line, raw in read_rows(upload, PAYROLL_COLUMNS[:3]):
        try:
            number = _required(raw, "number")
            code = _required(raw, "position")
            if code not in positions:
                raise ValueError(
                    _("position: no authorised position %(code)s in the month's fiscal year")
                    % {"code": code}
                )
            amount = _amount(raw.get("amount"), currency)
            eft = _flag(raw.get("eft"))
        except ValueError as exc:
            errors[_where(upload, line)] = [str(exc)]
            continue
        rows.append(
            {
                "line_no": line,
                "number": number,
                "position_id": positions[code],
                "amount_minor": amount,
                "eft": eft,
            }
        )
    return rows


def _roster_rows(upload: Upload, days_in_month: int, errors: dict) -> list[dict]:
    rows = []
    for line, raw in read_rows(upload, ROSTER_COLUMNS):
        try:
            number = _required(raw, "number")
            days = _days(raw.get("days_present"), days_in_month)
        except ValueError as exc:
            errors[_where(upload, line)] = [str(exc)]
            continue
        rows.append({"line_no": line, "number": number, "days_present": days})
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))  # a spreadsheet's whole number: 12000, never 12000.0
    return str(value).strip()


def _required(raw: dict, column: str) -> str:
    text = _text(raw.get(column))
    if not text:
        raise ValueError(_("%(column)s: required") % {"column": column})
    if len(text) > 40:
        raise ValueError(_("%(column)s: at most 40 characters") % {"column": column})
    return text


def _amount(value, currency: str) -> int:
    text = _text(value)
    try:
        return positive_minor(text, currency, field="amount")
    except AccordError:
        raise ValueError(
            _("amount: %(value)s is not an amount above zero; write it in figures, e.g. 12000")
            % {"value": repr(text)}
        ) from None


def _flag(value) -> bool:
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("eft: write yes or no, not %(value)s") % {"value": repr(text)})


def _days(value, days_in_month: int) -> int:
    text = _text(value)
    if not text.isdigit() or int(text) > days_in_month:
        raise ValueError(
            # The column as the file's header names it: the person reads their own file.
            _("%(column)s: %(value)s is not a number of days from 0 to %(days)s")
            % {"column": "days_present", "value": repr(text), "days": days_in_month}
        )
    return int(text)


# --- reading files -------------------------------------------------------------------------------


def read_rows(upload: Upload, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    """The file's rows as (line number, {column: value}): Excel by its name, CSV otherwise."""
    lines = _xlsx_lines(upload) if upload.name.lower().endswith(".xlsx") else _csv_lines(upload)
    if not lines:
        return []
    header = [str(name or "").strip().lower() for name in lines[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise ValidationFailed(
            _("%(file)s: the first row must name the columns %(columns)s.")
            % {"file": upload.name, "columns": ", ".join(required)},
            code=Code.BAD_CSV_HEADER,
            errors={"file": [", ".join(required)]},
        )
    rows = []
    for line, values in enumerate(lines[1:], start=2):
        if all(v in (None, "") for v in values):
            continue  # a blank row (spreadsheets end with some)
        rows.append((line, dict(zip(header, values, strict=False))))
        if len(rows) > MAX_ROWS:
            raise ValidationFailed(
                _("%(file)s has more than %(max)s rows: split it.")
                % {"file": upload.name, "max": MAX_ROWS},
                code=Code.CSV_TOO_LARGE,
            )
    return rows


def _csv_lines(upload: Upload) -> list[list]:
    try:
        text = upload.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            _("%(file)s is not UTF-8 text: save it as CSV (UTF-8) and import it again.")
            % {"file": upload.name},
            code=Code.BAD_CSV,
        ) from None
    if "\x00" in text:
        raise ValidationFailed(
            _("%(file)s holds a NUL character, which a CSV text file never does.")
            % {"file": upload.name},
            code=Code.NUL_CHARACTER,
        )
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ValidationFailed(
            _("%(file)s is not readable as CSV (%(error)s).") % {"file": upload.name, "error": exc},
            code=Code.BAD_CSV,
        ) from None


def _xlsx_lines(upload: Upload) -> list[list]:
    # deferred: openpyxl is large and only the imports read workbooks.
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(upload.content), read_only=True, data_only=True)
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    except Exception:
        raise ValidationFailed(
            _("%(file)s is not readable as an Excel workbook.") % {"file": upload.name},
            code=Code.BAD_XLSX,
        ) from None
