"""The ledger on the database: TigerBeetle's rules applied with conditional UPDATEs.

Called by the services inside their transaction; never by interfaces. Correctness does not rest
on row locks (``select_for_update`` does nothing on SQLite): every change to an account's sums is
one ``UPDATE ... WHERE <limit still holds>`` whose row count says whether it applied, and the
accounts' CHECK constraints refuse whatever slips past. On PostgreSQL a concurrent writer waits
for the row and re-evaluates the WHERE clause on the committed values, so two disbursements can
never both spend the same euro.

Entries are keyed by the client's idempotency key, scoped to the caller (``entry_id_for``): the
primary key makes a concurrent retry wait for the first and then see it; a retry with the same
content returns the first result, with other content it is refused with ``idempotency_conflict``.
Because every caller has a key space of its own, a key can only collide with the caller's own
earlier request: the refusal never reveals an entry of a fund the caller may not read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.access import can_view, principal_of
from accord.errors import Code, Conflict, ValidationFailed
from accord.funds.engine import postings
from accord.funds.engine.ledger import Limit, Phase, Transfer, check_transfer, fingerprint
from accord.funds.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerPending,
    LedgerTransfer,
    TrustFund,
)
from accord.l10n import format_day
from accord.money import format_money


class InsufficientFunds(Conflict):
    """A commitment, disbursement or refund the fund's available balance does not cover."""

    code = Code.INSUFFICIENT_FUNDS


def new_key() -> str:
    """An idempotency key for a caller that did not bring its own."""
    return uuid.uuid4().hex


def check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 64 or not key.isprintable():
        raise ValidationFailed(
            _("The idempotency key must be 1 to 64 printable characters."),
            code=Code.IDEMPOTENCY_KEY_INVALID,
            errors={"idempotency_key": [_("1 to 64 printable characters")]},
        )
    return key


# Between the caller's scope and its key in an entry id: "u42~my-key".
SCOPE_SEPARATOR = "~"


def entry_id_for(actor, key: str) -> str:
    """The ledger entry id of a caller's (checked) idempotency key.

    A user's keys live in that user's own space (``u<id>~<key>``, at most 76 characters), so
    Russia's delegation reusing the key of an ANA Trust Fund disbursement posts its own entry
    instead of learning, from a 409, that the disbursement exists. Accord's own work (the
    scenario, seeding: a principal without a user) keeps its keys as they are.
    """
    user_id = principal_of(actor).user_id
    if user_id is None:
        return key
    return f"u{user_id}{SCOPE_SEPARATOR}{key}"


def entry_key(actor, idempotency_key: str | None) -> str:
    """The entry id a posting service writes under: the caller's key (or a new one when it
    brought none), checked, in the caller's own space (``entry_id_for``)."""
    return entry_id_for(actor, check_key(idempotency_key or new_key()))


def key_of(entry_id: str) -> str:
    """The caller's own key inside an entry id (the inverse of ``entry_id_for``)."""
    scope, separator, key = entry_id.partition(SCOPE_SEPARATOR)
    if separator and scope[:1] == "u" and scope[1:].isdigit():
        return key
    return entry_id


def accounts_open(fund: TrustFund, nations=()) -> dict[str, LedgerAccount]:
    """The fund's accounts by key (``"cash"``, ``"donor:DEU"``), opening any that are missing."""
    wanted = [(kind, None) for kind in postings.FUND_ACCOUNTS]
    wanted += [(kind, n) for n in nations for kind in postings.DONOR_ACCOUNTS]
    existing = accounts_of(fund)
    missing = [
        LedgerAccount(
            fund=fund,
            kind=kind,
            nation=nation,
            limit=str(postings.LIMITS[kind]),
        )
        for kind, nation in wanted
        if postings.key(kind, nation and nation.iso3) not in existing
    ]
    if missing:
        LedgerAccount.objects.bulk_create(missing, ignore_conflicts=True)
        existing = accounts_of(fund)
    return existing


def accounts_of(fund: TrustFund) -> dict[str, LedgerAccount]:
    rows = LedgerAccount.objects.filter(fund=fund).select_related("nation")
    return {postings.key(a.kind, a.nation.iso3 if a.nation_id else None): a for a in rows}


def available(fund: TrustFund) -> int:
    """Cash minus commitments, in the fund's minor units, as committed now."""
    cash = LedgerAccount.objects.filter(fund=fund, kind="cash", nation__isnull=True).first()
    if cash is None:
        return 0
    return cash.debits_posted - cash.credits_posted - cash.credits_pending


@dataclass(frozen=True)
class Posted:
    entry: LedgerEntry
    created: bool


def post(
    *,
    actor,
    fund: TrustFund,
    key: str,
    kind: str,
    day: date,
    content: dict,
    build,
    nations=(),
    description: str = "",
    reverses: LedgerEntry | None = None,
    estimated: bool = False,
) -> Posted:
    """Post one entry: ``build(key)`` gives its engine transfers. Idempotent on ``key``, the
    entry id the service derived from the caller's key with ``entry_id_for``."""
    entry = entry_new(
        actor=actor,
        fund=fund,
        key=key,
        kind=kind,
        day=day,
        content=content,
        description=description,
        reverses=reverses,
        estimated=estimated,
    )
    digest = entry.fingerprint
    if not _entry_insert(entry):
        # The key was used before, or by a concurrent request that committed first (the INSERT
        # waited for it): answer as for a retry.
        return Posted(same_or_conflict(actor, LedgerEntry.objects.get(pk=key), digest), False)
    named = {n.iso3: n for n in nations}
    for transfer in build(key):
        _apply(fund, entry, named, transfer, day)
    return Posted(entry, True)


def entry_new(
    *,
    actor,
    fund: TrustFund,
    key: str,
    kind: str,
    day: date,
    content: dict,
    description: str = "",
    reverses: LedgerEntry | None = None,
    estimated: bool = False,
) -> LedgerEntry:
    """The entry of a posting, not yet written; its fingerprint is the digest of ``content``
    that tells a retry from other content under the same key."""
    return LedgerEntry(
        id=key,
        fund=fund,
        kind=kind,
        value_date=day,
        recorded_at=timezone.now(),
        fingerprint=fingerprint({"fund": fund.code, "kind": kind, **content}),
        description=description[:300],
        reverses=reverses,
        estimated=estimated,
        actor_name=principal_of(actor).username,
    )


def _entry_insert(entry: LedgerEntry) -> bool:
    """Insert the entry unless its key is taken; whether it was inserted.

    Raw SQL because the ORM has no INSERT that skips a taken key and says so: ``ON CONFLICT (id)
    DO NOTHING`` (PostgreSQL and SQLite alike) replaces a SELECT before and a savepoint around
    the INSERT, two round trips of every posting. A reversal's entry keeps the savepoint: its
    other unique key (one reversal per entry) is refused by an error, not skipped.
    """
    if entry.reverses_id is not None:
        return _reversal_insert(entry)
    fields = LedgerEntry._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(LedgerEntry._meta.db_table)} ({columns}) VALUES ({marks}) "  # noqa: S608 - our columns; values bound
            f"ON CONFLICT ({quote('id')}) DO NOTHING",
            [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields],
        )
        inserted = cursor.rowcount == 1
    entry._state.adding, entry._state.db = False, connection.alias
    return inserted


def _reversal_insert(entry: LedgerEntry) -> bool:
    if LedgerEntry.objects.filter(pk=entry.pk).exists():
        return False
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        # A concurrent request with the same key committed first, or the entry is reversed.
        if LedgerEntry.objects.filter(pk=entry.pk).exists():
            return False
        raise Conflict(
            _("That entry has been reversed already."), code=Code.ALREADY_REVERSED
        ) from None
    return True


def same_or_conflict(actor, entry: LedgerEntry, digest: str) -> LedgerEntry:
    if entry.fingerprint != digest:
        # The entry is the caller's own, but its fund may have been re-marked out of reach
        # since: name the earlier request only while the caller may still read its fund.
        named = {"key": key_of(entry.pk)}
        if can_view(actor, entry.fund):
            said = _(
                "The idempotency key '%(key)s' was already used for a different request (the "
                "%(kind)s of %(day)s). Use a new key for a new request; resend the same request "
                "unchanged to retry it."
            )
            named |= {"kind": entry.get_kind_display().lower(), "day": format_day(entry.value_date)}
        else:
            said = _(
                "The idempotency key '%(key)s' was already used for a different request. Use a new "
                "key for a new request; resend the same request unchanged to retry it."
            )
        raise Conflict(said % named, code=Code.IDEMPOTENCY_CONFLICT)
    return entry


def _apply(fund, entry, named: dict, t: Transfer, day: date) -> None:
    check_transfer(t)
    pending_id = None
    x = t.amount
    if t.phase in (Phase.SINGLE, Phase.PENDING):
        field = "posted" if t.phase is Phase.SINGLE else "pending"
        moved, moved_c = {f"debits_{field}": x}, {f"credits_{field}": x}
    else:
        pending_id = t.pending_id
        took = LedgerPending.objects.filter(transfer_id=pending_id, remaining__gte=x).update(
            remaining=F("remaining") - x
        )
        if took != 1:
            left = (
                LedgerPending.objects.filter(transfer_id=pending_id)
                .values_list("remaining", flat=True)
                .first()
                or 0
            )
            raise Conflict(
                _(
                    "Only %(left)s is left on that commitment; %(amount)s is more. Disburse at "
                    "most what is left, or record a new commitment first."
                )
                % {
                    "left": format_money(left, fund.currency),
                    "amount": format_money(x, fund.currency),
                },
                code=Code.EXCEEDS_COMMITMENT,
            )
        moved = {"debits_pending": -x}
        moved_c = {"credits_pending": -x}
        if t.phase is Phase.POST:
            moved["debits_posted"] = x
            moved_c["credits_posted"] = x
    ids = _bump_both(fund, named, (t.debit, moved), (t.credit, moved_c))
    row = LedgerTransfer.objects.create(
        id=t.id,
        entry=entry,
        fund=fund,
        debit_id=ids[t.debit],
        credit_id=ids[t.credit],
        amount=x,
        phase=str(t.phase),
        pending_id=pending_id,
        value_date=day,
    )
    if t.phase is Phase.PENDING:
        LedgerPending.objects.create(transfer=row, remaining=x)


def _bump_both(fund, named, *changes) -> dict[str, int]:
    """Update a transfer's two accounts in the order of their keys (``"cash"`` before
    ``"donor:DEU"``): every writer takes the row locks in the same order, so concurrent postings
    (a contribution and a refund of the same donor) cannot deadlock on PostgreSQL. Returns the
    accounts' ids by key."""
    return {
        account: _bump(fund, named, account, deltas)
        for account, deltas in sorted(changes, key=lambda change: change[0])
    }


def _bump(fund, named: dict, account: str, deltas: dict[str, int]) -> int:
    """``UPDATE account SET ... WHERE <its key> AND <the limit still holds after the change>
    RETURNING id``; opens the fund's missing accounts and tries once more if none was found.

    Raw SQL because the ORM's ``update()`` returns a count, not the row's id, and the id is
    what the transfer's row needs: read here, it spares reading the fund's accounts (a round
    trip) before every posting.
    """
    kind, iso3 = postings.split(account)
    nation = named.get(iso3) if iso3 else None
    nation_id = nation.pk if nation is not None else None
    if iso3 and nation_id is None:
        # A nation the caller did not name (a reversal's): its account exists, or it is a bug.
        nation_id = accounts_of(fund)[account].nation_id
    d = {
        k: deltas.get(k, 0)
        for k in ("debits_pending", "debits_posted", "credits_pending", "credits_posted")
    }
    limit = postings.LIMITS[kind]
    # How much the limited side grows beyond what the other side grows by.
    grows, condition = 0, ""
    if limit == Limit.CREDITS_LIMITED:
        grows = d["credits_posted"] + d["credits_pending"] - d["debits_posted"]
        condition = "debits_posted >= credits_posted + credits_pending + %s"
    elif limit == Limit.DEBITS_LIMITED:
        grows = d["debits_posted"] + d["debits_pending"] - d["credits_posted"]
        condition = "credits_posted >= debits_posted + debits_pending + %s"
    sets = ", ".join(f"{name} = {name} + %s" for name in deltas)
    where = "fund_id = %s AND kind = %s AND " + (
        "nation_id = %s" if nation_id is not None else "nation_id IS NULL"
    )
    if grows > 0:
        where += f" AND {condition}"
    sql = f"UPDATE funds_ledgeraccount SET {sets} WHERE {where} RETURNING id"  # noqa: S608 - our columns; values bound
    params = [*deltas.values(), fund.pk, kind]
    params += [nation_id] if nation_id is not None else []
    params += [grows] if grows > 0 else []
    for attempt in (1, 2):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is not None:
            return row[0]
        if attempt == 1 and account not in accounts_of(fund):
            accounts_open(fund, [nation] if nation is not None else ())
            continue
        break
    refuse_overdraft(fund, accounts_of(fund)[account], grows)


def refuse_overdraft(fund, account: LedgerAccount, grows: int) -> None:
    if account.kind == "donor":
        paid = account.credits_posted - account.debits_posted - account.debits_pending
        shown = format_money(paid, fund.currency)
        raise InsufficientFunds(
            _(
                "Refused: %(nation)s has paid in only %(paid)s net of refunds; a refund or "
                "reversal cannot exceed that."
            )
            % {"nation": account.nation, "paid": shown},
            errors={"amount": [_("at most %(paid)s") % {"paid": shown}]},
        )
    cash = account.debits_posted - account.credits_posted
    left = cash - account.credits_pending
    figures = {
        "left": format_money(left, fund.currency),
        "cash": format_money(cash, fund.currency),
        "committed": format_money(account.credits_pending, fund.currency),
        "amount": format_money(grows, fund.currency),
    }
    raise InsufficientFunds(
        _(
            "Refused: the fund has only %(left)s available (cash %(cash)s minus open commitments "
            "%(committed)s); %(amount)s is more. Use at most the available amount, or record a "
            "contribution first."
        )
        % figures,
        errors={"amount": [_("available: %(left)s") % figures]},
    )


def transfers_of(entry: LedgerEntry) -> list[Transfer]:
    """An entry's transfers as the engine sees them (account keys, phases)."""
    rows = (
        LedgerTransfer.objects.filter(entry=entry)
        .select_related("debit__nation", "credit__nation")
        .order_by("id")
    )
    return [engine_transfer(r) for r in rows]


def engine_transfer(row: LedgerTransfer) -> Transfer:
    def key(a):
        return postings.key(a.kind, a.nation.iso3 if a.nation_id else None)

    return Transfer(
        row.id,
        key(row.debit),
        key(row.credit),
        row.amount,
        Phase(row.phase),
        row.pending_id,
        row.value_date,
    )


def remaining_of(transfer_ids) -> dict[str, int]:
    return dict(
        LedgerPending.objects.filter(transfer_id__in=list(transfer_ids)).values_list(
            "transfer_id", "remaining"
        )
    )
