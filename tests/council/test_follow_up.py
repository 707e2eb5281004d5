"""The implementation follow-up of joint actions: results with progress and status over time,
milestones, the modules' figures measuring them, and the public portal's follow-up."""

from datetime import date

import pytest

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.council import measures, selectors, services
from accord.council.inputs import ActionResultValues
from accord.council.models import ActionResult, JointAction, ResultUpdate
from accord.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def _result(action_code="nrc_hmtf", **values):
    return services.action_result_create(
        actor=system_principal("tests"),
        values=ActionResultValues(
            joint_action=JointAction.objects.get(code=action_code),
            **{"code": "test-result", "title": "Test result", "marking": "NRC", **values},
        ),
    )


def test_the_secretariat_keeps_status_over_time_and_a_delegation_is_refused(persona):
    result = _result()
    secretariat = persona("secretariat")
    result = services.action_result_progress(
        actor=secretariat,
        result=result,
        day=date(2014, 6, 1),
        status="in_progress",
        progress=40,
        expected_version=result.version,
    )
    # An update of an earlier day is kept in the history; the result shows the latest day's.
    result = services.action_result_progress(
        actor=secretariat,
        result=result,
        day=date(2013, 6, 1),
        status="delayed",
        progress=10,
        note="late report",
        expected_version=result.version,
    )
    assert (result.status, result.progress) == ("in_progress", 40)
    assert list(result.updates.values_list("status", flat=True)) == ["delayed", "in_progress"]
    services.action_result_milestone(
        actor=secretariat, result=result, day=date(2014, 5, 1), title="Tool kits delivered"
    )
    assert AuditEntry.objects.filter(action="action_result.progress", object_id=str(result.pk))
    before = ResultUpdate.objects.count()
    with pytest.raises(PermissionDenied):
        services.action_result_progress(
            actor=persona("delegation-usa"),
            result=result,
            day=date(2014, 7, 1),
            status="completed",
            progress=100,
            expected_version=result.version,
        )
    with pytest.raises(ValidationFailed) as incomplete:
        services.action_result_progress(
            actor=secretariat,
            result=result,
            day=date(2014, 7, 1),
            status="completed",
            progress=90,
            expected_version=result.version,
        )
    assert "100 per cent" in incomplete.value.detail
    assert ResultUpdate.objects.count() == before
    refused = AuditEntry.objects.filter(action="action_result.progress", outcome="refused")
    assert refused.count() == 2


def test_the_modules_serving_an_action_measure_its_results(persona):
    assert set(measures.registered()) >= {"funds", "fleet", "training", "transit"}
    action = JointAction.objects.get(code="nrc_cnt_training")
    rows = selectors.follow_up(actor=persona("delegation-rus"), joint_action=action)
    trained = next(r for r in rows if r.result.code == "officers-trained")
    assert trained.figure is not None
    assert trained.figure.key == "training.trained"
    assert trained.figure.value > 0
    assert trained.measured == min(100, trained.figure.value * 100 // 4000)
    assert next(m.title for m in trained.milestones) == "First courses held"


def test_the_public_portal_shows_public_actions_with_public_results_only(client_as):
    action = JointAction.objects.create(
        code="public_demining", name="Public demining", marking="PUBLIC", status="active"
    )
    _result(action_code="public_demining", code="open", title="Fields cleared", marking="PUBLIC")
    _result(action_code="public_demining", code="closed", title="Secret result", marking="NATO")
    page = client_as(None).get("/council/follow-up/").content.decode()
    assert "Public demining" in page
    assert "Fields cleared" in page
    assert "Secret result" not in page
    assert "NRC Helicopter Maintenance Trust Fund" not in page  # an NRC action
    api = client_as(None).get("/api/v1/council/follow-up").json()
    shown = {r["title"] for item in api for r in item["results"]}
    assert "Fields cleared" in shown
    assert "Secret result" not in shown
    assert ActionResult.objects.filter(joint_action=action).count() == 2


def test_progress_recorded_on_the_page_shows_on_the_joint_action(client_as):
    result = _result()
    client = client_as("secretariat")
    response = client.post(
        f"/council/results/{result.pk}/progress/",
        {
            "day": "2014-06-01",
            "status": "in_progress",
            "progress": "55",
            "note": "Phase 2 begun",
            "expected_version": result.version,
        },
    )
    assert response.status_code == 302
    page = client.get("/council/joint-actions/nrc_hmtf/").content.decode()
    assert "Status over time" in page
    assert "Phase 2 begun" in page
    assert "55% done" in page
    answer = client.get(f"/api/v1/council/results/{result.pk}").json()
    assert answer["progress"] == 55
    assert answer["updates"][0]["note"] == "Phase 2 begun"
