"""The one access door: ``access.may`` answers every role question, and every marked model's
queryset offers ``visible_to`` and ``changeable_by``."""

import pytest

from accord import access
from accord.access import ANONYMOUS
from accord.core.models import Nation, Site, TroopContribution
from accord.funds.models import Pledge, TrustFund
from accord.markings import Marking

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("admin", True), ("fund-manager", True), ("delegation-usa", False), ("auditor", False)],
)
def test_creating_a_fund_is_for_fund_managers(persona, username, allowed):
    assert access.may(persona(username), "create", TrustFund) is allowed


def test_the_public_may_view_but_never_change(matrix_records):
    site = Site.objects.get(code="taac_north")
    assert access.may(ANONYMOUS, "view", Site, site)
    assert not access.may(ANONYMOUS, "view", Site, Site.objects.get(code="nato_only_site"))
    for action in ("create", "change", "delete"):
        assert not access.may(ANONYMOUS, action, Site)


def test_spoke_staff_change_their_own_site_only(persona):
    north = persona("spoke-north")
    assert access.may(north, "change", Site)  # some site: a button worth offering
    assert access.may(north, "change", Site, Site.objects.get(code="taac_north"))
    assert not access.may(north, "change", Site, Site.objects.get(code="taac_west"))


def test_a_delegation_pledges_for_its_own_nation_only(persona):
    usa = persona("delegation-usa")
    own = {"marking": Marking.NRC, "nation_id": Nation.objects.get(iso3="USA").pk}
    other = {**own, "nation_id": Nation.objects.get(iso3="DEU").pk}
    assert access.may(usa, "create", Pledge, own)
    assert not access.may(usa, "create", Pledge, other)


def test_nobody_creates_what_they_could_not_read(persona):
    rus = persona("delegation-rus")
    nation = Nation.objects.get(iso3="RUS").pk
    readable = {"marking": Marking.NRC, "nation_id": nation}
    assert access.may(rus, "create", TroopContribution, readable)
    assert not access.may(rus, "create", TroopContribution, {**readable, "marking": Marking.NATO})


def test_an_action_the_model_does_not_declare_is_a_programming_error(persona):
    with pytest.raises(ValueError, match="declares no action 'approve'"):
        access.may(persona("admin"), "approve", Site)


def test_every_marked_queryset_has_the_door(persona, matrix_records):
    rus, north = persona("delegation-rus"), persona("spoke-north")
    assert not Site.objects.visible_to(rus).filter(code="nato_only_site").exists()
    assert Site.objects.visible_to(persona("admin")).filter(code="nato_only_site").exists()
    assert set(Site.objects.changeable_by(north).values_list("code", flat=True)) == {"taac_north"}
    assert list(Site.objects.visible_to(rus)) == list(access.visible(Site.objects.all(), rus))


def test_staff_change_their_site_but_never_create_one(persona):
    north = persona("spoke-north")
    assert access.may(north, "change", Site)
    assert not access.may(north, "create", Site)
