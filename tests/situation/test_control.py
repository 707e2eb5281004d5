"""Control claims: sourced or refused, assessors side by side, NATO assessments out of the
Russian delegation's and the public's reach on every door."""

from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.errors import Code, PermissionDenied, ValidationFailed
from accord.situation import selectors
from accord.situation.inputs import ControlClaimValues
from accord.situation.models import ControlClaim
from accord.situation.services import control_claim_create

pytestmark = pytest.mark.django_db


def claim(
    persona, district, assessor, status, as_of, marking="PUBLIC", source="LWJ map", who="hub-staff"
):
    return control_claim_create(
        actor=persona(who),
        values=ControlClaimValues(
            district=district,
            assessor=assessor,
            status=status,
            as_of=as_of,
            confidence="medium",
            source=source,
            marking=marking,
        ),
    )


@pytest.fixture
def helmand():
    province = selectors.province_get(code="AF-HEL")
    return {d.name: d for d in selectors.district_list(province=province)}


def test_a_claim_without_a_source_is_refused(persona, helmand):
    with pytest.raises(ValidationFailed) as caught:
        claim(
            persona,
            helmand["Sangin"],
            "long_war_journal",
            "insurgent",
            date(2017, 3, 23),
            source="  ",
        )
    assert caught.value.code == Code.CLAIM_WITHOUT_SOURCE
    assert "source" in caught.value.errors
    assert not ControlClaim.objects.exists()
    assert AuditEntry.objects.filter(action="control_claim.create", outcome="refused").exists()


def test_only_the_hubs_analysts_record_claims(persona, helmand):
    with pytest.raises(PermissionDenied):
        claim(
            persona,
            helmand["Sangin"],
            "long_war_journal",
            "insurgent",
            date(2017, 3, 23),
            who="delegation-rus",
        )
    assert not ControlClaim.objects.exists()


def test_assessors_are_shown_side_by_side_with_disagreement_and_staleness(persona, helmand):
    sangin, nad_ali = helmand["Sangin"], helmand["Nad Ali"]
    claim(persona, sangin, "long_war_journal", "insurgent", date(2017, 3, 23))
    claim(persona, sangin, "rs_assessment", "contested", date(2016, 6, 30), marking="NATO")
    claim(persona, nad_ali, "long_war_journal", "contested", date(2017, 3, 23))
    board = {s.district: s for s in selectors.control_standing(actor=persona("delegation-usa"))}
    assert board[sangin.code].disagree
    assert board[sangin.code].stale == {"rs_assessment"}  # 266 days before the latest claim
    assert not board[nad_ali.code].disagree
    # Disagreements come first.
    assert selectors.control_standing(actor=persona("delegation-usa"))[0].district == sangin.code


def test_nato_assessments_never_reach_the_russian_delegation_or_the_public(
    persona, helmand, client_as
):
    sangin = helmand["Sangin"]
    claim(persona, sangin, "long_war_journal", "insurgent", date(2017, 3, 23))
    claim(
        persona,
        sangin,
        "rs_assessment",
        "contested",
        date(2017, 3, 1),
        marking="NATO",
        source="RS-SECRET-SOURCE",
    )
    rus = persona("delegation-rus")
    board = {s.district: s for s in selectors.control_standing(actor=rus)}
    assert set(board[sangin.code].latest) == {"long_war_journal"}
    assert not board[sangin.code].disagree  # the hidden assessment's disagreement is hidden too
    for who in ("delegation-rus", None):
        client = client_as(who)
        for url in (
            f"/situation/districts/{sangin.code}/",
            "/situation/control/",
            "/api/v1/situation/claims",
            "/api/v1/situation/control",
            "/api/v1/situation/claims?assessor=rs_assessment",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"RS-SECRET-SOURCE" not in response.content, (who, url)
    listed = client_as("delegation-rus").get("/api/v1/situation/claims").json()
    assert [c["assessor"] for c in listed["items"]] == ["long_war_journal"]
    assert b"RS-SECRET-SOURCE" in client_as("delegation-usa").get("/situation/control/").content
