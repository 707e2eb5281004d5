"""Many rows written in a few statements, without building a model instance per row.

For the writes that insert thousands of rows at once (close-due adopting texts: decisions, audit
entries, search rows), where Django's ``bulk_create`` spends most of its time preparing each
value of each model instance. Values are plain Python values (a JSON field's as the object).

On PostgreSQL one statement per call: the rows go as one JSON document, unpacked by the
database into the columns' types, so no value is quoted one by one in Python (the driver's
quoting of one array per column cost more than the insert). On SQLite, multi-row VALUES in
batches of the size the ORM itself uses, the values bound by the driver.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

from django.db import connection, models


def insert_rows(
    model: type[models.Model],
    columns: list[str],
    rows: list[tuple],
    *,
    returning: str | None = None,
) -> list:
    """Insert ``rows`` (one value per name in ``columns``, field names) into ``model``'s table,
    in their order; the ``returning`` field's value of each row inserted, in the same order."""
    if not rows:
        return []
    fields = [model._meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
    )
    tail = f" RETURNING {quote(model._meta.get_field(returning).column)}" if returning else ""
    returned: list = []
    with connection.cursor() as cursor:
        for statement, params in _statements(head, tail, fields, rows):
            cursor.execute(statement, params)
            if returning:
                returned += [row[0] for row in cursor.fetchall()]
    return returned


def _statements(head: str, tail: str, fields: list, rows: list[tuple]):
    rows = _converted(fields, rows)
    if connection.vendor == "postgresql":
        columns = ", ".join(_from_json(i, field) for i, field in enumerate(fields))
        yield (
            f"{head}SELECT {columns} FROM jsonb_array_elements(%s::jsonb) "  # noqa: S608 - names from the model; values bound
            f"WITH ORDINALITY AS r(value, n) ORDER BY r.n{tail}",
            # A value JSON has no type for (a decimal, a lazy text) goes as its text.
            [json.dumps(rows, default=str)],
        )
        return
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    one = f"({', '.join(['%s'] * len(fields))})"
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        values = ", ".join([one] * len(chunk))
        yield f"{head}VALUES {values}{tail}", [value for row in chunk for value in row]


def _from_json(i: int, field: models.Field) -> str:
    """The ``i``-th value of a row's JSON array, in the field's column type."""
    kind = field.db_type(connection)
    if field.get_internal_type() == "JSONField":
        return f"r.value->{i}"
    return f"(r.value->>{i})::{kind}"


def _converted(fields: list, rows: list[tuple]) -> list:
    """The rows with the values the statement cannot take as they are turned into ones it can:
    on PostgreSQL, JSON's (times and dates as ISO text, bytes as bytea's hex); on SQLite, times
    as the ORM keeps them (naive UTC text) and JSON fields as their text."""
    converters = {i: c for i, f in enumerate(fields) if (c := _converter(f)) is not None}
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for i, convert in converters.items():
            if row[i] is not None:
                row[i] = convert(row[i])
        converted.append(row)
    return converted


def _converter(field: models.Field) -> Callable | None:
    internal = field.get_internal_type()
    if connection.vendor != "postgresql":
        if internal == "DateTimeField":
            return connection.ops.adapt_datetimefield_value
        return json.dumps if internal == "JSONField" else None
    if internal in ("DateTimeField", "DateField"):
        return _iso
    return (lambda value: "\\x" + bytes(value).hex()) if internal == "BinaryField" else None


def _iso(value: date | datetime) -> str:
    return value.isoformat()
