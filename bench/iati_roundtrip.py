"""IATI 2.03 publishing and import throughput, against plain lxml over the same file.

Builds one activity with ``BENCH_IATI_TRANSACTIONS`` transactions (default 20,000), then times
(best of three) ``export_activities`` (dataclasses to bytes), ``validate`` (the official XSD and
the codelist checks) and ``import_activities`` (safe parse, XSD, codelists, mapping back). The
anchor is lxml alone on the same bytes: one parse and one serialisation, the least any XML
round trip costs. No database is involved.

    python bench/iati_roundtrip.py
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from lxml import etree

from accord.funds.iati import (
    Activity,
    ActivityDate,
    ActivityDateType,
    ActivitySet,
    ActivityStatus,
    Money,
    Org,
    OrganisationRole,
    ParticipatingOrg,
    ReportingOrg,
    Transaction,
    TransactionType,
    export_activities,
    import_activities,
    validate,
)
from benchlib import report

TRANSACTIONS = int(os.environ.get("BENCH_IATI_TRANSACTIONS", "20000"))
ROUNDS = 3


def activity_set(count: int) -> ActivitySet:
    start = date(2013, 1, 1)
    donors = [Org(f"Donor {i}", f"XM-DAC-{i}", "10") for i in range(12)]
    nspa = Org("NATO Support and Procurement Agency", "XI-NSPA", "40")
    kinds = [
        TransactionType.INCOMING_PLEDGE,
        TransactionType.INCOMING_FUNDS,
        TransactionType.OUTGOING_COMMITMENT,
        TransactionType.DISBURSEMENT,
    ]
    transactions = []
    for i in range(count):
        day = start + timedelta(days=i % 3000)
        kind = kinds[i % 4]
        incoming = kind in (TransactionType.INCOMING_PLEDGE, TransactionType.INCOMING_FUNDS)
        transactions.append(
            Transaction(
                kind,
                day,
                Money(Decimal(1000 + i) / 100, "EUR", day),
                ref=f"T-{i:07d}",
                description=f"Entry {i}",
                provider=donors[i % 12] if incoming else None,
                receiver=None if incoming else nspa,
            )
        )
    activity = Activity(
        identifier="XI-IATI-NATO-BENCH",
        title="Benchmark trust fund",
        description="Synthetic transactions for the IATI benchmark.",
        status=ActivityStatus.IMPLEMENTATION,
        dates=[ActivityDate(ActivityDateType.ACTUAL_START, start)],
        participating_orgs=[
            ParticipatingOrg(OrganisationRole.FUNDING, d.name, d.ref, "10") for d in donors
        ],
        default_currency="EUR",
        recipient_country="AF",
        transactions=transactions,
    )
    reporting = ReportingOrg("XI-IATI-NATO", "40", "NATO")
    return ActivitySet(datetime(2026, 1, 1, tzinfo=UTC), reporting, [activity])


def best(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    data = activity_set(TRANSACTIONS)
    xml = export_activities(data)
    problems = validate(xml)
    if problems:
        raise SystemExit(f"the benchmark file is not valid: {problems[:3]}")
    if import_activities(xml) != data:
        raise SystemExit("the benchmark file does not round-trip")

    export_s = best(lambda: export_activities(data))
    validate_s = best(lambda: validate(xml))
    import_s = best(lambda: import_activities(xml))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    anchor_s = best(lambda: etree.tostring(etree.fromstring(xml, parser)))

    anchor_rate = TRANSACTIONS / anchor_s
    print(
        f"# {TRANSACTIONS:,} transactions, {len(xml) / 1e6:.1f} MB of XML; export "
        f"{export_s * 1000:.0f} ms, validate {validate_s * 1000:.0f} ms, import "
        f"{import_s * 1000:.0f} ms, lxml parse+serialise {anchor_s * 1000:.0f} ms",
        flush=True,
    )
    anchor = "lxml parse+serialise of the same file"
    for name, seconds in (
        ("iati_export", export_s),
        ("iati_validate", validate_s),
        ("iati_import", import_s),
    ):
        rate = TRANSACTIONS / seconds
        report(name, rate, "transactions/s", rate / anchor_rate, anchor)


if __name__ == "__main__":
    main()
