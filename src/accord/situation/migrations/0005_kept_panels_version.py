"""Every write to the situation tables that the kept panels read sets the topic ``situation``'s
version (``accord.kept``): the incidents and the provinces and districts they happened in.
Triggers, so that no writer can forget it; tests/web/test_kept_panels.py holds what each panel
reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "situation_district",
    "situation_incident",
    "situation_province",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("situation", "0004_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("situation", *TABLES)]
