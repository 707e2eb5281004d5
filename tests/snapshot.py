"""The demo mission, built once per test run and copied into every worker's database.

Loading the scenario and the records the access matrices point at takes tens of seconds (it
solves a flow plan with OR-Tools). Doing it once per xdist worker, and again after every
transactional test (which commits), made it one of the suite's largest costs.
So the first worker to need a database builds it (migrations, scenario, personas, matrix
records) and saves a snapshot; the other workers, and every transactional test that needs the
mission back, copy that snapshot instead:

    SQLite      the in-memory database is saved to a file with SQLite's online backup API and
                copied back into a worker's in-memory database the same way (as Django's own
                parallel runner does for its spawned workers);
    PostgreSQL  the built database becomes the template of a snapshot database, and a worker's
                database is created ``WITH TEMPLATE`` that snapshot (a file copy on the server).

Workers agree on who builds through a lock file in the run's shared temporary directory; the
records' keys travel beside the snapshot as JSON, and are the same in every copy.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test.utils import setup_databases, teardown_databases
from filelock import FileLock


class Snapshot:
    """One run's snapshot of the built test database; ``shared`` is the run's shared directory."""

    def __init__(self, shared: Path):
        self.shared = shared
        self.lock = FileLock(shared / "scenario.lock")
        self.keys_file = shared / "scenario-keys.json"
        # Workers holding a copy: the last one out drops the PostgreSQL snapshot database.
        self.holders_file = shared / "scenario-holders"
        self._old_config = None
        # Named after the database the settings point at (before the test suffix), so separate
        # runs against separate databases never meet.
        self._postgres_snapshot_name = f"test_{connection.settings_dict['NAME']}_scenario"

    # -- the session's database -------------------------------------------------------------

    def setup(self, build: Callable[[], dict]) -> dict:
        """Give this worker its test database, building the snapshot if no worker has yet.

        ``build`` loads the mission into the fresh database and returns the records' keys.
        """
        with self.lock:
            self._count_holders(+1)
            if self.keys_file.exists():
                self._old_config = self._create_from_snapshot()
                return json.loads(self.keys_file.read_text())
            self._old_config = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
            )
            keys = build()
            self._save()
            self.keys_file.write_text(json.dumps(keys))
            return keys

    def prebuild(self, build: Callable[[], dict]) -> None:
        """Build the snapshot for workers still to come (``tests/prebuild.py``), holding no
        copy: the build's own database is dropped, the snapshot stays for the workers, and the
        last of them out drops it."""
        with self.lock:
            if self.keys_file.exists():
                return
            old_config = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
            )
            try:
                keys = build()
                self._save()
                self.keys_file.write_text(json.dumps(keys))
            finally:
                teardown_databases(old_config, verbosity=0)

    def teardown(self) -> None:
        if self._old_config is not None:
            teardown_databases(self._old_config, verbosity=0)
        with self.lock:
            if self._count_holders(-1) == 0 and connection.vendor == "postgresql":
                snapshot = connection.ops.quote_name(self._postgres_snapshot_name)
                self._postgres_admin(f"DROP DATABASE IF EXISTS {snapshot} WITH (FORCE)")
                # A worker that starts later (all its earlier tests needed no database)
                # builds the snapshot again.
                self.keys_file.unlink(missing_ok=True)

    def _count_holders(self, change: int) -> int:
        holders = int(self.holders_file.read_text()) if self.holders_file.exists() else 0
        holders += change
        self.holders_file.write_text(str(holders))
        return holders

    def restore(self) -> None:
        """Put the built mission back, after a transactional test committed its changes."""
        if connection.vendor == "sqlite":
            self._sqlite_copy_into_memory()
        else:
            self._postgres_recreate(connection.settings_dict["NAME"])

    # -- SQLite: the online backup API ------------------------------------------------------

    @property
    def _sqlite_file(self) -> Path:
        return self.shared / "scenario.sqlite3"

    def _save(self) -> None:
        if connection.vendor == "sqlite":
            with sqlite3.connect(self._sqlite_file) as target:
                connection.ensure_connection()
                connection.connection.backup(target)
            target.close()
        else:
            self._postgres_save()

    def _sqlite_copy_into_memory(self) -> None:
        connection.ensure_connection()
        source = sqlite3.connect(self._sqlite_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()

    def _create_from_snapshot(self) -> list:
        """This worker's test database as a copy of the snapshot, in the shape that
        ``setup_databases`` returns, so that ``teardown_databases`` destroys it alike."""
        old_name = connection.settings_dict["NAME"]
        test_name = connection.creation._get_test_db_name()
        connection.close()
        for settings_dict in (connection.settings_dict, settings.DATABASES["default"]):
            settings_dict["NAME"] = test_name
        if connection.vendor == "sqlite":
            self._sqlite_copy_into_memory()
        else:
            self._postgres_recreate(test_name)
        return [(connection, old_name, True)]

    # -- PostgreSQL: template databases -----------------------------------------------------

    def _postgres_admin(self, *statements: str) -> None:
        """Run statements on the server's maintenance database, never the test database."""
        connection.close()
        with connection._nodb_cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def _postgres_save(self) -> None:
        snapshot = connection.ops.quote_name(self._postgres_snapshot_name)
        built = connection.ops.quote_name(connection.settings_dict["NAME"])
        self._postgres_admin(
            f"DROP DATABASE IF EXISTS {snapshot} WITH (FORCE)",
            f"CREATE DATABASE {snapshot} TEMPLATE {built}",
        )

    def _postgres_recreate(self, name: str) -> None:
        target = connection.ops.quote_name(name)
        snapshot = connection.ops.quote_name(self._postgres_snapshot_name)
        # FORCE: a concurrency test's threads may leave a connection open a moment longer.
        self._postgres_admin(
            f"DROP DATABASE IF EXISTS {target} WITH (FORCE)",
            f"CREATE DATABASE {target} TEMPLATE {snapshot}",
        )
