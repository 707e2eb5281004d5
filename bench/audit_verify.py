"""Audit-chain verification throughput, against hashlib.sha256 over the same bytes.

Builds a trail of ``BENCH_AUDIT_ENTRIES`` entries (default 100,000) with ``accord seed`` in a fresh
database, times ``audit_verify()`` over the whole chain (best of two), and as the anchor times
one ``hashlib.sha256`` per entry over the very canonical bytes the verifier authenticates. The
ratio says how close verification comes to the cost of hashing alone; what is left is reading the
rows, the HMAC and the chain hash.

    python bench/audit_verify.py          # a temporary SQLite database
    createdb -h 127.0.0.1 -U postgres accord_bench
    export ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_bench
    python bench/audit_verify.py
"""

from __future__ import annotations

import hashlib
import os
import sys
import time

from benchlib import bench_environment, prepare_database, report

ENTRIES = int(os.environ.get("BENCH_AUDIT_ENTRIES", "100000"))
VERIFY_ROUNDS = 2  # each a full pass; the best is kept
HASH_ROUNDS = 5


def main() -> None:
    bench_environment()
    seeded_in = prepare_database(scale=max(1, ENTRIES // 10))

    from accord.audit import engine
    from accord.audit.models import AuditEntry
    from accord.audit.selectors import audit_verify

    verify_times = []
    for _ in range(VERIFY_ROUNDS):
        started = time.perf_counter()
        result = audit_verify()
        verify_times.append(time.perf_counter() - started)
        if not result.ok:
            sys.exit(f"audit_verify: the chain is broken at {result.first_break}")
    checked = result.sealed_checked + result.pending

    # The anchor: the same canonical bytes, read once, hashed once each with plain SHA-256.
    rows = AuditEntry.objects.order_by("id").values(*engine.DIGEST_FIELDS).iterator(5000)
    payloads = [engine.canonical_bytes(row) for row in rows]
    sha256 = hashlib.sha256
    hash_times = []
    for _ in range(HASH_ROUNDS):
        started = time.perf_counter()
        for payload in payloads:
            sha256(payload).digest()
        hash_times.append(time.perf_counter() - started)

    verify_rate = checked / min(verify_times)
    hash_rate = len(payloads) / min(hash_times)
    megabytes = sum(map(len, payloads)) / 1e6
    from django.db import connection

    print(
        f"# {checked:,} entries ({megabytes:.1f} MB canonical) on {connection.vendor}, "
        f"seeded in {seeded_in:.1f} s; verify {min(verify_times):.2f} s, "
        f"sha256 {min(hash_times) * 1000:.1f} ms",
        flush=True,
    )
    report(
        "audit_verify",
        verify_rate,
        "entries/s",
        verify_rate / hash_rate,
        "sha256 over the same bytes",
    )


if __name__ == "__main__":
    main()
