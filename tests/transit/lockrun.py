"""Runs against a file-based SQLite copy of the test database, in a process of its own, for
``test_write_lock.py``: SQLite's write lock only behaves as in production on a file (the suite's
in-memory database shares one cache and locks differently).

    python -m tests.transit.lockrun race DB     a 20,000-row import while disbursements arrive
    python -m tests.transit.lockrun busy DB     requests while another process holds the lock

Prints one JSON report on stdout. Requests go through Django's test client, so the middleware,
token authentication and the API's error handlers all run, each thread on its own connection.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from datetime import date, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

ROWS = 20_000
DISBURSERS = 20


def setup(db: str, timeout: float | None = None) -> None:
    os.environ.pop("ACCORD_TEST_DATABASE_URL", None)
    os.environ["ACCORD_DATABASE_URL"] = f"sqlite:///{db}"
    import django
    from django.conf import settings

    django.setup()
    if timeout is not None:
        # Only the "busy" run shortens SQLite's busy timeout: it holds the lock on purpose, and
        # a short wait keeps the run short. The race keeps the production setting.
        settings.DATABASES["default"]["OPTIONS"]["timeout"] = timeout


def token_for(username: str) -> str:
    from accord.core.models import User
    from accord.core.services import api_token_create

    _token, secret = api_token_create(actor=User.objects.get(username=username), name="lockrun")
    return secret


def funded(code: str, euros: int):
    """A fund of its own with money to pay out, so that no disbursement lacks funds."""
    from accord.access import system_principal
    from accord.core.models import Nation
    from accord.funds import services
    from accord.funds.inputs import FundValues

    system = system_principal("lockrun")
    fund = services.fund_create(
        actor=system, values=FundValues(code=code, name=code, currency="EUR")
    )
    services.contribution_record(
        actor=system,
        fund=fund,
        nation=Nation.objects.get(iso3="DEU"),
        amount=str(euros),
        currency="EUR",
        day=date(2013, 3, 1),
    )
    return fund


def carrier_csv(rows: int) -> str:
    """``rows`` departure reports spread over every shipment, each at its own minute."""
    from accord.transit.models import Shipment

    references = list(Shipment.objects.order_by("reference").values_list("reference", flat=True))
    start = datetime(2013, 6, 1, 0, 0)
    lines = ["shipment,event,at,node,delay_days,note"]
    for n in range(rows):
        at = (start + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(f"{references[n % len(references)]},departed,{at},,0,report {n}")
    return "\n".join(lines) + "\n"


def answer(response) -> dict:
    return {
        "status": response.status_code,
        "retry_after": response.headers.get("Retry-After"),
        "content_type": response.headers.get("Content-Type", ""),
        "body": response.content.decode("utf-8", "replace")[:2000],
    }


def race(db: str) -> dict:
    """The import runs through the API while DISBURSERS threads send disbursements through the
    API, each as many as it can until the import has answered (at least one each). The import
    is the request's own here, not the worker's: a file of this size stays in the request."""
    os.environ["ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS"] = str(ROWS)
    setup(db)
    from django.db import connections
    from django.test import Client

    fund = funded("lockrun_race", 10_000_000)
    pay_token, import_token = token_for("fund-manager"), token_for("logistician")
    text = carrier_csv(ROWS)
    connections.close_all()
    done = threading.Event()
    results: list[dict] = []
    imported: dict = {}
    lock = threading.Lock()
    barrier = threading.Barrier(DISBURSERS + 1)

    def importer():
        try:
            barrier.wait()
            response = Client().post(
                "/api/v1/transit/shipments/events/import",
                {"csv": text, "filename": "race.csv"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {import_token}",
            )
            imported.update(answer(response))
        finally:
            done.set()
            connections.close_all()

    def disburser(i: int):
        client = Client()
        try:
            barrier.wait()
            sent = 0
            while sent == 0 or (not done.is_set() and sent < 50):
                response = client.post(
                    f"/api/v1/funds/funds/{fund.code}/disbursements",
                    {"amount": "1", "day": "2013-03-02", "payee": f"vendor {i}-{sent}"},
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {pay_token}",
                )
                sent += 1
                with lock:
                    results.append(answer(response))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=importer)]
    threads += [threading.Thread(target=disburser, args=(i,)) for i in range(DISBURSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    from accord.funds.models import Disbursement
    from accord.transit.models import ShipmentEvent

    return {
        "finished": not any(thread.is_alive() for thread in threads),
        "import": imported,
        "disbursements": results,
        "events_stored": ShipmentEvent.objects.filter(reported_by="import:race.csv").count(),
        "disbursements_stored": Disbursement.objects.filter(fund=fund).count(),
    }


def busy(db: str) -> dict:
    """Another process holds SQLite's write lock; requests that must write answer 503 with
    Retry-After after the busy timeout, reads still answer, and nothing is written."""
    setup(db, timeout=1)
    from django.db import connections
    from django.test import Client

    from accord.core.models import User
    from accord.funds.models import Disbursement
    from accord.transit.models import TransitNode

    fund = funded("lockrun_busy", 1000)
    pay_token = token_for("fund-manager")
    page = Client()
    page.force_login(User.objects.get(username="logistician"))
    route_token = token_for("logistician")
    for token in (pay_token, route_token):
        # A token notes when it was first used (a write): use each once before the lock is taken.
        Client().get("/api/v1/transit/nodes", HTTP_AUTHORIZATION=f"Bearer {token}")
    before = {
        "disbursements": Disbursement.objects.filter(fund=fund).count(),
        "nodes": TransitNode.objects.count(),
    }
    connections.close_all()

    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, as a long write would hold it
    try:
        api = Client().post(
            f"/api/v1/funds/funds/{fund.code}/disbursements",
            {"amount": "1", "day": "2013-03-02", "payee": "vendor"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {pay_token}",
        )
        web = page.post(
            "/transit/nodes/new/",
            {
                "code": "lockrun_node",
                "name": "Lock run",
                "country": "LVA",
                "kinds": "rail_terminal",
                "latitude": "56.90000",
                "longitude": "24.10000",
                "notes": "",
            },
        )
        route = Client().post(
            "/api/v1/transit/routes",
            {
                "origin": "riga",
                "destination": "mazar_rail",
                "cargo_class": "non_lethal",
                "direction": "to_afghanistan",
                "on_date": "2013-06-01",
                "shipper": ["USA"],
            },
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {route_token}",
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    connections.close_all()
    after = {
        "disbursements": Disbursement.objects.filter(fund=fund).count(),
        "nodes": TransitNode.objects.count(),
    }
    return {
        "api": answer(api),
        "web": answer(web),
        "route": answer(route),
        "before": before,
        "after": after,
    }


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    report = {"race": race, "busy": busy}[mode](path)
    sys.stdout.write("\n" + json.dumps(report) + "\n")
