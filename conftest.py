"""Test settings are chosen before Django starts: ACCORD_TESTING, and the database by URL."""

import os

os.environ.setdefault("ACCORD_TESTING", "1")
os.environ.setdefault("ACCORD_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
