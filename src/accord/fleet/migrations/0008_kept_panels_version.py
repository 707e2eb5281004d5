"""Every write to the fleet tables that the kept panels read sets the topic ``fleet``'s version
(``accord.kept``): the aircraft, their programmes, flying, compliance, defects and work orders.
Triggers, so that no writer can forget it; tests/web/test_kept_panels.py holds what each panel
reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "fleet_aircraft",
    "fleet_aircrafttype",
    "fleet_compliancerecord",
    "fleet_defect",
    "fleet_flightlog",
    "fleet_maintenancetask",
    "fleet_partsorder",
    "fleet_workorder",
    "fleet_workorderitem",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("fleet", "0007_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("fleet", *TABLES)]
