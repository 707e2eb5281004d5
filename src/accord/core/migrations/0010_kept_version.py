from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_passkeys"),
    ]

    operations = [
        migrations.CreateModel(
            name="KeptVersion",
            fields=[
                (
                    "topic",
                    models.CharField(
                        max_length=64, primary_key=True, serialize=False, verbose_name="topic"
                    ),
                ),
                ("token", models.BigIntegerField(verbose_name="token")),
            ],
            options={
                "verbose_name": "kept version",
                "verbose_name_plural": "kept versions",
                "db_table": "kept_version",
            },
        ),
    ]
