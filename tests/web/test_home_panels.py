"""The first page's panels (``accord.web.panels``): each reader sees first what they act on, read
under their access (rows and counts alike); a reader who acts on none of it sees nothing of it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from accord.advising import selectors as advising_selectors
from accord.advising import services as advising_services
from accord.advising.inputs import MilestoneValues
from accord.audit.services import audit_checkpoint_publish
from accord.core.models import Nation
from accord.training import selectors as training_selectors
from accord.training import services as training_services
from accord.training.inputs import SessionValues
from accord.transit.models import Shipment

pytestmark = pytest.mark.django_db


def panels(client) -> dict[str, dict]:
    """The panels of ``/`` in their order: key -> {heading: (count, [row texts], [row links])}."""
    tree = html.fromstring(client.get("/").content)
    found = {}
    for panel in tree.xpath("//section[@data-panel]"):
        sections = {}
        for part in panel.xpath('.//div[@class="home-section"]'):
            heading = part.xpath("./h3/text()")[0].strip()
            count = int(re.sub(r"\D", "", part.xpath('./h3/a[@class="count"]/text()')[0]))
            rows = [" ".join(li.text_content().split()) for li in part.xpath(".//li")]
            links = part.xpath(".//li/a/@href")
            empty = part.xpath('./p[@class="empty"]/text()')
            sections[heading] = (count, rows, links, empty[0] if empty else "")
        found[panel.get("data-panel")] = sections
    return found


def test_each_role_sees_first_what_it_acts_on(client_as):
    first = {}
    for who in (
        "secretariat",
        "delegation-usa",
        "fund-manager",
        "logistician",
        "maintenance",
        "auditor",
    ):
        shown = panels(client_as(who))
        key = next(iter(shown))
        first[who] = (key, next(iter(shown[key])))
    assert first == {
        "secretariat": ("council", "Under silence, nearest deadline first"),
        "delegation-usa": ("council", "Awaiting your nation's silence or break"),
        "fund-manager": ("funds", "Balances of the funds you manage"),
        "logistician": ("transit", "Late shipments"),
        "maintenance": ("fleet", "Due list: what is due first"),
        "auditor": ("oversight", "Open findings, earliest due first"),
    }
    # Site staff rate their own site's milestones: that panel comes first, the council's not at all.
    assert list(panels(client_as("spoke-north"))) == ["advising"]


def test_the_council_panel_lists_what_is_under_silence_within_the_readers_reach(client_as):
    count, rows, links, _empty = panels(client_as("secretariat"))["council"][
        "Under silence, nearest deadline first"
    ]
    assert count == 2
    assert any("Matrix NATO text" in row for row in rows)
    assert all(link.startswith("/council/consultations/") for link in links)
    # Russia's delegation sits in the NRC, and reads no NATO text: neither its row nor its count.
    shown = panels(client_as("delegation-rus"))["council"]
    count, rows, _links, _empty = shown["Awaiting your nation's silence or break"]
    assert count == 1
    assert not any("NATO" in row for row in rows)
    assert "Under silence, nearest deadline first" not in shown


def test_the_funds_panel_shows_the_managed_funds_and_what_is_still_to_pay(client_as):
    shown = panels(client_as("fund-manager"))["funds"]
    count, rows, _links, _empty = shown["Balances of the funds you manage"]
    assert count == 5
    assert any(row.startswith("NRC Helicopter Maintenance Trust Fund available") for row in rows)
    count, rows, links, _empty = shown["Commitments still to be paid, oldest first"]
    assert count == 7  # the scenario's and the access matrices' (a parts order, a repair...)
    # The five oldest are shown: the scenario's oldest among them, after the matrices' own.
    assert len(rows) == 5
    assert any("Novosibirsk Aircraft Repair Plant" in row for row in rows)
    assert all(link.startswith("/funds/") for link in links)
    assert "funds" not in panels(client_as("delegation-usa"))


def test_the_transit_panel_shows_late_shipments_and_those_a_closure_affects(client_as):
    late = Shipment.objects.get(reference="kkt-2013-0004")
    Shipment.objects.filter(pk=late.pk).update(eta=late.planned_arrival + timedelta(days=3))
    shown = panels(client_as("logistician"))["transit"]
    count, rows, links, _empty = shown["Late shipments"]
    assert (count, links) == (1, ["/transit/shipments/kkt-2013-0004/"])
    count, rows, _links, _empty = shown["Shipments affected by a closure or a changed agreement"]
    assert count == 2
    assert any("gloc-2011-0003" in row for row in rows)
    listed = client_as("logistician").get("/transit/shipments/?late=1").text
    assert "kkt-2013-0004" in listed
    assert "gloc-2011-0003" not in listed
    assert "transit" not in panels(client_as("maintenance"))


def test_the_fleet_panel_shows_the_due_list_and_the_aircraft_not_airworthy(client_as):
    shown = panels(client_as("maintenance"))["fleet"]
    count, rows, _links, _empty = shown["Due list: what is due first"]
    assert count == 4
    assert rows[0].startswith("MX-NRC · ")
    assert "Overdue" in rows[0]
    count, rows, _links, _empty = shown["Aircraft not airworthy"]
    assert (count, rows) == (2, ["MX-NRC", "MX-PUB"])
    # The Afghan technician's nation is no NRC member: the NRC aircraft is not counted. (He
    # reads Pashto: the sections are taken in their order.)
    due, not_airworthy = panels(client_as("afg-technician"))["fleet"].values()
    assert not_airworthy[:2] == (1, ["MX-PUB"])
    assert due[0] == 2
    assert "fleet" not in panels(client_as("logistician"))


def test_the_oversight_panel_shows_open_findings_and_the_last_checkpoint(
    client_as, persona, tmp_path
):
    shown = panels(client_as("auditor"))["oversight"]
    count, rows, _links, _empty = shown["Open findings, earliest due first"]
    assert count == 2
    assert any("Matrix finding" in row for row in rows)
    assert shown["The audit chain's last checkpoint"][3] == "No checkpoint has been made yet."
    audit_checkpoint_publish(actor=persona("auditor"), output=str(tmp_path / "head.json"))
    count, rows, links, _empty = panels(client_as("auditor"))["oversight"][
        "The audit chain's last checkpoint"
    ]
    assert count == 1
    assert rows[0].startswith("Checkpoint at seal")
    assert links == ["/oversight/auditor/"]
    assert "oversight" not in panels(client_as("secretariat"))


def test_the_training_panel_shows_the_seats_awaiting_the_readers_nation(client_as, persona):
    admin = persona("admin")
    course = training_selectors.course_get(actor=admin, code="mx-course")
    starts = timezone.localdate() + timedelta(days=20)
    training_services.session_create(
        actor=admin,
        course=course,
        values=SessionValues(
            code="mx-soon", starts=starts, ends=starts + timedelta(days=4), capacity=10
        ),
        quotas={Nation.objects.get(iso3="USA"): 3},
    )
    shown = panels(client_as("trainer"))["training"]
    count, rows, _links, _empty = shown["Sessions taking nominations, soonest first"]
    assert count == 2
    assert rows[0].startswith("mx-soon · Matrix course starts")
    count, rows, _links, empty = shown["Seats set aside for your nation, awaiting its nominations"]
    assert (count, empty) == (0, "No seat set aside for your nation awaits a nomination.")
    shown = panels(client_as("delegation-usa"))["training"]
    count, rows, links, _empty = shown["Seats set aside for your nation, awaiting its nominations"]
    assert (count, links) == (1, ["/training/sessions/mx-soon/"])
    assert rows[0].endswith("3 seats free for your nation")
    assert "Sessions taking nominations, soonest first" not in shown
    assert "training" not in panels(client_as("fund-manager"))


def test_the_advising_panel_shows_the_milestones_due_at_the_advisors_own_site(client_as, persona):
    admin = persona("admin")
    counterpart = advising_selectors.counterpart_get(actor=admin, code="mx-corps")
    objective = advising_selectors.objective_get(
        actor=admin, counterpart=counterpart, code="mx-obj"
    )
    due = timezone.localdate() + timedelta(days=10)
    milestone = advising_services.milestone_create(
        actor=admin,
        values=MilestoneValues(
            objective=objective, code="mx-due", title="Payroll audited", due=due
        ),
    )
    heading = "Milestones due within a month, or past due and not rated since"
    count, rows, links, _empty = panels(client_as("spoke-north"))["advising"][heading]
    assert (count, links) == (1, [f"/advising/milestones/{milestone.pk}/"])
    assert rows[0].startswith("Payroll audited due")
    # Another spoke's staff read the milestone, but rate only their own site's.
    count, rows, _links, empty = panels(client_as("spoke-west"))["advising"][heading]
    assert (count, empty) == (0, "No milestone you rate falls due within a month.")


def test_the_situation_panel_shows_the_latest_incidents_the_analyst_reads(client_as):
    count, rows, links, _empty = panels(client_as("hub-staff"))["situation"]["Latest incidents"]
    assert count == 2
    assert {row.split(" 19 ")[0] for row in rows} == {
        "Matrix PUBLIC incident",
        "Matrix NATO incident",
    }
    assert all(link.startswith("/situation/incidents/") for link in links)
    # Afghanistan is no NATO member: its analyst reads and counts the public incident alone.
    # (He reads Dari: the section is taken by its place.)
    [(count, rows, _links, _empty)] = panels(client_as("afg-budget"))["situation"].values()
    assert count == 1
    assert "NATO" not in " ".join(rows)
    assert "situation" not in panels(client_as("spoke-north"))
