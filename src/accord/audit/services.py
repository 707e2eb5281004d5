"""Writes to the audit trail: recording changes and refusals, sealing the chain, and
publishing checkpoints of its head (delivered by ``accord.audit.delivery``).

Every service in Accord is wrapped by ``audited`` (or calls ``audit_record`` itself) so that its
write and the trail's entry commit together, and a refused attempt is recorded after the rollback.
"""

from __future__ import annotations

import functools
import logging
import time
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.access import Principal, principal_of
from accord.audit import delivery, engine
from accord.audit.models import AuditCheckpoint, AuditEntry, AuditPending, AuditSeal, Outcome
from accord.audit.selectors import audit_key
from accord.errors import AccordError, Code, PermissionDenied, ValidationFailed
from accord.inputs import Values
from accord.markings import Marking, Role
from accord.rows import EncodedJSON, insert_rows, prepared_row, unchanged_types

log = logging.getLogger(__name__)

# Any 64-bit number unique to this lock; PostgreSQL advisory locks are keyed by integers.
_SEAL_LOCK_KEY = 0x41CC0_5EA1
SEAL_BATCH = 2000
WITHHELD_PREFIX = engine.WITHHELD_PREFIX

# What follows the records written: apps above the trail (the search index) register a function
# of the records a service just wrote, called in the same transaction after their entries are
# appended, so what they derive from a record commits or rolls back with it. Every write passes
# here (a conditional UPDATE, a queryset delete, a bulk change), where a model signal would miss
# the writes that do not go through ``save()``.
_followers: list = []
# Per follower, which models it derives anything from (``follows(model)``).
_follows: dict = {}


def follow_writes(follower, follows) -> None:
    """Called once by an app when it is ready: ``follower(records, created=False)`` after each
    audited write; ``created`` says the records were just inserted as they are (nothing derived
    from them yet, no need to read them again). ``follows(model)`` says whether the follower
    derives anything from a model's records (``writes_followed``)."""
    if follower not in _followers:
        _followers.append(follower)
        _follows[follower] = follows
        _followed.cache_clear()


def writes_followed(model: type[models.Model]) -> bool:
    """Whether a follower derives anything from ``model``'s records: a writer whose records no
    follower follows may commit its write before ``audit_entry_written`` (the ledger's posting
    as one statement that is its own transaction), for nothing is written after it."""
    return _followed(model)


@functools.cache
def _followed(model: type[models.Model]) -> bool:
    """``writes_followed``, asked once per model (the ledger asks it at every posting); the
    followers are registered when their apps are ready, and a new one clears it."""
    return any(_follows[follower](model) for follower in _followers)


def _written(records: list, *, created: bool = False) -> None:
    for follower in _followers:
        follower(records, created=created)


def jsonable(value):
    """A field value as it is kept in ``changes``: JSON without floats, so digests are stable."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(str(jsonable(item)) for item in value)
    if isinstance(value, float):
        return repr(value)
    return value


def field_changes(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for the fields whose values differ."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = jsonable(before.get(name)), jsonable(after.get(name))
        if old != new:
            changes[name] = [old, new]
    return changes


def created_changes(obj: models.Model) -> dict:
    """``field_changes({}, snapshot(obj))`` for a record just created: every field from nothing,
    with the model's fields sorted once per model rather than once per record (the ledger writes
    thousands of contributions a second)."""
    if obj._meta.many_to_many:
        return field_changes({}, snapshot(obj))
    changes = {}
    for name, attname in _created_fields(obj._meta.model):
        value = jsonable(getattr(obj, attname))
        if value is not None:
            changes[name] = [None, value]
    return changes


@functools.cache
def _created_fields(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    """``(name, attname)`` of the fields ``snapshot`` gives, in ``field_changes``' order."""
    return tuple(
        sorted((f.name, f.attname) for f in model._meta.concrete_fields if f.name != "version")
    )


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The values of a record's concrete fields (and many-to-many ids), for ``field_changes``."""
    values = {}
    for field in obj._meta.concrete_fields:
        if fields is None or field.name in fields:
            values[field.name] = getattr(obj, field.attname)
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            if fields is None or field.name in fields:
                values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    values.pop("version", None)
    return values


# A record's own naming fields, in the order that names it best.
_LABEL_FIELDS = ("code", "reference", "number", "iso3", "name", "title", "username")


def label_of(obj: models.Model) -> str:
    """The entry's label for a record, from the record's own fields only.

    ``str(obj)`` often names related records (a contribution names its nation and site), and an
    entry is read under the record's marking, not theirs: a PUBLIC contribution at a NATO site
    must not name the site to a reader outside NATO. So the label is the kind of record and its
    own code or name, never a related record's.
    """
    return _labelled(obj, str(obj._meta.verbose_name))


def _labelled(obj: models.Model, kind: str) -> str:
    """``label_of`` with the kind of record given (a bulk write translates it once per model,
    not once per record)."""
    # The model by its options, not ``type(obj)``: a request's user is a lazy object around one.
    for attname in _label_attnames(obj._meta.model):
        value = getattr(obj, attname)
        if value not in (None, ""):
            return f"{kind} {value}"[:200]
    return f"{kind} #{obj.pk}"[:200]


@functools.cache
def _label_attnames(model: type[models.Model]) -> tuple[str, ...]:
    """The model's own naming fields, in ``_LABEL_FIELDS`` order (looked up once per model: a
    bulk write labels thousands of records)."""
    own = {f.name: f for f in model._meta.concrete_fields if not f.is_relation}
    return tuple(own[name].attname for name in _LABEL_FIELDS if name in own)


def _marking_of(obj, actor: Principal) -> tuple[str, int | None]:
    if obj is not None and hasattr(obj, "marking"):
        return obj.marking, getattr(obj, "owner_nation_id", None)
    if actor.nation_id is not None:
        # An entry about no particular record is read by the actor's own nation (and auditors
        # and administrators of it), not by everyone.
        return Marking.NATIONAL, actor.nation_id
    return Marking.NATO, None


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    outcome: str = Outcome.DONE,
    error_code: str = "",
    via: str = "",
    object_label: str = "",
) -> AuditEntry:
    """Append one entry. Call inside the service's transaction, after the write."""
    entry = audit_entry_build(
        actor=actor,
        action=action,
        obj=obj,
        changes=changes,
        outcome=outcome,
        error_code=error_code,
        via=via,
        object_label=object_label,
    )
    _append(entry)
    audit_entry_written(entry, obj)
    return entry


def audit_entry_build(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    outcome: str = Outcome.DONE,
    error_code: str = "",
    via: str = "",
    object_label: str = "",
) -> AuditEntry:
    """An entry as ``audit_record`` writes it (its canonical bytes and digest computed), not yet
    written: for a writer that inserts it inside a statement of its own (the ledger's posting
    in one statement), then calls ``audit_entry_written``."""
    return AuditEntry(
        **_entry_fields(
            principal_of(actor),
            action=action,
            obj=obj,
            changes=changes,
            outcome=outcome,
            error_code=error_code,
            via=via or _current_via(),
            object_label=object_label,
            object_repr=label_of(obj) if obj is not None else "",
            key=audit_key(),
        )
    )


def audit_entry_rows(*, actor, entries: list[tuple[str, models.Model, dict]]) -> list[tuple]:
    """Entries of done writes as ``audit_entry_build`` builds them, one per ``(action, record,
    changes)``, as rows to insert (``audit_entry_values``' order and preparation): for a writer
    that inserts many in a statement of its own (the ledger's batch of postings), without an
    ``AuditEntry`` instance per record. The caller then calls ``audit_entries_written``."""
    principal, via, key = principal_of(actor), _current_via(), audit_key()
    columns, unchanged = audit_entry_columns(), _unchanged_columns(connection.vendor)
    kinds: dict = {}
    rows = []
    for action, obj, changes in entries:
        fields = _entry_fields(
            principal,
            action=action,
            obj=obj,
            changes=changes,
            via=via,
            object_repr=_bulk_label(obj, kinds),
            key=key,
        )
        rows.append(tuple(prepared_row(columns, [fields[f.attname] for f in columns], unchanged)))
    return rows


@functools.cache
def _unchanged_columns(vendor: str) -> tuple:
    """``unchanged_types`` of ``audit_entry_columns()``, once per process and database."""
    return unchanged_types(audit_entry_columns())


def _entry_fields(principal: Principal, *, key: bytes, **values) -> dict:
    """An entry's field values (``_entry_values``), its canonical bytes and digest computed over
    them."""
    fields = _entry_values(principal, **values)
    fields["canonical"] = engine.canonical_bytes(fields)
    fields["digest"] = engine.entry_sign(fields["canonical"], key)
    return fields


def _entry_values(
    principal: Principal,
    *,
    action: str,
    obj: models.Model | None,
    changes: dict | None,
    via: str,
    object_repr: str,
    occurred_at=None,
    outcome: str = Outcome.DONE,
    error_code: str = "",
    object_label: str = "",
) -> dict:
    """An entry's field values, as every writer of the trail gives them (``occurred_at`` now
    unless given: a bulk write gives all its entries one instant)."""
    marking, owner = _marking_of(obj, principal)
    return {
        "occurred_at": occurred_at or timezone.now(),
        "actor_id": principal.user_id,
        "actor_name": principal.username,
        "action": action,
        "outcome": outcome,
        "error_code": error_code,
        "object_type": obj._meta.label_lower if obj is not None else object_label,
        "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
        "object_repr": object_repr,
        "changes": engine.withhold_if_widened(changes or {}, marking, owner),
        "marking": marking,
        "owner_nation_id": owner,
        "via": via,
    }


def _bulk_label(obj: models.Model, kinds: dict) -> str:
    """``label_of``, the kind of record translated once per model of a bulk write (``kinds``
    keeps them for the write) rather than once per record."""
    model = obj._meta.model
    if model not in kinds:
        kinds[model] = str(model._meta.verbose_name)
    return _labelled(obj, kinds[model])


@functools.cache
def audit_entry_columns() -> tuple[models.Field, ...]:
    """The fields an INSERT of an entry names (all but the id), in the order ``_append`` and
    ``audit_entry_values`` use (once per process: every audited write asks)."""
    return tuple(f for f in AuditEntry._meta.concrete_fields if not f.primary_key)


def audit_entry_tables() -> tuple[str, str]:
    """The tables a writer inserting an entry itself writes: the entries', and the sealing
    queue's (one ``entry_id`` column)."""
    return AuditEntry._meta.db_table, AuditPending._meta.db_table


def audit_entry_values(entry: AuditEntry) -> list:
    """The entry's values for an INSERT naming ``audit_entry_columns()``, prepared for the
    database."""
    return [f.get_db_prep_save(f.pre_save(entry, True), connection) for f in audit_entry_columns()]


def audit_entries_written(records: list[models.Model]) -> None:
    """After the entries of ``audit_entry_rows`` are inserted: seal them after the commit, and
    let the followers see the records written."""
    if records:
        transaction.on_commit(audit_seal_soon, robust=True)
        _written(records)


def audit_entry_written(entry: AuditEntry, obj: models.Model | None) -> None:
    """After an entry is inserted: seal it after the commit, and let the followers (the search
    index) see the record written."""
    transaction.on_commit(audit_seal_soon, robust=True)
    if obj is not None and entry.outcome == Outcome.DONE:
        _written([obj])


def _append(entry: AuditEntry) -> None:
    """Insert the entry and queue it for sealing.

    On PostgreSQL in one statement, raw SQL because the ORM sends each INSERT in a round trip of
    its own and every audited write pays for this one. The columns are the model's own, so a
    field added to the entry is written here too.
    """
    if connection.vendor != "postgresql":
        entry.save(force_insert=True)
        AuditPending.objects.create(entry_id=entry.pk)
        return
    fields = audit_entry_columns()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH written AS (INSERT INTO {quote(AuditEntry._meta.db_table)} ({columns}) "  # noqa: S608 - our columns; values bound
            f"VALUES ({marks}) RETURNING id) "
            f"INSERT INTO {quote(AuditPending._meta.db_table)} (entry_id) "
            "SELECT id FROM written RETURNING entry_id",
            audit_entry_values(entry),
        )
        entry.pk = cursor.fetchone()[0]
    entry._state.adding, entry._state.db = False, connection.alias


# When this process last sealed (``audit_seal_soon``): a monotonic clock's reading.
_last_seal = float("-inf")


def audit_seal_soon() -> int:
    """After a commit: seal, unless this process sealed less than ``ACCORD_AUDIT_SEAL_SECONDS``
    ago. Sealing is a transaction of its own with a commit (a disk flush) of its own: after every
    write it halved a busy server's writes. Within the interval the next write past it seals
    what waits, and the worker's periodic ``audit_seal`` whatever the last write left."""
    global _last_seal
    now = time.monotonic()
    if now - _last_seal < settings.ACCORD_AUDIT_SEAL_SECONDS:
        return 0
    _last_seal = now
    return audit_seal_pending()


def audit_append_many(entries: list[dict]) -> int:
    """Append prepared entries (synthetic data, imports) in bulk, each with its digest, queued
    for sealing. Unlike ``audit_record`` the caller sets ``occurred_at``: seeded data is dated."""
    if not entries:
        return 0
    key = audit_key()
    names = list(entries[0])
    at = names.index("changes")
    rows = []
    for entry, (canonical, changes) in zip(entries, engine.canonical_many(entries), strict=True):
        row = [entry[n] for n in names]
        # The changes as their digest's bytes hold them, not encoded a second time.
        row[at] = EncodedJSON(changes)
        rows.append((*row, canonical, engine.entry_sign(canonical, key)))
    # Rows, not model instances: building and preparing an instance per entry cost more than
    # the digests (close-due appends one entry per adopted text).
    ids = insert_rows(AuditEntry, [*names, "canonical", "digest"], rows, ids=True)
    insert_rows(AuditPending, ["entry_id"], [(pk,) for pk in ids])
    return len(ids)


def audit_record_many(
    *,
    actor,
    action: str,
    records: list[tuple[models.Model, dict]],
    created: list[models.Model] | None = None,
    sealed_by_worker: bool = False,
) -> int:
    """Append one entry per ``(record, changes)`` in bulk, in the caller's transaction, and seal
    them once after it commits: for services that change many records in one go (the council's
    close-due adopting thousands of texts), where one ``audit_record`` per row would dominate.

    The followers (the search index) are handed the records audited, or, when ``created`` is
    given, those records instead: the ones the write inserted, as inserted (close-due's
    decisions; an adoption changes nothing the followers derive from the texts audited).

    ``sealed_by_worker``: the entries are left in the sealing queue for the worker's
    ``audit_seal`` (every minute) rather than sealed after the commit: for a run of many
    transactions (close-due's batches), which would otherwise seal between its batches, its
    sealing and the sealing's own commits inside the run."""
    principal = principal_of(actor)
    now, via = timezone.now(), _current_via()
    kinds: dict = {}
    # ``_entry_values`` of each record, the fields every entry shares made once (the call per
    # entry cost a tenth of close-due's audit): the same fields, in the same order.
    shared = {
        "occurred_at": now,
        "actor_id": principal.user_id,
        "actor_name": principal.username,
        "action": action,
        "outcome": Outcome.DONE,
        "error_code": "",
    }
    entries = []
    for obj, changes in records:
        marking, owner = _marking_of(obj, principal)
        pk = obj.pk
        entries.append(
            {
                **shared,
                "object_type": obj._meta.label_lower,
                "object_id": str(pk) if pk is not None else "",
                "object_repr": _bulk_label(obj, kinds),
                "changes": engine.withhold_if_widened(changes or {}, marking, owner),
                "marking": marking,
                "owner_nation_id": owner,
                "via": via,
            }
        )
    count = audit_append_many(entries) if entries else 0
    if count:
        if not sealed_by_worker:
            transaction.on_commit(audit_seal_soon, robust=True)
        if created is None:
            _written([obj for obj, _changes in records])
        else:
            _written(created, created=True)
    return count


# The interface that is acting ("web", "api", "cli"), set per request by middleware and once by
# the command line; a context variable, so that threads serving requests do not mix them up.
_via: ContextVar[str] = ContextVar("accord_audit_via", default="")


def set_via(value: str) -> None:
    _via.set(value)


def _current_via() -> str:
    return _via.get()


def _stored(target) -> models.Model | None:
    """The target as the database holds it: the service may have changed it in memory before it
    refused (a field set to null, say), and its transaction was rolled back."""
    if not isinstance(target, models.Model) or target.pk is None:
        return None
    return target._meta.model._base_manager.filter(pk=target.pk).first()


def audit_refusal(
    *, actor, action: str, error: AccordError, target=None, asked: list[str] | None = None
) -> None:
    """Record a refused attempt in a transaction of its own (the service's was rolled back).

    The entry is built from the record as stored, never from the object the service touched,
    and names the fields that were asked for (``asked``), not their values: a refused value is
    the requester's, and must not be published under the record's marking.
    """
    changes = {"detail": error.detail[:500]}
    if asked:
        changes["asked"] = sorted(str(name) for name in asked)[:100]
    try:
        obj = _stored(target)
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=action,
                obj=obj,
                outcome=Outcome.REFUSED,
                error_code=error.code,
                changes=changes,
                object_label="" if obj is not None else action.split(".")[0],
            )
    except Exception:
        # The refusal stands whatever happens here; losing its record must not hide the error.
        log.exception("could not record refused %s", action)


# The action of the audited service that is running, so that its body names the action it
# audits without repeating the decorator's string (a context variable, as ``_via`` is).
_action: ContextVar[str] = ContextVar("accord_audit_action", default="")


def audited_action() -> str:
    """The action named by the ``@audited`` service that is running (for its audit entries)."""
    action = _action.get()
    if not action:
        raise RuntimeError("audited_action() is called only inside an @audited service")
    return action


def _refused(*, actor, action: str, error: AccordError, kwargs: dict) -> None:
    """Record a service's refused attempt: the first model instance among its arguments is the
    target, and the fields its ``values`` gave (or the keys of a ``data`` mapping), never their
    values, are the fields asked for."""
    target = next((v for v in kwargs.values() if isinstance(v, models.Model)), None)
    audit_refusal(actor=actor, action=action, error=error, target=target, asked=_asked(kwargs))


def _asked(kwargs: dict) -> list[str] | None:
    values, data = kwargs.get("values"), kwargs.get("data")
    if isinstance(values, Values):
        return list(values.given())
    return list(data) if isinstance(data, dict) else None


def audited(action: str):
    """Run a service in one transaction; on a domain error, record the refusal and re-raise.

    The service takes keyword-only arguments and an ``actor``; the first model instance among
    its arguments is the target named in a refusal's entry. Inside it, ``audited_action()`` is
    ``action``: the service names its action once, here.
    """

    def decorate(service):
        @functools.wraps(service)
        def run(*args, actor, **kwargs):
            token = _action.set(action)
            try:
                with transaction.atomic():
                    return service(*args, actor=actor, **kwargs)
            except AccordError as error:
                _refused(actor=actor, action=action, error=error, kwargs=kwargs)
                raise
            finally:
                _action.reset(token)

        run.audit_action = action
        return run

    return decorate


def refusals_audited(action: str):
    """Record a service's refused attempts like ``audited``, but open no transaction around it.

    For services that read or compute at length before a short write, or only read: a route
    query, a flow plan solved for up to ten minutes, a 20,000-row import validated. On SQLite a
    transaction holds the database's only write lock from its start, so such a service reads and
    computes with no transaction open and opens its own short one for its write; a refused
    attempt is still recorded, in a transaction of its own.
    """

    def decorate(service):
        @functools.wraps(service)
        def run(*args, actor, **kwargs):
            token = _action.set(action)
            try:
                return service(*args, actor=actor, **kwargs)
            except AccordError as error:
                _refused(actor=actor, action=action, error=error, kwargs=kwargs)
                raise
            finally:
                _action.reset(token)

        run.audit_action = action
        return run

    return decorate


def audit_seal_pending(limit: int | None = None) -> int:
    """Chain every committed, unsealed entry, oldest first. Returns how many it sealed.

    One sealer runs at a time (an advisory lock on PostgreSQL; SQLite serialises writers); a
    second caller returns at once, leaving the work to the first. UNIQUE(seq) and UNIQUE(entry)
    keep the chain whole even if two sealers ever raced.
    """
    sealed = 0
    while limit is None or sealed < limit:
        try:
            batch = _seal_batch(SEAL_BATCH if limit is None else min(SEAL_BATCH, limit - sealed))
        except IntegrityError:
            log.warning("another sealer sealed the same entries; leaving it the work")
            return sealed
        if batch is None:
            return sealed
        sealed += batch
        if batch < SEAL_BATCH:
            return sealed
    return sealed


def _try_seal_lock() -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_SEAL_LOCK_KEY])
        return cursor.fetchone()[0]


def _seal_batch(size: int) -> int | None:
    with transaction.atomic():
        if not _try_seal_lock():
            return None
        pending = _pending_digests(size)
        if not pending:
            return 0
        head = AuditSeal.objects.order_by("-seq").values_list("seq", "chain_hash").first()
        seq, prev = head if head else (0, engine.GENESIS)
        first = seq + 1
        now = timezone.now()
        seals, gone = [], []
        for entry_id, digest in pending:
            if digest is None:  # rolled back after queueing: nothing to seal
                gone.append(entry_id)
                continue
            seq += 1
            link = engine.chain_hash(prev, entry_id, digest)
            seals.append((seq, entry_id, prev, link, now))
            prev = link
        # Rows rather than instances, and the queue emptied of what the new seals name rather
        # than by a list of thousands of ids: close-due seals ten thousand entries a run.
        insert_rows(AuditSeal, ["seq", "entry_id", "prev_hash", "chain_hash", "sealed_at"], seals)
        AuditPending.objects.filter(
            entry_id__in=AuditSeal.objects.filter(seq__gte=first).values("entry_id")
        ).delete()
        if gone:
            AuditPending.objects.filter(entry_id__in=gone).delete()
        return len(pending)


def _pending_digests(size: int) -> list[tuple[int, str | None]]:
    """The first ``size`` entries waiting to be sealed, with their digests (``None`` for an
    entry rolled back after it was queued), in one query."""
    quote = connection.ops.quote_name
    pending, entries = quote(AuditPending._meta.db_table), quote(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.entry_id, e.digest FROM {pending} p "  # noqa: S608 - our tables
            f"LEFT JOIN {entries} e ON e.id = p.entry_id ORDER BY p.entry_id LIMIT %s",
            [size],
        )
        return cursor.fetchall()


# --- checkpoints ----------------------------------------------------------------------------------


def audit_checkpoint_publish(
    *, actor, output: str | None = None, url: str | None = None
) -> tuple[AuditCheckpoint, dict]:
    """Seal what is committed, sign the chain's head and publish it outside the database.

    The checkpoint goes to a file (``output``, written whole or not at all) or is POSTed as JSON
    to ``url``; only once delivered is it listed in ``AuditCheckpoint`` and the trail. Delivery
    runs outside any transaction, so a slow server never holds the database's write lock. A
    refusal or a failed delivery is recorded as a refused attempt. Returns the listed row and the
    checkpoint as published.
    """
    action = "audit.checkpoint"
    try:
        if (output is None) == (url is None):
            raise ValidationFailed(
                _("Give either a file or a URL to send the checkpoint to (one of them)."),
                code=Code.CHECKPOINT_DESTINATION,
            )
        if not principal_of(actor).has_role(Role.AUDITOR, Role.ADMINISTRATOR):
            raise PermissionDenied(_("Checkpoints are made by auditors and administrators."))
        audit_seal_pending()
        head = AuditSeal.objects.order_by("-seq").values_list("seq", "chain_hash").first()
        seq, head_hash = head if head else (0, engine.GENESIS)
        checkpoint = engine.checkpoint_make(
            head_seq=seq,
            head_hash=head_hash,
            entries=AuditSeal.objects.filter(seq__lte=seq).count(),
            made_at=timezone.now(),
            key=audit_key(),
        )
        text = engine.checkpoint_text(checkpoint)
        if output is not None:
            destination = delivery.write_file(text, output)
        else:
            destination = delivery.post(text, url)
        with transaction.atomic():
            row = AuditCheckpoint.objects.create(
                made_at=engine.parse_time(checkpoint["made_at"]),
                head_seq=seq,
                head_hash=head_hash,
                entries=checkpoint["entries"],
                signature=checkpoint["signature"],
                destination=destination[:500],
                actor_name=principal_of(actor).username,
            )
            audit_record(
                actor=actor,
                action=action,
                obj=row,
                changes={
                    "head_seq": seq,
                    "head_hash": head_hash,
                    "entries": checkpoint["entries"],
                    "destination": row.destination,
                },
            )
    except AccordError as error:
        audit_refusal(actor=actor, action=action, error=error)
        raise
    return row, checkpoint
