"""Every write to the advising tables that the kept panels read sets the topic ``advising``'s
version (``accord.kept``): the functions, objectives, milestones, ratings and counterparts.
Triggers, so that no writer can forget it; tests/web/test_kept_panels.py holds what each panel
reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "advising_counterpart",
    "advising_essentialfunction",
    "advising_milestone",
    "advising_objective",
    "advising_rating",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("advising", "0003_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("advising", *TABLES)]
