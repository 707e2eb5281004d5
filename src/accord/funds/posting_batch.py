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

from accord.audit.services import audit_entry_columns, audit_entry_tables, audit_entry_values
from accord.funds import ledger
from accord.funds.engine import postings
from accord.funds.engine.ledger import Limit
from accord.funds.models import LedgerAccount, LedgerEntry, TrustFund
from accord.funds.posting import (
    _TRANSFER_COLUMNS,
    Posting,
    _accounts,
    _audit_entry,
    _checked,
    _columns,
    _donors_table,
    _fields,
    _in_statements,
    _numbered,
    _reserved_id,
    _row,
    _written,
    prepared_connection,
    records_pipelined,
)

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
    audits = [_audit_entry(actor, action, p.record) for action, p in lines]
    models = sorted({type(p.record) for _action, p in lines}, key=lambda m: m._meta.label)
    statement = _statement(tuple(m.needs > 0 for m in moves), tuple(models))
    params = _parameters(fund, lines, opened, moves, models, audits)
    try:
        with transaction.atomic(), connection.wrap_database_errors:
            with psycopg.RawCursor(prepared_connection()) as cursor:
                cursor.execute(statement, params, prepare=True)
                inserted, *updated, audit_ids, audited = cursor.fetchone()
            if inserted < len(lines):
                raise _KeyUsedBefore
            if not all(updated):
                _refuse_first(fund, lines, per_line, moves[updated.index(False)].account)
    except _KeyUsedBefore:
        return None
    audit_id = dict(zip(audited, audit_ids, strict=True))
    return [
        _written(p.record, p.entry, audit, audit_id[f"{audit.object_type}:{audit.object_id}"])
        for (_action, p), audit in zip(lines, audits, strict=True)
    ]


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


def _unnest(fields) -> str:
    """``SELECT * FROM unnest(%s::type[], ...)``: one array parameter per column."""
    arrays = ", ".join(f"%s::{f.cast_db_type(connection)}[]" for f in fields)
    return f"SELECT * FROM unnest({arrays})"


@functools.cache
def _statement(limited: tuple[bool, ...], models: tuple) -> str:
    """The batch's data-modifying CTE: the entries, then each account (only if every entry was
    new, and the account before it applied), then the transfers, records, donor links, audit
    entries and their places in the sealing queue (only if the last account applied). The
    parameters follow in ``_parameters``' order."""
    entry_fields = _fields(LedgerEntry, True)
    steps = [
        f"entry AS (INSERT INTO {LedgerEntry._meta.db_table} ({_columns(entry_fields)}) "
        f"{_unnest(entry_fields)} ON CONFLICT (id) DO NOTHING RETURNING id)"
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
    transfer_types = "varchar, varchar, bigint, bigint, bigint, bigint, varchar, varchar, date"
    arrays = ", ".join(f"%s::{t}[]" for t in transfer_types.split(", "))
    steps.append(
        f"moved AS (INSERT INTO funds_ledgertransfer ({_TRANSFER_COLUMNS}) "
        f"SELECT * FROM unnest({arrays}) WHERE {gate})"
    )
    for i, model in enumerate(models):
        fields = _fields(model, True)
        steps.append(
            f"record{i} AS (INSERT INTO {model._meta.db_table} ({_columns(fields)}) "
            f"SELECT * FROM ({_unnest(fields)}) AS r WHERE {gate})"
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
        f"SELECT * FROM ({_unnest(fields)}) AS e WHERE {gate} "
        "RETURNING id, object_type, object_id)"
    )
    steps.append(f"queued AS (INSERT INTO {queue_table} (entry_id) SELECT id FROM audit)")
    updated = ", ".join(f"EXISTS (SELECT FROM a{i})" for i in range(len(limited)))
    return _numbered(
        "WITH " + ", ".join(steps) + f" SELECT (SELECT count(*) FROM entry), {updated}, "
        "(SELECT array_agg(id) FROM audit), "
        "(SELECT array_agg(object_type || ':' || object_id) FROM audit)"
    )


def _case_slack() -> str:
    """The account's room under its own limit (its ``limit`` column says which side)."""
    return (
        f"CASE \"limit\" WHEN '{Limit.CREDITS_LIMITED}' THEN {_SLACK[Limit.CREDITS_LIMITED]} "
        f"ELSE {_SLACK[Limit.DEBITS_LIMITED]} END"
    )


def _parameters(fund, lines, opened, moves: list[_Move], models, audits) -> list:
    postings_ = [p for _action, p in lines]
    params: list = _columns_of(LedgerEntry, [p.entry for p in postings_])
    params.append(len(lines))
    for move in moves:
        params += [move.deltas["debits_posted"], move.deltas["credits_posted"], move.account.pk]
        params += [move.needs] if move.needs > 0 else []
    params += _transfer_arrays(fund, postings_, opened)
    for model in models:
        params += _columns_of(model, [p.record for p in postings_ if type(p.record) is model])
    params += [fund.pk, sorted({p.nation.pk for p in postings_})]
    rows = [audit_entry_values(audit) for audit in audits]
    params += [list(column) for column in zip(*rows, strict=True)]
    return params


def _columns_of(model, objs) -> list[list]:
    """The objects' rows as one list per column (``_fields(model, True)``' order)."""
    rows = [_row(model, obj, with_pk=True) for obj in objs]
    return [list(column) for column in zip(*rows, strict=True)]


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
