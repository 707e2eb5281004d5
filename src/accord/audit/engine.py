"""The audit chain's rules as pure functions: canonical content, digests, and verification.

No Django here: the verifier reads rows as plain dicts, so it can be tested exhaustively and run
over millions of rows at the speed of ``hashlib``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

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


def _canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(entry: dict) -> bytes:
    """The bytes an entry's digest is computed over: sorted-key JSON, UTC times, no whitespace."""
    content = {name: entry[name] for name in DIGEST_FIELDS}
    content["occurred_at"] = _canonical_time(content["occurred_at"])
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_digest(entry: dict, key: bytes) -> str:
    return hmac.new(key, canonical_bytes(entry), hashlib.sha256).hexdigest()


def chain_hash(prev_hash: str, entry_id: int, digest: str) -> str:
    return hashlib.sha256(f"{prev_hash}:{entry_id}:{digest}".encode()).hexdigest()


@dataclass
class Break:
    """The first broken link: where, and what was found there."""

    seq: int | None
    entry_id: int | None
    reason: str

    def __str__(self):
        where = f"seal {self.seq}" if self.seq is not None else "unsealed"
        return f"entry {self.entry_id} ({where}): {self.reason}"


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
            report.breaks.append(Break(seal["seq"], seal["entry_id"], problem))
            return report
        expected_prev, expected_seq = seal["chain_hash"], expected_seq + 1
        report.sealed_checked += 1
        report.head_hash = seal["chain_hash"]
    return report


def _check_link(seal: dict, entry: dict | None, expected_prev: str, expected_seq: int, key: bytes):
    if seal["seq"] != expected_seq:
        return (
            f"seal {expected_seq} is missing (next seal found is {seal['seq']}): a seal was deleted"
        )
    if seal["prev_hash"] != expected_prev:
        return "its seal does not follow the previous one: a seal was inserted or edited"
    if entry is None:
        return "the entry is missing: it was deleted"
    digest = entry_digest(entry, key)
    if not hmac.compare_digest(digest, entry["digest"]):
        return (
            "its content does not match its digest: the row was edited or written without the key"
        )
    if seal["chain_hash"] != chain_hash(seal["prev_hash"], seal["entry_id"], entry["digest"]):
        return "its seal's hash does not match: the seal or the entry's digest was edited"
    return None


def check_unsealed(entries: Iterable[dict], key: bytes, report: Report) -> Report:
    """Entries not yet sealed must still carry a valid digest; count them as pending."""
    for entry in entries:
        if not hmac.compare_digest(entry_digest(entry, key), entry["digest"]):
            report.breaks.append(
                Break(None, entry["id"], "it was not written by Accord (its digest is not valid)")
            )
            return report
        report.pending += 1
    return report
