"""The test suite's SQLite backend: see the package's docstring."""

from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations


class DatabaseOperations(SQLiteOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = cursor.fetchall()
        drops = [f"DROP TRIGGER {self.quote_name(name)};" for name, _ in triggers]
        return [*drops, *statements, *(f"{sql};" for _, sql in triggers)]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
