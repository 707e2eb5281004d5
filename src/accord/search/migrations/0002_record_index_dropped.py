"""The ``(kind, record_id)`` index dropped: the unique constraint on ``(kind, record_id,
language)`` leads with the same columns and serves the same lookups (a record's rows rewritten or
deleted), so the second index only cost every indexed write."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS search_entry_record",
            reverse_sql="CREATE INDEX search_entry_record ON search_entry (kind, record_id)",
        )
    ]
