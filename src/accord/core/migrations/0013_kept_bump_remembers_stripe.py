"""PostgreSQL's version trigger function remembers the stripe its transaction took and finds one
by the stripes' keys (``accord.kept``): a posting's five tables bumped the version five times,
each looking over the whole table of versions for a stripe, the most of the trigger's cost."""

from django.db import migrations

from accord.kept import bump_function_replaced


class Migration(migrations.Migration):
    dependencies = [("core", "0012_kept_panels_version")]
    operations = [bump_function_replaced()]
