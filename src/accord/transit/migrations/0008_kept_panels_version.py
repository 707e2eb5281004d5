"""Every write to the transit tables that the kept panels read sets the topic ``transit``'s version
(``accord.kept``): the shipments and the nodes they pass. Triggers, so that no writer can forget
it; tests/web/test_kept_panels.py holds what each panel reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "transit_shipment",
    "transit_transitnode",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("transit", "0007_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("transit", *TABLES)]
