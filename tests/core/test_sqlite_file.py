"""The SQLite file Accord opens: WAL, and checkpoints spaced for the ledger's writes."""

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")
def test_a_sqlite_file_is_opened_in_wal_mode_with_checkpoints_every_10000_pages(tmp_path):
    databases = ConnectionHandler(
        {"default": {**connection.settings_dict, "NAME": str(tmp_path / "accord.sqlite3")}}
    )
    wrapper = databases["default"]
    # The driver's connection as the backend opens it (its PRAGMAs run), no test database.
    opened = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        assert opened.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert opened.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert opened.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 10000
    finally:
        opened.close()
