"""The council's side doors: a readable record never names, codes, counts or links a record the
reader may not see (an NRC decision of a NATO joint action lists no such action to Russia), and a
filter on a hidden body answers as one on a body that does not exist."""

import pytest

from accord.core.models import Nation
from accord.council.models import Body, Decision, JointAction, LegalBasis, Meeting, Membership

pytestmark = pytest.mark.django_db

API = "/api/v1/council"
ANDSF = "ANDSF sustainment (ANA Trust Fund and the Chicago commitment)"


@pytest.fixture
def linked():
    """The NRC's 2010 decision also authorising the NATO-only ANDSF joint action; a NATIONAL (US)
    nation as a party to a PUBLIC legal basis, lead of an NRC joint action and a seat in the NRC."""
    decision = Decision.objects.get(reference="NRC-S-2010-001")
    decision.joint_actions.add(JointAction.objects.get(code="andsf_sustainment"))
    canary = Nation.objects.create(
        iso3="XQZ",
        name="Canary Republic",
        marking="NATIONAL",
        owner_nation=Nation.objects.get(iso3="USA"),
    )
    LegalBasis.objects.get(code="lisbon_nrc_2010").parties.add(canary)
    JointAction.objects.filter(code="nrc_transit").update(lead_nation=canary)
    Membership.objects.create(body=Body.objects.get(code="nrc"), nation=canary)
    return {"decision": decision, "canary": canary}


def _text(response) -> str:
    return response.content.decode()


def test_russia_sees_no_nato_joint_action_on_an_nrc_decision(client_as, linked):
    rus = client_as("delegation-rus")
    one = rus.get(f"{API}/decisions/NRC-S-2010-001")
    assert one.status_code == 200
    assert sorted(one.json()["joint_actions"]) == ["nrc_cnt_training", "nrc_transit"]
    listed = rus.get(f"{API}/decisions?year=2010")
    assert "andsf_sustainment" not in _text(listed)
    page = rus.get("/council/decisions/NRC-S-2010-001/")
    assert page.status_code == 200
    assert ANDSF not in _text(page)
    assert "andsf_sustainment" not in _text(page)


def test_a_nato_reader_sees_every_joint_action_of_the_decision(client_as, linked):
    usa = client_as("delegation-usa")
    actions = usa.get(f"{API}/decisions/NRC-S-2010-001").json()["joint_actions"]
    assert "andsf_sustainment" in actions
    assert ANDSF in _text(usa.get("/council/decisions/NRC-S-2010-001/"))


@pytest.mark.parametrize("who", [None, "delegation-rus"])
def test_a_public_legal_basis_names_no_party_the_reader_may_not_see(client_as, linked, who):
    client = client_as(who)
    basis = client.get(f"{API}/legal-bases/lisbon_nrc_2010")
    assert basis.status_code == 200
    assert "XQZ" not in basis.json()["parties"]
    assert "XQZ" not in _text(client.get(f"{API}/legal-bases"))
    if who is not None:  # the council's pages need a sign-in
        for url in ("/council/legal-bases/", "/council/legal-bases/lisbon_nrc_2010/"):
            page = client.get(url)
            assert page.status_code == 200
            assert "Canary Republic" not in _text(page)
            assert "XQZ" not in _text(page)


def test_joint_actions_and_bodies_name_and_count_no_hidden_nation(client_as, linked):
    rus = client_as("delegation-rus")
    action = rus.get(f"{API}/joint-actions/nrc_transit")
    assert action.status_code == 200
    assert action.json()["lead_nation"] is None
    body = rus.get(f"{API}/bodies/nrc").json()
    assert "XQZ" not in [m["nation"] for m in body["members"]]
    seats = Membership.objects.filter(body__code="nrc").count()
    page = rus.get("/council/bodies/")
    assert f'<td class="num">{seats - 1}</td>' in _text(page)
    for url in (
        "/council/joint-actions/",
        "/council/joint-actions/nrc_transit/",
        "/council/bodies/nrc/",
    ):
        assert "Canary Republic" not in _text(rus.get(url)), url
    # The owner nation sees its own seat counted and named.
    usa = client_as("delegation-usa")
    assert usa.get(f"{API}/joint-actions/nrc_transit").json()["lead_nation"] == "XQZ"
    assert f'<td class="num">{seats}</td>' in _text(usa.get("/council/bodies/"))


def test_a_meeting_lists_no_hidden_decision_or_attendee(client_as, linked):
    meeting = Meeting.objects.filter(body__code="nrc").first()
    meeting.attendees.add(linked["canary"])
    rus = client_as("delegation-rus")
    api = rus.get(f"{API}/meetings/{meeting.pk}")
    assert api.status_code == 200
    page = rus.get(f"/council/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "XQZ" not in _text(page)


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/consultations?body={{code}}",
        f"{API}/decisions?body={{code}}",
        f"{API}/meetings?body={{code}}",
    ],
)
def test_a_hidden_body_in_a_filter_answers_as_an_unknown_one(client_as, url):
    rus = client_as("delegation-rus")
    hidden = rus.get(url.format(code="nac"))
    missing = rus.get(url.format(code="no_such_body"))
    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)
    assert hidden.json()["count"] == 0
    # The North Atlantic Council's records exist: a NATO reader finds them by the same filter.
    if "decisions" in url:
        assert client_as("delegation-usa").get(url.format(code="nac")).json()["count"] > 0
