"""The audit chain's rules as pure functions: canonical content, digests, and verification.

No Django here: the verifier reads rows as plain dicts, so it can be tested exhaustively and run
over millions of rows at the speed of ``hashlib``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring as _encode_text

GENESIS = "0" * 64

# The fields of an entry that its digest covers, in this order. The id is left out on purpose:
# it is known only after the insert, and the seal binds the id into the chain instead.
DIGEST_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_name",
    "action",
    "outcome",
    "error_code",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "marking",
    "owner_nation_id",
    "via",
)


# --- what an entry may say after a re-marking ------------------------------------------------

PUBLIC = "PUBLIC"
WITHHELD_PREFIX = "(withheld: was marked"


def _value_before(changes: dict, names: tuple[str, ...], current):
    for name in names:
        pair = changes.get(name)
        if isinstance(pair, list) and len(pair) == 2:
            return pair[0]
    return current


def withhold_if_widened(changes: dict, marking: str, owner: int | None) -> dict:
    """``changes`` as they may be read under the record's marking after the write.

    An entry is read under the marking the record has once it is written. When the write widened
    who may read the record, the values it held before were for the narrower readers only, so
    the entry keeps the new values and says how the old ones were marked instead of showing
    them; the earlier entries, still under the old marking, hold the old values for their
    readers, so nothing is lost. Who reads what is compared conservatively: only an unchanged
    marking and owner, or a record that was PUBLIC before, count as not widening. The marking's
    own old value stays: the withheld values name it anyway.
    """
    before = _value_before(changes, ("marking",), marking)
    before_owner = _value_before(changes, ("owner_nation", "owner_nation_id"), owner)
    if before is None or before == PUBLIC or (before, before_owner) == (marking, owner):
        return changes  # a creation, or nobody new reads the old values
    withheld = f"{WITHHELD_PREFIX} {before})"
    return {
        name: [withheld, value[1]]
        if isinstance(value, list) and len(value) == 2 and name != "marking"
        else value
        for name, value in changes.items()
    }


def _canonical_time(value: datetime) -> str:
    if value.tzinfo is UTC:
        return _utc_text(value)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Cached: a bulk write dates all its entries with one instant (close-due's ten thousand). Only
# for times in UTC, whose equal values are one instant; an hour a zone repeats compares equal to
# its repetition (``fold``), and would be given the other's text.
@functools.lru_cache(maxsize=64)
def _utc_text(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class CanonicalJSONEncoder(json.JSONEncoder):
    """JSON as the canonical bytes write it: sorted keys, no whitespace, text left unescaped.

    An entry's ``changes`` are stored in this form too, so that on SQLite their text is the very
    text the canonical bytes hold and the verifier compares them as text (``json.dumps`` passes
    its defaults to the encoder, hence the override)."""

    def __init__(self, **options):
        options.update(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        super().__init__(**options)


# One encoder for every entry: ``json.dumps(content, cls=CanonicalJSONEncoder)`` makes the same
# text, but builds an encoder per call, which a bulk write (close-due's ten thousand entries)
# paid for per entry. An encoder keeps no state between calls.
_CANONICAL = CanonicalJSONEncoder()


def canonical_bytes(entry: dict) -> bytes:
    """The bytes an entry's digest is computed over: sorted-key JSON, UTC times, no whitespace."""
    content = {name: entry[name] for name in DIGEST_FIELDS}
    content["occurred_at"] = _canonical_time(content["occurred_at"])
    return _CANONICAL.encode(content).encode()


# The digest's fields in the order sorted-key JSON writes them.
_SORTED_FIELDS = tuple(sorted(DIGEST_FIELDS))


def canonical_many(entries: list[dict]) -> list[tuple[bytes, str]]:
    """Each entry's ``canonical_bytes`` and its changes' text as ``CanonicalJSONEncoder`` writes
    them (what the entry stores), for a bulk write: the changes encoded once for both, and the
    fields every entry gives the same value (their action, actor, time) written once for all of
    them. The very bytes ``canonical_bytes`` gives: sorted-key JSON of an object is its keys in
    order, each followed by its value written as that value alone would be."""
    if not entries:
        return []
    first, encode = entries[0], _CANONICAL.encode
    written = {name: _canonical_value(name, first[name]) for name in _SORTED_FIELDS}
    varying = [
        name
        for name in _SORTED_FIELDS
        if name == "changes" or not _shared(entries, name, first[name])
    ]
    # The text between the varying values: the shared fields' keys and values, written once.
    between, text = [], "{"
    for name in _SORTED_FIELDS:
        text += ("," if text != "{" else "") + encode(name) + ":"
        if name in varying:
            between.append(text)
            text = ""
        else:
            text += written[name]
    between.append(text + "}")
    at = varying.index("changes")
    made = []
    for entry in entries:
        values = [_canonical_value(name, entry[name]) for name in varying]
        parts = [between[0]]
        for value, after in zip(values, between[1:], strict=True):
            parts += (value, after)
        made.append(("".join(parts).encode(), values[at]))
    return made


def _shared(entries: list[dict], name: str, value) -> bool:
    """Whether every entry gives the field ``value``: the same time, or the same text, number or
    None of the same type (1 and True are equal, and written differently)."""
    if name == "occurred_at":
        # As written: equal times in one zone may be two instants (an hour the zone repeats).
        text = _canonical_time(value)
        return all(_canonical_time(entry[name]) == text for entry in entries)
    kind = type(value)
    return kind in _SCALARS and all(
        entry[name] == value and type(entry[name]) is kind for entry in entries
    )


_SCALARS = frozenset({str, int, bool, type(None)})


def _canonical_value(name: str, value) -> str:
    """A field's value as the canonical bytes write it."""
    if name == "occurred_at":
        value = _canonical_time(value)
    if type(value) is str:
        # What the encoder writes of a text, without its checks of every other type first.
        return _encode_text(value)
    return _CANONICAL.encode(value)


def entry_sign(canonical: bytes, key: bytes) -> str:
    """The digest of an entry's canonical bytes: HMAC-SHA256 under the audit key, in hex."""
    return hmac.digest(key, canonical, "sha256").hex()


def entry_digest(entry: dict, key: bytes) -> str:
    return entry_sign(canonical_bytes(entry), key)


def chain_hash(prev_hash: str, entry_id: int, digest: str) -> str:
    return hashlib.sha256(f"{prev_hash}:{entry_id}:{digest}".encode()).hexdigest()


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it here (this engine imports no
    Django); the pages translate it where they show it (``Break.said``)."""
    return message


_ = gettext_noop


def _as_written(message: str) -> str:
    return message


@dataclass
class Break:
    """The first broken link: where, and what was found there.

    ``problem`` is the finding as a message marked for translation, ``params`` the values it
    names; ``reason`` is it in English, as the command line and the logs say it.
    """

    seq: int | None
    entry_id: int | None
    problem: str
    params: dict = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return self.problem % self.params

    def said(self, translate: Callable[[str], str] = _as_written) -> str:
        """The break in a reader's words, ``translate`` being their language's gettext."""
        if self.seq is None:
            where = translate(_("unsealed"))
        else:
            where = translate(_("seal %(seq)s")) % {"seq": self.seq}
        return translate(_("entry %(entry)s (%(where)s): %(reason)s")) % {
            "entry": self.entry_id,
            "where": where,
            "reason": translate(self.problem) % self.params,
        }

    def __str__(self):
        return self.said()


@dataclass
class Report:
    sealed_checked: int = 0
    pending: int = 0
    head_hash: str = GENESIS
    breaks: list[Break] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> Break | None:
        return self.breaks[0] if self.breaks else None


def verify_chain(
    links: Iterable[tuple[dict, dict | None]], key: bytes, report: Report | None = None
) -> Report:
    """Walk the chain in ``seq`` order and check each seal against its entry.

    ``links`` yields ``(seal, entry)`` pairs in seq order; ``entry`` is None where the sealed
    entry no longer exists. A ``report`` from an earlier batch carries on where that one ended.
    Stops at the first break: every later link would break too and say nothing new.
    """
    report = report or Report()
    expected_prev, expected_seq = report.head_hash, report.sealed_checked + 1
    for seal, entry in links:
        problem = _check_link(seal, entry, expected_prev, expected_seq, key)
        if problem:
            report.breaks.append(Break(seal["seq"], seal["entry_id"], *problem))
            return report
        expected_prev, expected_seq = seal["chain_hash"], expected_seq + 1
        report.sealed_checked += 1
        report.head_hash = seal["chain_hash"]
    return report


_EDITED = (
    _("its content does not match its digest: the row was edited or written without the key"),
    {},
)


def _check_link(
    seal: dict,
    entry: dict | None,
    expected_prev: str,
    expected_seq: int,
    key: bytes,
    *,
    checked: bool = False,
):
    if seal["seq"] != expected_seq:
        return (
            _("seal %(expected)s is missing (next seal found is %(found)s): a seal was deleted"),
            {"expected": expected_seq, "found": seal["seq"]},
        )
    if seal["prev_hash"] != expected_prev:
        return _("its seal does not follow the previous one: a seal was inserted or edited"), {}
    if entry is None:
        return _("the entry is missing: it was deleted"), {}
    if not checked and not hmac.compare_digest(entry_digest(entry, key), entry["digest"]):
        return _EDITED
    if seal["chain_hash"] != chain_hash(seal["prev_hash"], seal["entry_id"], entry["digest"]):
        return _("its seal's hash does not match: the seal or the entry's digest was edited"), {}
    return None


# --- the streaming verifier: stored canonical bytes, one pass ------------------------------------

# The columns of one row of the stream, in this order: the seal, then its entry (None where the
# entry is missing): its digest, its stored canonical bytes, and whether its fields say what
# those bytes say (``same``; see ``fields_match``). The database compares the fields with the
# bytes as it reads them; the reader compares the rows it could not vouch for (``fields_match``).
STREAM_COLUMNS = ("seq", "entry_id", "prev_hash", "chain_hash", "digest", "canonical", "same")
_CHANGES = DIGEST_FIELDS.index("changes")


def fields_match(canonical: bytes | None, fields: tuple | list) -> bool:
    """Whether an entry's fields (in ``DIGEST_FIELDS`` order, ``occurred_at`` in the canonical
    text form and ``changes`` as JSON text) say what its canonical bytes say.

    The digest authenticates the bytes; this ties the fields people read to them, so an edit of
    either is found. Compared as decoded JSON, which costs less than encoding the fields again.
    """
    try:
        content = json.loads(canonical)
        values = list(fields)
        values[_CHANGES] = json.loads(values[_CHANGES])
    except (TypeError, ValueError):
        return False
    return content == dict(zip(DIGEST_FIELDS, values, strict=True))


def verify_stream(rows: Iterable[tuple], key: bytes, report: Report | None = None) -> Report:
    """``verify_chain`` over rows in ``STREAM_COLUMNS`` order, as one cursor streams them.

    Per row, only what cannot be left out: the links, the HMAC over the bytes stored at write
    time and the chain hash; the rare failing row is then examined for its reason. A ``report``
    from an earlier range (or a checkpoint) carries on where that one ended.
    """
    report = report or Report()
    expected_prev, expected_seq = report.head_hash, report.sealed_checked + 1
    sign, sha256, same_digest = hmac.digest, hashlib.sha256, hmac.compare_digest
    for row in rows:
        seq, entry_id, prev, link, digest, canonical, same = row
        if not (
            seq == expected_seq
            and prev == expected_prev
            and same
            and canonical is not None
            and same_digest(sign(key, canonical, "sha256").hex(), digest)
            and sha256(f"{prev}:{entry_id}:{digest}".encode()).hexdigest() == link
        ):
            problem = _row_problem(row, expected_prev, expected_seq, key)
            report.breaks.append(Break(seq, entry_id, *problem))
            break
        expected_prev, expected_seq = link, seq + 1
    report.sealed_checked = expected_seq - 1
    report.head_hash = expected_prev
    return report


def _authentic(canonical: bytes | None, digest: str, same, key: bytes) -> bool:
    return (
        canonical is not None
        and bool(same)
        and hmac.compare_digest(entry_sign(canonical, key), digest)
    )


def _row_problem(row: tuple, expected_prev: str, expected_seq: int, key: bytes) -> tuple:
    """Why a streamed row failed, in ``verify_chain``'s words and order of checks."""
    seq, entry_id, prev, link, digest, canonical, same = row
    seal = {"seq": seq, "entry_id": entry_id, "prev_hash": prev, "chain_hash": link}
    entry = None if digest is None else {"digest": digest}
    linked = seq == expected_seq and prev == expected_prev and entry is not None
    if linked and not _authentic(canonical, digest, same, key):
        return _EDITED
    return _check_link(seal, entry, expected_prev, expected_seq, key, checked=True) or _EDITED


# The columns of an unsealed entry's row: its id, digest, stored bytes, and whether its fields
# say what the bytes say, as above.
UNSEALED_COLUMNS = ("id", "digest", "canonical", "same")


def check_unsealed(rows: Iterable[tuple], key: bytes, report: Report) -> Report:
    """Entries not yet sealed (rows in ``UNSEALED_COLUMNS`` order) must still carry a valid
    digest over their stored bytes, and fields that say the same; count them as pending."""
    for entry_id, digest, canonical, same in rows:
        if not _authentic(canonical, digest, same, key):
            report.breaks.append(
                Break(None, entry_id, _("it was not written by Accord (its digest is not valid)"))
            )
            return report
        report.pending += 1
    return report


# --- checkpoints: the chain's head, signed and published outside the database -----------------

CHECKPOINT_FORMAT = "accord-audit-checkpoint/1"
CHECKPOINT_FIELDS = ("format", "head_seq", "head_hash", "entries", "made_at")


class CheckpointUnreadable(ValueError):
    """The text is not a checkpoint Accord wrote (not JSON, or fields missing or mistyped)."""


def checkpoint_sign(checkpoint: dict, key: bytes) -> str:
    """HMAC-SHA256 under the audit key over the checkpoint's fields, as sorted-key JSON."""
    content = {name: checkpoint[name] for name in CHECKPOINT_FIELDS}
    data = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def checkpoint_make(
    *, head_seq: int, head_hash: str, entries: int, made_at: datetime, key: bytes
) -> dict:
    """A signed checkpoint: what a later chain must still pass through."""
    checkpoint = {
        "format": CHECKPOINT_FORMAT,
        "head_seq": head_seq,
        "head_hash": head_hash,
        "entries": entries,
        "made_at": _canonical_time(made_at),
    }
    checkpoint["signature"] = checkpoint_sign(checkpoint, key)
    return checkpoint


def checkpoint_text(checkpoint: dict) -> str:
    return json.dumps(checkpoint, indent=2, sort_keys=True) + "\n"


def checkpoint_parse(text: str) -> dict:
    """Read a checkpoint's JSON; refuse anything that is not one (the signature is not checked)."""
    try:
        checkpoint = json.loads(text)
    except ValueError as exc:
        raise CheckpointUnreadable(f"it is not JSON ({exc})") from None
    if not isinstance(checkpoint, dict) or checkpoint.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointUnreadable(f"it does not say it is an {CHECKPOINT_FORMAT}")
    kinds = {"head_seq": int, "entries": int, "head_hash": str, "made_at": str, "signature": str}
    for name, kind in kinds.items():
        value = checkpoint.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise CheckpointUnreadable(f"its {name} is missing or not a {kind.__name__}")
    if checkpoint["head_seq"] < 0 or checkpoint["entries"] < 0:
        raise CheckpointUnreadable("its counts are negative")
    return checkpoint


def checkpoint_label(checkpoint: dict) -> str:
    return f"the checkpoint of seal {checkpoint['head_seq']} made {checkpoint['made_at']}"


def checkpoint_problem(
    checkpoint: dict,
    key: bytes,
    *,
    last_seq: int,
    seal_hash: str | None,
    sealed_up_to: int | None,
) -> str | None:
    """Why the chain no longer extends ``checkpoint``, or None if it does.

    ``last_seq`` is the chain's newest seal now, ``seal_hash`` the chain hash of the seal at the
    checkpoint's ``head_seq`` (None if there is none), ``sealed_up_to`` how many seals there are
    up to and including it (None when they were not counted: a check of what was added since
    does not read the seals before). The chain itself is verified separately
    (``verify_chain``).
    """
    if not hmac.compare_digest(checkpoint_sign(checkpoint, key), checkpoint["signature"]):
        return (
            "its signature does not match: the checkpoint was altered, or signed with another "
            "audit key"
        )
    seq = checkpoint["head_seq"]
    if seq == 0:
        return None  # made on an empty chain: every chain extends it
    if last_seq < seq:
        cut = seq - last_seq
        return (
            f"the chain now ends at seal {last_seq}, before the checkpoint's seal {seq}: "
            f"the newest {cut} sealed entr{'y was' if cut == 1 else 'ies were'} cut off"
        )
    if seal_hash is None or not hmac.compare_digest(seal_hash, checkpoint["head_hash"]):
        return (
            f"seal {seq} no longer has the hash the checkpoint recorded: the chain was rewritten "
            f"at or before seal {seq}"
        )
    if sealed_up_to is not None and sealed_up_to != checkpoint["entries"]:
        return (
            f"the chain holds {sealed_up_to} sealed entries up to seal {seq}, the checkpoint "
            f"recorded {checkpoint['entries']}"
        )
    return None


def parse_time(value: str) -> datetime:
    """The inverse of the canonical time format."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
