"""Audit-chain verification throughput, against the HMAC and the chain hash over the same bytes.

Builds a trail of ``BENCH_AUDIT_ENTRIES`` entries (default 100,000) with ``accord seed`` in a fresh
database, and times ``audit_verify()`` over the whole chain (best of two). The anchor is the work
that cannot be avoided, done in memory in one process: for each entry, in seal order, the HMAC
over its canonical bytes and the chain hash over the previous hash, its id and that digest. The
ratio says how close verification comes to it; what is left is reading the rows and checking
the fields against the bytes. Verification forks one worker process a core for a chain this
long, so the ratio counts on cores the rest of the machine leaves free: compare runs on a quiet
machine.

Then ``audit_verify_since``: a checkpoint of the head is made, ``BENCH_AUDIT_ADDED`` entries
(default 1 % of the trail) are added and sealed, and the seals after the checkpoint are verified.
Its ratio is its cost per added entry over the whole chain's cost per entry: about 1 when the
cost is in proportion to what was added since, whatever the length of the trail before it.

    python bench/audit_verify.py          # a temporary SQLite database
    createdb -h 127.0.0.1 -U postgres accord_bench
    export ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_bench
    python bench/audit_verify.py
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
import time

from benchlib import bench_environment, prepare_database, report

ENTRIES = int(os.environ.get("BENCH_AUDIT_ENTRIES", "100000"))
ADDED = int(os.environ.get("BENCH_AUDIT_ADDED", str(max(100, ENTRIES // 100))))
VERIFY_ROUNDS = 2  # each a full pass; the best is kept
ANCHOR_ROUNDS = 5


def anchor_seconds(key: bytes) -> tuple[int, float, float]:
    """(entries, megabytes, best seconds) of HMAC plus chain hash over the stored bytes."""
    from accord.audit import engine
    from accord.audit.models import AuditEntry, AuditSeal

    # The bytes every digest was computed over (as stored with each entry since they are kept).
    rows = AuditEntry.objects.values("id", *engine.DIGEST_FIELDS).iterator(5000)
    content = {row["id"]: engine.canonical_bytes(row) for row in rows}
    order = AuditSeal.objects.order_by("seq").values_list("entry_id", flat=True)
    payloads = [(entry_id, content[entry_id]) for entry_id in order.iterator(5000)]
    sign, sha256 = hmac.digest, hashlib.sha256
    times = []
    for _ in range(ANCHOR_ROUNDS):
        started = time.perf_counter()
        prev = engine.GENESIS
        for entry_id, payload in payloads:
            digest = sign(key, payload, "sha256").hex()
            prev = sha256(f"{prev}:{entry_id}:{digest}".encode()).hexdigest()
        times.append(time.perf_counter() - started)
    megabytes = sum(len(payload) for _, payload in payloads) / 1e6
    return len(payloads), megabytes, min(times)


def verify_whole() -> tuple[int, float]:
    from accord.audit.selectors import audit_verify

    times = []
    for _ in range(VERIFY_ROUNDS):
        started = time.perf_counter()
        result = audit_verify()
        times.append(time.perf_counter() - started)
        if not result.ok:
            sys.exit(f"audit_verify: the chain is broken at {result.first_break}")
    return result.sealed_checked + result.pending, min(times)


def verify_since() -> tuple[int, float]:
    """Checkpoint the head, add ``ADDED`` sealed entries, verify what came after it."""
    from accord.access import system_principal
    from accord.audit import engine
    from accord.audit.selectors import audit_verify_since
    from accord.audit.services import audit_checkpoint_publish, audit_record_many
    from accord.core.models import Site

    actor = system_principal("bench")
    _row, checkpoint = audit_checkpoint_publish(actor=actor, output=os.devnull)
    site = Site.objects.order_by("pk").first()
    audit_record_many(
        actor=actor,
        action="site.update",
        records=[(site, {"notes": ["", f"bench {n}"]}) for n in range(ADDED)],
    )
    from accord.audit.services import audit_seal_pending

    audit_seal_pending()
    checkpoint = engine.checkpoint_parse(engine.checkpoint_text(checkpoint))
    started = time.perf_counter()
    result, problem = audit_verify_since(checkpoint)
    seconds = time.perf_counter() - started
    if problem or not result.ok:
        sys.exit(f"audit_verify_since: {problem or result.first_break}")
    return result.sealed_checked - checkpoint["head_seq"] + result.pending, seconds


def main() -> None:
    bench_environment()
    seeded_in = prepare_database(scale=max(1, ENTRIES // 10))

    from django.db import connection

    from accord.audit.selectors import audit_key

    checked, verify_seconds = verify_whole()
    entries, megabytes, anchor = anchor_seconds(audit_key())
    print(
        f"# {checked:,} entries ({megabytes:.1f} MB canonical) on {connection.vendor}, "
        f"seeded in {seeded_in:.1f} s; verify {verify_seconds:.2f} s, "
        f"HMAC and chain hash of {entries:,} entries {anchor * 1000:.1f} ms",
        flush=True,
    )
    verify_rate, anchor_rate = checked / verify_seconds, entries / anchor
    report("audit_verify", verify_rate, "entries/s", verify_rate / anchor_rate, "HMAC + chain hash")
    added, since_seconds = verify_since()
    print(
        f"# since a checkpoint: {added:,} entries added after it, verified in "
        f"{since_seconds * 1000:.1f} ms",
        flush=True,
    )
    per_entry_since, per_entry_whole = since_seconds / added, verify_seconds / checked
    report(
        "audit_verify_since_checkpoint",
        since_seconds * 1000,
        "ms",
        per_entry_since / per_entry_whole,
        "the whole chain's cost per entry",
    )


if __name__ == "__main__":
    main()
