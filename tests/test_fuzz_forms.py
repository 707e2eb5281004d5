"""Every form in the pages, fuzzed: no input gives a 500, and a refused post changes nothing.

The forms are found, not listed: every page of the access matrix (``tests/matrix``) is read as
the administrator, and every ``<form method="post">`` with fields on it is a target, so a form
added later joins by itself. For each, hypothesis posts the form's own valid values with some
fields replaced by hostile ones (NUL characters, huge and negative numbers, far dates, long
strings, markup, right-to-left digits). Every answer is below 500; an answer that does not
report success (a redirect with a success message) must leave every table as it was, except the
audit trail, which records refusals.

Lean by design: derandomized, a few examples per form, each in a rolled-back transaction.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import messages
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accord.core.models import User
from tests.matrix import page_table

pytestmark = [pytest.mark.django_db, pytest.mark.exhaustive]

# Forms not fuzzed here, and why.
SKIP_ACTIONS = {
    "/login/",  # sign-in: its own tests (lockout after five failures would lock the admin out)
    "/logout/",
}
FILE_PAGES = {"transit:import", "funds:iati-import"}  # uploads: tests/test_fuzz_imports.py


HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "9" * 40,
    "-1",
    "-999999999999",
    "1e308",
    "99999999999999999999.99",
    "12345.678",
    "NaN",
    "Infinity",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2026-02-30",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "x" * 5000,
    "١٢٣",
    "DROP TABLE",
]


class _Forms(HTMLParser):
    """The POST forms of a page: action, and each field's name, kind and values it offers."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = {"action": a.get("action") or "", "fields": {}, "files": False}
            return
        if self._form is None:
            return
        name = a.get("name")
        fields = self._form["fields"]
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self._form["files"] = True
            elif kind in ("checkbox", "radio"):
                field = fields.setdefault(name, {"kind": kind, "default": "", "options": []})
                field["options"].append(a.get("value", "on"))
                if "checked" in a:
                    field["default"] = a.get("value", "on")
            elif kind not in ("submit", "button", "reset", "image"):
                fields[name] = {"kind": kind, "default": a.get("value", ""), "options": []}
        elif tag == "select" and name:
            self._select = name
            # A browser sends a single select's first option unless another is selected, and
            # nothing for a multiple select with none selected.
            multiple = "multiple" in a
            fields[name] = {"kind": "select", "default": "" if multiple else None, "options": []}
        elif tag == "option" and self._select:
            field = fields[self._select]
            value = a.get("value", "")
            field["options"].append(value)
            if "selected" in a or field["default"] is None:
                field["default"] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = {"kind": "textarea", "default": "", "options": []}

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            field = self._form["fields"][self._textarea]
            # HTML drops the newline that follows <textarea>.
            field["default"] += data.removeprefix("\n") if not field["default"] else data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _targets(client: Client, records: dict) -> dict[str, tuple[str, dict]]:
    """``"page name -> action"``: (action URL, fields) for every POST form with fields."""
    targets = {}
    for name, (_, path, _) in sorted(page_table().items()):
        if name in FILE_PAGES:
            continue
        url = path.format(**records)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(form["action"]).path or url
            if action in SKIP_ACTIONS or not form["fields"] or form["files"]:
                continue
            targets.setdefault(f"{name} -> {action}", (action, form["fields"]))
    return targets


def _row_counts() -> dict[str, int]:
    """Rows in every table Accord owns, but the audit trail (refusals are recorded there).

    One query for all of them (a count per table as a column of one row): counted table by
    table, twice for every example, the counting was most of this test's time."""
    models = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("accord.") and model._meta.app_label != "audit"
    ]
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")  # table names from the models, none from input
        row = cursor.fetchone()
    return {model._meta.label: count for model, count in zip(models, row, strict=True)}


def _values(fields: dict):
    """For each field: its valid value (kept, so the post reaches the service) or a hostile one."""
    strategies = {}
    for name, field in fields.items():
        valid = [v for v in [field["default"], *field["options"]] if v is not None]
        strategies[name] = st.one_of(
            st.sampled_from(valid or [""]),
            st.sampled_from(HOSTILE),
            st.text(max_size=30),
        )
    return st.fixed_dictionaries(strategies)


def _refused(response) -> bool:
    """Whether the page turned the post down: no redirect, or a redirect to a page that shows
    an error message (the council's action forms refuse that way). ``response`` is the last of
    a followed chain, so the messages it shows are this post's own."""
    if not response.redirect_chain:
        return True
    shown = (response.context or {}).get("messages") or []
    return any(m.level >= messages.WARNING for m in shown)


def _exception(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    return exc_info[0].__name__ if exc_info else ""


def _admin_client() -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="admin"))
    return client


@pytest.fixture
def admin(db):
    return _admin_client()


@pytest.fixture(scope="module")
def targets(django_db_setup, django_db_blocker):
    """The forms, found once for this module's tests on a worker: reading every page of the
    matrix as the administrator takes a while, and found per test it was done twice. Only
    their actions and fields are kept; what reading the pages wrote (the sign-in's session) is
    rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        found = _targets(_admin_client(), django_db_setup)
        transaction.set_rollback(True)
    return found


def test_the_fuzzer_finds_the_forms(targets):
    """The enumeration finds the forms it should, so the fuzzing below cannot silently pass on
    none: creation and edit pages of every module, and the council's action forms."""
    names = {key.split(" -> ")[0] for key in targets}
    expected = {
        "web:sites-create",
        "web:nations-edit",
        "council:consultation-create",
        "council:consultation-detail",
        "council:meeting-create",
        "funds:pledge-create",
        "funds:fund-edit",
        "budget:line-create",
        "transit:node-edit",
    }
    assert expected <= names, sorted(expected - names)


FUZZ = settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    # The failure message names the form and the values; shrinking would only cost time.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _fuzz_one(client: Client, key: str, action: str, fields: dict, before: dict) -> list:
    """Post hypothesis's values into one form; the problems seen (a 500, rows stored).

    ``before``: the row counts every post starts from (each is rolled back)."""
    problems = []

    @FUZZ
    @given(values=_values(fields))
    def run(values):
        with transaction.atomic():
            response = client.post(action, values, follow=True)
            if response.status_code >= 500:
                problems.append((key, response.status_code, _exception(response), values))
            elif _refused(response):
                changed = {k: (before[k], v) for k, v in _row_counts().items() if v != before[k]}
                if changed:
                    problems.append((key, f"refused but stored {changed}", values))
            # Each post starts from the same data: the next sees none of this one's rows.
            transaction.set_rollback(True)

    run()
    return problems


def test_no_form_gives_a_500_and_a_refused_post_changes_nothing(admin, targets):
    problems = []
    # Every post is rolled back, so each starts from these counts: counted once, not again
    # before every post (counting every table twice per post was a tenth of this test's time).
    before = _row_counts()
    for key, (action, fields) in sorted(targets.items()):
        problems += _fuzz_one(admin, key, action, fields, before)
    assert problems == [], "\n".join(repr(p)[:400] for p in problems)


def test_a_huge_id_in_a_multiple_choice_is_refused_not_a_500(admin):
    before = _row_counts()
    response = admin.post("/sites/taac_north/edit/", {"expected_version": "1", "sources": "9" * 40})
    assert response.status_code < 500
    assert _row_counts() == before
