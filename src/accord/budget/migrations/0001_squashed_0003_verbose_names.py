"""The budget app's migrations 0001_initial to 0003_verbose_names in one, regenerated from the models.

A fresh database is built from this one: the replaced migrations changed labels field by field
(hundreds of AlterField operations), each of which re-rendered every related model, which made a
fresh migrate take minutes. Databases that applied the old ones carry on from them unchanged.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("budget", "0001_initial"),
        ("budget", "0002_sources"),
        ("budget", "0003_verbose_names"),
    ]

    initial = True

    dependencies = [
        ("core", "0001_squashed_0004_names_in_languages"),
        ("council", "0001_squashed_0005_texts_in_two_languages"),
    ]

    operations = [
        migrations.CreateModel(
            name="BudgetEntry",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("requirement", "Requirement"),
                            ("allotment", "Allotment"),
                            ("commitment", "Commitment"),
                            ("expenditure", "Expenditure"),
                        ],
                        max_length=12,
                        verbose_name="kind of entry",
                    ),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "amount_minor",
                    models.BigIntegerField(
                        help_text="Integer minor units of the line's currency.",
                        verbose_name="amount",
                    ),
                ),
                (
                    "reference",
                    models.CharField(blank=True, max_length=100, verbose_name="reference"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "over_allotment",
                    models.BooleanField(
                        default=False,
                        help_text="An expenditure knowingly beyond the line's allotment.",
                        verbose_name="over the allotment",
                    ),
                ),
                ("justification", models.TextField(blank=True, verbose_name="justification")),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
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
                    "reverses",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reversed_by",
                        to="budget.budgetentry",
                        verbose_name="reverses",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget entry",
                "verbose_name_plural": "budget entries",
                "ordering": ["date", "pk"],
            },
        ),
        migrations.CreateModel(
            name="BudgetLine",
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
                ("code", models.SlugField(max_length=40, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "currency",
                    models.CharField(
                        choices=[("AFN", "Afghani (AFN)"), ("USD", "US dollar (USD)")],
                        default="AFN",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "estimated",
                    models.BooleanField(
                        default=False,
                        help_text="Illustrative figures, not the ministry's published ones.",
                        verbose_name="estimated",
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
                "verbose_name": "budget line",
                "verbose_name_plural": "budget lines",
                "ordering": [
                    "fiscal_year__label",
                    "sub_programme__programme__ministry__code",
                    "code",
                ],
            },
        ),
        migrations.CreateModel(
            name="FiscalYear",
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
                    "label",
                    models.CharField(
                        help_text="The solar year, e.g. 1394 (1400T: the transitional Jadi–Hut period of 1400).",
                        max_length=5,
                        unique=True,
                        verbose_name="label",
                    ),
                ),
                (
                    "start",
                    models.DateField(help_text="First day (Gregorian).", verbose_name="start"),
                ),
                ("end", models.DateField(help_text="Last day (Gregorian).", verbose_name="end")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")],
                        default="open",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
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
            ],
            options={
                "verbose_name": "fiscal year",
                "verbose_name_plural": "fiscal years",
                "ordering": ["label"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="budget_fiscalyear_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="budget_fiscalyear_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("end__gt", models.F("start"))),
                        name="budget_fiscalyear_end_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["open", "closed"])),
                        name="budget_fiscalyear_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("label__regex", "^1[345][0-9]{2}T?$")),
                        name="budget_fiscalyear_label_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Ministry",
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
                    "short_name",
                    models.CharField(blank=True, max_length=40, verbose_name="short name"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_ministries",
                        to="core.organisation",
                        verbose_name="organisation",
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
                "verbose_name": "ministry",
                "verbose_name_plural": "ministries",
                "ordering": ["code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="budget_ministry_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="budget_ministry_marking_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Programme",
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
                ("code", models.SlugField(max_length=40, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "ministry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="programmes",
                        to="budget.ministry",
                        verbose_name="ministry",
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
                "verbose_name": "programme",
                "verbose_name_plural": "programmes",
                "ordering": ["ministry__code", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="budget_programme_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="budget_programme_marking_valid",
                    ),
                    models.UniqueConstraint(
                        fields=("ministry", "code"), name="budget_programme_code_unique"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SubProgramme",
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
                ("code", models.SlugField(max_length=40, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("note", models.TextField(blank=True, verbose_name="note")),
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
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sub_programmes",
                        to="budget.programme",
                        verbose_name="programme",
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
                "verbose_name": "sub-programme",
                "verbose_name_plural": "sub-programmes",
                "ordering": ["programme__ministry__code", "programme__code", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="budget_subprogramme_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="budget_subprogramme_marking_valid",
                    ),
                    models.UniqueConstraint(
                        fields=("programme", "code"), name="budget_subprogramme_code_unique"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SustainmentPledge",
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
                ("year", models.PositiveIntegerField(verbose_name="year")),
                (
                    "donor_group",
                    models.CharField(
                        choices=[
                            ("us", "United States"),
                            ("other_nations", "Other nations"),
                            ("afghan_government", "Afghan government"),
                        ],
                        max_length=20,
                        verbose_name="donor group",
                    ),
                ),
                ("pledged_usd_minor", models.BigIntegerField(verbose_name="pledged (USD)")),
                (
                    "actual_usd_minor",
                    models.BigIntegerField(
                        blank=True,
                        help_text="Empty while the actual funding is unknown.",
                        null=True,
                        verbose_name="actual (USD)",
                    ),
                ),
                (
                    "pledged_estimated",
                    models.BooleanField(default=False, verbose_name="pledge estimated"),
                ),
                (
                    "actual_estimated",
                    models.BooleanField(default=False, verbose_name="actual estimated"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "joint_action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="council.jointaction",
                        verbose_name="joint action",
                    ),
                ),
                (
                    "legal_basis",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="council.legalbasis",
                        verbose_name="legal basis",
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
                "verbose_name": "sustainment pledge",
                "verbose_name_plural": "sustainment pledges",
                "ordering": ["year", "donor_group"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="budget_sustainmentpledge_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="budget_sustainmentpledge_marking_valid",
                    ),
                    models.UniqueConstraint(
                        fields=("year", "donor_group"), name="budget_sustainmentpledge_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("pledged_usd_minor__gte", 0)),
                        name="budget_sustainmentpledge_pledged_nonneg",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("actual_usd_minor__isnull", True),
                            ("actual_usd_minor__gte", 0),
                            _connector="OR",
                        ),
                        name="budget_sustainmentpledge_actual_nonneg",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("donor_group__in", ["us", "other_nations", "afghan_government"])
                        ),
                        name="budget_sustainmentpledge_group_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("year__gte", 2012), ("year__lte", 2030)),
                        name="budget_sustainmentpledge_year_range",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="budgetentry",
            name="line",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="entries",
                to="budget.budgetline",
                verbose_name="budget line",
            ),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="fiscal_year",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="budget_lines",
                to="budget.fiscalyear",
                verbose_name="fiscal year",
            ),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="sub_programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="budget_lines",
                to="budget.subprogramme",
                verbose_name="sub-programme",
            ),
        ),
        migrations.AddIndex(
            model_name="budgetentry",
            index=models.Index(fields=["line", "kind"], name="budget_budg_line_id_41cfc5_idx"),
        ),
        migrations.AddIndex(
            model_name="budgetentry",
            index=models.Index(fields=["date"], name="budget_budg_date_623bd5_idx"),
        ),
        migrations.AddConstraint(
            model_name="budgetentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("marking", "NATIONAL"), _negated=True),
                    ("owner_nation__isnull", False),
                    _connector="OR",
                ),
                name="budget_budgetentry_national_has_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                name="budget_budgetentry_marking_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount_minor__gt", 0)),
                name="budget_budgetentry_amount_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind__in", ["requirement", "allotment", "commitment", "expenditure"])
                ),
                name="budget_budgetentry_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("over_allotment", False),
                    models.Q(("justification", ""), _negated=True),
                    _connector="OR",
                ),
                name="budget_budgetentry_over_allotment_justified",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("over_allotment", False), ("kind", "expenditure"), _connector="OR"
                ),
                name="budget_budgetentry_over_allotment_expenditure",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("marking", "NATIONAL"), _negated=True),
                    ("owner_nation__isnull", False),
                    _connector="OR",
                ),
                name="budget_budgetline_national_has_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                name="budget_budgetline_marking_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.UniqueConstraint(
                fields=("sub_programme", "fiscal_year", "code"),
                name="budget_budgetline_code_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("currency__in", ["AFN", "USD"])),
                name="budget_budgetline_currency_valid",
            ),
        ),
    ]
