"""Writes to the search index: a record's rows after each audited write, and the whole index.

The index follows the audit trail rather than model signals: every service write appends its
entry through ``audit_record`` (a conditional UPDATE and a queryset delete included, which fire no
signal), and the trail hands the written records here in the same transaction, so the index
commits or rolls back with the write. Writes that bypass the services (a bulk seed) are caught up
by ``accord search reindex``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.access import principal_of
from accord.audit.services import audit_record, audited, audited_action
from accord.errors import PermissionDenied
from accord.rows import insert_rows
from accord.search import engine
from accord.search.kinds import Kind, kinds_of, registered
from accord.search.models import SearchEntry

BATCH = 500


# The columns of a row of the index, in the order ``_rows`` gives their values.
_COLUMNS = ["kind", "record_id", "language", "title", "url", "text"]


def _rows(kind_: Kind, record) -> list[tuple]:
    url = kind_.url(record)
    rows = []
    for language, (title, text) in kind_.texts(record).items():
        title, text = engine.clean(title or "").strip(), engine.clean(text or "").strip()
        if not title and not text:
            continue
        rows.append(
            (
                kind_.key,
                record.pk,
                language,
                title[:400] or str(record)[:400],
                url[:300],
                f"{title}\n{text}".strip(),
            )
        )
    return rows


def index_written(records: list, *, created: bool = False) -> None:
    """Rewrite the rows of the written records the search knows (the audit trail's follower):
    read again as stored, since a service may have written them with a queryset update; a record
    no longer stored leaves the index. Records just ``created`` are indexed as they are: they
    have no rows yet, and a bulk insert (close-due's decisions) holds them as stored."""
    by_kind: dict[str, tuple[Kind, dict]] = {}
    # The kinds of each model looked up once, not once per record: close-due hands thousands.
    kinds: dict[type, list[Kind]] = {}
    for record in records:
        model = type(record)
        if model not in kinds:
            kinds[model] = kinds_of(model)
        for kind_ in kinds[model]:
            if record.pk is not None:
                by_kind.setdefault(kind_.key, (kind_, {}))[1][record.pk] = record
    for kind_, written in by_kind.values():
        if created and not kind_.prefetch:
            _add(kind_, list(written.values()))
            continue
        ordered = sorted(written)
        for start in range(0, len(ordered), BATCH):
            _reindex(kind_, ordered[start : start + BATCH])


def _reindex(kind_: Kind, pks: list) -> int:
    stored = list(kind_.model._default_manager.filter(pk__in=pks).prefetch_related(*kind_.prefetch))
    SearchEntry.objects.filter(kind=kind_.key, record_id__in=pks).delete()
    return _add(kind_, stored)


def _add(kind_: Kind, records: list) -> int:
    rows = [row for record in records for row in _rows(kind_, record)]
    # Plain rows: close-due indexes thousands of decisions in one write.
    insert_rows(SearchEntry, _COLUMNS, rows)
    return len(rows)


@audited("search.reindex")
def search_reindex(*, actor, kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the index of every kind (or of ``kinds``) from the records as stored: rows per
    kind. Refused to anyone but an administrator (the system's own work acts as one)."""
    # The index serves every reader under their own door; rebuilding it is the administrators'.
    if not principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only an administrator may rebuild the search index."))
    chosen = [k for k in registered() if kinds is None or k.key in kinds]
    counts = {}
    for kind_ in chosen:
        SearchEntry.objects.filter(kind=kind_.key).delete()
        pks = list(kind_.model._default_manager.order_by("pk").values_list("pk", flat=True))
        total = 0
        for start in range(0, len(pks), BATCH):
            total += _reindex(kind_, pks[start : start + BATCH])
        counts[kind_.key] = total
    stale = SearchEntry.objects.exclude(kind__in=[k.key for k in registered()])
    if kinds is None:
        stale.delete()
    audit_record(actor=actor, action=audited_action(), object_label="search", changes={})
    return counts
