"""The search index, and what each database searches it with.

PostgreSQL: a generated ``document`` column, the text's ``tsvector`` in its language's
text-search configuration (english, russian; simple for Dari and Pashto, which PostgreSQL has
none for), under a GIN index. SQLite: an FTS5 table over the same rows, kept by triggers.
"""

from django.db import migrations, models

PG_CONFIG = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "ELSE 'simple'::regconfig END"
)
POSTGRESQL = [
    f"ALTER TABLE search_entry ADD COLUMN document tsvector "
    f"GENERATED ALWAYS AS (to_tsvector({PG_CONFIG}, text)) STORED",
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
    "CREATE INDEX search_entry_record ON search_entry (kind, record_id)",
]
SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(text, content='search_entry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO search_entry_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE INDEX search_entry_record ON search_entry (kind, record_id)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in POSTGRESQL if vendor == "postgresql" else SQLITE if vendor == "sqlite" else []:
        schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS search_entry_{name}")
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_record")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40, verbose_name="kind")),
                ("record_id", models.BigIntegerField(verbose_name="record")),
                ("language", models.CharField(max_length=5, verbose_name="language")),
                ("title", models.CharField(max_length=400, verbose_name="title")),
                ("url", models.CharField(max_length=300, verbose_name="address")),
                ("text", models.TextField(verbose_name="text")),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "db_table": "search_entry",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "record_id", "language"), name="search_entry_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
