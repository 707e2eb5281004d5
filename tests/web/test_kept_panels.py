"""Panels kept between writes (``accord.web.panels.Provided``, ``accord.kept``): the first page's
and a fund page's panels, the first page's figures, a fund's books, the budget's execution and
the council's list are built again only when their reader or the data they read changes.

What makes that safe is held here: each panel reads only tables whose every write sets the
version of one of the topics it names (the database's triggers), so a kept panel never outlives
a change; and the key names the reader, so one reader never gets another's panel.
"""

from pprint import pformat

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from lxml import html

from accord import access
from accord.budget.models import FiscalYear
from accord.budget.views import execution as budget_execution
from accord.core.models import User
from accord.council.views import consultations as council_list
from accord.funds import fund_panels
from accord.funds import selectors as fund_selectors
from accord.funds.models import TrustFund
from accord.funds.views import pages as fund_pages
from accord.kept import bumping_tables
from accord.web import panels
from accord.web.views import dashboard
from tests.kept_reads import tables_read

pytestmark = pytest.mark.django_db

# Readers whose panels take different paths through the policy: everything, a delegation outside
# NATO, a site's own staff, who keeps the aircraft, an Afghan official reading Dari.
READERS = ("admin", "delegation-rus", "spoke-north", "maintenance", "afg-budget")


def _request(rf, user: User):
    request = rf.get("/")
    request.user = user
    access.principal_of(user)  # read before: the reader's standing is in the key, not the data
    return request


def _versioned(topics) -> set[str]:
    return set().union(*(bumping_tables(topic) for topic in topics))


def test_every_panel_reads_only_tables_whose_writes_set_its_topics_versions(rf, persona):
    """A panel that starts to read another table must name its topic (and the table get the
    topic's triggers, a migration: ``accord.kept.bump_on_write``), or its kept HTML would
    outlive that table's changes."""
    hmtf = TrustFund.objects.get(code="nrc_hmtf")
    outside: dict[str, set[str]] = {}
    drawn = set()

    def draw(name: str, provided, *args) -> None:
        with CaptureQueriesContext(connection) as captured:
            if provided.panel(request, *args):
                drawn.add(name)
        read = tables_read(captured.captured_queries) - _versioned(provided.topics)
        if read:
            outside.setdefault(f"{name} {provided.topics}", set()).update(read)

    for username in READERS:
        request = _request(rf, persona(username))
        with translation.override(persona(username).language or "en-gb"):
            for provided in panels.provided_panels():
                assert provided.topics, f"{provided.panel.__module__} names no topic"
                draw(provided.panel.__module__, provided)
            for provided in fund_panels.provided_panels():
                draw(f"{provided.panel.__module__} (a fund's)", provided, hmtf)
    for username in READERS:
        reader = persona(username)
        access.principal_of(reader)
        with CaptureQueriesContext(connection) as captured:
            dashboard._figures(reader)
        read = tables_read(captured.captured_queries) - _versioned(dashboard.FIGURES_TOPICS)
        if read:
            outside.setdefault("the first page's figures", set()).update(read)
    year = FiscalYear.objects.order_by("-start").first()
    for username in READERS:
        request = _request(rf, persona(username))
        with CaptureQueriesContext(connection) as captured:
            budget_execution._execution_built(request, fy=year)
        read = tables_read(captured.captured_queries)
        read -= _versioned(budget_execution.EXECUTION_TOPICS)
        if read:
            outside.setdefault("the budget's execution", set()).update(read)
    for username in READERS:
        request = _request(rf, persona(username))
        with CaptureQueriesContext(connection) as captured:
            council_list._listed(request, {}, timezone.now())
            council_list._listed(request, {"q": "Mi-17", "state": "adopted"}, timezone.now())
        read = tables_read(captured.captured_queries) - _versioned(council_list.LIST_TOPICS)
        if read:
            outside.setdefault("the council's list", set()).update(read)
    for username in READERS:
        request = _request(rf, persona(username))
        for fund in fund_selectors.fund_list(actor=request.user):
            with CaptureQueriesContext(connection) as captured:
                fund_pages._fund_books(request, fund, None)
            read = tables_read(captured.captured_queries) - _versioned(fund_pages.BOOKS_TOPICS)
            if read:
                outside.setdefault("a fund's books", set()).update(read)
    assert not outside, "panels read tables outside their topics:\n" + pformat(outside)
    # Each panel was drawn for some reader: none of them was held only by an empty path.
    assert len(drawn) == len(panels.provided_panels()) + len(fund_panels.provided_panels())


def _panel_html(client) -> dict[str, str]:
    tree = html.fromstring(client.get("/").content)
    return {
        panel.get("data-panel"): html.tostring(panel, encoding="unicode")
        for panel in tree.xpath("//section[@data-panel]")
    }


def test_a_reader_never_gets_the_panels_kept_for_another(client_as):
    """Two readers of different reach take turns: each is shown their own panels, as drawn for
    them alone, whichever of them came first."""
    readers = ("admin", "delegation-rus")
    for provided in panels.provided_panels():
        provided.kept.clear()
    alone = {}
    for username in readers:
        alone[username] = _panel_html(client_as(username))
        for provided in panels.provided_panels():
            provided.kept.clear()
    assert alone["admin"] != alone["delegation-rus"]
    clients = {username: client_as(username) for username in readers}
    for username in (*readers, *readers):
        assert _panel_html(clients[username]) == alone[username]


def test_a_kept_panel_is_drawn_again_once_its_data_changes(client_as):
    """Seen again between two writes, the page draws no panel (fewer queries); after a write to
    what a panel shows, the next view shows it."""
    from accord.situation.models import Incident

    client = client_as("hub-staff")
    with CaptureQueriesContext(connection) as first:
        before = _panel_html(client)["situation"]
    with CaptureQueriesContext(connection) as again:
        assert _panel_html(client)["situation"] == before
    assert len(again) < len(first)

    shown = Incident.objects.filter(title="Matrix PUBLIC incident").get()
    Incident.objects.filter(pk=shown.pk).update(title="Renamed by a bulk update")
    after = _panel_html(client)["situation"]
    assert "Renamed by a bulk update" in after
    assert "Matrix PUBLIC incident" not in after


def test_the_council_list_shows_a_text_adopted_once_its_deadline_passes(client_as, monkeypatch):
    """No write says that a text under silence was adopted: its deadline passing does. The
    list kept before it must not outlive it."""
    from datetime import timedelta

    from accord.council.models import Consultation, ConsultationState

    soon = timezone.now() + timedelta(minutes=1)
    text = Consultation.objects.filter(state=ConsultationState.CIRCULATING).earliest("deadline")
    Consultation.objects.filter(pk=text.pk).update(deadline=soon)
    client = client_as("secretariat")

    def state_shown() -> str:
        tree = html.fromstring(client.get("/council/?q=" + text.title[:20]).content)
        row = tree.xpath(f'//a[@href="/council/consultations/{text.pk}/"]/ancestor::tr')[0]
        return row.xpath("./td[3]")[0].text_content().strip()

    assert state_shown() == "Under silence"
    assert state_shown() == "Under silence"  # kept
    later = soon + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert state_shown() == "Adopted"
