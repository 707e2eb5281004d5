"""Two ``accord serve`` and two ``accord worker`` over one PostgreSQL: the deployment of an HQ
(docs/operations.md, "From one machine to an HQ"). Clients write through both servers at once;
every answer is a success or a documented refusal, decision numbers never collide or skip, the
fund's balance is exact to the cent, and the audit chain, sealed by the workers, verifies.

Each wait polls for a condition with a generous deadline: nothing here depends on the machine's
speed.
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from accord.access import system_principal
from accord.audit.models import AuditPending
from accord.audit.selectors import audit_verify
from accord.core.models import Nation, User
from accord.core.services import api_token_create
from accord.council.models import Decision
from accord.funds import selectors, services
from accord.funds.inputs import FundValues
from accord.jobs.models import WorkerBeat
from tests.jobs.test_worker_processes import (
    ROOT,
    _accord,
    _answers,
    _environment,
    _free_port,
    _stop,
    _until,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITES_PER_KIND = 24  # decisions, contributions and disbursements: 72 writes in all
DAY = date(2014, 6, 2)
DOCUMENTED_REFUSALS = {409: {"insufficient_funds"}}


def _server(port: int, tmp_path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env={**_environment(), "ACCORD_VAR_DIR": str(tmp_path / f"var-{port}")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _post(port: int, path: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1{path}",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def _token(username: str) -> str:
    _, secret = api_token_create(actor=User.objects.get(username=username), name="two servers")
    return secret


def _writes(fund_code: str) -> list[tuple[str, str, dict]]:
    """(persona, path, body): decisions by the secretariat; contributions and disbursements
    by the fund manager, interleaved so that disbursements race the money coming in."""
    writes = []
    for i in range(WRITES_PER_KIND):
        writes.append(
            (
                "secretariat",
                "/council/decisions",
                {
                    "body": "nrc",
                    "title": f"Two servers {i}",
                    "text": "Adopted through either server.",
                    "adopted_on": DAY.isoformat(),
                },
            )
        )
        writes.append(
            (
                "fund-manager",
                f"/funds/funds/{fund_code}/contributions",
                {"nation": "DEU", "amount": "100.00", "currency": "EUR", "day": DAY.isoformat()},
            )
        )
        writes.append(
            (
                "fund-manager",
                f"/funds/funds/{fund_code}/disbursements",
                {"amount": "150.00", "day": DAY.isoformat(), "payee": f"vendor {i}"},
            )
        )
    return writes


def test_two_servers_and_two_workers_over_one_database_keep_every_invariant(mission, tmp_path):
    fund = services.fund_create(
        actor=system_principal("two servers"),
        values=FundValues(code="two_servers", name="Two servers", currency="EUR"),
    )
    tokens = {name: _token(name) for name in ("secretariat", "fund-manager")}
    decisions_before = Decision.objects.count()
    ports = [_free_port(), _free_port()]
    processes = [_server(port, tmp_path) for port in ports]
    processes += [_accord("worker", "--worker-id", name) for name in ("w1", "w2")]
    try:
        for port, server in zip(ports, processes, strict=False):
            _until(lambda p=port: _answers(f"http://127.0.0.1:{p}/api/v1/openapi.json"),
                   f"the server on port {port}", server)  # fmt: skip
        _until(lambda: WorkerBeat.objects.count() == 2, "both workers' heartbeats")

        writes = _writes(fund.code)
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(
                pool.map(
                    lambda i: _post(ports[i % 2], writes[i][1], tokens[writes[i][0]], writes[i][2]),
                    range(len(writes)),
                )
            )
        # Every answer a success or a documented refusal: no 500, no lost write.
        unexpected = [
            (writes[i][1], status, body)
            for i, (status, body) in enumerate(answers)
            if status not in (200, 201)
            and body.get("code") not in DOCUMENTED_REFUSALS.get(status, set())
        ]
        assert not unexpected, unexpected

        # Decision numbers: one each, none twice, none skipped.
        new = Decision.objects.filter(title__startswith="Two servers")
        assert new.count() == WRITES_PER_KIND == Decision.objects.count() - decisions_before
        numbers = sorted(int(r.rsplit("-", 1)[1]) for r in new.values_list("reference", flat=True))
        assert numbers == list(range(numbers[0], numbers[0] + WRITES_PER_KIND))

        # The fund: exactly what was accepted, to the cent; never overdrawn.
        accepted = {
            kind: sum(
                1
                for i, (status, _) in enumerate(answers)
                if status == 201 and writes[i][1].endswith(kind)
            )
            for kind in ("contributions", "disbursements")
        }
        assert accepted["contributions"] == WRITES_PER_KIND
        statement = selectors.fund_statement(actor=system_principal("check"), fund=fund).statement
        assert statement.received == accepted["contributions"] * 100_00
        assert statement.disbursed == accepted["disbursements"] * 150_00
        assert statement.available == statement.received - statement.disbursed >= 0

        # The workers seal the chain on their schedule; then it verifies from its first entry.
        _until(lambda: not AuditPending.objects.exists(),
               "the workers to seal every entry")  # fmt: skip
        assert audit_verify().ok
    finally:
        for process in processes:
            _stop(process)
            process.stderr.close()
    assert Nation.objects.filter(iso3="DEU").exists()
