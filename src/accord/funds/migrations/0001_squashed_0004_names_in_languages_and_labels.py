"""The funds app's migrations 0001_initial to 0004_names_in_languages_and_labels in one, regenerated from the models.

A fresh database is built from this one: the replaced migrations changed labels field by field
(hundreds of AlterField operations), each of which re-rendered every related model, which made a
fresh migrate take minutes. Databases that applied the old ones carry on from them unchanged.
"""

from importlib import import_module

import django.db.models.deletion
import django.db.models.expressions
from django.db import migrations, models

import accord.names

# The database-level guards (triggers) of the migrations replaced, run from where they are kept.
_0 = import_module("accord.funds.migrations.0002_immutable_ledger")
_1 = import_module("accord.funds.migrations.0003_ledger_refuses_delete_on_sqlite")


class Migration(migrations.Migration):
    replaces = [
        ("funds", "0001_initial"),
        ("funds", "0002_immutable_ledger"),
        ("funds", "0003_ledger_refuses_delete_on_sqlite"),
        ("funds", "0004_names_in_languages_and_labels"),
    ]

    initial = True

    dependencies = [
        ("budget", "0001_squashed_0003_verbose_names"),
        ("core", "0001_squashed_0004_names_in_languages"),
        ("council", "0001_squashed_0005_texts_in_two_languages"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExchangeRate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                ("day", models.DateField(verbose_name="day")),
                (
                    "per_eur",
                    models.DecimalField(decimal_places=8, max_digits=18, verbose_name="per euro"),
                ),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="source")),
            ],
            options={
                "verbose_name": "exchange rate",
                "verbose_name_plural": "exchange rates",
                "ordering": ["currency", "day"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("currency", "day"), name="funds_rate_one_per_day"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("per_eur__gt", 0)), name="funds_rate_positive"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("currency__regex", "^[A-Z]{3}$"),
                            models.Q(("currency", "EUR"), _negated=True),
                        ),
                        name="funds_rate_currency_iso",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LedgerAccount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("cash", "Cash"),
                            ("in_kind", "Received in kind"),
                            ("disbursed", "Disbursed"),
                            ("donor", "Donor's contributions"),
                            ("receivable", "Pledges receivable"),
                            ("pledged", "Pledged"),
                        ],
                        max_length=12,
                        verbose_name="kind of account",
                    ),
                ),
                (
                    "limit",
                    models.CharField(
                        choices=[
                            ("none", "No limit"),
                            ("credits_limited", "Credits must not exceed debits"),
                            ("debits_limited", "Debits must not exceed credits"),
                        ],
                        max_length=16,
                        verbose_name="limit",
                    ),
                ),
                (
                    "debits_pending",
                    models.BigIntegerField(default=0, verbose_name="debits pending"),
                ),
                ("debits_posted", models.BigIntegerField(default=0, verbose_name="debits posted")),
                (
                    "credits_pending",
                    models.BigIntegerField(default=0, verbose_name="credits pending"),
                ),
                (
                    "credits_posted",
                    models.BigIntegerField(default=0, verbose_name="credits posted"),
                ),
                (
                    "nation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="nation",
                    ),
                ),
            ],
            options={
                "verbose_name": "ledger account",
                "verbose_name_plural": "ledger accounts",
                "ordering": ["fund", "kind", "nation"],
            },
        ),
        migrations.CreateModel(
            name="LedgerEntry",
            fields=[
                (
                    "id",
                    models.CharField(
                        max_length=80, primary_key=True, serialize=False, verbose_name="identifier"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("pledge", "Pledge"),
                            ("contribution", "Contribution"),
                            ("commitment", "Commitment"),
                            ("disbursement", "Disbursement"),
                            ("cancellation", "Cancellation"),
                            ("refund", "Refund"),
                            ("reversal", "Reversal"),
                        ],
                        max_length=12,
                        verbose_name="kind of entry",
                    ),
                ),
                ("value_date", models.DateField(verbose_name="value date")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
                (
                    "fingerprint",
                    models.CharField(
                        help_text="Digest of the request's content.",
                        max_length=64,
                        verbose_name="fingerprint",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=300, verbose_name="description"),
                ),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative, not a real figure.",
                        verbose_name="estimated",
                    ),
                ),
                ("actor_name", models.CharField(max_length=150, verbose_name="actor")),
                (
                    "reverses",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reversed_by",
                        to="funds.ledgerentry",
                        verbose_name="reverses",
                    ),
                ),
            ],
            options={
                "verbose_name": "ledger entry",
                "verbose_name_plural": "ledger entries",
                "ordering": ["value_date", "recorded_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Commitment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "amount_minor",
                    models.BigIntegerField(
                        help_text="In the currency's minor units.", verbose_name="amount"
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                (
                    "fund_amount_minor",
                    models.BigIntegerField(
                        help_text="Converted to the fund's currency.",
                        verbose_name="amount in the fund's currency",
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative, not a real figure.",
                        verbose_name="estimated",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "payee",
                    models.CharField(
                        help_text="The implementer, vendor or project.",
                        max_length=200,
                        verbose_name="payee",
                    ),
                ),
                (
                    "budget_line",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="budget.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgerentry",
                        verbose_name="ledger entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "commitment",
                "verbose_name_plural": "commitments",
                "ordering": ["day", "pk"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="TrustFund",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "name_ru",
                    models.CharField(
                        blank=True, default="", max_length=200, verbose_name="name (Russian)"
                    ),
                ),
                (
                    "name_fa",
                    models.CharField(
                        blank=True, default="", max_length=200, verbose_name="name (Dari)"
                    ),
                ),
                (
                    "name_ps",
                    models.CharField(
                        blank=True, default="", max_length=200, verbose_name="name (Pashto)"
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        help_text="ISO 4217; the fund keeps its books in it.",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                ("purpose", models.TextField(blank=True, verbose_name="purpose")),
                (
                    "purpose_ru",
                    models.TextField(blank=True, default="", verbose_name="purpose (Russian)"),
                ),
                (
                    "purpose_fa",
                    models.TextField(blank=True, default="", verbose_name="purpose (Dari)"),
                ),
                (
                    "purpose_ps",
                    models.TextField(blank=True, default="", verbose_name="purpose (Pashto)"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")],
                        default="open",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                (
                    "established",
                    models.DateField(blank=True, null=True, verbose_name="established"),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "donors",
                    models.ManyToManyField(
                        blank=True,
                        related_name="funds_donated_to",
                        to="core.nation",
                        verbose_name="donors",
                    ),
                ),
                (
                    "joint_action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="trust_funds",
                        to="council.jointaction",
                        verbose_name="joint action",
                    ),
                ),
                (
                    "lead_nation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="led_funds",
                        to="core.nation",
                        verbose_name="lead nation",
                    ),
                ),
                (
                    "legal_basis",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="trust_funds",
                        to="council.legalbasis",
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "manager",
                    models.ForeignKey(
                        blank=True,
                        help_text="The organisation that manages the fund (its executing agent).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="managed_funds",
                        to="core.organisation",
                        verbose_name="manager",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "verbose_name": "trust fund",
                "verbose_name_plural": "trust funds",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="funds_trustfund_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="funds_trustfund_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("currency__regex", "^[A-Z]{3}$")),
                        name="funds_trustfund_currency_iso",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["open", "closed"])),
                        name="funds_trustfund_status_valid",
                    ),
                ],
            },
            bases=(accord.names.Multilingual, models.Model),
        ),
        migrations.CreateModel(
            name="Refund",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "amount_minor",
                    models.BigIntegerField(
                        help_text="In the currency's minor units.", verbose_name="amount"
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                (
                    "fund_amount_minor",
                    models.BigIntegerField(
                        help_text="Converted to the fund's currency.",
                        verbose_name="amount in the fund's currency",
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative, not a real figure.",
                        verbose_name="estimated",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgerentry",
                        verbose_name="ledger entry",
                    ),
                ),
                (
                    "nation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="nation",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "fund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.trustfund",
                        verbose_name="trust fund",
                    ),
                ),
            ],
            options={
                "verbose_name": "refund",
                "verbose_name_plural": "refunds",
                "ordering": ["day", "pk"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="funds_refund_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="funds_refund_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount_minor__gt", 0), ("fund_amount_minor__gt", 0)),
                        name="funds_refund_amount_positive",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Pledge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "amount_minor",
                    models.BigIntegerField(
                        help_text="In the currency's minor units.", verbose_name="amount"
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                (
                    "fund_amount_minor",
                    models.BigIntegerField(
                        help_text="Converted to the fund's currency.",
                        verbose_name="amount in the fund's currency",
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative, not a real figure.",
                        verbose_name="estimated",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "period_start",
                    models.DateField(blank=True, null=True, verbose_name="period start"),
                ),
                ("period_end", models.DateField(blank=True, null=True, verbose_name="period end")),
                ("conditions", models.TextField(blank=True, verbose_name="conditions")),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgerentry",
                        verbose_name="ledger entry",
                    ),
                ),
                (
                    "nation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pledges",
                        to="core.nation",
                        verbose_name="nation",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "fund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.trustfund",
                        verbose_name="trust fund",
                    ),
                ),
            ],
            options={
                "verbose_name": "pledge",
                "verbose_name_plural": "pledges",
                "ordering": ["day", "pk"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="funds_pledge_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="funds_pledge_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount_minor__gt", 0), ("fund_amount_minor__gt", 0)),
                        name="funds_pledge_amount_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("period_end__isnull", True),
                            ("period_start__isnull", True),
                            ("period_end__gte", models.F("period_start")),
                            _connector="OR",
                        ),
                        name="funds_pledge_period_ordered",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LedgerTransfer",
            fields=[
                (
                    "id",
                    models.CharField(
                        max_length=90, primary_key=True, serialize=False, verbose_name="identifier"
                    ),
                ),
                ("amount", models.BigIntegerField(verbose_name="amount")),
                (
                    "phase",
                    models.CharField(
                        choices=[
                            ("single", "Posted"),
                            ("pending", "Pending"),
                            ("post", "Post of a pending transfer"),
                            ("void", "Void of a pending transfer"),
                        ],
                        max_length=8,
                        verbose_name="phase",
                    ),
                ),
                ("value_date", models.DateField(verbose_name="value date")),
                (
                    "credit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgeraccount",
                        verbose_name="credit account",
                    ),
                ),
                (
                    "debit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgeraccount",
                        verbose_name="debit account",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transfers",
                        to="funds.ledgerentry",
                        verbose_name="ledger entry",
                    ),
                ),
                (
                    "pending",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="resolutions",
                        to="funds.ledgertransfer",
                        verbose_name="pending",
                    ),
                ),
                (
                    "fund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.trustfund",
                        verbose_name="trust fund",
                    ),
                ),
            ],
            options={
                "verbose_name": "ledger transfer",
                "verbose_name_plural": "ledger transfers",
                "ordering": ["value_date", "id"],
                "indexes": [
                    models.Index(
                        fields=["fund", "value_date"], name="funds_ledge_fund_id_e9263b_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)), name="funds_transfer_positive"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("debit", models.F("credit")), _negated=True),
                        name="funds_transfer_two_accounts",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("phase__in", ["single", "pending", "post", "void"])),
                        name="funds_transfer_phase_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("pending__isnull", False), ("phase__in", ["post", "void"])),
                            models.Q(
                                ("pending__isnull", True), ("phase__in", ["single", "pending"])
                            ),
                            _connector="OR",
                        ),
                        name="funds_transfer_pending_link",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="ledgerentry",
            name="fund",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="entries",
                to="funds.trustfund",
                verbose_name="trust fund",
            ),
        ),
        migrations.AddField(
            model_name="ledgeraccount",
            name="fund",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="accounts",
                to="funds.trustfund",
                verbose_name="trust fund",
            ),
        ),
        migrations.CreateModel(
            name="Disbursement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "amount_minor",
                    models.BigIntegerField(
                        help_text="In the currency's minor units.", verbose_name="amount"
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                (
                    "fund_amount_minor",
                    models.BigIntegerField(
                        help_text="Converted to the fund's currency.",
                        verbose_name="amount in the fund's currency",
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative, not a real figure.",
                        verbose_name="estimated",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("payee", models.CharField(max_length=200, verbose_name="payee")),
                (
                    "budget_line",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="fund_disbursements",
                        to="budget.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "commitment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="disbursements",
                        to="funds.commitment",
                        verbose_name="commitment",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgerentry",
                        verbose_name="ledger entry",
                    ),
                ),
                (
                    "fund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.trustfund",
                        verbose_name="trust fund",
                    ),
                ),
            ],
            options={
                "verbose_name": "disbursement",
                "verbose_name_plural": "disbursements",
                "ordering": ["day", "pk"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="funds_disbursement_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="funds_disbursement_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount_minor__gt", 0), ("fund_amount_minor__gt", 0)),
                        name="funds_disbursement_amount_positive",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Contribution",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marking",
                    models.CharField(
                        choices=[
                            ("PUBLIC", "Public"),
                            ("NRC", "NRC (NATO and Russia)"),
                            ("NATO", "NATO"),
                            ("NATIONAL", "National (one nation)"),
                        ],
                        default="PUBLIC",
                        max_length=8,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "amount_minor",
                    models.BigIntegerField(
                        help_text="In the currency's minor units.", verbose_name="amount"
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                (
                    "fund_amount_minor",
                    models.BigIntegerField(
                        help_text="Converted to the fund's currency.",
                        verbose_name="amount in the fund's currency",
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative, not a real figure.",
                        verbose_name="estimated",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "kind",
                    models.CharField(
                        choices=[("cash", "Cash"), ("in_kind", "In kind")],
                        max_length=8,
                        verbose_name="kind of contribution",
                    ),
                ),
                (
                    "nation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="fund_contributions",
                        to="core.nation",
                        verbose_name="nation",
                    ),
                ),
                (
                    "owner_nation",
                    models.ForeignKey(
                        blank=True,
                        help_text="For NATIONAL records: the one nation that may read it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                    ),
                ),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.ledgerentry",
                        verbose_name="ledger entry",
                    ),
                ),
                (
                    "pledge",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="funds.pledge",
                        verbose_name="pledge",
                    ),
                ),
                (
                    "fund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="funds.trustfund",
                        verbose_name="trust fund",
                    ),
                ),
            ],
            options={
                "verbose_name": "contribution",
                "verbose_name_plural": "contributions",
                "ordering": ["day", "pk"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="funds_contribution_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="funds_contribution_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount_minor__gt", 0), ("fund_amount_minor__gt", 0)),
                        name="funds_contribution_amount_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["cash", "in_kind"])),
                        name="funds_contribution_kind_valid",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="commitment",
            name="fund",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="funds.trustfund",
                verbose_name="trust fund",
            ),
        ),
        migrations.CreateModel(
            name="LedgerPending",
            fields=[
                (
                    "transfer",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        primary_key=True,
                        related_name="open_state",
                        serialize=False,
                        to="funds.ledgertransfer",
                        verbose_name="transfer",
                    ),
                ),
                ("remaining", models.BigIntegerField(verbose_name="remaining")),
            ],
            options={
                "verbose_name": "pending transfer",
                "verbose_name_plural": "pending transfers",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("remaining__gte", 0)),
                        name="funds_pending_remaining_not_negative",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="ledgerentry",
            index=models.Index(
                fields=["fund", "value_date"], name="funds_ledge_fund_id_2c73dc_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgerentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "pledge",
                            "contribution",
                            "commitment",
                            "disbursement",
                            "cancellation",
                            "refund",
                            "reversal",
                        ],
                    )
                ),
                name="funds_entry_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.UniqueConstraint(
                condition=models.Q(("nation__isnull", True)),
                fields=("fund", "kind"),
                name="funds_account_one",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.UniqueConstraint(
                condition=models.Q(("nation__isnull", False)),
                fields=("fund", "kind", "nation"),
                name="funds_account_one_per_donor",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("debits_pending__gte", 0),
                    ("debits_posted__gte", 0),
                    ("credits_pending__gte", 0),
                    ("credits_posted__gte", 0),
                ),
                name="funds_account_sums_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("limit", "credits_limited"), _negated=True),
                    (
                        "debits_posted__gte",
                        django.db.models.expressions.CombinedExpression(
                            models.F("credits_posted"), "+", models.F("credits_pending")
                        ),
                    ),
                    _connector="OR",
                ),
                name="funds_account_credits_within_debits",
            ),
        ),
        migrations.AddConstraint(
            model_name="ledgeraccount",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("limit", "debits_limited"), _negated=True),
                    (
                        "credits_posted__gte",
                        django.db.models.expressions.CombinedExpression(
                            models.F("debits_posted"), "+", models.F("debits_pending")
                        ),
                    ),
                    _connector="OR",
                ),
                name="funds_account_debits_within_credits",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("marking", "NATIONAL"), _negated=True),
                    ("owner_nation__isnull", False),
                    _connector="OR",
                ),
                name="funds_commitment_national_has_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                name="funds_commitment_marking_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount_minor__gt", 0), ("fund_amount_minor__gt", 0)),
                name="funds_commitment_amount_positive",
            ),
        ),
        migrations.RunPython(_0.forwards, _0.backwards),
        migrations.RunPython(_1.forwards, _1.backwards),
    ]
