"""Reading an event source's release file (UCDP GED or ACLED-shaped CSV) into checked rows.

Every row is read and checked before anything is written: a file with missing columns, no rows,
a row that is not valid (named by line), a date after today or a point outside Afghanistan is
refused whole. Rows the sources' own data is known to get wrong (GED's low <= best <= high fails
for 7 of the 135 sample rows) are kept, with a warning.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from accord.errors import Code, ValidationFailed
from accord.situation.choices import EventSource
from accord.situation.engine.places import in_afghanistan_box, swapped

MAX_ROWS = 500_000
MAX_COUNT = 1_000_000  # no event's toll comes near it; a larger figure is a typing error

# The columns each source's layout must have (GED has 49; these are the ones Accord keeps).
GED_COLUMNS = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "where_prec",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
)
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)
COLUMNS = {EventSource.UCDP_GED: GED_COLUMNS, EventSource.ACLED: ACLED_COLUMNS}
GED_VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}


class RowProblem(ValueError):
    """A row's fault, with the code of the refusal it makes."""

    def __init__(self, text: str, code: Code = Code.BAD_EVENT_ROWS):
        super().__init__(text)
        self.code = code


@dataclass
class EventRow:
    """One row as Accord keeps it (``ConflictEvent``'s fields), with its warnings."""

    line: int
    source_id: str
    values: dict
    warnings: list[str] = field(default_factory=list)


def file_rows(content: bytes) -> int:
    """About how many rows a release's CSV holds, read cheaply: its lines after the header (a
    quoted cell may span lines; the count only decides where the file is imported)."""
    return max(content.count(b"\n") + (not content.endswith(b"\n")) - 1, 0)


def read_release(content: bytes, filename: str, source: str, *, today: date) -> list[EventRow]:
    """The file's rows, checked; refuses the whole file on the first kind of fault it finds."""
    lines = _csv_lines(content, filename)
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ValidationFailed(
            _("%(file)s is empty: it holds no header row and no events.") % {"file": filename},
            code=Code.EVENTS_EMPTY,
        )
    header = [name.strip().lower() for name in lines[0]]
    missing = [name for name in COLUMNS[source] if name not in header]
    if missing:
        raise ValidationFailed(
            _("%(file)s lacks the columns %(columns)s of the %(source)s layout.")
            % {
                "file": filename,
                "columns": ", ".join(missing),
                "source": EventSource(source).label,
            },
            code=Code.EVENTS_MISSING_COLUMNS,
            errors={"file": missing},
        )
    parse = _ged_row if source == EventSource.UCDP_GED else _acled_row
    rows, errors, codes, seen = [], {}, {}, {}
    for line, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            row = parse(line, dict(zip(header, cells, strict=False)), today)
            if row.source_id in seen:
                raise RowProblem(
                    _("the id %(id)s is on line %(first)s already")
                    % {"id": row.source_id, "first": seen[row.source_id]}
                )
        except RowProblem as problem:
            errors[line], codes[line] = str(problem), problem.code
            continue
        seen[row.source_id] = line
        rows.append(row)
    if errors:
        _refuse(filename, errors, codes)
    if not rows:
        raise ValidationFailed(
            _("%(file)s holds a header row but no events.") % {"file": filename},
            code=Code.EVENTS_EMPTY,
        )
    return rows


def _refuse(filename: str, errors: dict[int, str], codes: dict[int, Code]):
    first = min(errors)
    named = {_("line %(number)s") % {"number": line}: [text] for line, text in errors.items()}
    raise ValidationFailed(
        _(
            "%(file)s: %(count)s rows are not valid (the first, line %(line)s: %(problem)s); "
            "nothing was imported."
        )
        % {"file": filename, "count": len(errors), "line": first, "problem": errors[first]},
        code=codes[first],
        errors=dict(list(named.items())[:200]),
    )


def _csv_lines(content: bytes, filename: str) -> list[list[str]]:
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
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ValidationFailed(
            _("%(file)s is not readable as CSV (%(error)s).") % {"file": filename, "error": exc},
            code=Code.BAD_CSV,
        ) from None
    if len(lines) > MAX_ROWS + 1:
        raise ValidationFailed(
            _("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS},
            code=Code.CSV_TOO_LARGE,
        )
    return lines


# --- one row of each layout ----------------------------------------------------------------------


def _source_id(raw: dict, column: str) -> str:
    value = _required(raw, column)
    if len(value) > 40:
        raise RowProblem(
            _("%(column)s: %(value)s is longer than a source's id (40 characters)")
            % {"column": column, "value": value[:50]}
        )
    return value


def _ged_row(line: int, raw: dict, today: date) -> EventRow:
    source_id = _source_id(raw, "id")
    start, end = _day(raw, "date_start"), _day(raw, "date_end")
    best = _count(raw, "best", required=True)
    low, high = _count(raw, "low"), _count(raw, "high")
    values = {
        "date_start": start,
        "date_end": end,
        "date_precision": _code(raw, "date_prec", 1, 5),
        "where_precision": _code(raw, "where_prec", 1, 7),
        "where_description": _text(raw, "where_description", 300),
        "violence_type": GED_VIOLENCE.get(_text(raw, "type_of_violence", 10), "")
        or _text(raw, "type_of_violence", 60),
        "side_a": _required(raw, "side_a")[:200],
        "side_b": _text(raw, "side_b", 200),
        "deaths_best": best,
        "deaths_low": low,
        "deaths_high": high,
        "source_text": _text(raw, "source_article", 4000),
        **_place(raw),
    }
    row = EventRow(line, source_id, values)
    _check_dates(start, end, today)
    if low is not None and high is not None and not low <= best <= high:
        row.warnings.append(
            _("deaths: low %(low)s, best %(best)s, high %(high)s do not run low ≤ best ≤ high")
            % {"low": low, "best": best, "high": high}
        )
    return row


def _acled_row(line: int, raw: dict, today: date) -> EventRow:
    source_id = _source_id(raw, "event_id_cnty")
    day = _day(raw, "event_date")
    values = {
        "date_start": day,
        "date_end": day,
        "date_precision": _code(raw, "time_precision", 1, 3),
        "where_precision": _code(raw, "geo_precision", 1, 3),
        "where_description": _text(raw, "location", 300),
        "violence_type": _required(raw, "event_type")[:60],
        "side_a": _required(raw, "actor1")[:200],
        "side_b": _text(raw, "actor2", 200),
        "deaths_best": _count(raw, "fatalities", required=True),
        "deaths_low": None,
        "deaths_high": None,
        "source_text": " — ".join(
            part for part in (_text(raw, "source", 1000), _text(raw, "notes", 3000)) if part
        ),
        # ACLED stamps each change of an event: a newer stamp is a modification.
        "source_timestamp": _text(raw, "timestamp", 20),
        **_place(raw),
    }
    _check_dates(day, day, today)
    return EventRow(line, source_id, values)


def _check_dates(start: date, end: date, today: date) -> None:
    if end < start:
        raise RowProblem(_("the last day is before the first"))
    if end > today:
        raise RowProblem(
            _("dated %(day)s, after today") % {"day": end.isoformat()}, Code.EVENT_IN_FUTURE
        )


def _place(raw: dict) -> dict:
    latitude, longitude = _coordinate(raw, "latitude"), _coordinate(raw, "longitude")
    if not in_afghanistan_box(float(longitude), float(latitude)):
        hint = (
            _(" (latitude and longitude swapped?)")
            if swapped(float(longitude), float(latitude))
            else ""
        )
        raise RowProblem(
            _("latitude %(lat)s, longitude %(lon)s lies outside Afghanistan%(hint)s")
            % {"lat": latitude, "lon": longitude, "hint": hint},
            Code.EVENT_OUTSIDE_AFGHANISTAN,
        )
    return {"latitude": latitude, "longitude": longitude}


def _text(raw: dict, column: str, limit: int) -> str:
    return (raw.get(column) or "").strip()[:limit]


def _required(raw: dict, column: str) -> str:
    value = _text(raw, column, 1000)
    if not value:
        raise RowProblem(_("%(column)s: required") % {"column": column})
    return value


def _day(raw: dict, column: str) -> date:
    value = _required(raw, column)
    for form in ("%Y-%m-%d", "%d %B %Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise RowProblem(
        _("%(column)s: %(value)s is not a date; write YYYY-MM-DD")
        % {"column": column, "value": value}
    )


def _count(raw: dict, column: str, *, required: bool = False) -> int | None:
    value = _text(raw, column, 20)
    if not value:
        if required:
            raise RowProblem(_("%(column)s: required") % {"column": column})
        return None
    if not value.isascii() or not value.isdigit() or int(value) > MAX_COUNT:
        raise RowProblem(
            _("%(column)s: %(value)s is not a whole number from 0 to %(max)s")
            % {"column": column, "value": value, "max": MAX_COUNT}
        )
    return int(value)


def _code(raw: dict, column: str, low: int, high: int) -> int:
    value = _count(raw, column, required=True)
    if not low <= value <= high:
        raise RowProblem(
            _("%(column)s: %(value)s is not a precision code from %(low)s to %(high)s")
            % {"column": column, "value": value, "low": low, "high": high}
        )
    return value


def _coordinate(raw: dict, column: str) -> Decimal:
    value = _required(raw, column)
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > 360:
        raise RowProblem(
            _("%(column)s: %(value)s is not a number") % {"column": column, "value": value}
        )
    return number.quantize(Decimal("0.000001"))
