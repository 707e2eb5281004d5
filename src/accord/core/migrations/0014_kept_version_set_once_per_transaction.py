"""PostgreSQL's version trigger function sets a topic's version once per transaction, at its
first write to the topic (``accord.kept``): a posting, one statement writing five tables, updated
its version row five times, a quarter of the database's time for it."""

from django.db import migrations

from accord.kept import bump_function_replaced


class Migration(migrations.Migration):
    dependencies = [("core", "0013_kept_bump_remembers_stripe")]
    operations = [bump_function_replaced()]
