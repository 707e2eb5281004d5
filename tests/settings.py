"""Settings for the test suite: Accord's own, read with ACCORD_TESTING set before they load."""

import os

os.environ.setdefault("ACCORD_TESTING", "1")
os.environ.setdefault("ACCORD_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from accord.settings import *  # noqa: F403
