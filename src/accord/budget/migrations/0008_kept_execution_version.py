"""Every write to the budget tables that the kept execution page reads sets the topic
``budget``'s version (``accord.kept``): the fiscal years, the budget's tree (ministries,
programmes, sub-programmes, lines) and its entries. Triggers, so that no writer (an import
above all) can forget it; tests/web/test_kept_panels.py holds what the page reads against it.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "budget_budgetentry",
    "budget_budgetline",
    "budget_fiscalyear",
    "budget_ministry",
    "budget_programme",
    "budget_subprogramme",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("budget", "0007_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("budget", *TABLES)]
