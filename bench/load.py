"""The main pages under 64 concurrent connections, on SQLite and on PostgreSQL.

For each database, prepares a fresh one with the demo scenario (as ``bench/pages.py`` does),
starts the real server (``accord serve``, its default workers and threads, production settings
over plain HTTP on the loopback) with the bench settings, signs in as ``BENCH_PERSONA`` (default
``admin``) and keeps ``BENCH_LOAD_CONNECTIONS`` keep-alive connections (default 64) busy for
``BENCH_LOAD_SECONDS`` (default 60), each asking for the five main pages in turn (the dashboard,
the council's consultations, a fund, the transit map, budget execution); ``BENCH_LOAD_ROUNDS=2``
measures pages and anchor twice over on the same server and database.

The anchor is the same server under the same load serving ``/bench/prerendered?path=...``: each
of the same five pages' templates rendered from the context of one real request, captured once per
server process (``bench_urls.prerendered``), behind the same middleware and session. Printed for
each: throughput, p50 and p95 latency, errors (any answer but 200, or a broken connection), and
the ratio of the pages' throughput to the anchor's.

PostgreSQL is used when ``BENCH_LOAD_POSTGRES_URL`` names a database to create afresh (it is
dropped and created again, then dropped at the end), e.g.
``postgresql://postgres@127.0.0.1:5432/accord_load_bench``; without it only SQLite is measured.
``BENCH_LOAD_DATABASES=sqlite`` (or ``postgresql``) measures one. ``BENCH_LOAD_PREPARED=1`` with
``ACCORD_DATABASE_URL`` measures a database a previous run prepared (SQLite only; it is not
removed). Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

from benchlib import bench_environment, percentile, report

SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "64"))
ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "1"))  # pages then anchor, this many times
PERSONA = os.environ.get("BENCH_PERSONA", "admin")
POSTGRES_URL = os.environ.get("BENCH_LOAD_POSTGRES_URL", "")
TIMEOUT = 120  # seconds: an answer slower than this counts as an error
STARTUP = 300  # seconds the server may take to answer first (collectstatic, imports) when busy
# A database a previous run prepared (the demo scenario), to measure again without preparing.
PREPARED = os.environ.get("BENCH_LOAD_PREPARED") == "1"


@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    elapsed: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.seconds) / self.elapsed


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 answer; its status, and whether the connection stays open."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {}
    for line in head[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip().lower()
    if headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection") != "close"


async def _connection(
    port: int, paths: list[str], cookie: str, start: int, deadline: float, tally: Tally
) -> None:
    """One client: ask for ``paths`` in turn over one keep-alive connection until ``deadline``."""
    turn, stream = start, None
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            if stream is None:
                stream = await asyncio.open_connection("127.0.0.1", port)
            reader, writer = stream
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode()
            )
            status, keep = await asyncio.wait_for(_answer(reader), TIMEOUT)
        except (
            OSError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            TimeoutError,
            ValueError,
        ) as exc:
            tally.errors[type(exc).__name__] += 1
            stream = _close(stream)
            continue
        if status == 200:
            tally.seconds.append(time.perf_counter() - started)
        else:
            tally.errors[f"HTTP {status}"] += 1
        if not keep:
            stream = _close(stream)
    _close(stream)


def _close(stream) -> None:
    if stream is not None:
        stream[1].close()


async def _drive(port: int, paths: list[str], cookie: str) -> Tally:
    tally = Tally()
    started = time.monotonic()
    deadline = started + SECONDS
    await asyncio.gather(
        *(_connection(port, paths, cookie, i, deadline, tally) for i in range(CONNECTIONS))
    )
    tally.elapsed = time.monotonic() - started
    return tally


def drive(port: int, paths: list[str], cookie: str) -> Tally:
    return asyncio.run(_drive(port, paths, cookie))


def _warm(port: int, paths: list[str], cookie: str) -> None:
    """Each path once, one at a time: every answer must be a 200 before the load starts (and the
    anchor captures its contexts then, not under load)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    for path in paths:
        conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 200:
            sys.exit(f"load: GET {path} answered {answer.status} before the load")
    conn.close()


def _recreate(url: str, *, drop_only: bool = False) -> None:
    u = urlparse(url)
    args = ["-h", u.hostname or "127.0.0.1", "-p", str(u.port or 5432)]
    args += ["-U", u.username or "postgres"]
    name = u.path.lstrip("/")
    subprocess.run(["dropdb", *args, "--if-exists", name], check=True)
    if not drop_only:
        subprocess.run(["createdb", *args, name], check=True)


def one_database() -> None:
    """Measure on the database ``ACCORD_DATABASE_URL`` names (a child process per database)."""
    from dashboard import free_port, sign_in, start_server, stop_server, wait_until_up
    from pages import main_pages, prepare

    env = bench_environment()
    started = time.perf_counter()
    if PREPARED:
        import django

        os.environ.update({"ACCORD_HTTPS": "0", "ACCORD_TWO_FACTOR_REQUIRED": "0"})
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
        django.setup()
    else:
        prepare()
    prepared_in = time.perf_counter() - started
    paths = [path for _name, path in main_pages()]
    anchors = [f"/bench/prerendered?path={quote(path)}" for path in paths]
    from django.db import connection

    connection.close()  # the server has the database to itself while it is measured

    vendor = "PostgreSQL" if env["ACCORD_DATABASE_URL"].startswith("postgres") else "SQLite"
    port = free_port()
    server = start_server(port, {**env, "ACCORD_DEBUG": "0"})
    try:
        wait_until_up(port, server, timeout=STARTUP)
        cookie = sign_in(port, PERSONA)
        _warm(port, paths + anchors, cookie)
        rounds = [(drive(port, paths, cookie), drive(port, anchors, cookie)) for _ in range(ROUNDS)]
    finally:
        stop_server(server)

    print(
        f"# {vendor}, demo scenario prepared in {prepared_in:.0f} s; {CONNECTIONS} connections "
        f"for {SECONDS:.0f} s each, as {PERSONA}; the machine's cores are shared: compare the "
        f"ratio, not the figures",
        flush=True,
    )
    key = vendor.lower()
    for round_number, (pages, anchor) in enumerate(rounds, start=1):
        if ROUNDS > 1:
            print(f"# round {round_number} of {ROUNDS}", flush=True)
        for name, tally in (("main pages", pages), ("anchor", anchor)):
            print(f"# {name}: {_summary(tally)}", flush=True)
        report(
            f"load_{key}_throughput",
            pages.throughput,
            "requests/s",
            pages.throughput / anchor.throughput,
            "the same server rendering the same templates from precomputed contexts",
        )


def _summary(tally: Tally) -> str:
    p50 = percentile(tally.seconds, 0.50) * 1000 if tally.seconds else 0
    p95 = percentile(tally.seconds, 0.95) * 1000 if tally.seconds else 0
    errors = sum(tally.errors.values())
    said = ", ".join(f"{n} {kind}" for kind, n in tally.errors.most_common()) or "none"
    return (
        f"{len(tally.seconds):,} answers in {tally.elapsed:.1f} s, {tally.throughput:.1f}/s, "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, {errors} errors ({said})"
    )


def main() -> None:
    wanted = os.environ.get("BENCH_LOAD_DATABASES", "sqlite,postgresql").split(",")
    databases = []
    if "sqlite" in wanted:
        databases.append(None)  # a temporary SQLite file (benchlib's default)
    if "postgresql" in wanted:
        if POSTGRES_URL:
            databases.append(POSTGRES_URL)
        else:
            print("# PostgreSQL: not measured (set BENCH_LOAD_POSTGRES_URL)", flush=True)
    failed = False
    if PREPARED:
        sys.exit(subprocess.run([sys.executable, __file__, "--one"], check=False).returncode)
    for url in databases:
        env = dict(os.environ)
        env.pop("ACCORD_DATABASE_URL", None)
        if url:
            _recreate(url)
            env["ACCORD_DATABASE_URL"] = url
        try:
            done = subprocess.run([sys.executable, __file__, "--one"], env=env, check=False)
            failed |= done.returncode != 0
        finally:
            if url:
                _recreate(url, drop_only=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if sys.argv[1:] == ["--one"]:
        one_database()
    else:
        main()
