"""A ledger entry and the record it posts, written together in the fewest statements.

A donor's money moving (a contribution, a refund) writes an entry, its transfers, the two or
three accounts' running sums, the record (``Contribution``, ``Refund``), the fund's donor link,
and the record's audit entry with its place in the sealing queue. ``accord.funds.ledger`` does
this one statement at a time, for every kind of entry; here the simple postings (single-phase
transfers only, no exchange difference to realise against a pledge) are written

- on PostgreSQL in ONE statement, a data-modifying CTE sent as a server-side prepared statement.
  Called outside a transaction (the services call it so), the statement is its own
  transaction: the entry, its transfers, the accounts' sums, the record and its audit entry
  commit together or not at all, and the answer comes back after the commit, one round trip
  per posting where the database's own TPC-B transaction (pgbench) needs seven. Inside a
  caller's transaction (a batch, a test) it is written there;
- on SQLite in eight statements in a transaction (SQLite has no data-modifying CTE, but no
  round trip either: what costs there is Python, so no ORM instance is saved, and the
  statements go through the driver's own cursor).

The rules are the ledger's, unchanged: the entry is keyed by the caller's idempotency key
(``ON CONFLICT (id) DO NOTHING``, then the same answer as ``ledger.post`` gives a retry); every
account's sums change by ``UPDATE ... WHERE <the limit still holds>`` in the order of their keys
(as ``ledger._bump_both``: no deadlock between concurrent postings), the CHECK constraints
holding the limits behind it; a refused update is said as ``ledger`` says it
(``insufficient_funds``), and the service's transaction is rolled back whole. As its own
transaction the statement cannot be rolled back after it answers, so there the limits are
left to the CHECK constraints alone: a posting that would cross one fails whole, nothing
written. The audit entry is built as a row by ``accord.audit.services.audit_entry_rows`` (its
canonical bytes and digest exactly as ``audit_record`` computes them), which needs the record's
id before the statement: on PostgreSQL ids are reserved from the record table's sequence a
block at a time. What a posting's Python can do once (the statement's text, the models' column
lists, which values go to the database as they are) is done once per process or per model.
"""

# Every statement here is built from the models' own table and column names; values are bound.
# ruff: noqa: S608

from __future__ import annotations

import functools
from dataclasses import dataclass

import psycopg
from django.db import IntegrityError, connection, models, transaction

from accord.audit.services import (
    audit_entries_written,
    audit_entry_columns,
    audit_entry_rows,
    audit_entry_tables,
    created_changes,
    writes_followed,
)
from accord.funds import ledger
from accord.funds.engine import postings
from accord.funds.engine.ledger import Limit, Phase, Transfer, check_transfer
from accord.funds.models import LedgerAccount, LedgerEntry, LedgerTransfer, TrustFund
from accord.rows import DriverCursor, prepared_row, unchanged_types

# Record ids reserved from a table's sequence in one round trip (PostgreSQL): gaps of at most
# this many ids are left when a process ends, as a sequence's own cache would leave.
RESERVED_IDS = 50
# A posting refused by a limit, but found within it when the accounts are read again (a
# concurrent posting gave room in between), is tried again this many times at most.
REFUSED_RETRIES = 3
# Django turns psycopg's prepared statements off on its connections (``prepare_threshold`` None,
# for connection poolers in transaction mode), and psycopg then ignores a cursor's
# ``prepare=True``: the posting's statement was parsed and planned again on every execution.
# With a threshold no statement reaches, only the statements executed with ``prepare=True`` (the
# posting's and the batch's) are prepared; Django's own cursors bind on the client, never prepare.
_PREPARED_WHEN_ASKED = 2**31
# The accounts' CHECK constraints that hold their limits (``LedgerAccount.Meta``).
_LIMIT_CONSTRAINTS = frozenset(
    {"funds_account_credits_within_debits", "funds_account_debits_within_credits"}
)


@dataclass(frozen=True)
class Posting:
    """What one posting writes: its entry (unsaved, its id the scoped idempotency key), its
    single-phase transfers, the record they post (unsaved, its entry set) and the donor."""

    entry: LedgerEntry
    transfers: list[Transfer]
    record: models.Model
    nation: models.Model


@dataclass(frozen=True)
class _Account:
    key: str
    kind: str
    nation_id: int | None
    deltas: dict[str, int]
    grows: int  # how much the limited side grows beyond the other side: checked when > 0


def record_post(*, actor, action: str, fund: TrustFund, posting: Posting):
    """Write ``posting`` (or find the earlier posting under its key); ``(record, created)``.

    Outside a transaction it opens the one it needs (on PostgreSQL the statement alone); inside
    the caller's it writes there. A refused account update raises ``ledger.InsufficientFunds``
    (nothing written); a key used for other content ``idempotency_conflict``.
    """
    accounts = _accounts(_checked(posting))
    if connection.vendor != "postgresql":
        with transaction.atomic():
            return _in_statements(actor, action, fund, posting, accounts)
    if connection.in_atomic_block or writes_followed(type(posting.record)):
        with transaction.atomic():
            return _opening_accounts(actor, action, fund, posting, accounts, alone=False)
    return _alone(actor, action, fund, posting, accounts)


def _opening_accounts(actor, action, fund, posting: Posting, accounts, *, alone: bool):
    done = _in_one_statement(actor, action, fund, posting, accounts, alone=alone)
    if done is _ACCOUNTS_MISSING:
        # A donor the fund has no accounts for yet (nothing was written): open them, once more.
        ledger.accounts_open(fund, [posting.nation])
        done = _in_one_statement(actor, action, fund, posting, accounts, alone=alone)
    if done is _ACCOUNTS_MISSING:
        raise RuntimeError(f"the accounts of fund {fund.pk} could not be opened")
    return done


def _alone(actor, action, fund, posting: Posting, accounts: list[_Account]):
    """The statement as its own transaction (no COMMIT to wait for after it). A limit it would
    cross fails it whole by the CHECK constraints; the accounts are then read as committed to
    say which, and by how much, as ``ledger`` says it."""
    for _attempt in range(REFUSED_RETRIES):
        try:
            return _opening_accounts(actor, action, fund, posting, accounts, alone=True)
        except IntegrityError as error:
            if _constraint_of(error) not in _LIMIT_CONSTRAINTS:
                raise
        crossed = _crossed(fund, accounts)
        if crossed is not None:
            ledger.refuse_overdraft(fund, *crossed)
    # Refused each time, and each time found within its limits after: say it of the first
    # limited account as it stands.
    first = next(a for a in accounts if a.grows > 0)
    ledger.refuse_overdraft(fund, ledger.accounts_of(fund)[first.key], first.grows)
    raise AssertionError("refuse_overdraft raises")  # pragma: no cover


def _constraint_of(error: IntegrityError) -> str | None:
    diag = getattr(error.__cause__, "diag", None)
    return diag.constraint_name if diag is not None else None


def _crossed(fund, accounts: list[_Account]) -> tuple[LedgerAccount, int] | None:
    """The first account the posting would take past its limit, as the accounts stand now."""
    stored = ledger.accounts_of(fund)
    for a in accounts:
        if a.grows > 0 and _room(stored[a.key]) < a.grows:
            return stored[a.key], a.grows
    return None


def _room(account: LedgerAccount) -> int:
    """How far the account's limited side may still grow (its CHECK constraint's slack)."""
    if account.limit == Limit.CREDITS_LIMITED:
        return account.debits_posted - account.credits_posted - account.credits_pending
    return account.credits_posted - account.debits_posted - account.debits_pending


def _checked(posting: Posting) -> Posting:
    for transfer in posting.transfers:
        check_transfer(transfer)
        if transfer.phase is not Phase.SINGLE:
            raise ValueError("record_post writes single-phase transfers only")
    return posting


_ACCOUNTS_MISSING = object()


def records_pipelined(*, actor, fund: TrustFund, lines: list[tuple[str, Posting]]) -> list[tuple]:
    """Write a batch of postings one statement per line, all sent in one pipeline (one round
    trip, the database running them one after the other), in the caller's transaction:
    ``[(record, created)]``. The way of a batch that names a key used before (PostgreSQL;
    ``accord.funds.posting_batch`` writes a batch of new lines in one statement).
    """
    ready = []
    for action, p in lines:
        accounts = _accounts(_checked(p))
        p.record.pk = _reserved_id(type(p.record), len(lines))
        audit = _audit_entry(actor, action, p.record)
        ready.append((p, accounts, audit))
    raw = prepared_connection()
    with connection.wrap_database_errors:
        with raw.pipeline():
            cursors = []
            for p, accounts, audit in ready:
                cursor = psycopg.RawCursor(raw)
                statement = _statement(_shape(p, accounts))
                cursor.execute(statement, _parameters(fund, p, accounts, audit), prepare=True)
                cursors.append(cursor)
        answers = []
        for cursor in cursors:
            answers.append(cursor.fetchone())
            cursor.close()
    done = [
        _answered(actor, fund, p, accounts, answer)
        for (p, accounts, _audit), answer in zip(ready, answers, strict=True)
    ]
    if any(line is _ACCOUNTS_MISSING for line in done):
        raise RuntimeError(f"the accounts of fund {fund.pk} could not be opened")
    return done


def prepared_connection():
    """The database connection's psycopg connection, preparing the statements asked to be."""
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _PREPARED_WHEN_ASKED
    return raw


def _accounts(posting: Posting) -> list[_Account]:
    """The accounts the transfers move, each with its summed changes, in the order
    ``ledger._bump_both`` updates them (each transfer's pair by key, first use first)."""
    deltas: dict[str, dict[str, int]] = {}
    for t in posting.transfers:
        for key, field in sorted(((t.debit, "debits_posted"), (t.credit, "credits_posted"))):
            moved = deltas.setdefault(key, {})
            moved[field] = moved.get(field, 0) + t.amount
    accounts = []
    for key, moved in deltas.items():
        kind, iso3 = postings.split(key)
        if iso3 not in (None, posting.nation.iso3):
            raise ValueError(f"record_post moves the accounts of one donor only, not {key}")
        grows = 0
        if postings.LIMITS[kind] == Limit.CREDITS_LIMITED:
            grows = moved.get("credits_posted", 0) - moved.get("debits_posted", 0)
        elif postings.LIMITS[kind] == Limit.DEBITS_LIMITED:
            grows = moved.get("debits_posted", 0) - moved.get("credits_posted", 0)
        nation_id = posting.nation.pk if iso3 else None
        accounts.append(_Account(key, kind, nation_id, moved, grows))
    return accounts


# --- the SQL both databases share ---------------------------------------------------------------

_LIMIT_HOLDS = {
    Limit.CREDITS_LIMITED: "debits_posted >= credits_posted + credits_pending + %s",
    Limit.DEBITS_LIMITED: "credits_posted >= debits_posted + debits_pending + %s",
}


def _account_update(fund: TrustFund, account: _Account, after: str) -> tuple[str, list]:
    """``UPDATE`` one account's sums unless its limit would be crossed, ``RETURNING id``;
    ``after`` is a further condition (PostgreSQL: that the step before it wrote)."""
    sets = ", ".join(f"{name} = {name} + %s" for name in account.deltas)
    where = "fund_id = %s AND kind = %s AND " + (
        "nation_id = %s" if account.nation_id is not None else "nation_id IS NULL"
    )
    params = [*account.deltas.values(), fund.pk, account.kind]
    params += [account.nation_id] if account.nation_id is not None else []
    if account.grows > 0:
        where += " AND " + _LIMIT_HOLDS[postings.LIMITS[account.kind]]
        params.append(account.grows)
    if after:
        where += f" AND {after}"
    table = LedgerAccount._meta.db_table
    return f"UPDATE {table} SET {sets} WHERE {where} RETURNING id", params


def _row(model, obj, *, with_pk: bool) -> list:
    """A record's values as an INSERT naming ``_fields(model, with_pk)`` binds them."""
    return prepared_row(
        _fields(model, with_pk),
        _values(model, obj, with_pk=with_pk),
        _unchanged(model, with_pk, connection.vendor),
    )


@functools.cache
def _unchanged(model, with_pk: bool, vendor: str) -> tuple:
    """``unchanged_types`` of ``_fields(model, with_pk)``, once per model and database."""
    return unchanged_types(_fields(model, with_pk))


def _values(model, obj, *, with_pk: bool) -> list:
    """A record's values as its fields give them to an INSERT (``pre_save``), unprepared."""
    return [
        getattr(obj, attname) if attname else field.pre_save(obj, True)
        for field, attname in _readers(model, with_pk)
    ]


@functools.cache
def _readers(model, with_pk: bool) -> tuple[tuple[models.Field, str | None], ...]:
    """Each field of ``_fields(model, with_pk)`` with its attribute's name where its
    ``pre_save`` only reads it (None where it sets it: a time ``auto_now``, a file)."""
    return tuple(
        (f, f.attname if type(f).pre_save is models.Field.pre_save else None)
        for f in _fields(model, with_pk)
    )


@functools.cache
def _fields(model, with_pk: bool) -> tuple[models.Field, ...]:
    return tuple(f for f in model._meta.concrete_fields if with_pk or not f.primary_key)


def _columns(fields) -> str:
    return ", ".join(connection.ops.quote_name(f.column) for f in fields)


def _donors_table() -> tuple[str, str, str]:
    through = TrustFund.donors.through._meta
    fund_column = through.get_field("trustfund").column
    nation_column = through.get_field("nation").column
    return through.db_table, fund_column, nation_column


def _audit_entry(actor, action: str, record) -> tuple:
    """The record's audit entry as a row to insert (``audit_entry_rows``: its canonical bytes
    and digest as every entry's), no ``AuditEntry`` instance built for it."""
    return audit_entry_rows(actor=actor, entries=[(action, record, created_changes(record))])[0]


def _written(record, entry: LedgerEntry):
    _stored(record, entry)
    audit_entries_written([record])
    return record, True


def _stored(*objs) -> None:
    """Instances written by a statement of our own, marked as saved (as ``save()`` marks them)."""
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def _earlier(actor, posting: Posting):
    """The key was used before (or by a concurrent request that committed first): the same
    answer as ``ledger.post`` gives a retry."""
    entry = ledger.same_or_conflict(
        actor, LedgerEntry.objects.get(pk=posting.entry.pk), posting.entry.fingerprint
    )
    return type(posting.record).objects.get(entry=entry), False


def _refuse(fund: TrustFund, account: _Account):
    ledger.refuse_overdraft(fund, ledger.accounts_of(fund)[account.key], account.grows)


# --- PostgreSQL: one statement ------------------------------------------------------------------


def _in_one_statement(actor, action, fund, posting: Posting, accounts: list[_Account], *, alone):
    """The statement, in the caller's transaction or (``alone``) as its own, the limits then
    held by the CHECK constraints only (a crossing fails it whole: nothing to roll back)."""
    record = posting.record
    record.pk = _reserved_id(type(record))
    audit = _audit_entry(actor, action, record)
    guarded = not alone
    # Django's cursors bind parameters on the client and so are never prepared; psycopg's own
    # server-binding cursor prepares this statement on its first use on the connection. Sent in
    # a pipeline, the transaction's BEGIN travels with it: one round trip, not two.
    raw = prepared_connection()
    statement = _statement(_shape(posting, accounts, guarded=guarded))
    params = _parameters(fund, posting, accounts, audit, guarded=guarded)
    with connection.wrap_database_errors, psycopg.RawCursor(raw) as cursor:
        if alone:
            # No transaction to begin: the statement commits itself, no pipeline needed.
            cursor.execute(statement, params, prepare=True)
        else:
            with raw.pipeline():
                cursor.execute(statement, params, prepare=True)
        answer = cursor.fetchone()
    return _answered(actor, fund, posting, accounts, answer)


def _answered(actor, fund, posting: Posting, accounts: list[_Account], answer):
    """What the statement's answer row says: written, the key used before, or refused."""
    found, inserted, *updated = answer
    if found < len(accounts):
        return _ACCOUNTS_MISSING
    if not inserted:
        return _earlier(actor, posting)
    if not all(updated):
        _refuse(fund, accounts[updated.index(False)])
    return _written(posting.record, posting.entry)


def _shape(posting: Posting, accounts: list[_Account], *, guarded: bool = True) -> tuple:
    """What the statement's text depends on (its parameters aside): one prepared statement per
    shape and connection (a cash contribution, one in kind, a refund). Not ``guarded``, the
    accounts' updates leave their limits to the CHECK constraints."""
    order = {a.key: i for i, a in enumerate(accounts)}
    return (
        type(posting.record),
        tuple(
            (
                a.nation_id is not None,
                tuple(a.deltas),
                postings.LIMITS[a.kind] if guarded and a.grows > 0 else None,
            )
            for a in accounts
        ),
        tuple((order[t.debit], order[t.credit]) for t in posting.transfers),
    )


@functools.cache
def _statement(shape: tuple) -> str:
    """The data-modifying CTE: each step runs only if the one before it wrote (a refused account
    update: the service rolls back what was). The accounts are updated last, after the entry,
    the record and its audit entry are written: every posting to a fund updates its cash
    account, and a row updated stays locked until the commit, so the less that follows its
    update, the sooner the fund's next posting goes on (as ``pgbench`` updates its one branch
    late in its transaction). The parameters follow in ``_parameters``' order."""
    record_model, accounts, transfers = shape
    audit_table, queue_table = audit_entry_tables()
    steps = [
        # How many of the accounts exist: the entry is written only if all do.
        "found AS (SELECT count(*) AS n FROM funds_ledgeraccount WHERE fund_id = %s AND ("
        + " OR ".join(
            "(kind = %s AND nation_id " + ("= %s)" if has_nation else "IS NULL)")
            for has_nation, _deltas, _limit in accounts
        )
        + "))",
        "entry AS ("
        + _insert_select(
            LedgerEntry._meta.db_table,
            _fields(LedgerEntry, True),
            f"(SELECT n FROM found) = {len(accounts)}",
        )
        + " ON CONFLICT (id) DO NOTHING RETURNING id)",
        "record AS ("
        + _insert_select(
            record_model._meta.db_table,
            _fields(record_model, True),
            "EXISTS (SELECT FROM entry)",
        )
        + " RETURNING id)",
    ]
    donors, fund_column, nation_column = _donors_table()
    steps.append(
        f"donor AS (INSERT INTO {donors} ({fund_column}, {nation_column}) "
        "SELECT %s::bigint, %s::bigint WHERE EXISTS (SELECT FROM record) ON CONFLICT DO NOTHING)"
    )
    steps.append(
        "audit AS ("
        + _insert_select(audit_table, audit_entry_columns(), "EXISTS (SELECT FROM record)")
        + " RETURNING id)"
    )
    steps.append(f"queued AS (INSERT INTO {queue_table} (entry_id) SELECT id FROM audit)")
    before = "audit"
    for i, (has_nation, deltas, limit) in enumerate(accounts):
        sets = ", ".join(f"{name} = {name} + %s" for name in deltas)
        where = "fund_id = %s AND kind = %s AND nation_id " + ("= %s" if has_nation else "IS NULL")
        if limit is not None:
            where += " AND " + _LIMIT_HOLDS[limit]
        steps.append(
            f"a{i} AS (UPDATE funds_ledgeraccount SET {sets} WHERE {where} "
            f"AND EXISTS (SELECT FROM {before}) RETURNING id)"
        )
        before = f"a{i}"
    selects = " UNION ALL ".join(
        "SELECT %s::varchar, %s::varchar, %s::bigint, d.id, c.id, %s::bigint, %s::varchar, "
        f"NULL::varchar, %s::date FROM a{debit} d, a{credit} c"
        for debit, credit in transfers
    )
    steps.append(f"moved AS (INSERT INTO funds_ledgertransfer ({_TRANSFER_COLUMNS}) {selects})")
    updated = ", ".join(f"EXISTS (SELECT FROM a{i})" for i in range(len(accounts)))
    return _numbered(
        "WITH "
        + ", ".join(steps)
        + f" SELECT (SELECT n FROM found), EXISTS (SELECT FROM entry), {updated}"
    )


def _numbered(statement: str) -> str:
    """``statement`` with its ``%s`` placeholders numbered (``$1``, ``$2``...), for psycopg's
    ``RawCursor``: psycopg caches the parsing of short statements only, and this one (or its
    batch twin) was otherwise parsed for its placeholders again on every execution, about a
    fifth of a posting's time in Python, as profiled."""
    parts = statement.split("%s")
    return "".join(f"{part}${i}" for i, part in enumerate(parts[:-1], 1)) + parts[-1]


def _parameters(
    fund, posting: Posting, accounts: list[_Account], audit: tuple, *, guarded=True
) -> list:
    """The statement's parameters, in the order of its steps (``_shape``'s ``guarded``)."""
    params: list = [fund.pk]
    for a in accounts:
        params += [a.kind] if a.nation_id is None else [a.kind, a.nation_id]
    params += _row(LedgerEntry, posting.entry, with_pk=True)
    params += _row(type(posting.record), posting.record, with_pk=True)
    params += [fund.pk, posting.nation.pk]
    params += audit
    for a in accounts:
        params += [*a.deltas.values(), fund.pk, a.kind]
        params += [] if a.nation_id is None else [a.nation_id]
        params += [a.grows] if guarded and a.grows > 0 else []
    entry = posting.entry
    for t in posting.transfers:
        params += [t.id, entry.pk, fund.pk, t.amount, str(t.phase), entry.value_date]
    return params


def _insert_select(table: str, fields: list[models.Field], condition: str) -> str:
    """``INSERT INTO <table> (...) SELECT <values> WHERE <condition>``: each value cast to its
    column's type (a bound text value is of no type until PostgreSQL is told)."""
    casts = ", ".join(f"%s::{f.cast_db_type(connection)}" for f in fields)
    return f"INSERT INTO {table} ({_columns(fields)}) SELECT {casts} WHERE {condition}"


_TRANSFER_COLUMNS = (
    "id, entry_id, fund_id, debit_id, credit_id, amount, phase, pending_id, value_date"
)

# Ids reserved per process and table, with the connection they were reserved on.
_reserved: dict[str, tuple[object, list[int]]] = {}


def _reserved_id(model, block: int = RESERVED_IDS) -> int:
    """The next id of ``model``'s table from a block reserved in one round trip (of at least
    ``block`` ids): the audit entry names the record's id, and its digest is computed before
    the statement."""
    table = model._meta.db_table
    raw = connection.connection
    owner, ids = _reserved.get(table, (None, []))
    if owner is not raw or not ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, max(block, RESERVED_IDS)],
            )
            ids = [row[0] for row in cursor.fetchall()][::-1]
        _reserved[table] = (raw, ids)
    return ids.pop()


# --- SQLite: eight statements in the service's transaction ------------------------------------


def _in_statements(actor, action, fund, posting: Posting, accounts: list[_Account]):
    entry, record = posting.entry, posting.record
    with DriverCursor() as cursor:
        cursor.execute(
            *_insert(LedgerEntry, entry, with_pk=True, tail="ON CONFLICT (id) DO NOTHING")
        )
        if cursor.rowcount != 1:
            return _earlier(actor, posting)
        ids = {}
        for account in accounts:
            row = _account_updated(cursor, fund, posting, account)
            if row is None:
                _refuse(fund, account)
            ids[account.key] = row[0]
        marks = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, NULL, %s)"] * len(posting.transfers))
        values = []
        for t in posting.transfers:
            values += [
                t.id,
                entry.pk,
                fund.pk,
                ids[t.debit],
                ids[t.credit],
                t.amount,
                str(t.phase),
                entry.value_date,
            ]
        cursor.execute(
            f"INSERT INTO {LedgerTransfer._meta.db_table} ({_TRANSFER_COLUMNS}) VALUES {marks}",
            values,
        )
        cursor.execute(*_insert(type(record), record, with_pk=False, tail="RETURNING id"))
        record.pk = cursor.fetchone()[0]
        donors, fund_column, nation_column = _donors_table()
        cursor.execute(
            f"INSERT INTO {donors} ({fund_column}, {nation_column}) VALUES (%s, %s) "
            "ON CONFLICT DO NOTHING",
            [fund.pk, posting.nation.pk],
        )
        cursor.execute(_audit_insert_text(), _audit_entry(actor, action, record))
        audit_id = cursor.fetchone()[0]
        _audit_table, queue_table = audit_entry_tables()
        cursor.execute(f"INSERT INTO {queue_table} (entry_id) VALUES (%s)", [audit_id])
    return _written(record, entry)


def _account_updated(cursor, fund, posting: Posting, account: _Account):
    """The account's update (``RETURNING id``); a missing account (a donor new to the fund) is
    opened and updated, as ``ledger._bump`` does."""
    cursor.execute(*_account_update(fund, account, ""))
    row = cursor.fetchone()
    if row is None and account.key not in ledger.accounts_of(fund):
        ledger.accounts_open(fund, [posting.nation])
        cursor.execute(*_account_update(fund, account, ""))
        row = cursor.fetchone()
    return row


def _insert(model, obj, *, with_pk: bool, tail: str) -> tuple[str, list]:
    return _insert_text(model, with_pk, tail), _row(model, obj, with_pk=with_pk)


@functools.cache
def _insert_text(model, with_pk: bool, tail: str) -> str:
    fields = _fields(model, with_pk)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {model._meta.db_table} ({_columns(fields)}) VALUES ({marks}) {tail}"


@functools.cache
def _audit_insert_text() -> str:
    audit_table, _queue_table = audit_entry_tables()
    fields = audit_entry_columns()
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {audit_table} ({_columns(fields)}) VALUES ({marks}) RETURNING id"
