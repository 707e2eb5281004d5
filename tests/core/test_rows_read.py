"""Rows read by a raw statement come out as the ORM reads them, however often they are read
(``accord.rows.read_rows``): its converters, made once per database connection and fields,
never go stale when the connection closes and reopens, in another thread's connection, or
under other time settings."""

import threading
from datetime import datetime

import pytest
from django.db import connection, connections
from django.test import override_settings

from accord import rows
from accord.core.models import User

pytestmark = pytest.mark.django_db

FIELDS = list(User._meta.concrete_fields)


def _raw_row(username: str) -> tuple:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {quote(User._meta.db_table)} WHERE username = %s",
            [username],
        )
        return cursor.fetchone()


def _orm_row(username: str) -> list:
    return list(User.objects.values_list(*(f.attname for f in FIELDS)).get(username=username))


def test_a_row_read_again_is_what_the_orm_reads_and_its_converters_are_made_once():
    raw = _raw_row("admin")
    first = rows.read_rows(FIELDS, [raw])
    converters = rows._converters(FIELDS)
    again = rows.read_rows(FIELDS, [raw])

    assert first == again == [_orm_row("admin")]
    assert rows._converters(FIELDS) is converters
    joined = FIELDS.index(User._meta.get_field("date_joined"))
    assert isinstance(again[0][joined], datetime)
    assert again[0][joined].tzinfo is not None


def test_each_connection_has_its_own_converters_and_keeps_them_when_closed_and_reopened():
    raw = _raw_row("admin")
    here = rows._converters(FIELDS)
    seen = {}

    def elsewhere():
        # Another thread: Django's connection object of its own for the same database.
        seen["connection"] = connections["default"]
        seen["before"] = rows.read_rows(FIELDS, [raw])
        seen["converters"] = rows._converters(FIELDS)
        connections["default"].ensure_connection()
        connections["default"].close()
        connections["default"].ensure_connection()
        seen["after"] = rows.read_rows(FIELDS, [raw])
        seen["converters_after"] = rows._converters(FIELDS)
        connections["default"].close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()

    assert seen["connection"] is not connections["default"]
    assert seen["converters"] is not here
    assert seen["converters_after"] is seen["converters"]
    assert seen["before"] == seen["after"] == rows.read_rows(FIELDS, [raw]) == [_orm_row("admin")]


def test_times_are_read_under_the_settings_in_force_not_those_of_the_first_read():
    joined = FIELDS.index(User._meta.get_field("date_joined"))
    aware = rows.read_rows(FIELDS, [_raw_row("admin")])[0][joined]

    with override_settings(USE_TZ=False):
        naive = rows.read_rows(FIELDS, [_raw_row("admin")])[0][joined]
        assert naive == _orm_row("admin")[joined]

    assert aware.tzinfo is not None
    assert naive.tzinfo is None
    assert rows.read_rows(FIELDS, [_raw_row("admin")])[0][joined] == aware
