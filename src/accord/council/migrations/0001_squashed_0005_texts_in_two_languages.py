"""The council app's migrations 0001_initial to 0005_texts_in_two_languages in one, regenerated from the models.

A fresh database is built from this one: the replaced migrations changed labels field by field
(hundreds of AlterField operations), each of which re-rendered every related model, which made a
fresh migrate take minutes. Databases that applied the old ones carry on from them unchanged.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("council", "0001_initial"),
        ("council", "0002_bodies_consultations_decisions"),
        ("council", "0003_consultation_recent_index"),
        ("council", "0004_decision_rehearsal"),
        ("council", "0005_texts_in_two_languages"),
    ]

    initial = True

    dependencies = [
        ("core", "0001_squashed_0004_names_in_languages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Body",
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
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("ambassador", "Ambassadors"),
                            ("minister", "Ministers"),
                            ("summit", "Heads of state and government"),
                            ("committee", "Committee"),
                        ],
                        max_length=12,
                        verbose_name="level",
                    ),
                ),
                (
                    "number_prefix",
                    models.CharField(
                        help_text="Decision numbers read PREFIX-YEAR-NNN, e.g. NRC-2011-004.",
                        max_length=12,
                        verbose_name="number prefix",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
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
                "verbose_name": "body",
                "verbose_name_plural": "bodies",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="CalendarFeed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="digest")),
                ("prefix", models.CharField(max_length=12, verbose_name="prefix")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "calendar feed",
                "verbose_name_plural": "calendar feeds",
            },
        ),
        migrations.CreateModel(
            name="Consultation",
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
                ("title", models.CharField(max_length=300, verbose_name="title (English)")),
                (
                    "title_ru",
                    models.CharField(blank=True, max_length=300, verbose_name="title (Russian)"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("circulating", "Under silence"),
                            ("broken", "Silence broken"),
                            ("adopted", "Adopted"),
                        ],
                        default="draft",
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                ("deadline", models.DateTimeField(blank=True, null=True, verbose_name="deadline")),
                (
                    "version_number",
                    models.PositiveIntegerField(
                        default=1,
                        help_text="The latest text version.",
                        verbose_name="latest text version",
                    ),
                ),
                ("created_at", models.DateTimeField(verbose_name="opened at")),
                (
                    "created_by",
                    models.CharField(blank=True, max_length=150, verbose_name="opened by"),
                ),
                (
                    "closing_token",
                    models.CharField(blank=True, max_length=32, verbose_name="closing token"),
                ),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consultations",
                        to="council.body",
                        verbose_name="body",
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
            ],
            options={
                "verbose_name": "consultation",
                "verbose_name_plural": "consultations",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["state", "deadline"], name="council_consult_due"),
                    models.Index(fields=["body", "-created_at"], name="council_consult_body"),
                    models.Index(fields=["-created_at", "-id"], name="council_consult_recent"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_consultation_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_consultation_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("state__in", ["draft", "circulating", "broken", "adopted"])
                        ),
                        name="council_consultation_state_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("state", "circulating"), _negated=True),
                            ("deadline__isnull", False),
                            _connector="OR",
                        ),
                        name="council_consultation_circulating_has_deadline",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Circulation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="number")),
                ("circulated_at", models.DateTimeField(verbose_name="circulated at")),
                ("deadline", models.DateTimeField(verbose_name="deadline")),
                ("extensions", models.PositiveIntegerField(default=0, verbose_name="extensions")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("open", "Under silence"),
                            ("broken", "Silence broken"),
                            ("adopted", "Adopted"),
                        ],
                        default="open",
                        max_length=8,
                        verbose_name="outcome",
                    ),
                ),
                (
                    "closed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="closed at"),
                ),
                (
                    "reminded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reminded at"),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="circulations",
                        to="council.consultation",
                        verbose_name="consultation",
                    ),
                ),
            ],
            options={
                "verbose_name": "circulation",
                "verbose_name_plural": "circulations",
                "ordering": ["consultation", "number"],
            },
        ),
        migrations.CreateModel(
            name="CooperationStatus",
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
                    "area",
                    models.CharField(
                        blank=True,
                        help_text="Empty: every area.",
                        max_length=40,
                        verbose_name="area",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("active", "Practical cooperation"),
                            ("suspended", "Practical cooperation suspended"),
                        ],
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("start", models.DateField(verbose_name="from")),
                ("end", models.DateField(blank=True, null=True, verbose_name="until")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
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
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "verbose_name": "cooperation status",
                "verbose_name_plural": "cooperation statuses",
                "ordering": ["nation__name", "start"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_cooperationstatus_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_cooperationstatus_marking_valid",
                    ),
                    models.UniqueConstraint(
                        fields=("nation", "area", "start"), name="council_cooperation_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end__isnull", True), ("end__gte", models.F("start")), _connector="OR"
                        ),
                        name="council_cooperation_end_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("state__in", ["active", "suspended"])),
                        name="council_cooperation_state_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LegalBasis",
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
                ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                ("title", models.CharField(max_length=300, verbose_name="title (English)")),
                (
                    "title_ru",
                    models.CharField(blank=True, max_length=300, verbose_name="title (Russian)"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("unscr", "UN Security Council resolution"),
                            ("sofa", "Status-of-forces agreement"),
                            ("bsa", "Bilateral security agreement"),
                            ("transit", "Transit agreement"),
                            ("founding", "Founding text"),
                            ("summit", "Summit declaration"),
                            ("council", "Council decision"),
                            ("mou", "Memorandum of understanding"),
                            ("other", "Other instrument"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        help_text="The instrument's own number, e.g. S/RES/1386.",
                        max_length=200,
                        verbose_name="reference",
                    ),
                ),
                ("signed", models.DateField(blank=True, null=True, verbose_name="signed")),
                ("ratified", models.DateField(blank=True, null=True, verbose_name="ratified")),
                ("in_force", models.DateField(blank=True, null=True, verbose_name="in force")),
                ("expires", models.DateField(blank=True, null=True, verbose_name="expires")),
                ("revoked", models.DateField(blank=True, null=True, verbose_name="revoked")),
                (
                    "activity_kinds",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Kinds of activity covered; empty means any.",
                        verbose_name="activities covered",
                    ),
                ),
                (
                    "territories",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="ISO3 codes of the territories; empty means any.",
                        verbose_name="territories",
                    ),
                ),
                (
                    "cargo_classes",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="For transit: cargo classes permitted.",
                        verbose_name="cargo classes",
                    ),
                ),
                ("summary", models.TextField(blank=True, verbose_name="summary (English)")),
                ("summary_ru", models.TextField(blank=True, verbose_name="summary (Russian)")),
                (
                    "authentic_en",
                    models.BooleanField(default=False, verbose_name="English version authentic"),
                ),
                (
                    "authentic_ru",
                    models.BooleanField(default=False, verbose_name="Russian version authentic"),
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
                    "parties",
                    models.ManyToManyField(
                        blank=True,
                        related_name="legal_bases",
                        to="core.nation",
                        verbose_name="parties",
                    ),
                ),
                (
                    "party_organisations",
                    models.ManyToManyField(
                        blank=True,
                        related_name="legal_bases",
                        to="core.organisation",
                        verbose_name="party organisations",
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
                "verbose_name": "legal basis",
                "verbose_name_plural": "legal bases",
                "ordering": ["signed", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_legalbasis_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_legalbasis_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("expires__isnull", True),
                            ("in_force__isnull", True),
                            ("expires__gte", models.F("in_force")),
                            _connector="OR",
                        ),
                        name="council_legalbasis_expires_after_in_force",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_en", False),
                            models.Q(("title", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_legalbasis_authentic_en_given",
                        violation_error_message="The English version is marked authentic but not given.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_ru", False),
                            models.Q(("title_ru", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_legalbasis_authentic_ru_given",
                        violation_error_message="The Russian version is marked authentic but not given.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="JointAction",
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
                ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=300, verbose_name="name")),
                (
                    "area",
                    models.CharField(
                        blank=True,
                        help_text="Area of cooperation, e.g. counter_narcotics.",
                        max_length=40,
                        verbose_name="area",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("active", "Active"),
                            ("suspended", "Suspended"),
                            ("completed", "Completed"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="proposed",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("start", models.DateField(blank=True, null=True, verbose_name="start")),
                ("end", models.DateField(blank=True, null=True, verbose_name="end")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "activity_kind",
                    models.CharField(
                        blank=True,
                        help_text="The kind of activity its legal basis must cover.",
                        max_length=40,
                        verbose_name="kind of activity",
                    ),
                ),
                (
                    "territory",
                    models.CharField(
                        blank=True,
                        help_text="ISO3 code of the territory it takes place in.",
                        max_length=3,
                        verbose_name="territory",
                    ),
                ),
                (
                    "lead_nation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
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
                    "participants",
                    models.ManyToManyField(
                        blank=True,
                        related_name="joint_actions",
                        to="core.nation",
                        verbose_name="participants",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.source", verbose_name="sources"
                    ),
                ),
                (
                    "legal_bases",
                    models.ManyToManyField(
                        blank=True,
                        related_name="joint_actions",
                        to="council.legalbasis",
                        verbose_name="legal bases",
                    ),
                ),
            ],
            options={
                "verbose_name": "joint action",
                "verbose_name_plural": "joint actions",
                "ordering": ["start", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_jointaction_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_jointaction_marking_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end__isnull", True),
                            ("start__isnull", True),
                            ("end__gte", models.F("start")),
                            _connector="OR",
                        ),
                        name="council_jointaction_end_after_start",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Meeting",
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
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("ambassador", "Ambassadors"),
                            ("minister", "Ministers"),
                            ("summit", "Heads of state and government"),
                            ("committee", "Committee"),
                        ],
                        max_length=12,
                        verbose_name="level",
                    ),
                ),
                ("chair", models.CharField(blank=True, max_length=200, verbose_name="chair")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("minutes", models.TextField(blank=True, verbose_name="minutes")),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                (
                    "attendees",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.nation", verbose_name="attended"
                    ),
                ),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="council.body",
                        verbose_name="body",
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
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
                "ordering": ["-starts_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_meeting_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_meeting_marking_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Decision",
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
                ("number", models.PositiveIntegerField(verbose_name="number")),
                (
                    "reference",
                    models.CharField(max_length=40, unique=True, verbose_name="reference"),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title (English)")),
                (
                    "title_ru",
                    models.CharField(blank=True, max_length=300, verbose_name="title (Russian)"),
                ),
                ("text", models.TextField(blank=True, verbose_name="text (English)")),
                ("text_ru", models.TextField(blank=True, verbose_name="text (Russian)")),
                (
                    "authentic_en",
                    models.BooleanField(default=False, verbose_name="English version authentic"),
                ),
                (
                    "authentic_ru",
                    models.BooleanField(default=False, verbose_name="Russian version authentic"),
                ),
                ("adopted_on", models.DateField(verbose_name="adopted on")),
                (
                    "adopted_by",
                    models.CharField(
                        choices=[
                            ("silence", "Silence procedure"),
                            ("meeting", "Consensus at a meeting"),
                        ],
                        max_length=8,
                        verbose_name="adopted by",
                    ),
                ),
                ("estimated", models.BooleanField(default=False, verbose_name="estimated")),
                (
                    "rehearsal",
                    models.BooleanField(
                        default=False,
                        help_text="Recorded in a rehearsal ahead of the real clock.",
                        verbose_name="rehearsal",
                    ),
                ),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="council.body",
                        verbose_name="body",
                    ),
                ),
                (
                    "circulation",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision",
                        to="council.circulation",
                        verbose_name="circulation",
                    ),
                ),
                (
                    "consultation",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision",
                        to="council.consultation",
                        verbose_name="consultation",
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
                (
                    "joint_actions",
                    models.ManyToManyField(
                        blank=True,
                        related_name="authorising_decisions",
                        to="council.jointaction",
                        verbose_name="joint actions",
                    ),
                ),
                (
                    "legal_bases",
                    models.ManyToManyField(
                        blank=True,
                        related_name="decisions",
                        to="council.legalbasis",
                        verbose_name="legal bases",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="council.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "decision",
                "verbose_name_plural": "decisions",
                "ordering": ["-adopted_on", "-number"],
                "indexes": [
                    models.Index(fields=["body", "-adopted_on"], name="council_decision_body")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_decision_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_decision_marking_valid",
                    ),
                    models.UniqueConstraint(
                        fields=("body", "year", "number"), name="council_decision_number_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("number__gte", 1)), name="council_decision_number_pos"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("adopted_by__in", ["silence", "meeting"])),
                        name="council_decision_adopted_by_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("text", ""), _negated=True),
                            models.Q(("text_ru", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_decision_text_in_a_language",
                        violation_error_message="Give the text in English, in Russian or in both.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_en", False),
                            models.Q(("text", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_decision_authentic_en_given",
                        violation_error_message="The English version is marked authentic but not given.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_ru", False),
                            models.Q(("text_ru", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_decision_authentic_ru_given",
                        violation_error_message="The Russian version is marked authentic but not given.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="AgendaItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("adopted", "On the agenda"),
                            ("refused", "Kept off the agenda"),
                        ],
                        default="proposed",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                (
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.nation",
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agenda_items",
                        to="council.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "agenda item",
                "verbose_name_plural": "agenda items",
                "ordering": ["position", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("state__in", ["proposed", "adopted", "refused"])),
                        name="council_agenda_state_valid",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("joined", models.DateField(blank=True, null=True, verbose_name="joined")),
                ("left", models.DateField(blank=True, null=True, verbose_name="left")),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="council.body",
                        verbose_name="body",
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
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["nation__name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("body", "nation"), name="council_membership_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("left__isnull", True),
                            ("joined__isnull", True),
                            ("left__gte", models.F("joined")),
                            _connector="OR",
                        ),
                        name="council_membership_left_after_joined",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="body",
            name="members",
            field=models.ManyToManyField(
                related_name="bodies",
                through="council.Membership",
                to="core.nation",
                verbose_name="members",
            ),
        ),
        migrations.CreateModel(
            name="Precondition",
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
                    "requires_kind",
                    models.CharField(
                        choices=[
                            ("unscr", "UN Security Council resolution"),
                            ("sofa", "Status-of-forces agreement"),
                            ("bsa", "Bilateral security agreement"),
                            ("transit", "Transit agreement"),
                            ("founding", "Founding text"),
                            ("summit", "Summit declaration"),
                            ("council", "Council decision"),
                            ("mou", "Memorandum of understanding"),
                            ("other", "Other instrument"),
                        ],
                        max_length=12,
                        verbose_name="requires a legal basis of kind",
                    ),
                ),
                (
                    "area",
                    models.CharField(
                        blank=True,
                        help_text="Empty: every area.",
                        max_length=40,
                        verbose_name="area",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
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
            ],
            options={
                "verbose_name": "precondition",
                "verbose_name_plural": "preconditions",
                "ordering": ["nation__name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("marking", "NATIONAL"), _negated=True),
                            ("owner_nation__isnull", False),
                            _connector="OR",
                        ),
                        name="council_precondition_national_has_owner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                        name="council_precondition_marking_valid",
                    ),
                    models.UniqueConstraint(
                        fields=("nation", "requires_kind", "area"),
                        name="council_precondition_unique",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SilenceBreak",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("statement", models.TextField(verbose_name="statement")),
                ("amendments", models.TextField(blank=True, verbose_name="proposed amendments")),
                ("broken_at", models.DateTimeField(verbose_name="broken at")),
                (
                    "broken_by",
                    models.CharField(blank=True, max_length=150, verbose_name="broken by"),
                ),
                (
                    "circulation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="breaks",
                        to="council.circulation",
                        verbose_name="circulation",
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
            ],
            options={
                "verbose_name": "break of silence",
                "verbose_name_plural": "breaks of silence",
                "ordering": ["broken_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("circulation",), name="council_break_one_per_circulation"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="TextVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="number")),
                ("text", models.TextField(blank=True, verbose_name="text (English)")),
                ("text_ru", models.TextField(blank=True, verbose_name="text (Russian)")),
                (
                    "authentic_en",
                    models.BooleanField(default=False, verbose_name="English version authentic"),
                ),
                (
                    "authentic_ru",
                    models.BooleanField(default=False, verbose_name="Russian version authentic"),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="what changed")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                (
                    "created_by",
                    models.CharField(blank=True, max_length=150, verbose_name="created by"),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="council.consultation",
                        verbose_name="consultation",
                    ),
                ),
            ],
            options={
                "verbose_name": "text version",
                "verbose_name_plural": "text versions",
                "ordering": ["consultation", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("consultation", "number"), name="council_textversion_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("text", ""), _negated=True),
                            models.Q(("text_ru", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_textversion_text_in_a_language",
                        violation_error_message="Give the text in English, in Russian or in both.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_en", False),
                            models.Q(("text", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_textversion_authentic_en_given",
                        violation_error_message="The English version is marked authentic but not given.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("authentic_ru", False),
                            models.Q(("text_ru", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_textversion_authentic_ru_given",
                        violation_error_message="The Russian version is marked authentic but not given.",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="circulation",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="council.textversion",
                verbose_name="text version",
            ),
        ),
        migrations.CreateModel(
            name="AgendaObjection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="objections",
                        to="council.agendaitem",
                        verbose_name="agenda item",
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
            ],
            options={
                "verbose_name": "objection to an agenda item",
                "verbose_name_plural": "objections to agenda items",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("item", "nation"), name="council_objection_unique"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("marking", "NATIONAL"), _negated=True),
                    ("owner_nation__isnull", False),
                    _connector="OR",
                ),
                name="council_body_national_has_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.CheckConstraint(
                condition=models.Q(("marking__in", ["PUBLIC", "NRC", "NATO", "NATIONAL"])),
                name="council_body_marking_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("level__in", ["ambassador", "minister", "summit", "committee"])
                ),
                name="council_body_level_valid",
            ),
        ),
        migrations.AddIndex(
            model_name="circulation",
            index=models.Index(fields=["outcome", "deadline"], name="council_circ_due"),
        ),
        migrations.AddConstraint(
            model_name="circulation",
            constraint=models.UniqueConstraint(
                fields=("consultation", "number"), name="council_circulation_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="circulation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("outcome", "open")),
                fields=("consultation",),
                name="council_circulation_one_open",
            ),
        ),
        migrations.AddConstraint(
            model_name="circulation",
            constraint=models.CheckConstraint(
                condition=models.Q(("deadline__gt", models.F("circulated_at"))),
                name="council_circulation_deadline_after_start",
            ),
        ),
    ]
