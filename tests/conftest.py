"""Shared fixtures: the scenario and the personas, loaded once per test database.

The suite runs twice (see the Makefile): on SQLite, and on PostgreSQL when
ACCORD_TEST_DATABASE_URL names one. Tests marked ``postgres`` run only in the PostgreSQL pass;
in CI (``CI=true``) a PostgreSQL or browser test that cannot run fails instead of skipping.
"""

import os
from pathlib import Path

import hypothesis
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, TransactionTestCase
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from accord.access import system_principal
from accord.core.demo import DEMO_PASSWORD, PERSONAS, personas_create
from accord.core.inputs import SiteValues
from accord.core.management.commands.load_scenario import packaged_scenario
from accord.core.models import TroopContribution, User
from accord.core.services import api_token_create, scenario_load, site_create
from accord.markings import Marking
from tests.matrix import make_records
from tests.snapshot import Snapshot

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# No test may depend on the machine's speed: hypothesis's per-example deadline and its
# too-slow health check both measure time, so neither applies here.
# CI tries half of hypothesis's default examples per property, to stay within its time; a test
# that names its own number keeps it. Locally the default applies, and
# ACCORD_HYPOTHESIS_EXAMPLES=1000 explores further (before a release, say).
hypothesis.settings.register_profile(
    "accord",
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
    max_examples=int(os.environ.get("ACCORD_HYPOTHESIS_EXAMPLES", "50" if IN_CI else "100")),
)
hypothesis.settings.load_profile("accord")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request in another language leaves that language active in the thread (the locale
    middleware never deactivates it), and so would a test that activates one: every test starts
    in the default language, whichever ran before it on the same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def load_mission() -> None:
    """Load the demo scenario and the personas (into an empty database)."""
    text, name = packaged_scenario()
    scenario_load(actor=system_principal("tests"), text=text, filename=name)
    personas_create(password=DEMO_PASSWORD)


def build_mission() -> dict:
    """What every test database starts with: the mission, and the records the access matrices
    point at (their keys returned, the same in every copy of the snapshot)."""
    load_mission()
    return {**_matrix_records_create(), "signed_in": _personas_signed_in()}


def _personas_signed_in() -> dict:
    """Each persona's session key and API token secret, made once in the snapshot.

    Signing in costs a session written twice, axes' access log and ``last_login``; issuing a token
    is an audited write. Done per test, that was a fifth of the access matrices' time; the
    session and the token are rolled back with nothing else, so every copy can share them.
    Sign-in itself and token issue are tested where they are the subject (tests/core, tests/web).
    """
    signed_in = {}
    for persona in PERSONAS:
        user = User.objects.get(username=persona.username)
        client = Client()
        client.force_login(user)
        _, secret = api_token_create(actor=user, name="tests' caller", scopes={"*": "write"})
        signed_in[persona.username] = {
            "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "token": secret,
        }
    return signed_in


def _shared_directory(config, tmp_path_factory):
    """A directory every xdist worker of this run sees (pytest-xdist's documented recipe), or
    the one ``make test`` names, where ``tests/prebuild.py`` builds the snapshot ahead."""
    if named := os.environ.get("ACCORD_TEST_SNAPSHOT_DIR"):
        return Path(named)
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


_MISSION_SNAPSHOT = pytest.StashKey[Snapshot]()


@pytest.fixture(scope="session")
def mission_snapshot(request, tmp_path_factory):
    snapshot = Snapshot(_shared_directory(request.config, tmp_path_factory))
    request.config.stash[_MISSION_SNAPSHOT] = snapshot
    return snapshot


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment, django_db_blocker, django_db_modify_db_settings, mission_snapshot
):
    """The test database, with the mission built once per run (see ``tests/snapshot.py``);
    each test rolls back its own changes."""
    with django_db_blocker.unblock():
        keys = mission_snapshot.setup(build_mission)
    yield keys
    with django_db_blocker.unblock():
        mission_snapshot.teardown()


@pytest.fixture
def mission(transactional_db):
    """For transactional tests: the built mission, committed (see ``_mission_back``)."""


def _commits(item) -> bool:
    """A transactional test commits what it writes: nothing rolls it back when it ends."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Between tests, the database holds the mission, as built. A transactional test leaves what
    it committed, so put the mission back once that test's fixtures are gone (the whole database
    copied from the snapshot), whatever runs next on this worker: with
    work stealing (the Makefile's --dist worksteal) a worker may take ordinary tests after
    transactional ones, and they expect the mission loaded."""
    result = yield
    snapshot = item.config.stash.get(_MISSION_SNAPSHOT, None)
    if nextitem is not None and snapshot is not None and _commits(item):
        with item.config.stash[blocking_manager_key].unblock():
            snapshot.restore()
    return result


@pytest.fixture(scope="session", autouse=True)
def _transactional_tests_end_without_a_flush():
    """A transactional test ends with Django's flush (a TRUNCATE of every table, then the
    post-migrate signal's content types and permissions again: seconds on PostgreSQL), and the
    hook above then replaces the whole database with the snapshot anyway. So the flush is left
    out: the copy alone puts the mission back, and the last test of a worker needs neither (its
    database is dropped)."""
    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = lambda self: None
    yield
    TransactionTestCase._fixture_teardown = original


def _uses_a_database(item) -> bool:
    if item.get_closest_marker("django_db") or "django_db_setup" in item.fixturenames:
        return True
    # Django's own test cases (hypothesis's among them) bring their database themselves.
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


# Files whose tests each take a minute or more (each crawls or fuzzes every page as one test).
LONGEST_FIRST = {"tests/test_canary_crawl.py", "tests/test_fuzz_forms.py"}


def _leave_out(config, items, elsewhere) -> None:
    """Deselect (not skip) the tests another pass runs."""
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        left_out = set(elsewhere)
        items[:] = [item for item in items if item not in left_out]


def pytest_collection_modifyitems(config, items):
    on_postgres = bool(os.environ.get("ACCORD_TEST_DATABASE_URL"))
    if on_postgres:
        # Left out of the PostgreSQL pass rather than skipped: tests of SQLite's own behaviour,
        # and tests that touch no database at all (the engines, the conventions), which the
        # SQLite pass has run already and would answer the same here. The exhaustive checks stay
        # whatever they touch: the SQLite pass leaves them to this one (see the Makefile).
        elsewhere = [
            item
            for item in items
            if item.get_closest_marker("sqlite")
            or not (_uses_a_database(item) or item.get_closest_marker("exhaustive"))
        ]
        _leave_out(config, items, elsewhere)
    elif os.environ.get("ACCORD_TEST_POSTGRES_FOLLOWS") == "1":
        # A PostgreSQL pass follows (the Makefile's `test`) and runs every database test on the
        # production database. Here, on SQLite, run what only this pass answers: SQLite's own
        # behaviour, the browser journeys (the demo's database end to end, through every
        # module's pages), and the tests that touch no database. Each database test runs once.
        elsewhere = [
            item
            for item in items
            if _uses_a_database(item)
            and not (item.get_closest_marker("sqlite") or item.get_closest_marker("browser"))
        ]
        _leave_out(config, items, elsewhere)
    # The longest tests first: with work stealing (the Makefile's --dist worksteal) the other
    # worker takes the short ones meanwhile, instead of one worker finishing the crawl alone.
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in LONGEST_FIRST)
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            reason = "needs PostgreSQL: set ACCORD_TEST_DATABASE_URL"
            if IN_CI:
                item.add_marker(pytest.mark.usefixtures("_fail_without_postgres"))
            else:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def _fail_without_postgres():
    pytest.fail("PostgreSQL tests must run in CI: set ACCORD_TEST_DATABASE_URL")


@pytest.fixture
def persona():
    """``persona("spoke-north")``: the demo user of that name."""

    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def client_as(persona, django_db_setup):
    """``client_as("auditor")``: a test client signed in as that persona (or anonymous: None)."""
    shared = set()  # each session of the snapshot serves one client per test

    def make(username: str | None) -> Client:
        client = Client()
        if username is None:
            return client
        signed_in = django_db_setup["signed_in"].get(username)
        if signed_in is None or username in shared:
            # A user the test made itself, or a second session of the same persona.
            client.force_login(persona(username))
        else:
            shared.add(username)
            client.cookies[settings.SESSION_COOKIE_NAME] = signed_in["session"]
        return client

    return make


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


ALL_PERSONAS = [p.username for p in PERSONAS]


@pytest.fixture
def matrix_records(db, django_db_setup) -> dict:
    """Keys of the records the access matrices point at: a NATO-only site, the auditor's API
    token, Germany's contribution at TAAC-North, and each matrix module's own (built once, in
    the snapshot)."""
    return django_db_setup


def _matrix_records_create() -> dict:
    nato_site = site_create(
        actor=system_principal("matrix"),
        values=SiteValues(
            code="nato_only_site",
            name="NATO-only site",
            kind="airbase",
            latitude="34.1",
            longitude="69.1",
            marking=Marking.NATO,
        ),
    )
    token, _ = api_token_create(actor=User.objects.get(username="auditor"), name="auditor's")
    north = TroopContribution.objects.get(nation__iso3="DEU", site__code="taac_north")
    return {
        "nato_site": nato_site.code,
        "auditor_token": token.pk,
        "north_contribution": north.pk,
        **make_records(),
    }
