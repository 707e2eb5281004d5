"""Every write to the funds tables that the kept panels read sets the topic ``funds``'s version
(``accord.kept``): the funds, their accounts and transfers, and their commitments. Triggers, so
that no writer can forget it; tests/web/test_kept_panels.py holds what each panel reads against
its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "funds_commitment",
    "funds_ledgeraccount",
    "funds_ledgerpending",
    "funds_ledgertransfer",
    "funds_trustfund",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("funds", "0010_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("funds", *TABLES)]
