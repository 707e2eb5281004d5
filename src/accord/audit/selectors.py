"""Reads of the audit trail, always through the access policy, and the chain's verification."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, nullcontext

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accord.access import principal_of, visible_q
from accord.audit import engine
from accord.audit.models import AuditCheckpoint, AuditEntry, AuditPending, AuditSeal
from accord.errors import Code, PermissionDenied
from accord.markings import Role
from accord.times import in_utc

VERIFY_BATCH = 5000
# How a value withheld from an entry's readers begins (for the pages that say it in words).
WITHHELD_PREFIX = engine.WITHHELD_PREFIX


def audit_key() -> bytes:
    """The secret every entry's digest is keyed with (read here, where the chain is verified;
    the services that write entries use it too)."""
    return settings.AUDIT_KEY.encode()


def audit_trail_readable(actor) -> bool:
    """Only auditors and administrators read the whole trail (each record's history is wider)."""
    return principal_of(actor).has_role(Role.AUDITOR, Role.ADMINISTRATOR)


def audit_entry_list(*, actor, filters: dict | None = None) -> QuerySet:
    """The trail for an auditor: every entry whose record the auditor may read, newest first."""
    if not audit_trail_readable(actor):
        raise PermissionDenied(_("The audit trail is read by auditors and administrators."))
    # The stored bytes are for the verifier; pages and the API show the fields.
    qs = AuditEntry.objects.filter(visible_q(actor)).defer("canonical").order_by("-id")
    filters = filters or {}
    if filters.get("action"):
        qs = qs.filter(action__startswith=filters["action"])
    if filters.get("actor"):
        qs = qs.filter(actor_name__icontains=filters["actor"])
    if filters.get("object_type"):
        qs = qs.filter(object_type=filters["object_type"])
    if filters.get("outcome"):
        qs = qs.filter(outcome=filters["outcome"])
    if filters.get("since"):
        qs = qs.filter(
            occurred_at__gte=in_utc(filters["since"], field="since", code=Code.INVALID_FILTER)
        )
    if filters.get("until"):
        qs = qs.filter(
            occurred_at__lt=in_utc(filters["until"], field="until", code=Code.INVALID_FILTER)
        )
    return qs


def audit_history(*, actor, obj) -> QuerySet:
    """A record's history, newest first. The caller has already checked the record is visible."""
    return (
        AuditEntry.objects.filter(
            visible_q(actor), object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
        .defer("canonical")
        .order_by("-id")
    )


def renames_in_trail(*, actor, wanted: list[tuple]) -> list[tuple[str, int, str, str]]:
    """``(model label, entry id, record id, name before)`` for each change of a name (or title)
    in the trail the actor may read, oldest first, for ``wanted``: ``(model, ids, field)``
    triples, the records and the field that names them. What a history panel needs to name a
    linked record as it was named then; one query for every kind of record."""
    asked = Q()
    for model, ids, field in wanted:
        asked |= Q(object_type=model._meta.label_lower, object_id__in=ids, changes__has_key=field)
    if not wanted:
        return []
    fields = {model._meta.label_lower: field for model, _ids, field in wanted}
    rows = (
        AuditEntry.objects.filter(visible_q(actor))
        .filter(asked)
        .order_by("id")
        .values_list("object_type", "id", "object_id", "changes")
    )
    found = []
    for label, entry_id, object_id, changes in rows:
        before = _name_before(changes.get(fields[label]))
        if before:
            found.append((label, entry_id, object_id, before))
    return found


def _name_before(value) -> str | None:
    """A rename's old name; None for a creation or a value withheld from the entry's readers."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
        return None
    return None if value[0].startswith(engine.WITHHELD_PREFIX) else value[0]


def audit_verify(progress=None, *, since: dict | None = None) -> engine.Report:
    """Recompute the chain; the report names the first broken link, if any.

    One cursor streams seals and entries in seal order (server-side on PostgreSQL), so memory
    stays flat however long the trail is; each entry's digest is checked over the bytes stored
    at its write, and the database compares its fields with those bytes as it reads them.
    ``since``, a checkpoint whose signature and seal were checked (``audit_verify_since``),
    starts the walk at its head: the cost is then what was added after it. ``progress`` is
    called with the number of seals checked so far.
    """
    key = audit_key()
    try:
        report = _verify_sealed(key, since, progress, compare_in_database=True)
    except DatabaseError:
        # Bytes the database cannot read as JSON, or a field of a type it cannot encode: only
        # a row written behind Accord's back does that. Compare every row here instead, which
        # names it.
        report = _verify_sealed(key, since, progress, compare_in_database=False)
    if report.ok:
        _check_unsealed(key, report, since)
    return report


def _verify_sealed(key: bytes, since: dict | None, progress, *, compare_in_database: bool):
    report = engine.Report()
    if since is not None:
        report.sealed_checked, report.head_hash = since["head_seq"], since["head_hash"]
    sql = _stream_sql(_same_sql() if compare_in_database else "NULL")
    with _reading(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, [report.sealed_checked])
        rows = _fetched(cursor, report.sealed_checked, progress, id_column=1)
        with closing(rows):
            engine.verify_stream(rows, key, report)
    return report


def _reading():
    """A transaction on PostgreSQL, where a server-side cursor streams only inside one; none on
    SQLite, where a transaction would take the write lock (its mode is IMMEDIATE)."""
    return transaction.atomic() if connection.vendor == "postgresql" else nullcontext()


def _fetched(cursor, done: int, progress, *, id_column: int) -> Iterator[tuple]:
    """The cursor's rows, each ending in whether the entry's fields say what its bytes say:
    the rows the database did not vouch for are compared here (entries it could not compare,
    or written before their fields were stored in the bytes' own form).

    Past the first batch, a second thread reads the next batch while the caller checks this
    one: the database (or SQLite's C code) works while Python hashes. Only that thread touches
    the connection until the caller is done, so the two never use it at once. Call ``close()``
    on the generator (a ``closing`` block) before the cursor is closed, so that a batch still
    being read is waited for. A short walk (since a checkpoint) starts no thread at all."""
    with connection.cursor() as lookup:

        def next_batch() -> list[tuple]:
            rows = cursor.fetchmany(VERIFY_BATCH)
            doubtful = [row[id_column] for row in rows if not row[-1] and row[-2] is not None]
            if doubtful:
                rows = _compared_here(rows, _entry_fields(lookup, doubtful), id_column)
            return rows

        rows = next_batch()
        with ThreadPoolExecutor(1) if len(rows) == VERIFY_BATCH else nullcontext() as reader:
            while rows:
                coming = reader.submit(next_batch) if reader else None
                yield from rows
                done += len(rows)
                if progress:
                    progress(done)
                rows = coming.result() if coming else next_batch()


def _compared_here(rows: list[tuple], fields: dict[int, tuple], id_column: int) -> list[tuple]:
    def compared(row):
        if row[-1] or row[id_column] not in fields:
            return row
        return (*row[:-1], engine.fields_match(row[-2], fields[row[id_column]]))

    return [compared(row) for row in rows]


# How each database gives an entry's time in the canonical text form, and its changes as JSON
# text, so the stream needs no conversion in Python. SQLite keeps Django's naive UTC text
# (``2026-12-01 22:19:32.123456``, the fraction left out when it is zero).
_TIME_SQL = {
    "postgresql": "to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
    "sqlite": "replace(e.occurred_at, ' ', 'T') "
    "|| CASE WHEN instr(e.occurred_at, '.') > 0 THEN '' ELSE '.000000' END || 'Z'",
}
_CHANGES_SQL = {"postgresql": "e.changes::text", "sqlite": "e.changes"}


def _field_sql(name: str, vendor: str) -> str:
    special = {"occurred_at": _TIME_SQL[vendor], "changes": _CHANGES_SQL[vendor]}
    return special.get(name, f"e.{name}")


def _same_sql() -> str:
    """Whether an entry's fields say what its canonical bytes say, as the database finds it.

    Both databases encode the fields as the bytes are encoded (keys sorted, no whitespace) and
    compare: false (or NULL) for a different encoding of the same content too, which the
    verifier then compares itself (``engine.fields_match``), so a false answer is never a break
    by itself. Bytes PostgreSQL cannot read make it raise, and the verifier compares every row.
    """
    if connection.vendor == "postgresql":
        return _same_sql_postgresql()
    pairs = ", ".join(
        f"'{name}', {'json(e.changes)' if name == 'changes' else _field_sql(name, 'sqlite')}"
        for name in sorted(engine.DIGEST_FIELDS)
    )
    # The changes are stored as the bytes encode them (since they are, see the model), so
    # their text is compared too.
    return (
        "CASE WHEN json_valid(e.changes) "
        f"THEN CAST(e.canonical AS TEXT) = json_object({pairs}) ELSE 0 END"
    )


_NUMBER_FIELDS = frozenset({"actor_id", "owner_nation_id"})
_TEXT_FIELDS = tuple(
    name for name in engine.DIGEST_FIELDS if name not in {*_NUMBER_FIELDS, "changes", "occurred_at"}
)


def _pg_members(names) -> str:
    """``"name":value`` for each field, as SQL text. A text field's value is put between quotes
    as it is: the caller makes sure it holds nothing JSON would escape."""

    def value(name):
        if name in _NUMBER_FIELDS:
            return f"coalesce(e.{name}::text, 'null')"
        return f"""'"' || {_field_sql(name, "postgresql")} || '"'"""

    return " || ',' || ".join(f"""'"{name}":' || {value(name)}""" for name in names)


def _same_sql_postgresql() -> str:
    """PostgreSQL's ``jsonb`` functions are slow to build a whole entry (8 µs a row), so only
    the changes are compared as ``jsonb``: the bytes must begin with the fields before them and
    end with the fields after them, as text, when no text field holds a character JSON escapes
    (a quote, a backslash, a control character; rare, and then the verifier compares). Equal
    text then means equal fields, and what lies between is the changes."""
    keys = sorted(engine.DIGEST_FIELDS)
    at = keys.index("changes")
    head = f"""'{{' || {_pg_members(keys[:at])} || ',"changes":'"""
    tail = f"""',' || {_pg_members(keys[at + 1 :])} || '}}'"""
    plain = " || ".join(f"e.{name}" for name in _TEXT_FIELDS)
    return (
        "(SELECT CASE WHEN octet_length(c) >= octet_length(p) + octet_length(q) "  # noqa: S608
        "AND substr(c, 1, octet_length(p)) = p "
        "AND substr(c, octet_length(c) - octet_length(q) + 1) = q "
        "THEN convert_from(substr(c, octet_length(p) + 1, "
        "octet_length(c) - octet_length(p) - octet_length(q)), 'UTF8')::jsonb = e.changes END "
        f"FROM (SELECT e.canonical AS c, convert_to({head}, 'UTF8') AS p, "
        f"convert_to({tail}, 'UTF8') AS q "
        f"""WHERE ({plain}) !~ '["\\\\[:cntrl:]]' OFFSET 0) parts)"""
    )


def _stream_sql(same: str) -> str:
    """Seals after a given seq, each with its entry (NULLs where it is missing), in seq order:
    the columns of ``engine.STREAM_COLUMNS``, ``same`` being computed by the SQL given."""
    return (
        "SELECT s.seq, s.entry_id, s.prev_hash, s.chain_hash, e.digest, e.canonical, "  # noqa: S608
        f"{same} FROM {AuditSeal._meta.db_table} s "
        f"LEFT JOIN {AuditEntry._meta.db_table} e ON e.id = s.entry_id "
        "WHERE s.seq > %s ORDER BY s.seq"
    )


_FIELDS_BATCH = 500  # ids bound per query: well under every database's limit


def _entry_fields(cursor, entry_ids: list[int]) -> dict[int, tuple]:
    """entry id -> its fields as ``engine.fields_match`` compares them."""
    vendor = connection.vendor
    columns = ", ".join(_field_sql(name, vendor) for name in engine.DIGEST_FIELDS)
    found = {}
    for start in range(0, len(entry_ids), _FIELDS_BATCH):
        chunk = entry_ids[start : start + _FIELDS_BATCH]
        cursor.execute(
            f"SELECT e.id, {columns} FROM {AuditEntry._meta.db_table} e "  # noqa: S608
            f"WHERE e.id IN ({', '.join(['%s'] * len(chunk))})",
            chunk,
        )
        found.update((entry_id, tuple(fields)) for entry_id, *fields in cursor.fetchall())
    return found


def _check_unsealed(key: bytes, report: engine.Report, since: dict | None) -> None:
    """The entries not sealed yet. After a checkpoint, only those above the lowest id that was
    still unsealed or at the head then may be unsealed now (ids are given in insert order)."""
    floor = 0
    if since is not None and since["head_seq"]:
        head = AuditSeal.objects.filter(seq=since["head_seq"]).values_list("entry_id", flat=True)
        waiting = AuditPending.objects.order_by("entry_id").values_list("entry_id", flat=True)
        floor = min(filter(None, (head.first(), waiting.first())), default=0)
    try:
        pending = _unsealed_checked(key, floor, compare_in_database=True)
    except DatabaseError:  # as in audit_verify: compare each row here, which names it
        pending = _unsealed_checked(key, floor, compare_in_database=False)
    report.pending, report.breaks = pending.pending, pending.breaks


def _unsealed_checked(key: bytes, floor: int, *, compare_in_database: bool) -> engine.Report:
    """The unsealed entries from id ``floor`` on, checked as ``engine.check_unsealed`` does."""
    same = _same_sql() if compare_in_database else "NULL"
    sql = (
        f"SELECT e.id, e.digest, e.canonical, {same} "  # noqa: S608
        f"FROM {AuditEntry._meta.db_table} e "
        f"WHERE e.id >= %s AND NOT EXISTS (SELECT 1 FROM {AuditSeal._meta.db_table} s "
        # The seals' side bounded too: the planner then looks only at the seals from the floor
        # on, not at every seal of the chain.
        "WHERE s.entry_id = e.id AND s.entry_id >= %s) ORDER BY e.id"
    )
    with _reading(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, [floor, floor])
        rows = _fetched(cursor, 0, None, id_column=0)
        with closing(rows):
            return engine.check_unsealed(rows, key, engine.Report())


def audit_counts() -> dict:
    return {"entries": AuditEntry.objects.count(), "sealed": AuditSeal.objects.count()}


def audit_verify_against(checkpoint: dict, progress=None) -> tuple[engine.Report, str | None]:
    """Verify the chain, then whether it still passes through ``checkpoint`` (parsed with
    ``engine.checkpoint_parse``). Returns the chain's report and, if the chain is intact but no
    longer extends the checkpoint, why not."""
    report = audit_verify(progress)
    if not report.ok:
        return report, None
    return report, _checkpoint_problem(checkpoint)


def audit_verify_since(checkpoint: dict, progress=None) -> tuple[engine.Report, str | None]:
    """Verify what was added after ``checkpoint`` (parsed with ``engine.checkpoint_parse``): first
    that the chain still passes through it (its signature, its seal's hash, the count up to it),
    then the seals after its head, chained from its hash. The cost is what was added since; the
    chain up to the checkpoint was verified when it was made. Returns the report of the seals
    after it (and the unsealed entries) and, if the chain no longer extends it, why not."""
    problem = _checkpoint_problem(checkpoint)
    if problem:
        return engine.Report(), problem
    return audit_verify(progress, since=checkpoint), None


def _checkpoint_problem(checkpoint: dict) -> str | None:
    seq = checkpoint["head_seq"]
    last_seq = AuditSeal.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    return engine.checkpoint_problem(
        checkpoint,
        audit_key(),
        last_seq=last_seq,
        seal_hash=AuditSeal.objects.filter(seq=seq).values_list("chain_hash", flat=True).first(),
        sealed_up_to=AuditSeal.objects.filter(seq__lte=seq).count(),
    )


def audit_checkpoint_list(*, actor) -> QuerySet:
    """The checkpoints made, newest first: for auditors and administrators."""
    if not audit_trail_readable(actor):
        raise PermissionDenied(_("Checkpoints are read by auditors and administrators."))
    return AuditCheckpoint.objects.order_by("-id")


def audit_checkpoint_standing(checkpoints) -> dict[int, bool]:
    """For each listed checkpoint, whether the chain in the database still passes through it and
    its row still carries a valid signature: a quick look for the page. The copy published
    outside is the one that counts (``accord audit verify --against``)."""
    checkpoints = list(checkpoints)
    hashes = dict(
        AuditSeal.objects.filter(seq__in={c.head_seq for c in checkpoints}).values_list(
            "seq", "chain_hash"
        )
    )
    key = audit_key()
    standing = {}
    for c in checkpoints:
        published = engine.checkpoint_make(
            head_seq=c.head_seq,
            head_hash=c.head_hash,
            entries=c.entries,
            made_at=c.made_at,
            key=key,
        )
        on_chain = c.head_seq == 0 or hashes.get(c.head_seq) == c.head_hash
        standing[c.pk] = on_chain and published["signature"] == c.signature
    return standing


def audit_entries_at(*, actor, positions) -> dict[int, AuditEntry]:
    """The entries at these positions of the chain (their seals' sequence numbers) that the
    actor may read, by position: for findings that cite the trail. A position with no seal, one
    whose entry the actor may not read, and every position for a reader of no trail, are all
    simply absent, so that nothing tells them apart."""
    if not audit_trail_readable(actor):
        return {}
    seals = dict(AuditSeal.objects.filter(seq__in=list(positions)).values_list("entry_id", "seq"))
    entries = AuditEntry.objects.filter(visible_q(actor), id__in=list(seals))
    return {seals[entry.pk]: entry for entry in entries}


def audit_positions_of(entry_ids) -> dict[int, int]:
    """entry id -> its position in the chain, for the entries sealed so far."""
    return dict(
        AuditSeal.objects.filter(entry_id__in=list(entry_ids)).values_list("entry_id", "seq")
    )


def audit_chain_head() -> dict | None:
    """The newest seal of the chain (position, hash, when), or None for an empty chain."""
    return AuditSeal.objects.order_by("-seq").values("seq", "chain_hash", "sealed_at").first()
