"""Five main pages, each against its own template rendered from a precomputed context.

Prepares a fresh database with the demo scenario (``accord demo``: the scenario, the personas and
each module's demo records; ``BENCH_SCALE=N`` adds ``accord seed --scale N``), signs in through the
login form as ``BENCH_PERSONA`` (default ``admin``, who reads every record, so every page is shown
whole), and for each page times the real request through Django's test client (every middleware,
the view, its queries, the rendering) ``BENCH_REQUESTS`` times (default 100).

The anchor is the same page's template rendered again from the context of one real request, the
context processors' values included (``prerender.capture``): the rendering work alone, with the
queries already answered. Page and anchor are timed alternately, so that both see the same noise.
The production settings are used (no ``DEBUG``: the cached template loader, no query log).
"""

from __future__ import annotations

import io
import os
import time

from benchlib import bench_environment, percentile, report

SCALE = int(os.environ.get("BENCH_SCALE", "0"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
WARMUP = 10
PERSONA = os.environ.get("BENCH_PERSONA", "admin")


def prepare() -> None:
    """The demo database, as ``accord demo`` makes it, plus ``BENCH_SCALE`` synthetic records."""
    # Production settings, served over plain HTTP on the loopback, without a second factor (the
    # persona signs in with the demo password, as in the demo).
    os.environ.update({"ACCORD_HTTPS": "0", "ACCORD_TWO_FACTOR_REQUIRED": "0"})
    # Accord's settings with mail kept in memory (bench_settings: the demo's notices send mail).
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("demo", stdout=io.StringIO())
    if SCALE:
        from accord.access import system_principal
        from accord.core.seed import seed_run

        seed_run(actor=system_principal("bench"), scale=SCALE, seed=1, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


def main_pages() -> list[tuple[str, str]]:
    """The five pages, by name and path: the fund is the one with the longest ledger."""
    from django.db.models import Count

    from accord.funds.models import TrustFund

    fund = TrustFund.objects.annotate(n=Count("entries")).order_by("-n", "code").first()
    return [
        ("dashboard", "/"),
        ("council_list", "/council/"),
        ("fund_page", f"/funds/{fund.code}/"),
        ("transit_map", "/transit/map/"),
        ("budget_execution", "/budget/"),
    ]


def signed_in_client(username: str):
    """A test client signed in through the login form, as a person would."""
    from django.test import Client

    from accord.core.demo import DEMO_PASSWORD

    client = Client()
    answer = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
    if answer.status_code != 302:
        raise SystemExit(f"pages: signing in as {username} failed (HTTP {answer.status_code})")
    return client


def measure(client, path: str) -> tuple[list[float], list[float], dict]:
    """Seconds per real request and per anchor render, and what was seen of both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from prerender import capture

    with CaptureQueriesContext(connection) as queries:
        response, anchor = capture(lambda: client.get(path))
    if response.status_code != 200:
        raise SystemExit(f"pages: GET {path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as anchor_queries:
        anchor_html = anchor.render()
    seen = {
        "template": anchor.template.name,
        "bytes": len(response.content),
        "anchor_bytes": len(anchor_html.encode()),
        "queries": len(queries),
        "anchor_queries": len(anchor_queries),
    }
    for _ in range(WARMUP):
        del client.get(path).json
        anchor.render()
    page, rendered = [], []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(path)
        page.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"pages: GET {path} answered {response.status_code}")
        # The test client's response holds itself (``response.json``, a partial over it), a
        # cycle no server makes: left, it would leave each request's objects for the cycle
        # collector, whose passes would then land on the page's requests (docs/development.md).
        del response.json
        started = time.perf_counter()
        anchor.render()
        rendered.append(time.perf_counter() - started)
    return page, rendered, seen


def main() -> None:
    bench_environment()
    started = time.perf_counter()
    prepare()
    prepared_in = time.perf_counter() - started
    client = signed_in_client(PERSONA)
    print(
        f"# as {PERSONA}, the demo scenario{f' and --scale {SCALE:,}' if SCALE else ''} "
        f"(prepared in {prepared_in:.1f} s); {REQUESTS} requests each, through the test client",
        flush=True,
    )
    for name, path in main_pages():
        page, rendered, seen = measure(client, path)
        p50, p95 = percentile(page, 0.50) * 1000, percentile(page, 0.95) * 1000
        a50, a95 = percentile(rendered, 0.50) * 1000, percentile(rendered, 0.95) * 1000
        print(
            f"# GET {path}: {seen['bytes']:,} bytes, {seen['queries']} queries; anchor "
            f"{seen['template']} ({seen['anchor_bytes']:,} bytes, {seen['anchor_queries']} "
            f"queries) p50 {a50:.2f} ms, p95 {a95:.2f} ms",
            flush=True,
        )
        report(f"page_{name}_p50", p50, "ms", p50 / a50, "its template from a precomputed context")
        report(f"page_{name}_p95", p95, "ms", p95 / a95, "its template from a precomputed context")


if __name__ == "__main__":
    main()
