"""A batch of simple postings (an import's donor lines) written together, set-based.

``accord.funds.posting`` writes one posting in one statement; a batch of them, posted one by
one, pays for every line what a COPY of the same rows pays once for all. Here, on PostgreSQL,
the whole batch is ONE statement: every table's rows go in as arrays (``INSERT ... SELECT FROM
unnest(...)``), and each account the batch moves is updated once, by the batch's sum, under the
condition that its limit holds at every line of the batch in turn (the largest amount by which
the limited side grows over any prefix of the lines: the lines are checked as if posted one by
one, in their order). The accounts are updated in the order of their keys, as every other
writer updates them. The statement runs in a savepoint: a key used before (a retried import)
rolls it back and the batch goes the line-by-line way, which answers each such line as
``ledger.post`` answers a retry. On SQLite (no round trips to save) the lines are written one
after the other.

A refused batch raises what the first refused line would have raised, the account's sums as
they stood after the lines before it, and the service rolls the batch back whole.
"""

# Every statement here is built from the models' own table and column names; values are bound.
# ruff: noqa: S608

from __future__ import annotations

import functools
from dataclasses import dataclass

import psycopg
from django.db import connection, transaction
from psycopg.types.array import ListBinaryDumper

from accord.audit.services import (
    audit_entries_written,
    audit_entry_columns,
    audit_entry_rows,
    audit_entry_tables,
    created_changes,
)
from accord.funds import ledger
from accord.funds.engine import postings
from accord.funds.engine.ledger import Limit
from accord.funds.models import LedgerAccount, LedgerEntry, TrustFund
from accord.funds.posting import (
    _TRANSFER_COLUMNS,
    Posting,
    _accounts,
    _checked,
    _columns,
    _donors_table,
    _fields,
    _in_statements,
    _numbered,
    _reserved_id,
    _stored,
    _unchanged,
    _values,
    prepared_connection,
    records_pipelined,
)
from accord.rows import prepared_column

_SLACK = {
    # How far the limited side may still grow: what the CHECK constraints keep at or above zero.
    Limit.CREDITS_LIMITED: "debits_posted - credits_posted - credits_pending",
    Limit.DEBITS_LIMITED: "credits_posted - debits_posted - debits_pending",
}


@dataclass(frozen=True)
class _Move:
    """One account's change for the whole batch: its summed deltas, and the most its limited
    side grows over any prefix of the lines (0: its limit cannot be crossed)."""

    account: LedgerAccount
    deltas: dict[str, int]
    needs: int


def records_post(*, actor, fund: TrustFund, lines: list[tuple[str, Posting]]) -> list[tuple]:
    """Write a batch of postings, each with the audit action its own service names, in the
    caller's transaction and in their order (each line's limits are checked after the lines
    before it, as if posted one by one); ``[(record, created)]``, in the order of ``lines``.

    A refused line raises as ``posting.record_post`` does, and the caller's transaction rolls
    the whole batch back.
    """
    if not lines:
        return []
    # The donors' accounts opened first (one query for the batch), so that no line waits on it.
    opened = ledger.accounts_open(
        fund, list({p.nation.pk: p.nation for _action, p in lines}.values())
    )
    if connection.vendor != "postgresql":
        return [
            _in_statements(actor, action, fund, p, _accounts(_checked(p))) for action, p in lines
        ]
    keys = [p.entry.pk for _action, p in lines]
    if len(set(keys)) == len(keys):
        done = _in_one_statement(actor, fund, lines, opened)
        if done is not None:
            return done
    return records_pipelined(actor=actor, fund=fund, lines=lines)


class _KeyUsedBefore(Exception):
    """Some line's key names an entry written before: the savepoint is rolled back."""


def _in_one_statement(actor, fund, lines, opened: dict[str, LedgerAccount]) -> list | None:
    """The batch in one statement; None if a line's key was used before (nothing written)."""
    per_line = [_accounts(_checked(p)) for _action, p in lines]
    moves = _moves(per_line, opened)
    for _action, p in lines:
        p.record.pk = _reserved_id(type(p.record), len(lines))
    # The audit entries as rows (no instance per line: nothing reads them after the insert).
    audits = audit_entry_rows(
        actor=actor, entries=[(action, p.record, created_changes(p.record)) for action, p in lines]
    )
    models = sorted({type(p.record) for _action, p in lines}, key=lambda m: m._meta.label)
    same, params = _parameters(fund, lines, opened, moves, models, audits)
    statement = _statement(tuple(m.needs > 0 for m in moves), tuple(models), same)
    try:
        with transaction.atomic(), connection.wrap_database_errors:
            with psycopg.RawCursor(prepared_connection()) as cursor:
                # The arrays in PostgreSQL's binary form: in the text form psycopg matches
                # every element against a regular expression to quote it, as profiled the
                # largest part of a batch's time in Python.
                cursor.adapters.register_dumper(list, ListBinaryDumper)
                cursor.execute(statement, params, prepare=True)
                inserted, *updated = cursor.fetchone()
            if inserted < len(lines):
                raise _KeyUsedBefore
            if not all(updated):
                _refuse_first(fund, lines, per_line, moves[updated.index(False)].account)
    except _KeyUsedBefore:
        return None
    records = [p.record for _action, p in lines]
    for _action, p in lines:
        _stored(p.record, p.entry)
    audit_entries_written(records)
    return [(record, True) for record in records]


def _moves(per_line, opened: dict[str, LedgerAccount]) -> list[_Move]:
    """Each account the batch moves, in the order of their keys (every writer's lock order)."""
    deltas: dict[str, dict[str, int]] = {}
    grown: dict[str, int] = {}
    needs: dict[str, int] = {}
    for accounts in per_line:
        for a in accounts:
            summed = deltas.setdefault(a.key, {"debits_posted": 0, "credits_posted": 0})
            for field, amount in a.deltas.items():
                summed[field] += amount
            grown[a.key] = grown.get(a.key, 0) + _grows(a)
            needs[a.key] = max(needs.get(a.key, 0), grown[a.key])
    return [_Move(opened[key], deltas[key], needs[key]) for key in sorted(deltas)]


def _grows(account) -> int:
    """How much one line grows the account's limited side beyond the other (may be negative:
    a contribution gives a refund after it room on the cash account)."""
    limit = postings.LIMITS[account.kind]
    debits, credits = (
        account.deltas.get("debits_posted", 0),
        account.deltas.get("credits_posted", 0),
    )
    if limit == Limit.CREDITS_LIMITED:
        return credits - debits
    if limit == Limit.DEBITS_LIMITED:
        return debits - credits
    return 0


def _refuse_first(fund, lines, per_line, refused: LedgerAccount) -> None:
    """Raise what the first line to cross the refused account's limit would have raised, the
    account as it stood after the lines before it (its sums as committed, before the batch)."""
    account = LedgerAccount.objects.get(pk=refused.pk)
    limit = postings.LIMITS[account.kind]
    for accounts in per_line:
        for a in accounts:
            if a.key != _key_of(account):
                continue
            grows = _grows(a)
            if grows > 0 and _slack(account, limit) < grows:
                ledger.refuse_overdraft(fund, account, grows)
            account = _moved(account, a.deltas)
    # The account changed between the statement and this read: say it as the whole batch.
    ledger.refuse_overdraft(fund, account, 0)


def _key_of(account: LedgerAccount) -> str:
    return postings.key(account.kind, account.nation.iso3 if account.nation_id else None)


def _slack(account: LedgerAccount, limit) -> int:
    if limit == Limit.CREDITS_LIMITED:
        return account.debits_posted - account.credits_posted - account.credits_pending
    return account.credits_posted - account.debits_posted - account.debits_pending


def _moved(account: LedgerAccount, deltas: dict[str, int]) -> LedgerAccount:
    moved = LedgerAccount(**{f.attname: getattr(account, f.attname) for f in account._meta.fields})
    moved.nation = account.nation if account.nation_id else None
    for field, amount in deltas.items():
        setattr(moved, field, getattr(moved, field) + amount)
    return moved


# --- the statement ------------------------------------------------------------------------------


def _unnest(types: tuple[str, ...], same: tuple[bool, ...]) -> str:
    """The rows of a table as a ``SELECT``: each column whose value differs between the rows as
    an array parameter through ``unnest``, each the same in every row (the fund, the actor, the
    marking...) as one value: the fewer arrays, the less psycopg dumps element by element. The
    values first, then the arrays (``_table``' order)."""
    items = [
        f"%s::{t}" if one else f"u.c{i}" for i, (t, one) in enumerate(zip(types, same, strict=True))
    ]
    arrays = [f"%s::{t}[]" for t, one in zip(types, same, strict=True) if not one]
    names = [f"c{i}" for i, one in enumerate(same) if not one]
    return f"SELECT {', '.join(items)} FROM unnest({', '.join(arrays)}) AS u({', '.join(names)})"


def _table(columns: list[list]) -> tuple[tuple[bool, ...], list]:
    """Which columns hold one value in every row (the first, a key, never does: there is always
    an array to unnest), and the parameters of ``_unnest``: those values, then the arrays."""
    same = tuple(i > 0 and _one_value(column) for i, column in enumerate(columns))
    values = [column[0] for column, one in zip(columns, same, strict=True) if one]
    return same, values + [column for column, one in zip(columns, same, strict=True) if not one]


def _one_value(column: list) -> bool:
    first = column[0]
    return all(type(v) is type(first) and v == first for v in column)


@functools.cache
def _types(model) -> tuple[str, ...]:
    return tuple(f.cast_db_type(connection) for f in _fields(model, True))


@functools.cache
def _audit_types() -> tuple[str, ...]:
    return tuple(f.cast_db_type(connection) for f in audit_entry_columns())


_TRANSFER_TYPES = (
    "varchar",
    "varchar",
    "bigint",
    "bigint",
    "bigint",
    "bigint",
    "varchar",
    "varchar",
    "date",
)


@functools.cache
def _statement(limited: tuple[bool, ...], models: tuple, same: tuple) -> str:
    """The batch's data-modifying CTE: the entries, then each account (only if every entry was
    new, and the account before it applied), then the transfers, records, donor links, audit
    entries and their places in the sealing queue (only if the last account applied). ``same``
    says per table which columns hold one value (``_table``). The parameters follow in
    ``_parameters``' order."""
    same_entry, same_transfer, same_records, same_audit = same
    entry_fields = _fields(LedgerEntry, True)
    steps = [
        f"entry AS (INSERT INTO {LedgerEntry._meta.db_table} ({_columns(entry_fields)}) "
        f"{_unnest(_types(LedgerEntry), same_entry)} ON CONFLICT (id) DO NOTHING RETURNING id)"
    ]
    # Every entry new, or nothing after them (a key used before: the line-by-line way).
    steps.append("fresh AS (SELECT count(*) = %s AS yes FROM entry)")
    gate = "(SELECT yes FROM fresh)"
    for i, checked in enumerate(limited):
        where = f"id = %s AND {gate}" + (f" AND ({_case_slack()}) >= %s" if checked else "")
        steps.append(
            f"a{i} AS (UPDATE {LedgerAccount._meta.db_table} SET "
            "debits_posted = debits_posted + %s, credits_posted = credits_posted + %s "
            f"WHERE {where} RETURNING id)"
        )
        gate = f"EXISTS (SELECT FROM a{i})"
    steps.append(
        f"moved AS (INSERT INTO funds_ledgertransfer ({_TRANSFER_COLUMNS}) "
        f"SELECT * FROM ({_unnest(_TRANSFER_TYPES, same_transfer)}) AS t WHERE {gate})"
    )
    for i, model in enumerate(models):
        fields = _fields(model, True)
        steps.append(
            f"record{i} AS (INSERT INTO {model._meta.db_table} ({_columns(fields)}) "
            f"SELECT * FROM ({_unnest(_types(model), same_records[i])}) AS r WHERE {gate})"
        )
    donors, fund_column, nation_column = _donors_table()
    steps.append(
        f"donor AS (INSERT INTO {donors} ({fund_column}, {nation_column}) "
        f"SELECT %s, n FROM unnest(%s::bigint[]) AS n WHERE {gate} ON CONFLICT DO NOTHING)"
    )
    audit_table, queue_table = audit_entry_tables()
    fields = audit_entry_columns()
    steps.append(
        f"audit AS (INSERT INTO {audit_table} ({_columns(fields)}) "
        f"SELECT * FROM ({_unnest(_audit_types(), same_audit)}) AS e WHERE {gate} RETURNING id)"
    )
    steps.append(f"queued AS (INSERT INTO {queue_table} (entry_id) SELECT id FROM audit)")
    updated = ", ".join(f"EXISTS (SELECT FROM a{i})" for i in range(len(limited)))
    return _numbered(
        "WITH " + ", ".join(steps) + f" SELECT (SELECT count(*) FROM entry), {updated}"
    )


def _case_slack() -> str:
    """The account's room under its own limit (its ``limit`` column says which side)."""
    return (
        f"CASE \"limit\" WHEN '{Limit.CREDITS_LIMITED}' THEN {_SLACK[Limit.CREDITS_LIMITED]} "
        f"ELSE {_SLACK[Limit.DEBITS_LIMITED]} END"
    )


def _parameters(fund, lines, opened, moves: list[_Move], models, audits) -> tuple[tuple, list]:
    """The statement's parameters, and per table which columns hold one value (``_table``)."""
    postings_ = [p for _action, p in lines]
    same_entry, params = _table(_columns_of(LedgerEntry, [p.entry for p in postings_]))
    params.append(len(lines))
    for move in moves:
        params += [move.deltas["debits_posted"], move.deltas["credits_posted"], move.account.pk]
        params += [move.needs] if move.needs > 0 else []
    same_transfer, values = _table(_transfer_arrays(fund, postings_, opened))
    params += values
    same_records = []
    for model in models:
        same, values = _table(
            _columns_of(model, [p.record for p in postings_ if type(p.record) is model])
        )
        same_records.append(same)
        params += values
    params += [fund.pk, sorted({p.nation.pk for p in postings_})]
    same_audit, values = _table([list(column) for column in zip(*audits, strict=True)])
    params += values
    return (same_entry, same_transfer, tuple(same_records), same_audit), params


def _columns_of(model, objs) -> list[list]:
    """The objects' rows as one list per column (``_fields(model, True)``' order), each column
    prepared at once (``prepared_column``): most are sent as they are."""
    rows = [_values(model, obj, with_pk=True) for obj in objs]
    return [
        prepared_column(field, list(column), unchanged)
        for field, column, unchanged in zip(
            _fields(model, True),
            zip(*rows, strict=True),
            _unchanged(model, True, connection.vendor),
            strict=True,
        )
    ]


def _transfer_arrays(fund, postings_, opened) -> list[list]:
    rows = [
        [
            t.id,
            p.entry.pk,
            fund.pk,
            opened[t.debit].pk,
            opened[t.credit].pk,
            t.amount,
            str(t.phase),
            None,
            p.entry.value_date,
        ]
        for p in postings_
        for t in p.transfers
    ]
    return [list(column) for column in zip(*rows, strict=True)]
