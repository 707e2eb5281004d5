"""Every write to the core tables that the kept panels read sets the topic ``core``'s version
(``accord.kept``): the nations, organisations and sites the panels name, and the contributions
and strength the first page's figures show. Triggers, so that no writer can forget it;
tests/web/test_kept_panels.py holds what each panel reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "core_missionstrength",
    "core_nation",
    "core_organisation",
    "core_site",
    "core_troopcontribution",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0011_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("core", *TABLES)]
