"""The access matrices' tables, one module per app: every page and API operation × persona.

Each module ``tests/matrix/<app>.py`` declares

- ``API``: (method, OpenAPI path) -> (concrete path under /api/v1, JSON payload or None,
  expectation), the expectation a function of the username (None for anonymous) giving the status;
- ``PAGES``: URL name -> (method, concrete path, expectation);
- optionally ``records() -> dict``: records it creates for the path placeholders (``{nato_site}``),
  called inside the test's transaction.

``tests/test_access_matrix_api.py`` and ``tests/test_access_matrix_pages.py`` enumerate every
operation of the OpenAPI document and every named URL, and fail on any missing from these tables.
"""

from importlib import import_module
from pkgutil import iter_modules

from django.apps import apps
from django.db import transaction

from accord.audit.models import AuditEntry
from accord.core.demo import PERSONAS
from accord.core.engine.scenario import parse_scenario
from accord.core.management.commands.load_scenario import packaged_scenario
from accord.markings import Role

# The nations as the test database has them: the packaged scenario, which conftest loads.
NATIONS = {n.iso3: n for n in parse_scenario(*packaged_scenario()).nations}


def holding(*roles: str) -> frozenset:
    """The personas holding one of ``roles``."""
    return frozenset(p.username for p in PERSONAS if p.role in roles)


def _of_nations(member) -> frozenset:
    """Administrators (who read every marking) and the personas whose nation is ``member``."""
    return holding(Role.ADMINISTRATOR) | frozenset(
        p.username for p in PERSONAS if p.nation and member(NATIONS[p.nation])
    )


ANON = None
EVERYONE = frozenset(p.username for p in PERSONAS)
SIGNED_IN = EVERYONE
ADMINS = holding(Role.ADMINISTRATOR)
AUDITORS = holding(Role.ADMINISTRATOR, Role.AUDITOR)
# Who reads a record by its marking: NATO for NATO members' people, NRC for the NRC members'
# (the allies and Russia); the others (Afghanistan's) read PUBLIC and their own NATIONAL only.
NATO_READERS = _of_nations(lambda nation: nation.nato_accession is not None)
NRC_READERS = _of_nations(lambda nation: nation.nrc_member)
LOGIN = "login"  # a page's expectation: a redirect to the sign-in page
# Every caller a row is tried as: anonymous first, then each persona.
CALLERS = (None, *sorted(EVERYONE))


def api_rule(allowed, ok: int, denied: int = 403, anonymous: int = 401):
    """Expected API status for each caller: ``ok`` for ``allowed``, else ``denied``."""

    def expect(username):
        if username is None:
            return anonymous
        return ok if username in allowed else denied

    return expect


def page_rule(allowed, ok: int = 200, denied: int = 403, anonymous=LOGIN):
    """Expected page status: ``ok`` for ``allowed``, else ``denied``; anonymous: sign in."""

    def expect(username):
        if username is None:
            return anonymous
        return ok if username in allowed else denied

    return expect


def change_rule(editors, readers, ok: int):
    """A change of a record only ``readers`` read: ``ok`` for ``editors``, 404 for those who
    cannot read it (never 403: its existence does not leak), 403 for the other readers."""

    def expect(username):
        if username is None:
            return 401
        if username in editors:
            return ok
        return 403 if username in readers else 404

    return expect


def page_change_rule(editors, readers, ok: int = 200):
    """``change_rule`` for a page: anonymous visitors are sent to sign in."""
    api = change_rule(editors, readers, ok)
    return lambda username: LOGIN if username is None else api(username)


def everyone(status: int = 200):
    return lambda username: status


def modules():
    return [import_module(f"{__name__}.{info.name}") for info in iter_modules(__path__)]


def api_table() -> dict:
    table = {}
    for module in modules():
        table.update(getattr(module, "API", {}))
    return table


def queries_by_post() -> set:
    """Operations that compute an answer from a posted question and write nothing (a route
    query): declared by each module as ``QUERIES``."""
    return {op for module in modules() for op in getattr(module, "QUERIES", ())}


def page_table() -> dict:
    table = {}
    for module in modules():
        table.update(getattr(module, "PAGES", {}))
    return table


def make_records() -> dict:
    """Every module's extra records for the tables' placeholders."""
    values = {}
    for module in modules():
        if hasattr(module, "records"):
            values.update(module.records())
    return values


def last_entry_id() -> int:
    """Where the audit trail ends now; ``assert_write_recorded`` looks at what came after."""
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def assert_write_recorded(since: int, username: str, via: str) -> None:
    """An allowed write left its audit entries, each by the caller and through this interface,
    and the rows they name are there (or gone, for a deletion)."""
    entries = audit_entries_done_since(since)
    assert entries, f"an allowed write by {username} left no audit entry"
    for entry in entries:
        assert (entry.actor_name, entry.via) == (username, via), (
            f"{entry.action} recorded as {entry.actor_name} via {entry.via}"
        )
        assert_row_matches(entry)


def assert_row_matches(entry: AuditEntry) -> None:
    if not (entry.object_id and "." in entry.object_type):
        return  # an entry about no one row (a batch, a sign-in)
    try:
        model = apps.get_model(entry.object_type)
    except LookupError:
        return  # an entry named by a label, not a table
    exists = model._default_manager.filter(pk=entry.object_id).exists()
    deleted = entry.action.endswith(".delete")
    assert exists != deleted, (
        f"{entry.action} names {entry.object_type} #{entry.object_id}, "
        f"which is {'still there' if exists else 'missing'}"
    )


def each_caller(check) -> None:
    """Try one row as every caller: ``check(username)`` inside a savepoint rolled back after it,
    so each caller meets the database as the snapshot left it; fail once, naming every caller
    whose answer was not the row's.

    One test per row rather than per caller and row: the suite's set-up and tear-down per test
    were about a quarter of the matrices' time, and a failing row now shows all its callers.
    """
    failures = []
    for username in CALLERS:
        with transaction.atomic():
            try:
                check(username)
            except AssertionError as error:
                failures.append(f"as {username or 'anonymous'}: {error}")
            finally:
                transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


def audit_entries_done_since(since: int) -> list[AuditEntry]:
    """The completed writes after ``since`` (the trail only grows: a refused write adds none)."""
    return list(AuditEntry.objects.filter(pk__gt=since, outcome="done").order_by("pk"))
