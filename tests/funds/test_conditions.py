"""Donors' conditions: recorded on a fund (and a pledge), listed with the overdue ones marked,
assessed as met only on evidence; every write and refusal in the audit trail."""

import json
from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.funds.models import DonorCondition
from tests.funds.conftest import fund_make, pledge_make

pytestmark = pytest.mark.django_db
BASE = "/api/v1/funds/funds"


def post(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


def test_a_condition_is_overdue_until_assessed_and_met_only_on_evidence(client_as):
    fund = fund_make("cond_fund")
    pledge = pledge_make(fund, "DEU", "1000", date(2014, 2, 1))
    manager = client_as("fund-manager")
    body = {"nation": "DEU", "text": "A yearly audited report", "due": "2015-03-31"}
    made = post(manager, f"{BASE}/{fund.code}/conditions", {**body, "pledge": pledge.entry_id})
    assert made.status_code == 201, made.content
    condition = made.json()
    assert (condition["status"], condition["overdue"]) == ("pending", True)
    assert condition["pledge"] == pledge.entry_id
    # A delegation neither records nor assesses; the refusal is on record.
    assert (
        post(client_as("delegation-deu"), f"{BASE}/{fund.code}/conditions", body).status_code == 403
    )
    assert AuditEntry.objects.filter(action="donor_condition.record", outcome="refused").exists()

    assess = f"{BASE}/{fund.code}/conditions/{condition['id']}/assess"
    bare = post(manager, assess, {"status": "met", "expected_version": 1})
    assert bare.status_code == 422
    assert bare.json()["code"] == "condition_evidence_missing"
    assert AuditEntry.objects.filter(
        action="donor_condition.assess", error_code="condition_evidence_missing"
    ).exists()
    met = post(
        manager,
        assess,
        {
            "status": "met",
            "evidence": "The 2014 report",
            "day": "2015-04-02",
            "expected_version": 1,
        },
    )
    assert met.status_code == 200, met.content
    assert met.json() | {"version": 0} == condition | {
        "status": "met",
        "overdue": False,
        "evidence": "The 2014 report",
        "assessed_by": "fund-manager",
        "assessed_on": "2015-04-02",
        "version": 0,
    }
    # An assessment on a stale version, or dated ahead of today, changes nothing.
    stale = post(manager, assess, {"status": "not_met", "expected_version": 1})
    assert stale.status_code == 409
    future = post(
        manager, assess, {"status": "not_met", "day": "2099-01-01", "expected_version": 2}
    )
    assert future.status_code == 422
    assert DonorCondition.objects.get(pk=condition["id"]).status == "met"
    listed = client_as(None).get(f"{BASE}/{fund.code}/conditions").json()
    assert [c["status"] for c in listed] == ["met"]


def test_the_fund_page_lists_conditions_and_a_manager_records_and_assesses_them(client_as):
    manager = client_as("fund-manager")
    page = manager.get("/funds/nrc_hmtf/").content.decode()
    # The demo's conditions: Germany's report assessed as met, the US evaluation overdue.
    assert 'id="conditions"' in page
    assert "The executing agent&#x27;s 2011 report to the NRC." in page
    assert page.count('<tr class="overdue">') == 1
    assert "Record a condition" in page
    assert "Record a condition" not in client_as("auditor").get("/funds/nrc_hmtf/").content.decode()

    refused = manager.post("/funds/nrc_hmtf/conditions/new/", {"nation": "DEU", "text": " "})
    assert refused.status_code == 422
    made = manager.post(
        "/funds/nrc_hmtf/conditions/new/",
        {
            "nation": "RUS",
            "text": "Spare parts bought from the original maker",
            "due": "2014-06-30",
        },
    )
    assert made.status_code == 302
    condition = DonorCondition.objects.get(text="Spare parts bought from the original maker")
    assert condition.marking == condition.fund.marking
    url = f"/funds/nrc_hmtf/conditions/{condition.pk}/assess/"
    assert client_as("auditor").get(url).status_code == 403
    assessed = manager.post(
        url, {"status": "not_met", "evidence": "", "day": "2014-07-15", "expected_version": 1}
    )
    assert assessed.status_code == 302
    condition.refresh_from_db()
    assert (condition.status, condition.assessed_by) == ("not_met", "fund-manager")
    assert "Not met" in manager.get("/funds/nrc_hmtf/").content.decode()
