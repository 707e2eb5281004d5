"""Every write to the oversight tables that the kept panels read sets the topic ``oversight``'s
version (``accord.kept``): the findings and their recommendations. Triggers, so that no writer
can forget it; tests/web/test_kept_panels.py holds what each panel reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "oversight_finding",
    "oversight_recommendation",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("oversight", "0002_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("oversight", *TABLES)]
