"""SQLite for the test suite: Django's own backend, flushing past the append-only triggers.

The audit trail and the ledger refuse DELETE in the database itself (audit 0004, funds 0003).
Django's flush empties every table with DELETE on SQLite (PostgreSQL uses TRUNCATE, which row
triggers do not see); the suite's transactional tests no longer end with it (the snapshot is copied
back instead, tests/conftest.py), but a flush must still work and leave the guards in place. This
backend drops the triggers for the flush and puts them back, in the same transaction, so the schema
the tests run against is exactly production's.
"""
