"""Many rows written (and read back) at once, without building a model instance per row.

For the writes that insert thousands of rows at once (close-due adopting texts: decisions, audit
entries, search rows), where Django's ``bulk_create`` spends most of its time preparing each
value of each model instance. Values are plain Python values (a JSON field's as the object).

On PostgreSQL by ``COPY``, the rows' primary keys taken from the table's sequence beforehand
when the caller needs them: the fastest way in, several times faster than an INSERT of the same
rows, whose statement the server must parse. On SQLite, multi-row VALUES in batches of the size
the ORM itself uses, the values bound by the driver.

Rows a raw statement returns (an ``UPDATE ... RETURNING`` that claims rows and reads them in the
same round trip) are turned into the values the ORM would give by ``read_rows``: the driver
gives SQLite's times as text and its booleans as integers; ``instances`` makes model instances
of such rows when the caller hands them on as records.

A read made on every request (the reader, their unread count) is ``Compiled``: the ORM writes
its SQL once per process and database, and each call binds it to its own key.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date, datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


def insert_rows(
    model: type[models.Model], columns: list[str], rows: list[tuple], *, ids: bool = False
) -> list[int]:
    """Insert ``rows`` (one value per name in ``columns``, field names) into ``model``'s table;
    with ``ids``, the primary key given to each row, in the rows' order (else ``[]``)."""
    if not rows:
        return []
    fields = [model._meta.get_field(name) for name in columns]
    rows = _converted(fields, rows)
    if connection.vendor == "postgresql":
        return _copied(model, fields, rows, ids)
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - the model's names
        f"({', '.join(quote(field.column) for field in fields)}) VALUES "
    )
    tail = f" RETURNING {quote(model._meta.pk.column)}" if ids else ""
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    one = f"({', '.join(['%s'] * len(fields))})"
    given: list[int] = []
    # The driver's own cursor: Django's rewrites every statement's placeholders with a regular
    # expression, which over statements of thousands of values cost close-due on SQLite a
    # twentieth of its time, as profiled (one prepared statement run per row, ``executemany``,
    # was slower still: thrice the inserts').
    with DriverCursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                head + ", ".join([one] * len(chunk)) + tail,
                [value for row in chunk for value in row],
            )
            if ids:
                given += [row[0] for row in cursor.fetchall()]
    return given


def _copied(model, fields: list, rows: list, ids: bool) -> list[int]:
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), [quote(field.column) for field in fields]
    given: list[int] = []
    with connection.cursor() as cursor:
        if ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, len(rows)],
            )
            given = [row[0] for row in cursor.fetchall()]
            names.insert(0, quote(model._meta.pk.column))
            rows = [(pk, *row) for pk, row in zip(given, rows, strict=True)]
        statement = f"COPY {table} ({', '.join(names)}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    return given


class EncodedJSON(str):
    """A JSON field's value given as its text, already encoded as the field's encoder writes it
    (the audit trail's changes, encoded once for their digest and their column): inserted as
    it is."""

    __slots__ = ()


def _converted(fields: list, rows: list[tuple]) -> list:
    """The rows with the values the driver does not take as they are turned into ones it does:
    JSON fields' values as their text; on SQLite, times as the ORM keeps them (naive UTC)."""
    converters = {}
    for i, field in enumerate(fields):
        internal = field.get_internal_type()
        if internal == "JSONField":
            converters[i] = functools.partial(_json, encoder=field.encoder)
        elif internal == "DateTimeField" and connection.vendor != "postgresql":
            converters[i] = connection.ops.adapt_datetimefield_value
    if not converters:
        return rows
    converted = []
    # The last value of each column and what it became: a bulk write often gives every row the
    # same instant (its audit entries' time), converted once then.
    last: dict[int, tuple] = {}
    for row in rows:
        row = list(row)
        for i, convert in converters.items():
            value = row[i]
            if value is None or type(value) is EncodedJSON:
                continue
            before = last.get(i)
            if before is not None and before[0] is value:
                row[i] = before[1]
            else:
                row[i] = convert(value)
                last[i] = (value, row[i])
        converted.append(row)
    return converted


def _json(value, *, encoder=None) -> str:
    """The text the ORM would store: in the field's own encoding when it has one (the audit
    trail's changes are stored as its canonical bytes encode them)."""
    return _encoder(encoder).encode(value)


@functools.cache
def _encoder(cls: type[json.JSONEncoder] | None) -> json.JSONEncoder:
    """The encoder ``json.dumps(value, cls=cls, default=str)`` would build on every call, built
    once (it keeps no state between calls): thousands of rows' values are encoded per write."""
    return (cls or json.JSONEncoder)(default=str)


def read_rows(fields: list[models.Field], rows) -> list[list]:
    """``rows`` read by a raw cursor, one value per field of ``fields`` (in that order), each
    value as the ORM reads it: the database's own and the field's converters applied, as the
    ORM's compiler applies them."""
    converters = _converters(fields)
    read = []
    for row in rows:
        row = list(row)
        for i, convert in converters:
            row[i] = convert(row[i])
        read.append(row)
    return read


def _converters(fields) -> list[tuple[int, Callable]]:
    """The converters ``read_rows`` applies, by field position: made once per database
    connection and fields read. Making them asks each field and the database's operations
    anew, two thirds of the cost of loading the signed-in user on every request.

    They are kept on Django's connection object (one per alias and thread), whatever the
    driver's connection under it: closing and reopening that changes no converter, and a
    connection object that goes (a thread's, one a test made) takes its converters with it. A
    weak mapping keyed by the connection would keep every connection for ever: its converters
    are the database operations' methods, which hold the connection. SQLite's times are read in
    the connection's zone when the project keeps aware times, so a change of either setting (a
    test's) gets converters of its own."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    kept = wrapper.__dict__.get(_KEPT)
    if kept is None:
        kept = wrapper.__dict__[_KEPT] = {}
    key = (tuple(fields), settings.USE_TZ, wrapper.timezone_name)
    found = kept.get(key)
    if found is None:
        found = kept[key] = _made_converters(wrapper, fields)
    return found


_KEPT = "_accord_row_converters"


def _made_converters(wrapper, fields) -> list[tuple[int, Callable]]:
    converters = []
    for i, field in enumerate(fields):
        column = field.cached_col
        found = wrapper.ops.get_db_converters(column) + column.get_db_converters(wrapper)
        if found:
            converters.append(
                (i, _sqlite_time(wrapper, found, column) or _applying(wrapper, found, column))
            )
    return converters


def _applying(wrapper, found: list, column) -> Callable:
    """One value converted by the ORM's converters ``found`` for ``column``, in their order."""

    def convert(value):
        for one in found:
            value = one(value, column, wrapper)
        return value

    return convert


def _sqlite_time(wrapper, found: list, column) -> Callable | None:
    """SQLite's converter of a time column, as the ORM applies it to what the driver read (a
    time in the connection's zone), without its checks of each value's type and zone first:
    four times per row claimed by close-due. Anything else by the ORM's own converter."""
    ops = wrapper.ops
    if wrapper.vendor != "sqlite" or not settings.USE_TZ:
        return None
    if found != [ops.convert_datetimefield_value]:
        return None
    zone = wrapper.timezone

    def convert(value):
        if type(value) is datetime and value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return ops.convert_datetimefield_value(value, column, wrapper)

    return convert


def instances(model: type[models.Model], rows) -> list[models.Model]:
    """Instances of ``model`` as the database holds them, from ``rows`` of every concrete field's
    value in the model's order (as ``read_rows`` gives them): what ``Model.from_db`` makes, its
    values set at once instead of field by field through ``__init__``, whose per-field work cost
    close-due more than the inserts it reads back. A model that something listens to at its
    instances' making (``pre_init``, ``post_init``) is made by ``from_db``, so that it hears."""
    alias = connection.alias
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return [model.from_db(alias, None, row) for row in rows]
    attnames = [field.attname for field in model._meta.concrete_fields]
    made = []
    for row in rows:
        instance = model.__new__(model)
        instance.__dict__.update(zip(attnames, row, strict=True))
        state = instance._state = ModelState()
        state.adding, state.db = False, alias
        made.append(instance)
    return made


# A key no row has: where the compiled statement's parameters hold it, each call binds its own.
SOME_KEY = -7_305_310_527


class Compiled:
    """A read the ORM compiles once per database vendor: ``build(key)`` gives the queryset (its
    other parameters fixed), ``rows(key)`` its rows for that key, ``count(key)`` how many.

    Building a queryset's SQL costs more than a small indexed read takes to answer; a read made
    on every request is worth writing once."""

    def __init__(self, build: Callable[[object], models.QuerySet], *, counted: bool = False):
        self.build, self.counted = build, counted
        self._statements: dict[str, tuple[str, list, int]] = {}

    def _statement(self) -> tuple[str, list, int]:
        found = self._statements.get(connection.vendor)
        if found is None:
            queryset = self.build(SOME_KEY)
            if self.counted:
                # Without the model's ordering: a count has no order, and the database would
                # sort the rows it counts (SQLite does, in the subquery).
                queryset = queryset.order_by().values("pk")
            sql, params = queryset.query.sql_with_params()
            if self.counted:
                sql = f"SELECT COUNT(*) FROM ({sql}) counted"  # noqa: S608 - the ORM's own SQL
            params = list(params)
            at = next(i for i, p in enumerate(params) if p in (SOME_KEY, str(SOME_KEY)))
            found = self._statements[connection.vendor] = (sql, params, at)
        return found

    def rows(self, key) -> list[tuple]:
        sql, params, at = self._statement()
        bound = list(params)
        bound[at] = key
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            return cursor.fetchall()

    def count(self, key) -> int:
        return self.rows(key)[0][0]


def unchanged_types(fields) -> tuple[type | None, ...]:
    """Per field, the type of value it sends to this database as it is (``_unchanged_type``):
    for ``prepared_row`` and ``prepared_column``, asked once per model by their callers."""
    return tuple(_unchanged_type(field, connection.vendor) for field in fields)


def prepared_row(fields, values, unchanged: tuple) -> list:
    """``values`` (one per field of ``fields``) as the ORM prepares them for an INSERT
    (``get_db_prep_save``), a value of the type its field sends as it is (``unchanged``, from
    ``unchanged_types(fields)``) left as it is: most of a row's values, whose preparation through
    the field cost a posting more than its digest."""
    return [
        value if value is None or type(value) is kind else field.get_db_prep_save(value, connection)
        for field, value, kind in zip(fields, values, unchanged, strict=True)
    ]


def prepared_column(field, values: list, unchanged: type | None) -> list:
    """``prepared_row`` for one field's values of many rows: left as they are when each is of
    the type the field sends as it is (checked once for the column, not per value's field)."""
    if unchanged is not None and all(v is None or type(v) is unchanged for v in values):
        return values
    return [field.get_db_prep_save(value, connection) for value in values]


# The fields whose ``get_db_prep_save`` returns a value of this type as it is, on any database
# (the exact classes: a subclass may prepare its values otherwise).
_UNCHANGED = {
    models.CharField: str,
    models.TextField: str,
    models.IntegerField: int,
    models.BigIntegerField: int,
    models.SmallIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.AutoField: int,
    models.BigAutoField: int,
    models.SmallAutoField: int,
    models.BooleanField: bool,
}


@functools.cache
def _unchanged_type(field: models.Field, vendor: str) -> type | None:
    """The type of value ``field`` sends to the database as it is, or None. A key sends its
    target's; a date is sent as a date to PostgreSQL only (SQLite's is turned into text)."""
    if field.many_to_one or field.one_to_one:
        return _unchanged_type(field.target_field, vendor)
    if type(field) is models.DateField and not (field.auto_now or field.auto_now_add):
        return date if vendor == "postgresql" else None
    return _UNCHANGED.get(type(field))


class DriverCursor:
    """SQLite's driver cursor, for statements sent many times or with many values: each text's
    ``%s`` placeholders turned into the driver's ``?`` once (Django's cursor does it with a
    regular expression on every call, and wraps every call), the connection opened and its
    errors raised as Django's, as through Django's own cursor."""

    def __enter__(self):
        connection.ensure_connection()
        connection.validate_no_broken_transaction()
        self._errors = connection.wrap_database_errors
        self._errors.__enter__()
        self.cursor = connection.connection.cursor()
        return self

    def __exit__(self, *exc):
        self.cursor.close()
        return self._errors.__exit__(*exc)

    def execute(self, sql: str, params) -> None:
        self.cursor.execute(_qmarked(sql), params)

    def fetchone(self):
        return self.cursor.fetchone()

    def fetchall(self):
        return self.cursor.fetchall()

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount


@functools.lru_cache(maxsize=512)
def _qmarked(sql: str) -> str:
    return sql.replace("%s", "?")
