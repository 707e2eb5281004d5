"""Where graduates go: outcomes a beneficiary agency reports of a graduate, through the service
(refusals with their codes, nothing written, audited) and through the API per role."""

from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.core.models import Organisation
from accord.errors import AccordError, Code
from accord.training import selectors, services
from accord.training.models import Outcome
from tests.training.conftest import ENDS, SYSTEM, course_make, person, session_make
from tests.training.helpers import graduates

pytestmark = pytest.mark.django_db


def agency():
    return Organisation.objects.get(code="afg_moi")


def values(day=date(2032, 1, 15), kind="promotion", text="Promoted to head of the unit."):
    return services.OutcomeValues(agency=agency(), day=day, kind=kind, description=text)


@pytest.fixture
def graduate(db):
    session = session_make(course_make("t-out"), code="t-out-1", quotas={"AFG": 3, "PAK": 1})
    return graduates(session, [("Hamid", "Wardak")])[0].trainee


def refused(code, **kwargs):
    before = (AuditEntry.objects.count(), Outcome.objects.count())
    with pytest.raises(AccordError) as caught:
        services.outcome_record(**kwargs)
    assert caught.value.code == code
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.outcome, entry.error_code, entry.action) == ("refused", code, "outcome.record")
    assert (AuditEntry.objects.count(), Outcome.objects.count()) == (before[0] + 1, before[1])


def test_an_agency_reports_a_graduates_promotion(graduate, afg_delegation):
    outcome = services.outcome_record(actor=afg_delegation, graduate=graduate, values=values())
    assert (outcome.nation, outcome.kind, outcome.marking) == (
        graduate.nation,
        "promotion",
        "NATIONAL",
    )
    assert list(selectors.outcome_list(actor=afg_delegation, trainee=graduate)) == [outcome]
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.outcome) == ("outcome.record", "done")


def test_outcomes_are_refused_before_graduation_and_for_non_graduates(graduate):
    refused(
        Code.OUTCOME_BEFORE_GRADUATION,
        actor=SYSTEM,
        graduate=graduate,
        values=values(day=ENDS.replace(day=ENDS.day - 1)),
    )
    never = services.nomination_create(
        actor=SYSTEM,
        session=session_make(course_make("t-out2"), code="t-out-2"),
        person=person("Rahim", "Amiri", nid="AF-OUT-2"),
        new_person=True,
    ).trainee
    refused(Code.OUTCOME_NOT_GRADUATE, actor=SYSTEM, graduate=never, values=values())
    refused(Code.VALIDATION_FAILED, actor=SYSTEM, graduate=graduate, values=values(text="  "))
    refused(Code.VALIDATION_FAILED, actor=SYSTEM, graduate=graduate, values=values(kind="seizure"))


def test_the_api_per_role(graduate, afg_delegation, client_as, client):
    url = f"/api/v1/training/trainees/{graduate.pk}/outcomes"
    body = {"agency": "afg_moi", "day": "2032-02-01", "kind": "posting", "description": "Border."}
    client.force_login(afg_delegation)
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert (made.json()["kind"], made.json()["agency"]) == ("posting", "afg_moi")
    early = client.post(url, {**body, "day": "2020-01-01"}, content_type="application/json")
    assert (early.status_code, early.json()["code"]) == (422, "outcome_before_graduation")
    assert client_as("trainer").get(url).json()[0]["description"] == "Border."
    # Personal data: another nation's delegation, a fund manager and the public read none of it,
    # and may not write it; the answer is the same as for a trainee who does not exist.
    for reader in ("delegation-deu", "fund-manager", None):
        other = client_as(reader)
        assert other.get(url).status_code in (401, 404)
        wrote = other.post(url, body, content_type="application/json")
        assert wrote.status_code in (401, 404)
    assert Outcome.objects.filter(graduate=graduate).count() == 1


def test_the_trainee_page_shows_and_takes_outcomes(graduate, afg_delegation, client):
    client.force_login(afg_delegation)
    page = f"/training/trainees/{graduate.pk}/"
    form = f"/training/trainees/{graduate.pk}/outcomes/"
    # The delegate reads Dari: the form is found by where it posts, not by its words.
    assert f'action="{form}"' in client.get(page).content.decode()
    sent = client.post(
        form,
        {"agency": "afg_moi", "day": "2032-03-01", "kind": "commendation", "description": "Cited."},
    )
    assert sent.status_code == 302
    assert "Cited." in client.get(page).content.decode()
