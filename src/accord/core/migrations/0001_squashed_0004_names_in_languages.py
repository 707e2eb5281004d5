"""The core app's migrations 0001_initial to 0004_names_in_languages in one, regenerated from the models.

A fresh database is built from this one: the replaced migrations changed labels field by field
(hundreds of AlterField operations), each of which re-rendered every related model, which made a
fresh migrate take minutes. Databases that applied the old ones carry on from them unchanged.
"""

import django.contrib.auth.models
import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import accord.names


class Migration(migrations.Migration):
    replaces = [
        ("core", "0001_initial"),
        ("core", "0002_user_language"),
        ("core", "0003_verbose_names"),
        ("core", "0004_names_in_languages"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Source",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=16, unique=True, verbose_name="code")),
                ("citation", models.TextField(verbose_name="citation")),
            ],
            options={
                "verbose_name": "source",
                "verbose_name_plural": "sources",
                "ordering": ["code"],
            },
        ),
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        error_messages={"unique": "A user with that username already exists."},
                        help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                        max_length=150,
                        unique=True,
                        validators=[django.contrib.auth.validators.UnicodeUsernameValidator()],
                        verbose_name="username",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="email address"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("en-gb", "English"),
                            ("ru", "Русский"),
                            ("fa-af", "دری"),
                            ("ps", "پښتو"),
                        ],
                        default="",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(default="UTC", max_length=64, verbose_name="time zone"),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
            ],
            options={
                "verbose_name": "user",
                "verbose_name_plural": "users",
                "ordering": ["username"],
            },
            managers=[
                ("objects", django.contrib.auth.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "prefix",
                    models.CharField(
                        help_text="The first characters, to recognise it.",
                        max_length=12,
                        verbose_name="prefix",
                    ),
                ),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="digest")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="expires")),
                (
                    "last_used_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last used"),
                ),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "API token",
                "verbose_name_plural": "API tokens",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Nation",
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
                    "iso3",
                    models.CharField(max_length=3, unique=True, verbose_name="ISO 3166 alpha-3"),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                (
                    "name_ru",
                    models.CharField(
                        blank=True, default="", max_length=100, verbose_name="name (Russian)"
                    ),
                ),
                (
                    "name_fa",
                    models.CharField(
                        blank=True, default="", max_length=100, verbose_name="name (Dari)"
                    ),
                ),
                (
                    "name_ps",
                    models.CharField(
                        blank=True, default="", max_length=100, verbose_name="name (Pashto)"
                    ),
                ),
                (
                    "nato_accession",
                    models.DateField(blank=True, null=True, verbose_name="NATO accession"),
                ),
                ("nrc_member", models.BooleanField(default=False, verbose_name="NRC member")),
                (
                    "partner",
                    models.BooleanField(
                        default=False,
                        help_text="Partner nation: contributes to the mission without NATO membership.",
                        verbose_name="partner",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
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
                "verbose_name": "nation",
                "verbose_name_plural": "nations",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="core_nation_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="core_nation_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("iso3__regex", "^[A-Z]{3}$")), name="nation_iso3_upper"
                    ),
                ],
            },
            bases=(accord.names.Multilingual, models.Model),
        ),
        migrations.AddField(
            model_name="user",
            name="nation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="users",
                to="core.nation",
                verbose_name="nation",
            ),
        ),
        migrations.CreateModel(
            name="Site",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("hub", "Hub"),
                            ("hub_element", "Hub element"),
                            ("spoke", "Spoke"),
                            ("functional_command", "Functional command"),
                            ("training_centre", "Training centre"),
                            ("airbase", "Airbase"),
                            ("port", "Port"),
                            ("border_crossing", "Border crossing"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("location", models.CharField(blank=True, max_length=200, verbose_name="location")),
                ("base", models.CharField(blank=True, max_length=200, verbose_name="base")),
                (
                    "latitude",
                    models.DecimalField(decimal_places=5, max_digits=8, verbose_name="latitude"),
                ),
                (
                    "longitude",
                    models.DecimalField(decimal_places=5, max_digits=8, verbose_name="longitude"),
                ),
                (
                    "coords_estimated",
                    models.BooleanField(default=False, verbose_name="position estimated"),
                ),
                (
                    "counterpart",
                    models.CharField(
                        blank=True,
                        help_text="The Afghan institution the site trains and advises.",
                        max_length=200,
                        verbose_name="counterpart",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "lead_nation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="led_sites",
                        to="core.nation",
                        verbose_name="lead nation",
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
                    "partner_nations",
                    models.ManyToManyField(
                        blank=True,
                        related_name="partner_sites",
                        to="core.nation",
                        verbose_name="partner nations",
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
                "verbose_name": "site",
                "verbose_name_plural": "sites",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="core_site_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="core_site_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                        name="site_latitude_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                        name="site_longitude_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "kind__in",
                                [
                                    "hub",
                                    "hub_element",
                                    "spoke",
                                    "functional_command",
                                    "training_centre",
                                    "airbase",
                                    "port",
                                    "border_crossing",
                                ],
                            )
                        ),
                        name="site_kind_valid",
                    ),
                ],
            },
            bases=(accord.names.Multilingual, models.Model),
        ),
        migrations.AddField(
            model_name="user",
            name="site",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="staff",
                to="core.site",
                verbose_name="site",
            ),
        ),
        migrations.CreateModel(
            name="Organisation",
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
                    "short_name",
                    models.CharField(blank=True, max_length=40, verbose_name="short name"),
                ),
                (
                    "short_name_ru",
                    models.CharField(
                        blank=True, default="", max_length=40, verbose_name="short name (Russian)"
                    ),
                ),
                (
                    "short_name_fa",
                    models.CharField(
                        blank=True, default="", max_length=40, verbose_name="short name (Dari)"
                    ),
                ),
                (
                    "short_name_ps",
                    models.CharField(
                        blank=True, default="", max_length=40, verbose_name="short name (Pashto)"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("alliance", "Alliance or council"),
                            ("mission", "Mission or command"),
                            ("un_body", "UN body"),
                            ("agency", "Agency"),
                            ("ministry", "Ministry"),
                            ("force", "Force or corps"),
                            ("company", "Company"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "nation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organisations",
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
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="core.organisation",
                        verbose_name="parent",
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
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="core_organisation_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="core_organisation_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "kind__in",
                                [
                                    "alliance",
                                    "mission",
                                    "un_body",
                                    "agency",
                                    "ministry",
                                    "force",
                                    "company",
                                ],
                            )
                        ),
                        name="organisation_kind_valid",
                    ),
                ],
            },
            bases=(accord.names.Multilingual, models.Model),
        ),
        migrations.CreateModel(
            name="MissionStrength",
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
                ("as_of", models.DateField(unique=True, verbose_name="as of")),
                ("personnel", models.PositiveIntegerField(verbose_name="personnel")),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
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
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "verbose_name": "mission strength",
                "verbose_name_plural": "mission strength figures",
                "ordering": ["as_of"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="core_missionstrength_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="core_missionstrength_marking_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TroopContribution",
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
                ("as_of", models.DateField(verbose_name="as of")),
                (
                    "personnel",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Empty when unknown.",
                        null=True,
                        verbose_name="personnel",
                    ),
                ),
                (
                    "personnel_low",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="personnel, low estimate"
                    ),
                ),
                (
                    "personnel_high",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="personnel, high estimate"
                    ),
                ),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "nation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
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
                    "site",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a mission-wide figure not broken down by site.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="core.site",
                        verbose_name="site",
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
                "verbose_name": "troop contribution",
                "verbose_name_plural": "troop contributions",
                "ordering": ["-as_of", "nation__name"],
                "indexes": [
                    models.Index(fields=["site", "as_of"], name="core_troopc_site_id_ca9ec1_idx"),
                    models.Index(fields=["as_of"], name="core_troopc_as_of_7ad21b_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="core_troopcontribution_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="core_troopcontribution_marking_valid",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("site__isnull", False)),
                        fields=("nation", "site", "as_of"),
                        name="contribution_one_per_nation_site_date",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("site__isnull", True)),
                        fields=("nation", "as_of"),
                        name="contribution_one_mission_wide_per_date",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("personnel_low__isnull", True),
                            ("personnel_high__isnull", True),
                            ("personnel_low__lte", models.F("personnel_high")),
                            _connector="OR",
                        ),
                        name="contribution_range_ordered",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="UserRole",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("administrator", "Administrator"),
                            ("secretariat", "Council secretariat"),
                            ("delegation", "National delegation"),
                            ("fund_manager", "Fund manager"),
                            ("logistician", "Logistician"),
                            ("maintenance_officer", "Maintenance officer"),
                            ("trainer", "Trainer"),
                            ("hub_staff", "Hub staff"),
                            ("spoke_staff", "Spoke staff"),
                            ("auditor", "Auditor"),
                        ],
                        max_length=24,
                        verbose_name="role",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="role_grants",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "role grant",
                "verbose_name_plural": "role grants",
                "constraints": [
                    models.UniqueConstraint(fields=("user", "role"), name="userrole_unique"),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "role__in",
                                [
                                    "administrator",
                                    "secretariat",
                                    "delegation",
                                    "fund_manager",
                                    "logistician",
                                    "maintenance_officer",
                                    "trainer",
                                    "hub_staff",
                                    "spoke_staff",
                                    "auditor",
                                ],
                            )
                        ),
                        name="userrole_role_valid",
                    ),
                ],
            },
        ),
    ]
