"""The audit app's migrations 0001_initial to 0005_verbose_names in one, regenerated from the models.

A fresh database is built from this one: the replaced migrations changed labels field by field
(hundreds of AlterField operations), each of which re-rendered every related model, which made a
fresh migrate take minutes. Databases that applied the old ones carry on from them unchanged.
"""

from importlib import import_module

from django.db import migrations, models

# The database-level guards (triggers) of the migrations replaced, run from where they are kept.
_0 = import_module("accord.audit.migrations.0002_append_only_triggers")
_1 = import_module("accord.audit.migrations.0004_sqlite_refuses_delete_and_checkpoints_append_only")


class Migration(migrations.Migration):
    replaces = [
        ("audit", "0001_initial"),
        ("audit", "0002_append_only_triggers"),
        ("audit", "0003_audit_checkpoint"),
        ("audit", "0004_sqlite_refuses_delete_and_checkpoints_append_only"),
        ("audit", "0005_verbose_names"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditPending",
            fields=[
                (
                    "entry_id",
                    models.BigIntegerField(primary_key=True, serialize=False, verbose_name="entry"),
                ),
            ],
            options={
                "verbose_name": "entry awaiting its seal",
                "verbose_name_plural": "entries awaiting their seals",
            },
        ),
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("made_at", models.DateTimeField(db_index=True, verbose_name="made at")),
                ("head_seq", models.BigIntegerField(verbose_name="head seal")),
                ("head_hash", models.CharField(max_length=64, verbose_name="head hash")),
                (
                    "entries",
                    models.BigIntegerField(
                        help_text="sealed entries up to and including the head",
                        verbose_name="entries",
                    ),
                ),
                ("signature", models.CharField(max_length=64, verbose_name="signature")),
                (
                    "destination",
                    models.CharField(
                        help_text="the file or URL it was sent to",
                        max_length=500,
                        verbose_name="destination",
                    ),
                ),
                ("actor_name", models.CharField(max_length=150, verbose_name="actor")),
            ],
            options={
                "verbose_name": "audit checkpoint",
                "verbose_name_plural": "audit checkpoints",
                "ordering": ["-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("entries__gte", 0), ("head_seq__gte", 0)),
                        name="auditcheckpoint_counts",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("occurred_at", models.DateTimeField(db_index=True, verbose_name="occurred at")),
                (
                    "actor_id",
                    models.BigIntegerField(
                        blank=True, db_index=True, null=True, verbose_name="actor id"
                    ),
                ),
                ("actor_name", models.CharField(max_length=150, verbose_name="actor")),
                ("action", models.CharField(db_index=True, max_length=80, verbose_name="action")),
                (
                    "outcome",
                    models.CharField(
                        choices=[("done", "Done"), ("refused", "Refused")],
                        default="done",
                        max_length=8,
                        verbose_name="outcome",
                    ),
                ),
                (
                    "error_code",
                    models.CharField(blank=True, max_length=60, verbose_name="error code"),
                ),
                (
                    "object_type",
                    models.CharField(blank=True, max_length=60, verbose_name="object type"),
                ),
                (
                    "object_id",
                    models.CharField(blank=True, max_length=64, verbose_name="object id"),
                ),
                (
                    "object_repr",
                    models.CharField(blank=True, max_length=200, verbose_name="object"),
                ),
                ("changes", models.JSONField(blank=True, default=dict, verbose_name="changes")),
                ("marking", models.CharField(max_length=8, verbose_name="marking")),
                (
                    "owner_nation_id",
                    models.BigIntegerField(blank=True, null=True, verbose_name="owner nation"),
                ),
                (
                    "via",
                    models.CharField(
                        blank=True, help_text="web, api or cli", max_length=8, verbose_name="via"
                    ),
                ),
                ("digest", models.CharField(max_length=64, verbose_name="digest")),
            ],
            options={
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit entries",
                "ordering": ["-id"],
                "indexes": [
                    models.Index(fields=["object_type", "object_id", "id"], name="audit_object")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("outcome__in", ["done", "refused"])),
                        name="auditentry_outcome_valid",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "seq",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="sequence number"
                    ),
                ),
                ("entry_id", models.BigIntegerField(unique=True, verbose_name="entry")),
                ("prev_hash", models.CharField(max_length=64, verbose_name="previous hash")),
                ("chain_hash", models.CharField(max_length=64, verbose_name="chain hash")),
                ("sealed_at", models.DateTimeField(verbose_name="sealed at")),
            ],
            options={
                "verbose_name": "audit seal",
                "verbose_name_plural": "audit seals",
                "ordering": ["seq"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("seq__gte", 1)), name="auditseal_seq_pos"
                    )
                ],
            },
        ),
        migrations.RunPython(_0.forwards, _0.backwards),
        migrations.RunPython(_1.forwards, _1.backwards),
    ]
