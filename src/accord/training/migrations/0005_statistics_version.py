"""Every write to the tables the public statistics read sets their version (``accord.kept``):
programmes, courses, sessions, nominations, targets, the funding and the nations (whose names
they show). Triggers, so that no writer (a service, an import, the seeding, the admin, a bulk
or raw statement) can forget it; the statistics' tests hold what they read against this list.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "training_programme",
    "training_course",
    "training_session",
    "training_nomination",
    "training_target",
    "training_sessionfunding",
    "core_nation",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("training", "0004_certificate_notices"),
    ]
    operations = [bump_on_write("training_statistics", *TABLES)]
