"""Settings for the test suite: Accord's own, read with ACCORD_TESTING set before they load."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("ACCORD_TESTING", "1")
os.environ.setdefault("ACCORD_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from accord.settings import *  # noqa: F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Django's flush (``accord flush``, tests/audit/test_append_only.py) deletes past the
    # append-only triggers.
    DATABASES["default"]["ENGINE"] = "tests.sqlite_backend"  # noqa: F405
    # In memory, one database per xdist worker, as Django's own SQLite engine does by default
    # (pytest-django only knows that default by the engine's name, so it is said here).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405

# Attachments: one folder for every worker of a run (a snapshot's attachments are read by all),
# outside the project's var/; the stored names are random, so runs never collide.
_documents = STORAGES["documents"]["OPTIONS"]  # noqa: F405
_documents["location"] = Path(tempfile.gettempdir()) / "accord-test-documents"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test needs no durability: without this every commit (a transactional test's, a
    # snapshot's copy) waits for its WAL to reach the disk. A crash loses only the last
    # moments' commits, never consistency; production settings keep the server's default.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
