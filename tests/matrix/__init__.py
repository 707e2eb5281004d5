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

from accord.core.demo import PERSONAS

ANON = None
EVERYONE = frozenset(p.username for p in PERSONAS)
SIGNED_IN = EVERYONE
ADMINS = frozenset({"admin"})
AUDITORS = frozenset({"admin", "auditor"})
NATO_READERS = EVERYONE - {"delegation-rus"}
LOGIN = "login"  # a page's expectation: a redirect to the sign-in page


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


def everyone(status: int = 200):
    return lambda username: status


def modules():
    return [import_module(f"{__name__}.{info.name}") for info in iter_modules(__path__)]


def api_table() -> dict:
    table = {}
    for module in modules():
        table.update(getattr(module, "API", {}))
    return table


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
