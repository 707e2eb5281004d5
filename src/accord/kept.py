"""The last few values built for a key, kept in this process (``KeptRecent``), values kept for
one request and reader (``per_request_and_reader``), and the versions that name what they were
built from, kept by the database (``topic_version``).

Two readers keep what is costly to build and cheap to key: the route planners (per visibility
class and network version) and the public training statistics (per language and version of the
tables they read). Each key names a version of the data, so a kept value is never stale, only
unused; the oldest one used goes when more than ``size`` are kept. A lock guards the dictionary,
never the build: two threads missing the same key build it twice, and the second is kept.

A topic's version is one row of ``VERSION_TABLE`` (``core.KeptVersion``) that triggers on the
topic's tables (``bump_on_write``, installed by a migration) set to a new random token in the
transaction of every write to them: services, imports, seeding, the admin, bulk and raw SQL
alike, so no writer can forget it. A random token rather than a count: a rolled-back write, a
flushed or restored database takes the version back to one it had, and a count would then
come round again to a number already used for other rows; a random token never does (one in
2**63), so a value kept under a version that was rolled back is only unused. Readers read the
version before the data: a write committed in between makes the version already stale.
On PostgreSQL a topic's version is spread over ``STRIPES`` rows, and a writer takes the first
one no other transaction holds (``FOR UPDATE SKIP LOCKED``): it never waits for another's
version row, so the versions add no lock to queue on, nor any deadlock (two postings each
holding the other's account and version row). A reader reads all of a topic's rows; any
transaction that writes changes one of them, once, at its first write to the topic (a posting
writes five tables in one statement: one version row updated, not five), and keeps nothing
built from its own writes. SQLite has one writer at a time, one row per topic, set at every
write.

``kept_for`` is what a page keeps its fragments by: a value kept per key and versions of the
topics it reads, read once per request (``request_versions``).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, migrations

VERSION_TABLE = "kept_version"
# A topic's rows: its own (set when its triggers are installed, and by SQLite's triggers) and its
# stripes' (``topic:...``, set by PostgreSQL's). By prefix, not by a range of keys: a collation
# other than C may sort the ':' anywhere.
# With each row, whether the reader's own transaction has written the row's topic (PostgreSQL:
# the setting its trigger leaves for the rest of the transaction; SQLite: never said, see
# ``_held_left_out``).
_HELD = {
    "postgresql": "coalesce(current_setting('accord_kept.' || split_part(topic, ':', 1), true), '')"
    " <> ''",
    "sqlite": "0",
}
_READ_VERSION = (
    f"SELECT topic, token, {{held}} FROM {VERSION_TABLE}"  # noqa: S608 (constants)
    " WHERE topic = %s OR substr(topic, 1, %s) = %s ORDER BY topic"
)
_READ_ALL = f"SELECT topic, token, {{held}} FROM {VERSION_TABLE}"  # noqa: S608 (constants)
# How many rows a topic's version is spread over on PostgreSQL (see the module's docstring).
STRIPES = 16


class KeptRecent[V]:
    """A bounded, thread-safe map of the ``size`` values used last (least recently used out)."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(
        self, key: Hashable, build: Callable[[], V], *, fresh: Callable[[V], bool] | None = None
    ) -> V:
        """The value kept under ``key``, else ``build()``'s, kept. ``fresh``: whether a kept
        value still holds (one that says what time makes of the data: a deadline passing)."""
        with self._lock:
            value = self._values.get(key)
            if value is not None and (fresh is None or fresh(value)):
                self._values.move_to_end(key)
                return value
        value = build()  # outside the lock: a slow build never holds up the other readers
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def per_request_and_reader[V](request, name: str, build: Callable[[], V]) -> V:
    """``build()``'s value, kept on ``request`` under ``name`` while its reader stays the same.

    For what a page's layout needs (context processors): a page that renders fragments of its
    own with the request (the dashboard's panels) would otherwise work it out again for each,
    and a request whose reader changes (signing in) must get the new reader's, never the old.
    """
    user = getattr(request, "user", None)
    kept = getattr(request, name, None)
    if kept is None or kept[0] is not user:
        kept = (user, build())
        setattr(request, name, kept)
    return kept[1]


# --- versions kept by the database ------------------------------------------------------------


Version = tuple[tuple[str, int], ...]


def topic_version(topic: str) -> Version | None:
    """The tokens last set by writes to ``topic``'s tables: a few indexed rows. None when there
    is no version to keep a value under: the reader's own transaction has written the topic
    (see ``_held_left_out``), or no write since the table of versions was emptied (by a test's
    flush, with the topic's tables)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _READ_VERSION.format(held=_HELD[connection.vendor]),
            [topic, len(topic) + 1, f"{topic}:"],
        )
        rows = cursor.fetchall()
    return _held_left_out(rows).get(topic)


def all_versions() -> dict[str, Version]:
    """Every topic's version, in one read of the table of versions (a few rows per topic); the
    topics the reader's own transaction has written are left out (``_held_left_out``)."""
    with connection.cursor() as cursor:
        cursor.execute(_READ_ALL.format(held=_HELD[connection.vendor]))
        rows = cursor.fetchall()
    return _held_left_out(rows)


def _held_left_out(rows) -> dict[str, Version]:
    """``(topic, token, held)`` rows as each topic's version, but for the topics ``held``.

    On PostgreSQL a transaction sets a topic's version at its first write to it only (see
    ``_PG_FUNCTION``): what its own reader builds after that, from writes no one else sees yet,
    has no version of its own to be kept under, and is built afresh (``kept_for``). SQLite's
    triggers set a new version at every write, so what a transaction builds between its writes
    is kept under the version its last write set, which no one else reads before the commit,
    nor ever after a rollback."""
    found: dict[str, list[tuple[str, int]]] = {}
    held = set()
    for key, token, topic_held in sorted(rows):
        topic = key.partition(":")[0]
        found.setdefault(topic, []).append((key, token))
        if topic_held:
            held.add(topic)
    return {topic: tuple(tokens) for topic, tokens in found.items() if topic not in held}


def request_versions(request) -> dict[str, Version]:
    """``all_versions()``, read once per request: what was read before the request's data is
    never newer than it, so a value kept under it is at worst built again by the next reader."""
    return per_request_and_reader(request, "_accord_kept_versions", all_versions)


def kept_for[V](
    kept: KeptRecent[V],
    request,
    key: Hashable,
    topics: tuple[str, ...],
    build: Callable[[], V],
    *,
    fresh: Callable[[V], bool] | None = None,
) -> V:
    """``build()``'s value, kept in ``kept`` under ``key`` and the versions of ``topics``; built
    afresh, and not kept, when a topic has no version yet, and built again when ``fresh`` says
    a kept one no longer holds. ``request`` None: a service's read, which has no request; the
    versions are read for it.

    Outside a transaction the versions are the request's (its own writes committed after they
    were read: the value is keyed under an older version than its data, so the next reader
    builds it again). Inside one they are read again: a topic the transaction has written is
    then built afresh, not kept, on PostgreSQL (``_held_left_out``)."""
    if request is None or connection.in_atomic_block:
        versions = all_versions()
    else:
        versions = request_versions(request)
    if any(topic not in versions for topic in topics):
        return build()
    return kept.get_or_build((key, *(versions[topic] for topic in topics)), build, fresh=fresh)


# A random 64-bit token, in each dialect.
_TOKEN = {"postgresql": "floor((random() - 0.5) * 1.8e19)::bigint", "sqlite": "random()"}
_SET = {
    "postgresql": "INSERT INTO {table} (topic, token) VALUES ({topic}, {token})"
    " ON CONFLICT (topic) DO UPDATE SET token = EXCLUDED.token",
    # An upsert, not INSERT OR REPLACE: SQLite lets the statement that fires a trigger override
    # the conflict clause of the trigger's statements (not an upsert's), so that OR REPLACE
    # failed on the topic's row whenever the firing statement was an upsert itself.
    "sqlite": "INSERT INTO {table} (topic, token) VALUES ({topic}, {token})"
    " ON CONFLICT (topic) DO UPDATE SET token = excluded.token",
}
# PostgreSQL: once per statement (a bulk import bumps once), TRUNCATE included; one function
# for every topic, named by the trigger's argument. SQLite: once per row and operation.
# PostgreSQL: the first of the topic's stripes that no other transaction holds, so that a
# writer never waits for another's version row: waiting there, while the other waits for a row
# this one holds (an account), would be a deadlock the versions made. Should every stripe be
# held, a row of its own server process's, which no one else writes. The look names the
# stripes' keys: a few reads of the primary key's index.
# A transaction sets a topic's version once, at its first write to it: the stripe it took is
# remembered for the rest of the transaction (a setting local to it, undone with it or with a
# savepoint rolled back, as the row's update is), and its further writes (a posting writes five
# tables in one statement) return at once. No one else sees the token before the commit, and
# the transaction's own readers keep nothing under a topic it holds (``_HELD``): so the token
# set at the first write names every later write of the transaction too.
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION accord_kept_bump() RETURNS trigger AS $$
DECLARE
    held text := 'accord_kept.' || TG_ARGV[0];
    stripe text := current_setting(held, true);
    new_token bigint := {_TOKEN["postgresql"]};
BEGIN
    IF stripe <> '' THEN
        RETURN NULL;
    END IF;
    SELECT topic INTO stripe FROM {VERSION_TABLE}
     WHERE topic = ANY (ARRAY(SELECT TG_ARGV[0] || ':' || lpad(n::text, 2, '0')
                              FROM generate_series(0, {STRIPES - 1}) n))
     ORDER BY topic LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF stripe IS NULL THEN
        stripe := TG_ARGV[0] || ':p' || pg_backend_pid();
        INSERT INTO {VERSION_TABLE} (topic, token) VALUES (stripe, new_token)
        ON CONFLICT (topic) DO UPDATE SET token = EXCLUDED.token;
    ELSE
        UPDATE {VERSION_TABLE} SET token = new_token WHERE topic = stripe;
    END IF;
    PERFORM set_config(held, stripe, true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""  # noqa: S608 (the table's name, the token's expression and the stripes' count: constants)
_SQLITE_OPERATIONS = ("INSERT", "UPDATE", "DELETE")
_TOPIC = re.compile(r"[a-z][a-z0-9_]*")


def _set_version(vendor: str, topic: str) -> str:
    return _SET[vendor].format(table=VERSION_TABLE, topic=f"'{topic}'", token=_TOKEN[vendor])


def _triggers(vendor: str, topic: str, table: str) -> dict[str, str]:
    """Each trigger that bumps ``topic`` on ``table``, by name: its CREATE statement."""
    name = f"{table}_bumps_{topic}"
    if vendor == "postgresql":
        return {
            name: f"CREATE OR REPLACE TRIGGER {name}"
            f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION accord_kept_bump('{topic}')"
        }
    if vendor == "sqlite":
        return {
            f"{name}_{op.lower()}": f"CREATE TRIGGER IF NOT EXISTS {name}_{op.lower()}"
            f" AFTER {op} ON {table}"
            f" BEGIN {_set_version(vendor, topic)}; END"
            for op in _SQLITE_OPERATIONS
        }
    # Accord's settings accept only these two databases; a third would need its own triggers.
    raise ImproperlyConfigured(f"Accord runs on SQLite or PostgreSQL, not {vendor}")


def bump_on_write(topic: str, *tables: str) -> migrations.RunPython:
    """The migration operation that makes every write to ``tables`` set ``topic``'s version,
    and sets a first one (the rows already there were written without it); reversed, it drops
    the triggers. Run again, it installs those that are missing and leaves the others: SQLite
    drops a table's triggers when a migration rebuilds the table (most of its ``AlterField``s),
    and the operation is then repeated after it (tests/test_kept.py finds any left missing)."""
    if not _TOPIC.fullmatch(topic):
        raise ValueError(f"a topic is a lower-case identifier, not {topic!r}")

    def forwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            # params=None: the function body's text is PL/pgSQL's, not the driver's.
            schema_editor.execute(_PG_FUNCTION, params=None)
        for table in tables:
            for create in _triggers(vendor, topic, table).values():
                schema_editor.execute(create, params=None)
        schema_editor.execute(_set_version(vendor, topic), params=None)
        if vendor == "postgresql":
            schema_editor.execute(
                f"INSERT INTO {VERSION_TABLE} (topic, token)"  # noqa: S608 (constants)
                f" SELECT %s || ':' || lpad(n::text, 2, '0'), {_TOKEN[vendor]}"
                f" FROM generate_series(0, {STRIPES - 1}) n ON CONFLICT (topic) DO NOTHING",
                params=[topic],
            )

    def backwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            for name in _triggers(vendor, topic, table):
                on = f" ON {table}" if vendor == "postgresql" else ""
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}{on}", params=None)

    operation = migrations.RunPython(forwards, backwards)
    operation.kept_topic, operation.kept_tables = topic, tables  # what the tests hold
    return operation


def bump_function_replaced() -> migrations.RunPython:
    """The migration operation that installs the current ``accord_kept_bump`` on PostgreSQL in
    place of the one an earlier migration installed (every topic's triggers call it by name)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(_PG_FUNCTION, params=None)

    return migrations.RunPython(forwards, migrations.RunPython.noop)


# The body of SQLite's triggers before it was an upsert (``_SET``).
_SQLITE_REPLACE = re.compile(
    rf"INSERT OR REPLACE INTO {VERSION_TABLE} \(topic, token\)"  # noqa: S608 (a pattern)
    r" VALUES \('([a-z0-9_]+)', random\(\)\)"
)


def sqlite_set_by_upsert() -> migrations.RunPython:
    """The migration operation that rewrites SQLite's version triggers installed while their
    statement was ``INSERT OR REPLACE``, which an upsert firing them (the ECB's rates imported
    again over days already kept) turned into a failure on the topic's row."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = [
                (name, sql) for name, sql in cursor.fetchall() if _SQLITE_REPLACE.search(sql)
            ]
        for name, sql in triggers:
            schema_editor.execute(f'DROP TRIGGER "{name}"', params=None)
            schema_editor.execute(
                _SQLITE_REPLACE.sub(lambda m: _set_version("sqlite", m.group(1)), sql), params=None
            )

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def bumping_tables(topic: str) -> set[str]:
    """The tables every write to which sets ``topic``'s version, as the database's triggers
    say: what the tests hold the tables a kept value reads against."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c"
                " ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
        else:
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        found = set(cursor.fetchall())
    return {
        table
        for _name, table in found
        if set(_triggers(connection.vendor, topic, table)) <= {n for n, t in found if t == table}
    }
