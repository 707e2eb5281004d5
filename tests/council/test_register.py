"""The register: legal bases from the scenario, joint actions on a legal basis, participation,
decisions numbered per body and year, full-text search, links from other modules."""

from datetime import date

import pytest
from django.db import connection

from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.council import selectors
from accord.council.models import Decision, JointAction, LegalBasis, Precondition
from accord.council.services import (
    decision_record,
    joint_action_link,
    joint_action_start,
)
from accord.errors import NotFound, PermissionDenied, ValidationFailed
from tests.council.conftest import legal_basis_make

pytestmark = pytest.mark.django_db

REQUIRED_BASES = [
    "unscr_1386",
    "unscr_1510",
    "unscr_2189",
    "nrc_rome",
    "nato_sofa_2014",
    "us_bsa_2014",
    "chicago_2012",
    "lisbon_nrc_2010",
    "nato_rus_land_2008",
    "usa_rus_air_2009",
]


def test_the_codes_other_modules_link_to_exist():
    assert set(REQUIRED_BASES) <= set(LegalBasis.objects.values_list("code", flat=True))
    actions = set(JointAction.objects.values_list("code", flat=True))
    assert {"nrc_cnt_training", "nrc_hmtf", "nrc_transit", "andsf_sustainment"} <= actions


def test_every_transit_agreement_is_a_transit_legal_basis():
    import yaml

    from accord.core.management.commands.load_scenario import packaged_scenario

    text, _ = packaged_scenario()
    ids = [item["id"] for item in yaml.safe_load(text)["transit_agreements"]]
    kinds = dict(LegalBasis.objects.filter(code__in=ids).values_list("code", "kind"))
    assert kinds == dict.fromkeys(ids, "transit")


def test_signing_and_ratification_are_one_instrument_with_both_dates():
    sofa = LegalBasis.objects.get(code="nato_sofa_2014")
    assert (sofa.signed, sofa.ratified, sofa.in_force) == (
        date(2014, 9, 30),
        date(2014, 11, 27),
        date(2015, 1, 1),
    )
    assert list(sofa.party_organisations.values_list("code", flat=True)) == ["nato"]
    bsa = LegalBasis.objects.get(code="us_bsa_2014")
    assert sorted(bsa.parties.values_list("iso3", flat=True)) == ["AFG", "USA"]


def test_the_real_history_is_loaded():
    rome = LegalBasis.objects.get(code="nrc_rome")
    assert rome.signed == date(2002, 5, 28)
    assert rome.parties.count() == 29
    land = LegalBasis.objects.get(code="nato_rus_land_2008")
    assert land.signed == date(2008, 4, 4)
    assert land.revoked == date(2015, 5, 18)
    assert land.cargo_classes == ["non_lethal"]
    assert land.territories == ["RUS"]
    assert JointAction.objects.get(code="nrc_hmtf").start == date(2011, 4, 1)
    assert Decision.objects.get(reference="NAC-2014-001").adopted_on == date(2014, 4, 1)


def test_valid_legal_bases_follow_dates_and_scope(persona):
    legal_basis_make(
        "own_land_transit",
        in_force=date(2008, 4, 4),
        revoked=date(2015, 5, 18),
        activity_kinds=["transit"],
        territories=["RUS"],
        cargo_classes=["non_lethal"],
    )
    actor = persona("logistician")

    def valid(on: date, cargo_class: str, territory: str = "RUS") -> set[str]:
        bases = selectors.legal_bases_valid_for(actor, on, "transit", territory, cargo_class)
        return {b.code for b in bases}

    assert "own_land_transit" in valid(date(2009, 3, 1), "non_lethal")
    assert "own_land_transit" not in valid(date(2008, 4, 3), "non_lethal")  # not yet in force
    assert "own_land_transit" not in valid(date(2015, 6, 1), "non_lethal")  # revoked
    assert "own_land_transit" not in valid(date(2009, 3, 1), "lethal")
    assert "own_land_transit" not in valid(date(2009, 3, 1), "non_lethal", territory="KAZ")


def test_russia_does_not_see_the_nato_only_joint_action(persona):
    with pytest.raises(NotFound):
        selectors.joint_action_get(persona("delegation-rus"), "andsf_sustainment")
    assert selectors.joint_action_get(persona("delegation-usa"), "andsf_sustainment")


def test_a_suspended_member_is_shown_not_participating_with_the_reason(persona):
    action = selectors.joint_action_get(persona("delegation-usa"), "nrc_hmtf")
    rows = {
        r["nation"].iso3: r
        for r in selectors.joint_action_participation(
            actor=persona("delegation-usa"), joint_action=action
        )
    }
    assert rows["DEU"]["participating"] is True
    assert rows["RUS"]["participating"] is False
    # In the reader's words and calendar (English here): the day as the pages write it.
    assert "suspended since 1 Apr 2014" in rows["RUS"]["reason"]


def test_an_unmet_precondition_is_shown_with_the_reason(persona):
    Precondition.objects.create(
        nation=Nation.objects.get(iso3="TUR"),
        requires_kind="unscr",
        reason="a UN mandate",
        marking="NRC",
    )
    action = selectors.joint_action_get(persona("delegation-usa"), "nrc_hmtf")
    rows = {
        r["nation"].iso3: r
        for r in selectors.joint_action_participation(
            actor=persona("delegation-usa"), joint_action=action
        )
    }
    assert rows["TUR"]["participating"] is False
    assert (
        "needs a legal basis of the kind “UN Security Council resolution” (unscr)"
        in (rows["TUR"]["reason"])
    )


def _proposed(code, bases, start=date(2013, 1, 1), end=None, **extra):
    action = JointAction.objects.create(
        code=code, name=code, status="proposed", start=start, end=end, marking="NRC", **extra
    )
    action.legal_bases.set(bases)
    return action


def test_a_joint_action_cannot_start_without_a_valid_legal_basis(persona):
    revoked = legal_basis_make("own_revoked", in_force=date(2008, 4, 4), revoked=date(2015, 5, 18))
    action = _proposed("late_transit", [revoked], start=date(2016, 1, 1), activity_kind="transit")
    with pytest.raises(ValidationFailed) as exc:
        joint_action_start(actor=persona("secretariat"), joint_action=action, expected_version=1)
    assert exc.value.code == "legal_basis_missing"
    action.refresh_from_db()
    assert action.status == "proposed"
    assert action.version == 1
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.outcome, entry.error_code) == (
        "joint_action.start",
        "refused",
        "legal_basis_missing",
    )


def test_a_joint_action_with_no_legal_basis_at_all_cannot_start(persona):
    action = _proposed("baseless", [])
    with pytest.raises(ValidationFailed) as exc:
        joint_action_start(actor=persona("secretariat"), joint_action=action, expected_version=1)
    assert exc.value.code == "legal_basis_missing"


def test_a_joint_action_starts_on_a_valid_legal_basis(persona):
    action = _proposed("ok_action", [LegalBasis.objects.get(code="nrc_rome")])
    started = joint_action_start(
        actor=persona("secretariat"), joint_action=action, expected_version=1
    )
    assert started.status == "active"
    assert started.version == 2


def test_delegations_do_not_start_joint_actions(persona):
    action = _proposed("not_theirs", [LegalBasis.objects.get(code="nrc_rome")])
    with pytest.raises(PermissionDenied):
        joint_action_start(actor=persona("delegation-usa"), joint_action=action, expected_version=1)


def test_decisions_are_numbered_per_body_and_year(nrc, nac, persona):
    actor = persona("secretariat")
    first = decision_record(actor=actor, body=nrc, title="A", text="a", adopted_on=date(2013, 3, 1))
    second = decision_record(
        actor=actor, body=nrc, title="B", text="b", adopted_on=date(2013, 5, 1)
    )
    other = decision_record(actor=actor, body=nac, title="C", text="c", adopted_on=date(2013, 5, 1))
    assert (first.reference, second.reference) == ("NRC-2013-001", "NRC-2013-002")
    assert other.reference == "NAC-2013-001"


def test_decision_search(nrc, persona):
    decision_record(
        actor=persona("secretariat"),
        body=nrc,
        title="Helicopter spare parts",
        text="The Council agrees to buy spare parts for the Mi-17 fleet.",
        adopted_on=date(2013, 3, 1),
    )
    found = selectors.decision_list(actor=persona("delegation-usa"), params={"q": "spare"})
    assert [d.title for d in found] == ["Helicopter spare parts"]
    nothing = selectors.decision_list(actor=persona("delegation-usa"), params={"q": "submarine"})
    assert list(nothing) == []
    if connection.vendor == "postgresql":
        # Full-text search matches word forms the substring search would miss.
        stemmed = selectors.decision_list(actor=persona("delegation-usa"), params={"q": "agreeing"})
        assert "Helicopter spare parts" in [d.title for d in stemmed]


def test_the_nato_only_decisions_are_not_found_by_russia(persona):
    found = selectors.decision_list(actor=persona("delegation-rus"), params={"q": "Russia"})
    assert "NAC-2014-001" not in [d.reference for d in found]


def test_other_modules_link_records_and_the_action_lists_them(persona):
    from accord.funds.models import TrustFund

    fund = TrustFund.objects.filter(joint_action__isnull=True).first() or TrustFund.objects.first()
    assert fund is not None, "the scenario loads trust funds"
    action = JointAction.objects.get(code="nrc_cnt_training")
    joint_action_link(actor=persona("fund-manager"), joint_action=action, record=fund)
    fund.refresh_from_db()
    assert fund.joint_action_id == action.pk
    groups = selectors.joint_action_links(actor=persona("delegation-usa"), joint_action=action)
    assert any(g["model"] == "funds.trustfund" and fund in g["records"] for g in groups)
    assert AuditEntry.objects.filter(action="joint_action.link", object_id=str(fund.pk)).exists()


def test_linking_needs_the_right_to_change_the_record(persona):
    from accord.funds.models import TrustFund

    fund = TrustFund.objects.first()
    assert fund is not None, "the scenario loads trust funds"
    action = JointAction.objects.get(code="nrc_cnt_training")
    with pytest.raises(PermissionDenied):
        joint_action_link(actor=persona("delegation-rus"), joint_action=action, record=fund)


def test_bodies_seat_their_members_from_the_date_they_joined(nrc, nac):
    assert nrc.memberships.count() == 29
    assert nrc.memberships.get(nation__iso3="ALB").joined == date(2009, 4, 1)
    assert nrc.memberships.get(nation__iso3="RUS").joined == date(2002, 5, 28)
    assert not nac.memberships.filter(nation__iso3="RUS").exists()
