"""Every write to the audit tables that the kept panels read sets the topic ``audit``'s version
(``accord.kept``): the signed checkpoints (not the entries: every write adds one). Triggers, so
that no writer can forget it; tests/web/test_kept_panels.py holds what each panel reads against
its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = ("audit_auditcheckpoint",)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("audit", "0007_alter_auditentry_changes"),
    ]
    operations = [bump_on_write("audit", *TABLES)]
