"""Build the PostgreSQL pass's snapshot ahead of it, while the SQLite pass runs (``make test``).

The first worker of a pass builds the snapshot (``tests/snapshot.py``) while the other waits: on
PostgreSQL every test needs the database, so one core idled for the whole build (migrations and
the scenario, a minute and a half). Run beside the SQLite pass instead, the build takes what that
pass leaves idle, and the PostgreSQL pass starts with its snapshot ready. Both share the directory
``ACCORD_TEST_SNAPSHOT_DIR`` names; when this build fails or is not run, the pass builds its own.

    ACCORD_TEST_SNAPSHOT_DIR=... ACCORD_TEST_DATABASE_URL=... python -m tests.prebuild
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

from tests.conftest import build_mission  # noqa: E402
from tests.snapshot import Snapshot  # noqa: E402


def main() -> int:
    shared = Path(os.environ["ACCORD_TEST_SNAPSHOT_DIR"])
    # As pytest-django does before any test: the test settings of Django's own (mail kept in
    # memory, the test host allowed), so that the records are built as a test would build them.
    setup_test_environment(debug=False)
    Snapshot(shared).prebuild(build_mission)
    return 0


if __name__ == "__main__":
    sys.exit(main())
