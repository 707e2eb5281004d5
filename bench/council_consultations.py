"""The council at scale: a body of 30 members with 10,000 consultations and 100,000 statements.

Prepares a fresh database (``ACCORD_DATABASE_URL``, an empty PostgreSQL database such as
``createdb accord_council_bench``; by default a temporary SQLite file) with the scenario and the
personas, then bulk-writes one 30-member body, 10,000 consultations, each with ten circulations
broken by a member's statement (100,000 statements) and an eleventh still open whose deadline
has passed. Then:

- ``council_list_page_p95``: p95 of ``GET /council/`` (the consultations list, first page, its
  state derived from the clock) signed in as a delegation, against ``/bench/bare`` (the same
  middleware and session, a view that only answers), requested alternately in-process;
- ``council_api_list_p95``: p95 of ``GET /api/v1/council/consultations`` with a bearer token,
  against the same anchor.

``council_close_due.py`` closes the same texts' deadlines (``close-due``) on the same data.
"""

from __future__ import annotations

import io
import os
import sys
import time
from datetime import timedelta

from benchlib import BENCH_DIR, bench_environment, percentile, report

CONSULTATIONS = int(os.environ.get("BENCH_CONSULTATIONS", "10000"))
BREAKS_EACH = 10
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))


def prepare() -> float:
    import django

    sys.path.insert(0, str(BENCH_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via
    from accord.core.demo import personas_create

    started = time.perf_counter()
    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())
    personas_create()
    _bulk()
    return time.perf_counter() - started


def _bulk() -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from accord.access import system_principal
    from accord.core.models import Nation
    from accord.council.models import Body, Circulation, Consultation, SilenceBreak, TextVersion
    from accord.council.services import body_members_sync

    actor = system_principal("bench")
    nations = list(Nation.objects.filter(nrc_member=True).order_by("iso3")) + list(
        Nation.objects.filter(iso3="AFG")
    )
    assert len(nations) == 30, len(nations)
    with transaction.atomic():
        body = Body.objects.create(
            code="bench_body",
            name="Bench body",
            level="committee",
            number_prefix="BB",
            marking="NRC",
        )
        body_members_sync(actor=actor, body=body, members=dict.fromkeys(nations))
    now = timezone.now()
    start = now - timedelta(days=400)
    for offset in range(0, CONSULTATIONS, 1000):
        with transaction.atomic():
            rows = Consultation.objects.bulk_create(
                [
                    Consultation(
                        body=body,
                        title=f"Bench consultation {offset + i}",
                        state="circulating",
                        deadline=now - timedelta(minutes=1 + i % 50),
                        version_number=1,
                        created_at=start + timedelta(minutes=offset + i),
                        marking="NRC",
                    )
                    for i in range(min(1000, CONSULTATIONS - offset))
                ]
            )
            versions = TextVersion.objects.bulk_create(
                [
                    TextVersion(
                        consultation=c, number=1, text=f"Text of {c.title}.", created_at=start
                    )
                    for c in rows
                ]
            )
            circulations = []
            for c, v in zip(rows, versions, strict=True):
                for n in range(1, BREAKS_EACH + 2):
                    opened = c.created_at + timedelta(hours=n)
                    circulations.append(
                        Circulation(
                            consultation=c,
                            number=n,
                            version=v,
                            circulated_at=opened,
                            deadline=c.deadline if n > BREAKS_EACH else opened + timedelta(hours=1),
                            outcome="open" if n > BREAKS_EACH else "broken",
                        )
                    )
            circulations = Circulation.objects.bulk_create(circulations, batch_size=2000)
            SilenceBreak.objects.bulk_create(
                [
                    SilenceBreak(
                        circulation=circ,
                        nation=nations[(circ.pk or 0) % 30],
                        statement="We cannot agree to paragraph 3 as drafted.",
                        broken_at=circ.circulated_at + timedelta(minutes=10),
                    )
                    for circ in circulations
                    if circ.outcome == "broken"
                ],
                batch_size=2000,
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


def _p95(client, path: str, headers: dict, anchor_headers: dict) -> tuple[float, float]:
    timings, anchors = [], []
    for i in range(REQUESTS + 10):
        t0 = time.perf_counter()
        response = client.get(path, secure=True, **headers)
        t1 = time.perf_counter()
        anchor = client.get("/bench/bare", secure=True, **anchor_headers)
        t2 = time.perf_counter()
        if response.status_code != 200 or anchor.status_code != 200:
            sys.exit(f"council bench: {path} answered {response.status_code}")
        if i >= 10:
            timings.append((t1 - t0) * 1000)
            anchors.append((t2 - t1) * 1000)
    return percentile(timings, 0.95), percentile(anchors, 0.95)


def measure_reads() -> None:
    from django.test import Client

    from accord.core.models import User
    from accord.core.services import api_token_create

    user = User.objects.get(username="delegation-usa")
    client = Client()
    client.force_login(user)
    page, anchor = _p95(client, "/council/", {}, {})
    report("council_list_page_p95", page, "ms", page / anchor, f"bare view {anchor:.2f} ms")
    _, secret = api_token_create(actor=user, name="bench")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    api, anchor = _p95(client, "/api/v1/council/consultations", bearer, {})
    report("council_api_list_p95", api, "ms", api / anchor, f"bare view {anchor:.2f} ms")


def main() -> None:
    env = bench_environment()
    prepared = prepare()
    from django.db import connection

    print(
        f"# council: {CONSULTATIONS:,} consultations, {CONSULTATIONS * BREAKS_EACH:,} statements, "
        f"30 members, on {connection.vendor} ({env['ACCORD_DATABASE_URL'].split('@')[-1]}), "
        f"prepared in {prepared:.0f} s",
        flush=True,
    )
    measure_reads()


if __name__ == "__main__":
    main()
