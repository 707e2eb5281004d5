"""SQLite's version triggers set a topic's version by an upsert instead of ``INSERT OR
REPLACE``, which failed whenever the statement firing the trigger was an upsert itself (the
firing statement's conflict handling overrides the trigger's): importing the ECB's rates over
days already kept answered a server error (``accord.kept``)."""

from django.db import migrations

from accord.kept import sqlite_set_by_upsert


class Migration(migrations.Migration):
    dependencies = [("core", "0014_kept_version_set_once_per_transaction")]
    operations = [sqlite_set_by_upsert()]
