"""Every write to the funds tables that the kept panels and a fund's kept books read sets the topic
``funds``'s version (``accord.kept``): the funds and their donors, their ledger (entries,
transfers, accounts, pending amounts), the records posted (pledges, contributions, commitments,
disbursements, refunds), the donors' conditions and the exchange rates. Triggers, so that no
writer can forget it; tests/web/test_kept_panels.py holds what each reads against its topics.
"""

from django.db import migrations

from accord.kept import bump_on_write

TABLES = (
    "funds_commitment",
    "funds_contribution",
    "funds_disbursement",
    "funds_donorcondition",
    "funds_exchangerate",
    "funds_ledgeraccount",
    "funds_ledgerentry",
    "funds_ledgerpending",
    "funds_ledgertransfer",
    "funds_pledge",
    "funds_refund",
    "funds_trustfund",
    "funds_trustfund_donors",
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_kept_version"),
        ("funds", "0010_redundant_indexes_dropped"),
    ]
    operations = [bump_on_write("funds", *TABLES)]
