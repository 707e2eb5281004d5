"""Every write to the training tables that the kept panels read sets the topic ``training``'s
version (``accord.kept``): the courses, sessions and their seats per nation. Triggers, so that
no writer can forget it; tests/web/test_kept_panels.py holds what each panel reads against its
topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

# 0005's tables, as they were then (a migration keeps its own list).
STATISTICS_TABLES = (
    "training_programme",
    "training_course",
    "training_session",
    "training_nomination",
    "training_target",
    "training_sessionfunding",
    "core_nation",
)
TABLES = (
    "training_course",
    "training_seatquota",
    "training_session",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("training", "0006_redundant_indexes_dropped"),
    ]
    operations = [
        bump_on_write("training", *TABLES),
        # On SQLite, 0006 rebuilt the nominations' and the session funding's tables, which
        # dropped the public statistics' triggers on them: installed again.
        bump_on_write("training_statistics", *STATISTICS_TABLES),
    ]
