"""Journeys in a real browser: Playwright driving Debian's Chromium against a live server.

Screenshots of each journey's last page are kept in test-results/screenshots/.
"""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
# Playwright's sync API runs an event loop in the test's thread; Django's ORM refuses to run
# there unless told that this thread is synchronous code, which it is.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# One request at a time. On SQLite the live server shares the test's in-memory database through
# one connection, and the threaded server let two requests use it at once (an HTMX filter still
# answering when a click opened the next page): a journey then hung in SQLite or met a sign-in
# page. A server that is not threaded also closes each connection after its answer (Django's
# basehttp), so no idle keep-alive holds it.
class OneRequestAtATime(WSGIServer):
    """Django's plain WSGI server; the live server thread already uses the test's connection,
    which the threaded server would hand to each request's thread instead."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}: run `make chromium` (as root) or set ACCORD_CHROMIUM"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, mission, request):
    """A fresh browser context on the live server; a screenshot of the last page is kept."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Console errors (CSP refusals among them), except Chromium's note on a page the test meant
    # to be refused; failed assets and fetches are caught by status below, with their URL.
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    # A script error or a refused resource (CSP, a 404 for an asset) is a defect users see.
    assert not errors, f"the browser reported errors: {errors}"


def sign_in(page, username: str, password: str = "accord-demo") -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state("networkidle")
