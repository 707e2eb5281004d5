"""Virements: one person asks, another approves or rejects; on approval both lines' allotments
move at once, never leaving the giving line below what it has committed or spent."""

import json

import pytest

from accord.audit.models import AuditEntry
from accord.budget import selectors, services
from accord.budget.models import Virement
from accord.errors import Conflict, PermissionDenied, ValidationFailed
from tests.budget.test_services import DAY

pytestmark = pytest.mark.django_db


def allotted(line):
    return selectors.line_totals(line.pk)["allotment"]


def test_approval_moves_both_allotments_and_the_requester_may_not_approve(persona, fresh_line):
    giving, receiving = fresh_line("giving", allot=100_000), fresh_line("receiving", allot=0)
    hub, admin = persona("hub-staff"), persona("admin")
    virement = services.virement_request(
        actor=hub, from_line=giving, to_line=receiving, amount_minor=40_000, reason="fuel spike"
    )
    assert (allotted(giving), allotted(receiving)) == (100_000, 0)  # nothing moves on request
    with pytest.raises(PermissionDenied) as own:
        services.virement_approve(actor=hub, virement=virement)
    assert own.value.code == "virement_own_request"
    assert AuditEntry.objects.filter(outcome="refused", error_code="virement_own_request").exists()
    approved = services.virement_approve(actor=admin, virement=virement, note="agreed")
    assert (approved.status, approved.decided_by) == ("approved", "admin")
    assert (allotted(giving), allotted(receiving)) == (60_000, 40_000)
    assert AuditEntry.objects.filter(action="virement.approve", actor_name="admin").exists()
    with pytest.raises(Conflict) as again:
        services.virement_reject(actor=admin, virement=Virement.objects.get(pk=virement.pk))
    assert again.value.code == "virement_decided"
    outgoing = giving.entries.get(virement=virement)
    with pytest.raises(Conflict) as reversing:
        services.budget_entry_reverse(actor=admin, entry=outgoing, reason="undo")
    assert reversing.value.code == "virement_entry_not_reversible"


def test_a_virement_that_would_leave_the_line_below_its_spending_is_refused(persona, fresh_line):
    giving, receiving = fresh_line("giving", allot=100_000), fresh_line("receiving", allot=0)
    hub, admin = persona("hub-staff"), persona("admin")
    with pytest.raises(Conflict) as too_much:
        services.virement_request(
            actor=hub, from_line=giving, to_line=receiving, amount_minor=100_001, reason="x"
        )
    assert too_much.value.code == "virement_exceeds_free_allotment"
    virement = services.virement_request(
        actor=hub, from_line=giving, to_line=receiving, amount_minor=60_000, reason="x"
    )
    # Spent meanwhile: by approval only 30,000 are free, so the approval is refused whole.
    services.budget_entry_record(
        actor=hub, line=giving, kind="expenditure", date=DAY, amount_minor=70_000
    )
    with pytest.raises(Conflict) as late:
        services.virement_approve(actor=admin, virement=virement)
    assert late.value.code == "virement_exceeds_free_allotment"
    assert (allotted(giving), allotted(receiving)) == (100_000, 0)
    assert Virement.objects.get(pk=virement.pk).status == "requested"
    rejected = services.virement_reject(actor=admin, virement=virement, note="too late")
    assert rejected.status == "rejected"
    usd = fresh_line("usd", allot=0, currency="USD")
    with pytest.raises(ValidationFailed) as differ:
        services.virement_request(
            actor=hub, from_line=giving, to_line=usd, amount_minor=1_000, reason="x"
        )
    assert differ.value.code == "virement_lines_differ"


def test_a_virement_is_requested_and_approved_through_the_pages(client_as, fresh_line):
    giving, receiving = fresh_line("giving", allot=100_000), fresh_line("receiving", allot=0)
    response = client_as("hub-staff").post(
        "/budget/virements/new/",
        {
            "from_line": str(giving.pk),
            "to_line": str(receiving.pk),
            "amount": "250.00",
            "reason": "Generators",
        },
    )
    assert response.status_code == 302, response.content
    virement = Virement.objects.get(from_line=giving)
    assert virement.amount_minor == 25_000
    admin = client_as("admin")
    listing = admin.get("/budget/virements/").content.decode()
    assert f"/budget/virements/{virement.pk}/approve/" in listing
    assert admin.post(f"/budget/virements/{virement.pk}/approve/", {}).status_code == 302
    assert (allotted(giving), allotted(receiving)) == (75_000, 25_000)
    detail = admin.get(f"/budget/lines/{giving.pk}/").content.decode()
    assert "(virement out)" in detail


def test_the_api_requests_and_refuses_a_self_approval(client_as, fresh_line):
    giving, receiving = fresh_line("giving", allot=100_000), fresh_line("receiving", allot=0)
    client = client_as("hub-staff")
    created = client.post(
        "/api/v1/budget/virements",
        json.dumps(
            {
                "from_line": giving.pk,
                "to_line": receiving.pk,
                "amount_minor": 5_000,
                "reason": "spares",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    own = client.post(
        f"/api/v1/budget/virements/{created.json()['id']}/approve",
        "{}",
        content_type="application/json",
    )
    assert own.status_code == 403
    assert own.json()["code"] == "virement_own_request"
