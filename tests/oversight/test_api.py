"""Oversight through the mounted API, per role: an auditor records a finding, cites audit entries
by their position in the chain and records of other modules, recommends, assigns corrective
actions and closes; a citation the reader may not read shows nothing of itself; bad input is
refused in words with a stable code, nothing written, the attempt audited."""

import pytest

from accord.access import system_principal
from accord.audit.models import AuditEntry, AuditSeal
from accord.audit.selectors import audit_positions_of
from accord.core.models import Nation
from accord.oversight import services
from accord.oversight.inputs import FindingValues, RecommendationValues
from accord.oversight.models import Citation, CorrectiveAction, Finding, Recommendation

pytestmark = pytest.mark.django_db

F = "/api/v1/oversight"
FINDING = {
    "title": "Disbursement paid before the work order was signed",
    "severity": "high",
    "module": "funds",
    "owner": "Fund manager",
    "root_cause": "The payment run did not check the work order's status.",
    "found_on": "2025-03-01",
    "due": "2025-09-01",
}


def _position_of(entry_id: int) -> int:
    return audit_positions_of([entry_id])[entry_id]


def _entry(action: str, object_id) -> AuditEntry:
    return AuditEntry.objects.filter(action=action, object_id=str(object_id)).latest("id")


def _finding(marking="PUBLIC", title="A finding", owner_nation=None):
    return services.finding_create(
        actor=system_principal("test"),
        values=FindingValues(
            title=title,
            severity="medium",
            module="fleet",
            owner="Office",
            marking=marking,
            owner_nation=owner_nation,
        ),
    )


def test_an_auditor_cites_the_trail_recommends_and_closes_as_risk_accepted(client_as, seal):
    client = client_as("auditor")
    created = client.post(f"{F}/findings", FINDING, content_type="application/json")
    assert created.status_code == 201, created.content
    finding = created.json()
    assert (finding["title"], finding["recorded_by"]) == (FINDING["title"], "auditor")
    seal()
    position = _position_of(_entry("finding.create", finding["id"]).pk)

    cited = client.post(
        f"{F}/findings/{finding['id']}/citations/audit",
        {"position": position, "note": "The finding's own record"},
        content_type="application/json",
    )
    assert cited.status_code == 201, cited.content
    [citation] = cited.json()["citations"]
    assert (citation["kind"], citation["ident"]) == ("audit.position", position)
    assert citation["name"].startswith("finding.create")

    rec = client.post(
        f"{F}/findings/{finding['id']}/recommendations",
        {"text": "Check the work order's status before every payment run."},
        content_type="application/json",
    ).json()
    assert rec["status"] == "open"
    closed = client.post(
        f"{F}/recommendations/{rec['id']}/close",
        {
            "outcome": "risk_accepted",
            "accepted_by": "Deputy fund manager",
            "note": "Manual checks suffice",
            "expected_version": rec["version"],
        },
        content_type="application/json",
    )
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert (body["status"], body["accepted_by"], body["closed_by"]) == (
        "risk_accepted",
        "Deputy fund manager",
        "auditor",
    )
    closure = AuditEntry.objects.get(pk=body["closure_entry"])
    assert (closure.action, closure.object_id) == ("recommendation.close", str(rec["id"]))
    assert closure.changes["status"] == ["open", "risk_accepted"]
    seal()
    again = client.get(f"{F}/findings/{finding['id']}").json()
    assert (
        again["recommendations"][0]["closure_position"]
        == AuditSeal.objects.get(entry_id=closure.pk).seq
    )


def test_remediation_needs_its_actions_done_with_evidence(client_as):
    client = client_as("auditor")
    finding = _finding()
    rec = services.recommendation_create(
        actor=system_principal("test"), finding=finding, values=RecommendationValues(text="Fix")
    )
    url = f"{F}/recommendations/{rec.pk}/close"
    early = client.post(
        url, {"outcome": "remediated", "expected_version": 1}, content_type="application/json"
    )
    assert early.status_code == 422
    assert early.json()["code"] == "remediation_without_evidence"
    action = client.post(
        f"{F}/recommendations/{rec.pk}/actions",
        {"description": "Retrain the payment clerks", "owner": "Finance"},
        content_type="application/json",
    ).json()
    missing = client.post(
        f"{F}/actions/{action['id']}/complete",
        {"evidence": "  ", "expected_version": 1},
        content_type="application/json",
    )
    assert (missing.status_code, missing.json()["code"]) == (422, "evidence_missing")
    done = client.post(
        f"{F}/actions/{action['id']}/complete",
        {"evidence": "Attendance sheet of 12 clerks", "expected_version": 1},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["evidence"] == "Attendance sheet of 12 clerks"
    closed = client.post(
        url, {"outcome": "remediated", "expected_version": 1}, content_type="application/json"
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["status"] == "remediated"
    twice = client.post(
        url, {"outcome": "remediated", "expected_version": 2}, content_type="application/json"
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "recommendation_closed")


def test_a_citation_the_reader_may_not_read_shows_nothing_of_itself(client_as, seal):
    public = _finding(title="Public finding")
    secret = _finding("NATO", title="Secret NATO finding")
    actor = system_principal("test")
    services.finding_cite_record(
        actor=actor, finding=public, kind="oversight.finding", key=str(secret.pk)
    )
    seal()
    nato_entry = _entry("finding.create", secret.pk)
    services.finding_cite_audit(actor=actor, finding=public, position=_position_of(nato_entry.pk))

    def citations(username):
        response = client_as(username).get(f"{F}/findings/{public.pk}")
        assert response.status_code == 200
        if username in {"delegation-rus", None}:
            assert "Secret NATO finding" not in response.content.decode()
        return sorted(c["kind"] for c in response.json()["citations"])

    # The auditor (a NATO nation's) reads both; a NATO delegate reads the finding but not the
    # trail; the Russian delegate and the public read neither, nor learn that they are cited.
    assert citations("auditor") == ["audit.position", "oversight.finding"]
    assert citations("delegation-usa") == ["oversight.finding"]
    assert citations("delegation-rus") == []
    assert citations(None) == []
    page = client_as("delegation-rus").get(f"/oversight/findings/{public.pk}/").content.decode()
    cited = page.split('id="citations"')[1].split("</table>")[0]
    assert "Secret NATO finding" not in page
    assert "Nothing that you may read." in cited
    assert "<a " not in cited


def test_a_position_the_writer_may_not_read_is_refused_as_if_absent(client_as, seal):
    finding = _finding()
    usa = Nation.objects.get(iso3="USA")
    american = _finding("NATIONAL", title="American eyes only", owner_nation=usa)
    seal()
    hidden = _position_of(_entry("finding.create", american.pk).pk)
    client = client_as("auditor")  # of the Netherlands: does not read the American record
    answers = [
        client.post(
            f"{F}/findings/{finding.pk}/citations/audit",
            {"position": position},
            content_type="application/json",
        )
        for position in (hidden, 10**9)
    ]
    assert [a.status_code for a in answers] == [422, 422]
    assert {a.json()["code"] for a in answers} == {"audit_position_unknown"}
    assert str(hidden) in answers[0].json()["detail"]
    assert answers[0].json()["detail"].replace(str(hidden), "N") == answers[1].json()[
        "detail"
    ].replace(str(10**9), "N")
    assert not Citation.objects.filter(finding=finding).exists()
    refused = AuditEntry.objects.filter(action="finding.cite_audit", outcome="refused")
    assert refused.count() == 2
    assert "American" not in str(list(refused.values_list("changes", flat=True)))


@pytest.mark.parametrize(
    ("payload", "code", "words"),
    [
        ({"kind": "core.user", "key": "admin"}, "citation_kind_unknown", "cannot cite"),
        ({"kind": "funds.trustfund", "key": "no-such-fund"}, "cited_record_unknown", "no-such"),
        ({"kind": "fleet.aircraft", "key": ""}, "cited_record_unknown", "that you may read"),
    ],
)
def test_a_record_that_cannot_be_cited_is_refused_in_words(client_as, payload, code, words):
    finding = _finding()
    response = client_as("auditor").post(
        f"{F}/findings/{finding.pk}/citations/record", payload, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert words in body["detail"]
    assert not Citation.objects.filter(finding=finding).exists()


def test_a_finding_without_title_or_owner_is_refused_in_words(client_as):
    response = client_as("auditor").post(
        f"{F}/findings",
        {**FINDING, "title": "  ", "owner": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Give the finding a title that says what is wrong."
    assert "title" not in body["detail"].split()[:1]
    assert not Finding.objects.exists()
    late = client_as("auditor").post(
        f"{F}/findings",
        {**FINDING, "due": "2025-01-01"},
        content_type="application/json",
    )
    assert late.status_code == 422
    assert "due date comes before" in late.json()["detail"]


def test_a_risk_accepted_without_its_acceptor_is_refused(client_as):
    finding = _finding()
    rec = services.recommendation_create(
        actor=system_principal("test"), finding=finding, values=RecommendationValues(text="Fix")
    )
    response = client_as("auditor").post(
        f"{F}/recommendations/{rec.pk}/close",
        {"outcome": "risk_accepted", "expected_version": 1},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (422, "risk_acceptor_missing")
    rec.refresh_from_db()
    assert rec.status == "open"
    assert rec.closure_entry_id is None


@pytest.mark.parametrize(
    ("username", "status"),
    [
        (None, 401),
        ("delegation-usa", 403),
        ("fund-manager", 403),
        ("hub-staff", 403),
        ("auditor", 201),
        ("admin", 201),
    ],
)
def test_only_auditors_and_administrators_record_findings(client_as, username, status):
    from django.test import Client

    client = client_as(username) if username else Client()
    response = client.post(f"{F}/findings", FINDING, content_type="application/json")
    assert response.status_code == status, response.content
    assert Finding.objects.exists() == (status == 201)


@pytest.mark.parametrize(
    ("username", "status"),
    [(None, 404), ("delegation-rus", 404), ("spoke-north", 200), ("auditor", 200)],
)
def test_a_nato_finding_is_not_found_by_those_outside_nato(client_as, username, status):
    finding = _finding("NATO", title="NATO finding")
    response = client_as(username).get(f"{F}/findings/{finding.pk}")
    assert response.status_code == status
    if status == 404:
        assert "NATO finding" not in response.content.decode()


def test_writes_on_a_finding_out_of_reach_are_not_found_and_change_nothing(client_as):
    finding = _finding("NATO", title="NATO finding")
    rec = services.recommendation_create(
        actor=system_principal("test"), finding=finding, values=RecommendationValues(text="Fix")
    )
    rus = client_as("delegation-rus")
    answers = [
        rus.post(
            f"{F}/findings/{finding.pk}/recommendations",
            {"text": "x"},
            content_type="application/json",
        ).status_code,
        rus.post(
            f"{F}/recommendations/{rec.pk}/close",
            {"outcome": "risk_accepted", "accepted_by": "x", "expected_version": 1},
            content_type="application/json",
        ).status_code,
        client_as("delegation-usa")
        .post(
            f"{F}/recommendations/{rec.pk}/actions",
            {"description": "x"},
            content_type="application/json",
        )
        .status_code,
    ]
    assert answers == [404, 404, 403]
    assert Recommendation.objects.filter(finding=finding).count() == 1
    assert not CorrectiveAction.objects.exists()


def test_the_dashboard_counts_open_recommendations_by_module_and_age(client_as):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    actor = system_principal("test")
    public, nato = _finding(), _finding("NATO")
    for finding, days in ((public, 10), (public, 100), (nato, 200)):
        services.recommendation_create(
            actor=actor,
            finding=finding,
            values=RecommendationValues(text="Fix", opened_on=today - timedelta(days=days)),
        )
    board = client_as("auditor").get(f"{F}/dashboard").json()
    assert board["brackets"] == ["0-30", "31-90", "91-180", "181+"]
    assert board["rows"] == [{"module": "fleet", "counts": [1, 0, 1, 1], "total": 3}]
    # The NATO finding's recommendation is not counted for the Russian delegate.
    rus = client_as("delegation-rus").get(f"{F}/dashboard").json()
    assert rus["rows"] == [{"module": "fleet", "counts": [1, 0, 1, 0], "total": 2}]


def test_the_auditors_chain_shows_the_signed_checkpoints_of_its_head(client_as, tmp_path):
    from accord.audit.services import audit_checkpoint_publish

    checkpoint, published = audit_checkpoint_publish(
        actor=system_principal("test"), output=str(tmp_path / "head.json")
    )
    chain = client_as("auditor").get(f"{F}/chain").json()
    assert chain["head"]["seq"] == checkpoint.head_seq
    assert chain["checkpoints"][0]["signature"] == published["signature"]
    assert chain["checkpoints"][0]["standing"] is True
    assert client_as("delegation-usa").get(f"{F}/chain").status_code == 403
    page = client_as("auditor").get("/oversight/auditor/").content.decode()
    assert published["signature"][:12] in page
