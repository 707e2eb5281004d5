"""Reads of the audit trail, always through the access policy, and the chain's verification."""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.util
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager, nullcontext

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accord import collector
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

    Cursors stream seals and entries in seal order (server-side on PostgreSQL), so memory stays
    flat however long the trail is; each entry's digest is checked over the bytes stored at its
    write, and the database compares its fields with those bytes as it reads them. A long chain
    is cut into ranges of seals verified side by side by worker processes
    (``_verify_in_ranges``); the report is the one a single walk gives. ``since``, a checkpoint
    whose signature and seal were checked (``audit_verify_since``), starts the walk at its
    head: the cost is then what was added after it. ``progress`` is called with the number of
    seals checked so far.
    """
    key = audit_key()
    start = (since["head_seq"], since["head_hash"]) if since is not None else (0, engine.GENESIS)
    floor, workers = _unsealed_floor(since), _parallel_workers()
    last = _last_seq() if workers > 1 else start[0]
    if workers > 1 and last - start[0] >= PARALLEL_MIN_SEALS:
        return _verify_in_ranges(key, start, last, floor, workers, progress)
    _assumed, report = _range_checked(key, _report_at(*start), None, progress)
    return _with_unsealed(report, _unsealed_report(key, floor)) if report.ok else report


# A chain is verified by worker processes, one a core, once it holds this many seals past its
# starting point: below it, starting the workers and their connections (tens of milliseconds)
# costs about what they save, and a check since a recent checkpoint stays one walk.
PARALLEL_MIN_SEALS = 20_000
# More ranges than workers, so that the progress bar moves and a worker slowed by other load on
# its core leaves more of the ranges to the others.
RANGES_PER_WORKER = 4


def _report_at(seq: int, head_hash: str | None) -> engine.Report:
    return engine.Report(sealed_checked=seq, head_hash=head_hash)


def _last_seq() -> int:
    return AuditSeal.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _parallel_workers() -> int:
    """How many processes may verify a long chain: 1 (this one, one walk) unless the machine
    has cores to spare and this process may fork. It may not inside a transaction (a worker
    would not see what it holds), on an in-memory SQLite database (a worker's connection would
    open another), nor beside other threads, as in a web server (a fork copies only the
    calling thread, and any lock another one held stays held)."""
    if connection.in_atomic_block:
        return 1
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return 1
    if threading.current_thread() is not threading.main_thread() or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def _verify_in_ranges(
    key: bytes, start: tuple, last: int, floor: int, workers: int, progress
) -> engine.Report:
    """The seals after ``start`` (seq, hash) cut into ranges of seq, each verified by a worker
    from the link its first seal names, then joined in order: a range counts as verified when
    it begins where the one before ended (the next seq, and its first seal's previous hash
    being that range's last chain hash). One that does not is walked again here from where the
    one before really ended, as a single walk would; the first break ends the join. So the
    report is the single walk's, on any chain, tampered or not. A worker checks the unsealed
    entries (from id ``floor``) meanwhile; they count once the chain is intact."""
    first_seq, _hash = start
    count = workers * RANGES_PER_WORKER
    bounds = [first_seq + (last - first_seq) * n // count for n in range(count + 1)]
    ranges = [(low, high) for low, high in itertools.pairwise(bounds) if high > low]
    # The last range is left open, so that it ends where a single walk would: at the newest
    # seal its cursor sees.
    ranges[-1:] = [(ranges[-1][0] if ranges else first_seq, None)]
    report = _report_at(*start)
    with _range_pool(workers) as pool:
        unsealed = pool.submit(_unsealed_report, key, floor)
        futures = [pool.submit(_range_in_worker, key, low, high) for low, high in ranges]
        for (low, high), future in zip(ranges, futures, strict=True):
            assumed, part = future.result()
            if assumed is None:  # no seal in this range: nothing to join
                continue
            if (report.sealed_checked, report.head_hash) != (low, assumed):
                _assumed, part = _range_checked(key, report, high, None)
            report = part
            if progress:
                progress(report.sealed_checked - first_seq)
            if not report.ok:
                return report
        return _with_unsealed(report, unsealed.result())


def _range_in_worker(key: bytes, low: int, high: int | None) -> tuple[str | None, engine.Report]:
    """One range's walk in a worker process: chained from what its first seal names as the
    previous hash (returned with the report; None for a range without seals)."""
    return _range_checked(key, _report_at(low, None), high, None)


@contextmanager
def _range_pool(workers: int):
    """Worker processes forked from this one. Its connection is closed first, so that each
    worker opens its own instead of sharing the socket or file handle (Django opens this one
    again when it is next used).

    This process's objects are kept out of the garbage collector's passes while the workers
    run (``collector.set_aside``, as Python advises before a fork). Measured on PostgreSQL,
    123,093 entries: the workers' processor time 0.71 to 0.94 s instead of 1.09 to 1.32 s,
    their page faults 32,000 instead of 53,000."""
    # deferred: only a long chain's verification starts processes
    from concurrent.futures import ProcessPoolExecutor

    connection.close()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_started)
    # Before the first task forks the workers.
    with collector.set_aside():
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _worker_started() -> None:
    # A worker ends with os._exit, which runs no atexit handler: close its connection as it
    # ends, so that the server sees a proper goodbye.
    multiprocessing.util.Finalize(None, connection.close, exitpriority=10)


def _range_checked(
    key: bytes, start: engine.Report, high: int | None, progress
) -> tuple[str | None, engine.Report]:
    """The seals after ``start.sealed_checked`` up to ``high`` (to the newest when None) walked
    from ``start`` (left as it is), or, if its ``head_hash`` is None, from what the first of
    them names as the previous hash. Returns that starting hash (None when there was no seal
    to take it from) and the report."""
    try:
        return _stream_checked(key, start, high, progress, compare_in_database=True)
    except DatabaseError:
        # Bytes the database cannot read as JSON, or a field of a type it cannot encode: only
        # a row written behind Accord's back does that. Compare every row here instead, which
        # names it.
        return _stream_checked(key, start, high, progress, compare_in_database=False)


_PREV = engine.STREAM_COLUMNS.index("prev_hash")


def _stream_checked(
    key: bytes, start: engine.Report, high: int | None, progress, *, compare_in_database: bool
):
    report = _report_at(start.sealed_checked, start.head_hash)
    sql = _stream_sql(_same_sql() if compare_in_database else "NULL", high)
    params = [report.sealed_checked] if high is None else [report.sealed_checked, high]
    with _reading(), _streaming_cursor() as cursor:
        cursor.execute(sql, params)
        rows = _fetched(cursor, 0, progress, id_column=1)
        with closing(rows):
            first = next(rows, None)
            if first is None:
                return report.head_hash, report
            if report.head_hash is None:
                report.head_hash = first[_PREV]
            assumed = report.head_hash
            engine.verify_stream(itertools.chain((first,), rows), key, report)
    return assumed, report


@contextmanager
def _reading():
    """A transaction on PostgreSQL, where a server-side cursor streams only inside one; none on
    SQLite, where a transaction would take the write lock (its mode is IMMEDIATE).

    PostgreSQL's JIT compiler is kept out of it: it starts for a long range, whose comparison
    it compiles in a few hundred milliseconds (measured: three times what it saves)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


@contextmanager
def _streaming_cursor():
    """A cursor that streams a long result in batches: on PostgreSQL a server-side cursor of
    psycopg's own (inside ``_reading``'s transaction) whose rows come in the binary format, so
    that neither side encodes the stored bytes in hex and back (a third of what reading a row
    cost); a plain one on SQLite, whose rows are read as they are stepped through anyway.
    Errors are Django's, as from any cursor of its own."""
    if connection.vendor != "postgresql":
        with connection.chunked_cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor(
            f"audit_verify_{next(_cursor_numbers)}", binary=True, scrollable=False
        )
        with cursor:
            yield cursor


_cursor_numbers = itertools.count()


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
# The canonical time's length: ``2026-12-01T22:19:32.123456Z``.
_TIME_LENGTH = 27


def _pg_text(before: str, names, after: str) -> str:
    """``before``, then ``"name":value`` for each field (separated by commas), then ``after``,
    as SQL text: the constant text between two fields as one literal. A text field's value is
    put between quotes as it is: the caller makes sure it holds nothing JSON would escape."""
    parts, text = [], before
    for name in names:
        text += f'"{name}":'
        if name in _NUMBER_FIELDS:
            parts += [f"'{text}'", f"coalesce(e.{name}::text, 'null')"]
            text = ","
        else:
            parts += [f"""'{text}"'""", _field_sql(name, "postgresql")]
            text = '",'
    text = text[:-1] + after
    return " || ".join([*parts, f"'{text}'"])


def _pg_text_length(before: str, names, after: str) -> str:
    """The length in bytes of ``_pg_text(before, names, after)``, as SQL: the constant text's,
    plus each field's (PostgreSQL keeps a value's length with it, so this reads no text)."""
    constant, lengths = len(before) + len(after) + len(names) - 1, []
    for name in names:
        constant += len(f'"{name}":')
        if name in _NUMBER_FIELDS:
            lengths.append(f"octet_length(coalesce(e.{name}::text, 'null'))")
        elif name == "occurred_at":
            constant += 2 + _TIME_LENGTH
        else:
            constant += 2
            lengths.append(f"octet_length(e.{name})")
    return f"({' + '.join([str(constant), *lengths])})"


def _same_sql_postgresql() -> str:
    """PostgreSQL's ``jsonb`` functions are slow to build a whole entry (8 µs a row), so only
    the changes are compared as ``jsonb``: the bytes must begin with the fields before them
    (``head``) and end with the fields after them (``tail``), as text, when no text field holds
    a quote or a backslash (rare, and then the verifier compares). Equal text then means equal
    fields, and what lies between is the changes. A control character, which JSON escapes,
    needs no such care: the bytes never hold one as it is, so the text is not equal and the
    verifier compares.

    ``head`` and ``tail`` are built once each (an expression named twice is computed twice,
    and a subquery per row costs more than building them); where they end and begin in the
    bytes comes from the fields' lengths. Whatever those lengths say, equal text at both ends
    and changes between them that are not empty mean the bytes are ``head``, the changes,
    then ``tail``; a wrong length only leaves the row to the verifier (NULL)."""
    keys = sorted(engine.DIGEST_FIELDS)
    at = keys.index("changes")
    ends = [("{", keys[:at], ',"changes":'), (",", keys[at + 1 :], "}")]
    head, tail = (_pg_text(*end) for end in ends)
    head_length, tail_length = (_pg_text_length(*end) for end in ends)
    plain = " || ".join(f"e.{name}" for name in _TEXT_FIELDS)
    size = "octet_length(e.canonical)"
    changes = f"greatest({size} - {head_length} - {tail_length}, 0)"
    return (
        f"CASE WHEN strpos({plain}, '\"') = 0 AND strpos({plain}, '\\') = 0 "
        f"AND substr(e.canonical, 1, {head_length}) = convert_to({head}, 'UTF8') "
        f"AND substr(e.canonical, {size} - {tail_length} + 1) = convert_to({tail}, 'UTF8') "
        f"THEN nullif(convert_from(substr(e.canonical, {head_length} + 1, {changes}), 'UTF8'), '')"
        "::jsonb = e.changes END"
    )


def _stream_sql(same: str, high: int | None = None) -> str:
    """Seals after a given seq (up to another when ``high`` is given), each with its entry
    (NULLs where it is missing), in seq order: the columns of ``engine.STREAM_COLUMNS``,
    ``same`` being computed by the SQL given."""
    return (
        "SELECT s.seq, s.entry_id, s.prev_hash, s.chain_hash, e.digest, e.canonical, "  # noqa: S608
        f"{same} FROM {AuditSeal._meta.db_table} s "
        f"LEFT JOIN {AuditEntry._meta.db_table} e ON e.id = s.entry_id "
        f"WHERE s.seq > %s {'' if high is None else 'AND s.seq <= %s '}ORDER BY s.seq"
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


def _unsealed_floor(since: dict | None) -> int:
    """The lowest entry id that may be unsealed. After a checkpoint, only those above the
    lowest id that was still unsealed or at the head then may be unsealed now (ids are given in
    insert order)."""
    if since is None or not since["head_seq"]:
        return 0
    head = AuditSeal.objects.filter(seq=since["head_seq"]).values_list("entry_id", flat=True)
    waiting = AuditPending.objects.order_by("entry_id").values_list("entry_id", flat=True)
    return min(filter(None, (head.first(), waiting.first())), default=0)


def _unsealed_report(key: bytes, floor: int) -> engine.Report:
    """The entries not sealed yet, from id ``floor`` on: their count, or the first forged."""
    try:
        return _unsealed_checked(key, floor, compare_in_database=True)
    except DatabaseError:  # as in audit_verify: compare each row here, which names it
        return _unsealed_checked(key, floor, compare_in_database=False)


def _with_unsealed(report: engine.Report, unsealed: engine.Report) -> engine.Report:
    report.pending, report.breaks = unsealed.pending, unsealed.breaks
    return report


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
    with _reading(), _streaming_cursor() as cursor:
        cursor.execute(sql, [floor, floor])
        rows = _fetched(cursor, 0, None, id_column=0)
        with closing(rows):
            return engine.check_unsealed(rows, key, engine.Report())


def audit_counts() -> dict:
    return {"entries": AuditEntry.objects.count(), "sealed": AuditSeal.objects.count()}


def audit_sealed_after(seq: int) -> int:
    """How many seals come after ``seq``: what a check since a checkpoint walks (read through
    the key's index, so in proportion to them, not to the chain)."""
    return AuditSeal.objects.filter(seq__gt=seq).count()


def audit_verify_against(checkpoint: dict, progress=None) -> tuple[engine.Report, str | None]:
    """Verify the chain, then whether it still passes through ``checkpoint`` (parsed with
    ``engine.checkpoint_parse``). Returns the chain's report and, if the chain is intact but no
    longer extends the checkpoint, why not."""
    report = audit_verify(progress)
    if not report.ok:
        return report, None
    return report, _checkpoint_problem(checkpoint, count_up_to_it=True)


def audit_verify_since(checkpoint: dict, progress=None) -> tuple[engine.Report, str | None]:
    """Verify what was added after ``checkpoint`` (parsed with ``engine.checkpoint_parse``): first
    that the chain still passes through it (its signature, its seal's hash, its length),
    then the seals after its head, chained from its hash. The cost is what was added since: the
    chain up to the checkpoint was verified when it was made, so its seals are not even counted
    again (``audit_verify_against`` counts them). Returns the report of the seals after it (and
    the unsealed entries) and, if the chain no longer extends it, why not."""
    problem = _checkpoint_problem(checkpoint, count_up_to_it=False)
    if problem:
        return engine.Report(), problem
    return audit_verify(progress, since=checkpoint), None


def _checkpoint_problem(checkpoint: dict, *, count_up_to_it: bool) -> str | None:
    seq = checkpoint["head_seq"]
    return engine.checkpoint_problem(
        checkpoint,
        audit_key(),
        last_seq=_last_seq(),
        seal_hash=AuditSeal.objects.filter(seq=seq).values_list("chain_hash", flat=True).first(),
        sealed_up_to=AuditSeal.objects.filter(seq__lte=seq).count() if count_up_to_it else None,
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
