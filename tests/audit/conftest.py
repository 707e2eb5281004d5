"""The audit tests' shared fixtures: a sealed trail with fresh entries at its end, and the two
ways of walking it."""

from concurrent.futures import Future
from contextlib import contextmanager

import pytest

from accord.access import system_principal
from accord.audit import selectors
from accord.audit.services import audit_record, audit_seal_pending
from accord.core.models import Site


@pytest.fixture
def trail(db):
    """A fully sealed trail with a few fresh entries at its end; returns those entries' ids."""
    site = Site.objects.get(code="taac_north")
    ids = [
        audit_record(
            actor=system_principal("tests"),
            action="site.update",
            obj=site,
            changes={"notes": ["", str(n)]},
        ).pk
        for n in range(5)
    ]
    audit_seal_pending()
    return ids


class _InProcess:
    """Runs what a worker process would, here and at once: the ranges' join is the same."""

    def submit(self, function, *args):
        future = Future()
        future.set_result(function(*args))
        return future


@contextmanager
def _in_process(_workers):
    yield _InProcess()


def walk_in_ranges(monkeypatch, ranges: int = 8) -> None:
    """Verify in ``ranges`` ranges (two workers' share), joined as the worker processes' ranges
    are, though every test database (an in-memory SQLite one, or a test's open transaction) is
    verified in one walk by the selector itself."""
    monkeypatch.setattr(selectors, "_parallel_workers", lambda: 2)
    monkeypatch.setattr(selectors, "PARALLEL_MIN_SEALS", 0)
    monkeypatch.setattr(selectors, "_range_pool", _in_process)
    monkeypatch.setattr(selectors, "RANGES_PER_WORKER", ranges // 2)


@pytest.fixture(params=["one walk", "ranges"])
def walk(request, trail, monkeypatch):
    """Each test that uses it runs twice: the chain verified in one walk, and in ranges."""
    if request.param == "ranges":
        walk_in_ranges(monkeypatch)
    return request.param
