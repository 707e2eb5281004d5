"""Entries' changes are stored as the canonical bytes encode them (the field's encoder).

Only Django's record of the field changes: the column stays as it is. A database operation
would rebuild the table on SQLite, and its append-only triggers with it.
"""

from django.db import migrations, models

import accord.audit.engine


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_auditentry_canonical"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="changes",
                    field=models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=accord.audit.engine.CanonicalJSONEncoder,
                        verbose_name="changes",
                    ),
                ),
            ],
        ),
    ]
