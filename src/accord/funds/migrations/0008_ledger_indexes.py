"""Indexes the ledger's writes maintained and no read used.

- ``fund_id`` alone on entries and transfers: the ``(fund, value_date)`` index serves every lookup
  by fund (its leading column).
- On PostgreSQL, the ``varchar_pattern_ops`` twins (``*_like``) that Django adds beside the index
  of every character key: they serve ``LIKE 'prefix%'`` only, and nothing filters ledger ids by
  prefix. Each posting wrote into up to four of them.
"""

import django.db.models.deletion
from django.db import migrations, models

# (table, column) of every ledger id whose ``_like`` twin goes; the index names are Django's.
LIKE_INDEXES = {
    "funds_ledgerentry_id_4a24f99a_like": ("funds_ledgerentry", "id"),
    "funds_ledgerentry_reverses_id_1a7ff3b6_like": ("funds_ledgerentry", "reverses_id"),
    "funds_ledgertransfer_id_335f17da_like": ("funds_ledgertransfer", "id"),
    "funds_ledgertransfer_entry_id_838f8b63_like": ("funds_ledgertransfer", "entry_id"),
    "funds_ledgertransfer_pending_id_0c82c81b_like": ("funds_ledgertransfer", "pending_id"),
    "funds_ledgerpending_transfer_id_93c8630a_like": ("funds_ledgerpending", "transfer_id"),
    "funds_pledge_entry_id_814daef6_like": ("funds_pledge", "entry_id"),
    "funds_contribution_entry_id_f7caa288_like": ("funds_contribution", "entry_id"),
    "funds_commitment_entry_id_6aba4dad_like": ("funds_commitment", "entry_id"),
    "funds_disbursement_entry_id_94a5a558_like": ("funds_disbursement", "entry_id"),
    "funds_refund_entry_id_d99d6c73_like": ("funds_refund", "entry_id"),
    "funds_bankline_entry_id_d611aa86_like": ("funds_bankline", "entry_id"),
}


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite has no such indexes
    for name in LIKE_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in LIKE_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("funds", "0007_iati_sector_and_external_activities")]

    operations = [
        migrations.AlterField(
            model_name="ledgerentry",
            name="fund",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="entries",
                to="funds.trustfund",
                verbose_name="trust fund",
            ),
        ),
        migrations.AlterField(
            model_name="ledgertransfer",
            name="fund",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="funds.trustfund",
                verbose_name="trust fund",
            ),
        ),
        migrations.RunPython(drop_like_indexes, create_like_indexes),
    ]
