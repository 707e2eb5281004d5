"""The search index: one row per record and language, kept current by the services' writes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A record's texts in one language, as the search finds them.

    Derived data: every audited write of a registered record rewrites its rows in the same
    transaction (``accord.search.services``), and ``accord search reindex`` rebuilds them all.
    On PostgreSQL the table has a generated ``document`` column (the text's ``tsvector`` in its
    language's configuration) under a GIN index; on SQLite an FTS5 table follows it by triggers.
    Both are made by the migration for their database alone. The row carries no marking: it is
    read only through the kind's door to the record it came from (``accord.search.selectors``).
    """

    kind = models.CharField(_("kind"), max_length=40)
    record_id = models.BigIntegerField(_("record"))
    language = models.CharField(_("language"), max_length=5)
    title = models.CharField(_("title"), max_length=400)
    url = models.CharField(_("address"), max_length=300)
    text = models.TextField(_("text"))

    class Meta:
        db_table = "search_entry"
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id", "language"], name="search_entry_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} ({self.language})"
