"""The canary crawl: no record reaches a reader outside its marking, through any door.

For every marked model (found with ``apps.get_models()``, so a new model cannot be forgotten),
``tests/canary/<app>.py`` declares how to make canaries: a record marked NATO, one NATIONAL of
the United States, and for site-scoped models one on another spoke, each with a unique token in
every text field, and PUBLIC records linking to them. The crawl then reads, as anonymous,
delegation-rus and spoke-north: every named page (with its detail, history, edit and export
variants, filled with the canaries' and PUBLIC records' identifiers), the export and feed links
those pages offer, their filters naming the canaries' codes, and every GET operation of the
OpenAPI document (path parameters filled the same way, filters with canary codes), including the
map GeoJSON, the iCalendar feeds, the IATI files and the 404/422 error bodies. A canary token of a
record the reader may not read (``can_view``) must appear in no body.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import openpyxl
import pytest
from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accord.access import can_view, principal_of
from accord.api import api
from accord.core.models import User
from accord.council.services import calendar_feed_create
from accord.search.kinds import kinds_of
from tests.canary import WAIVERS, build, marked_models, modules, references, table, waiver

pytestmark = pytest.mark.exhaustive

PERSONAS = [None, "delegation-rus", "spoke-north"]
# Filter values naming nothing: a hidden record must answer as they do.
MISSING, MISSING_ID = "no-such-record", 2_000_000_000
EXPORT_LINK = re.compile(r"""href="([^"]*(?:format=|\.csv|\.xlsx|\.ics|\.xml|\.geojson)[^"]*)\"""")
GET_FORM = re.compile(r"<form(?![^>]*method=\"post\")[^>]*>(.*?)</form>", re.S | re.I)
FIELD_NAME = re.compile(r"""<(?:select|input)[^>]*\bname="([^"]+)\"""")


def _named_patterns(resolver=None, namespace="") -> dict[str, URLPattern]:
    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "api" or pattern.app_name == "api":
                continue  # the API is crawled from its OpenAPI document
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}{pattern.name}"] = pattern
    return found


def _pages() -> dict[str, bool]:
    """Every namespaced page name -> whether its URL takes parameters."""
    return {
        name: bool(pattern.pattern.converters)
        for name, pattern in _named_patterns().items()
        if ":" in name
    }


def _get_operations() -> dict[str, list[str]]:
    """Every GET operation's path -> its query parameters."""
    schema = api.get_openapi_schema()
    return {
        path: [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        for path, ops in schema["paths"].items()
        if "get" in ops
    }


def test_every_marked_model_has_canaries():
    declared = set(table("CANARIES"))
    missing = sorted(m._meta.label for m in marked_models() if m not in declared)
    assert not missing, f"declare canaries in tests/canary/<app>.py for: {missing}"


def test_every_reference_between_marked_models_is_linked_or_waived():
    """A PUBLIC record may name another marked record through any reference: the crawl links a
    PUBLIC record to the canaries through each one, or the waiver table says why it need not."""
    declared = table("CANARIES")
    missing, both = [], []
    for model in marked_models():
        links = set(declared[model].links) if model in declared else set()
        for f in references(model):
            label = f"{model._meta.label}.{f.name} -> {f.related_model._meta.label}"
            if f.name in links and (model._meta.label, f.name) in WAIVERS:
                both.append(label)
            elif f.name not in links and not waiver(model, f.name):
                missing.append(label)
    assert not missing, (
        "link a PUBLIC record to the canaries through these (Canary.links) or waive them with "
        f"a reason (tests/canary WAIVERS): {missing}"
    )
    assert not both, f"linked and waived at once: {both}"
    stale = []
    for label, name in WAIVERS:
        if label == "*":
            continue
        model = apps.get_model(label)
        if name not in {f.name for f in references(model)}:
            stale.append((label, name))
    assert not stale, f"waivers for references that no longer exist: {stale}"


def test_every_page_and_operation_with_parameters_says_how_to_fill_them():
    pages = {name for name, has_params in _pages().items() if has_params}
    operations = {path for path in _get_operations() if "{" in path}
    declared_pages, declared_api = set(table("PAGES")), set(table("API"))
    assert pages - declared_pages == set(), (
        f"add to a PAGES table: {sorted(pages - declared_pages)}"
    )
    assert operations - declared_api == set(), (
        f"add to an API table: {sorted(operations - declared_api)}"
    )


# --- the crawl ------------------------------------------------------------------------------------


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return body.decode("utf-8", errors="replace")


def _echoes(url: str) -> list[str]:
    """What the request itself carried: a page may repeat it without leaking anything."""
    parts = urlsplit(url)
    return [*(v for _, v in parse_qsl(parts.query)), *parts.path.strip("/").split("/")]


class Crawl:
    def __init__(self, client, username, made):
        self.client, self.username = client, username
        reader = principal_of(User.objects.get(username=username) if username else None)
        self.hidden = [r for r in made["canaries"] if not can_view(reader, r.obj)]
        self.readable = [r for r in made["canaries"] if can_view(reader, r.obj)]
        self.shown: set[str] = set()  # readable canaries' tokens seen: the crawl reached them
        self.made = made
        self.seen: set[str] = set()
        self.leaks: list[tuple] = []
        self.count = 0

    def records(self, model) -> list:
        """The canaries of a model, the PUBLIC records linking to them, and one PUBLIC record."""
        objs = [*self.made["by_model"].get(model, []), *self.made["public"].get(model, [])]
        public = model.objects.filter(marking="PUBLIC").order_by("pk").first()
        return [*objs, *([public] if public else [])]

    def get(self, url: str):
        if url in self.seen:
            return None
        self.seen.add(url)
        self.count += 1
        response = self.client.get(url)
        self.check(url, response)
        return response

    def check(self, url: str, response):
        text = _text(response)
        for echo in _echoes(url):
            if echo.startswith("canary-"):
                text = text.replace(echo, "")
        for record in self.readable:
            self.shown.update(string for string in record.strings if string in text)
        for record in self.hidden:
            for string in record.strings:
                if string in text:
                    who = self.username or "anonymous"
                    self.leaks.append((who, url, response.status_code, string))
        codes = [code for record in self.hidden for code in record.codes]
        if codes:
            bare = text
            for echo in _echoes(url):
                if echo:
                    bare = bare.replace(echo, "")
            for code in codes:
                if re.search(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", bare):
                    who = self.username or "anonymous"
                    self.leaks.append((who, url, response.status_code, code))

    def page(self, url: str):
        response = self.get(url)
        if response is None or response.status_code != 200:
            return
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        html = response.content.decode()
        for link in EXPORT_LINK.findall(html):
            link = link.replace("&amp;", "&")
            if link.startswith("/"):
                self.get(link)
        filters = table("FILTERS")
        names = {n for form in GET_FORM.findall(html) for n in FIELD_NAME.findall(form)}
        for name in sorted(names & set(filters)):
            self.filtered(url, name, filters[name])

    def values(self, rule) -> list:
        """A filter's values: the canaries' and those the declaration adds (``public``)."""
        extra = list(rule.public()) if rule.public else []
        return [
            rule.kwargs(obj)["value"] for obj in self.made["by_model"].get(rule.model, []) + extra
        ]

    def hidden_values(self, rule) -> list:
        hidden = {id(r.obj) for r in self.hidden}
        objs = self.made["by_model"].get(rule.model, [])
        return [rule.kwargs(obj)["value"] for obj in objs if id(obj) in hidden]

    def filter(self, base: str, name: str, rule, formats=("",)):
        """Read ``base`` filtered by each canary: a hidden one must answer as a missing one."""
        hidden = self.hidden_values(rule)
        absent = MISSING_ID if hidden and isinstance(hidden[0], int) else MISSING
        missing = self.get(f"{base}?{urlencode({name: absent})}")
        for value in self.values(rule):
            for fmt in formats:
                query = {name: value, **({"format": fmt} if fmt else {})}
                response = self.get(f"{base}?{urlencode(query)}")
                if fmt or value not in hidden or response is None or missing is None:
                    continue
                if response.status_code != missing.status_code:
                    who = self.username or "anonymous"
                    url = f"{base}?{name}={value}"
                    found = (
                        f"answers {response.status_code}, a missing {name} {missing.status_code}"
                    )
                    self.leaks.append((who, url, response.status_code, found))

    def filtered(self, url: str, name: str, rule):
        self.filter(url.split("?")[0], name, rule, formats=("", "csv"))

    def pages(self):
        routes = table("PAGES")
        for name, has_params in sorted(_pages().items()):
            if name in {"web:logout", "council:calendar-feed"}:
                continue  # a GET that signs out, or mints a new secret
            if not has_params:
                url = reverse(name)
                self.page(url)
                for fmt in ("csv", "xlsx"):
                    self.get(f"{url}?format={fmt}")
                continue
            rule = routes.get(name)
            if rule is None:
                continue  # not a marked record's page, or undeclared (the test above says so)
            for obj in self.records(rule.model):
                kwargs = rule.kwargs(obj)
                self.page(reverse(name, kwargs=kwargs))
                if kwargs.get("fmt") == "csv":  # an export page: both formats
                    self.get(reverse(name, kwargs={**kwargs, "fmt": "xlsx"}))

    def extra(self):
        """URLs a module names itself (a filter combination the forms alone would not reach)."""
        for module in modules():
            for url in sorted(getattr(module, "URLS", ())):
                self.page(url)

    def api(self):
        routes, filters = table("API"), table("FILTERS")
        for path, params in sorted(_get_operations().items()):
            rule = routes.get(path)
            if rule is None:
                urls = [path]
            else:
                urls = [path.format(**rule.kwargs(obj)) for obj in self.records(rule.model)]
            for url in urls:
                self.get(url)
            if "page_size" in params:  # a canary may sit beyond the first page
                self.get(f"{urls[0]}?page_size=500")
            for name in params:
                if name in filters:
                    self.filter(urls[0], name, filters[name])

    def writes(self):
        """Writes whose refusal could name a canary: a conflict (409) must not reveal one.

        What they make is taken back (a savepoint rolled back): a pledge delegation-rus posts
        under a canary's key is its own record, which spoke-north may read, and its entry id
        (``u<id>~<key>``) holds that key, so a reader crawled after it in the same database
        would find the canary's token in a record that is not the canary."""
        self.accepted = []  # the writes that went through: the check had something to refuse
        with transaction.atomic():
            for module in modules():
                for url, payload in getattr(module, "WRITES", lambda username: [])(self.username):
                    self.count += 1
                    response = self.client.post(url, payload, content_type="application/json")
                    # The body may repeat the key the caller sent: that is no leak.
                    self.check(f"{url}?{urlencode(payload)}", response)
                    if response.status_code == 201:
                        self.accepted.append(url)
                    if response.status_code == 409:
                        who = self.username or "anonymous"
                        self.leaks.append((who, f"POST {url}", 409, payload["idempotency_key"]))
            transaction.set_rollback(True)

    def search(self):
        """The search page and API asked for each hidden canary's token (lower-cased, so that
        the echoed query is not mistaken for it): nothing of the canary is found or quoted."""
        for record in self.hidden:
            if not kinds_of(type(record.obj)):
                continue
            query = urlencode({"q": record.strings[0].lower()})
            self.get(f"{reverse('search:search')}?{query}")
            self.get(f"/api/v1/search?{query}")

    def calendar(self):
        if self.username is None:
            return
        _, secret = calendar_feed_create(actor=User.objects.get(username=self.username))
        self.get(reverse("council:calendar", args=[secret]))


@pytest.fixture(scope="module")
def canaries(django_db_setup, django_db_blocker):
    """The canaries, made once for this module's tests on a worker: inside a transaction that
    each test rolls back into (its own savepoint, the ``db`` fixture's) and that is rolled back
    after the last of them, so no other module ever sees them. Made per test, they cost a
    quarter of each crawl again, five times over."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.mark.parametrize("username", PERSONAS, ids=lambda u: u or "anonymous")
def test_no_canary_reaches_a_reader_outside_its_marking(username, canaries, db, client_as):
    crawl = Crawl(client_as(username), username, canaries)
    crawl.pages()
    crawl.extra()
    crawl.api()
    crawl.calendar()
    crawl.search()
    crawl.writes()
    assert crawl.count > 300, f"the crawl made only {crawl.count} requests"
    # The control: every canary this reader may read showed somewhere, so the crawl reached each
    # model's pages; a crawl that reached nothing would find no leak either.
    unseen = [r.strings[0] for r in crawl.readable if not crawl.shown.intersection(r.strings)]
    assert not unseen, f"the crawl never reached these readable canaries: {unseen}"
    leaks = "\n".join(map(str, sorted(set(crawl.leaks))))
    assert not crawl.leaks, (
        f"in {crawl.count} requests, leaks (persona, URL, status, token):\n{leaks}"
    )


def test_a_readers_writes_leave_nothing_for_the_next_reader(canaries, db, client_as):
    """Readers crawled one after another in one database: delegation-rus's pledges, posted
    under the canaries' idempotency keys, must not show those keys to spoke-north afterwards as
    if they were the US canaries' entries (the pledges are delegation-rus's own, not a leak)."""
    writer = Crawl(client_as("delegation-rus"), "delegation-rus", canaries)
    writer.writes()
    assert writer.accepted, "delegation-rus's pledges were refused: nothing was tested"
    reader = Crawl(client_as("spoke-north"), "spoke-north", canaries)
    for url in ("/api/v1/funds/funds/nrc_hmtf/entries", "/api/v1/funds/funds/nrc_hmtf/iati.xml"):
        assert reader.get(url).status_code == 200
    assert reader.leaks == []


def test_spoke_staff_get_no_edit_form_for_another_spokes_record(canaries, db, client_as):
    client = client_as("spoke-north")
    routes = table("PAGES")
    checked = []
    on_other_spoke = [r.obj for r in canaries["canaries"] if r.kind == "spoke"]
    for name in sorted(routes):
        rule = routes[name]
        if rule is None or not name.endswith(("-edit", "-delete")):
            continue
        for obj in on_other_spoke:
            if not isinstance(obj, rule.model):
                continue
            url = reverse(name, kwargs=rule.kwargs(obj))
            checked.append((url, client.get(url).status_code))
    assert checked, "no edit form of a site-scoped canary was tried"
    assert [(url, status) for url, status in checked if status == 200] == []
