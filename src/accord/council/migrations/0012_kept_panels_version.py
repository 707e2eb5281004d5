"""Every write to the council tables that the kept panels read sets the topic ``council``'s version
(``accord.kept``): the bodies, their members and consultations, the joint actions and legal
bases, the texts' versions (the list's search reads them). Triggers, so that no writer can forget it; tests/web/test_kept_panels.py holds what each
panel reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "council_body",
    "council_consultation",
    "council_jointaction",
    "council_legalbasis",
    "council_membership",
    "council_textversion",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("council", "0011_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("council", *TABLES)]
