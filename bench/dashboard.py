"""The dashboard's response time at scale, against a bare Django view on the same server.

Prepares a fresh database with the scenario, the personas and ``accord seed --scale 10000``
(10,000 synthetic contributions and 100,010 audit entries), starts the real server
(``accord serve``: granian's WSGI interface) on a free loopback port with ``ACCORD_DEBUG=1``, signs
in through the login form as a persona (``BENCH_PERSONA``, default ``admin``, who reads every
record), and times
``GET /`` ``BENCH_REQUESTS`` times (default 200) over one keep-alive connection. The anchor is
``/bench/bare``, a view that only answers, served by the same server behind the same middleware
and session (it exists only in ``bench/bench_urls.py``). The two are requested alternately so
that both see the same noise. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie

from benchlib import BENCH_DIR, bench_environment, percentile, prepare_database, report

SCALE = int(os.environ.get("BENCH_SCALE", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = 20
PERSONA = os.environ.get("BENCH_PERSONA", "admin")
ACCORD = os.path.join(os.path.dirname(sys.executable), "accord")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sign_in(port: int, username: str) -> str:
    """Sign in through the login form, as a person would; the session cookie to send after."""
    from accord.core.demo import DEMO_PASSWORD

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login/")
    page = conn.getresponse()
    html = page.read().decode()
    csrf_cookie = _cookie(page, "csrftoken")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if page.status != 200 or not csrf_cookie or not match:
        sys.exit(f"dashboard: /login/ answered {page.status} without a sign-in form")
    form = urllib.parse.urlencode(
        {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": match[1]}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
        "Referer": f"http://127.0.0.1:{port}/login/",
    }
    conn.request("POST", "/login/", body=form, headers=headers)
    answer = conn.getresponse()
    answer.read()
    conn.close()
    session = _cookie(answer, "sessionid")
    if answer.status != 302 or not session:
        sys.exit(f"dashboard: signing in as {username} failed (HTTP {answer.status})")
    return f"sessionid={session}"


def _cookie(response: http.client.HTTPResponse, name: str) -> str | None:
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if name in cookie:
            return cookie[name].value
    return None


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen:
    server_env = {
        **os.environ,
        "ACCORD_DEBUG": "1",
        **env,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BENCH_DIR), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.Popen(
        [ACCORD, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so its workers stop with it
    )


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    """Wait for the server's first answer (``timeout`` seconds: more on a busy machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"dashboard: the server stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/bare")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"dashboard: the server did not answer within {timeout:.0f} s")


def timed_get(conn: http.client.HTTPConnection, path: str, cookie: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    return time.perf_counter() - started, response.status, len(body)


def main() -> None:
    env = bench_environment()
    seeded_in = prepare_database(scale=SCALE)
    from django.db import connection

    connection.close()  # the server has the database to itself while it is measured

    port = free_port()
    server = start_server(port, env)
    try:
        wait_until_up(port, server)
        cookie = sign_in(port, PERSONA)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(WARMUP):
            timed_get(conn, "/", cookie)
            timed_get(conn, "/bench/bare", cookie)
        page, bare, statuses, size = [], [], set(), 0
        for _ in range(REQUESTS):
            seconds, status, size = timed_get(conn, "/", cookie)
            page.append(seconds)
            statuses.add(status)
            seconds, _, _ = timed_get(conn, "/bench/bare", cookie)
            bare.append(seconds)
        conn.close()
    finally:
        stop_server(server)

    p50, p95 = percentile(page, 0.50) * 1000, percentile(page, 0.95) * 1000
    b50, b95 = percentile(bare, 0.50) * 1000, percentile(bare, 0.95) * 1000
    print(
        f"# GET / as {PERSONA}: HTTP {sorted(statuses)}, {size:,} bytes; {REQUESTS} requests each; "
        f"{SCALE:,} contributions and {SCALE * 10:,} audit entries seeded in {seeded_in:.1f} s; "
        f"bare view p50 {b50:.2f} ms, p95 {b95:.2f} ms",
        flush=True,
    )
    if statuses != {200}:
        print("# note: / did not answer 200 on every request: the figure is not the dashboard's")
    report("dashboard_p50", p50, "ms", p50 / b50, "bare Django view")
    report("dashboard_p95", p95, "ms", p95 / b95, "bare Django view")


if __name__ == "__main__":
    main()
