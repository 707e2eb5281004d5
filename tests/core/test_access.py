"""The one access policy, for every role and marking, and its list and record forms agreeing."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import access
from accord.access import ANONYMOUS, Principal, principal_of, system_principal
from accord.core.demo import PERSONAS
from accord.core.models import MissionStrength, Nation, Organisation, Site, TroopContribution
from accord.markings import Marking, Role
from tests.conftest import ALL_PERSONAS
from tests.matrix import ADMINS, NATO_READERS, NRC_READERS, holding


def _reader(persona, who):
    return ANONYMOUS if who is None else persona(who)


@pytest.fixture
def marked(contribution_at):
    """One DEU contribution at TAAC-North under each marking (national ones owned by DEU, RUS)."""
    return {
        "PUBLIC": contribution_at("DEU", "taac_north", marking="PUBLIC", day=1),
        "NRC": contribution_at("DEU", "taac_north", marking="NRC", day=2),
        "NATO": contribution_at("DEU", "taac_north", marking="NATO", day=3),
        "NATIONAL-DEU": contribution_at("DEU", "taac_north", marking="NATIONAL", day=4),
        "NATIONAL-RUS": contribution_at(
            "DEU", "taac_north", marking="NATIONAL", owner="RUS", day=5
        ),
    }


NATION_OF = {p.username: p.nation for p in PERSONAS}


def _expected_reads(who: str | None) -> set[str]:
    """By the reader's nation: NRC for NRC members, NATO for NATO members, NATIONAL for its own
    (Afghanistan's personas read PUBLIC only here); administrators everything."""
    if who is None:
        return {"PUBLIC"}
    if who in ADMINS:
        return {"PUBLIC", "NRC", "NATO", "NATIONAL-DEU", "NATIONAL-RUS"}
    return (
        {"PUBLIC"}
        | ({"NRC"} if who in NRC_READERS else set())
        | ({"NATO"} if who in NATO_READERS else set())
        | ({f"NATIONAL-{NATION_OF[who]}"} & {"NATIONAL-DEU", "NATIONAL-RUS"})
    )


@pytest.mark.parametrize("who", [*ALL_PERSONAS, None])
def test_each_role_reads_exactly_the_markings_its_nation_is_cleared_for(db, persona, marked, who):
    reader = _reader(persona, who)
    ids = {obj.pk: label for label, obj in marked.items()}
    listed = access.visible(TroopContribution.objects.filter(pk__in=ids), reader)
    assert {ids[pk] for pk in listed.values_list("pk", flat=True)} == _expected_reads(who)
    assert {label for label, obj in marked.items() if access.can_view(reader, obj)} == (
        _expected_reads(who)
    )


def test_the_russian_delegation_never_reads_a_nato_record(db, persona, contribution_at):
    rus = persona("delegation-rus")
    nato = contribution_at("USA", "bagram", marking="NATO")
    assert not access.can_view(rus, nato)
    assert not access.visible(TroopContribution.objects.filter(pk=nato.pk), rus).exists()
    with pytest.raises(access.NotFound):
        access.require_view(rus, nato)


def test_anonymous_reads_public_records_only_and_changes_nothing(db, contribution_at):
    public = contribution_at("DEU", "taac_north")
    nrc = contribution_at("DEU", "taac_north", marking="NRC", day=2)
    assert access.can_view(ANONYMOUS, public)
    assert not access.can_view(ANONYMOUS, nrc)
    assert not access.can_change(ANONYMOUS, public)
    assert not access.changeable(TroopContribution.objects.all(), ANONYMOUS).exists()


# Who may change a DEU contribution at TAAC-North: administrators, that site's staff, and the
# German delegation. Nobody else, whatever their nation or role.
CONTRIBUTION_CHANGERS = {"admin", "spoke-north", "delegation-deu"}
CHANGERS = {
    "site": {"admin", "spoke-north"},  # TAAC-North itself
    # Resolute Support HQ: its hub staff, whatever their nation (the site is PUBLIC).
    "hub": ADMINS | {p.username for p in PERSONAS if p.site == "rs_hq_kabul"},
    "nation": {"admin"},
    "organisation": {"admin", "secretariat"},
    "strength": ADMINS | holding(Role.HUB_STAFF),
}


@pytest.mark.parametrize("who", [*ALL_PERSONAS, None])
def test_who_changes_each_kind_of_record(db, persona, contribution_at, who):
    actor = _reader(persona, who)
    records = {
        "contribution": contribution_at("DEU", "taac_north"),
        "site": Site.objects.get(code="taac_north"),
        "hub": Site.objects.get(code="rs_hq_kabul"),
        "nation": Nation.objects.get(iso3="DEU"),
        "organisation": Organisation.objects.get(code="rsm"),
        "strength": MissionStrength.objects.first(),
    }
    expected = {"contribution": CONTRIBUTION_CHANGERS, **CHANGERS}
    for kind, obj in records.items():
        allowed = who in expected[kind]
        assert access.can_change(actor, obj) is allowed, (who, kind)
        in_list = access.changeable(type(obj).objects.filter(pk=obj.pk), actor).exists()
        assert in_list is allowed, (who, kind)


def test_spoke_staff_change_only_their_own_sites_contributions(db, persona, contribution_at):
    north, west = persona("spoke-north"), persona("spoke-west")
    at_north = contribution_at("GEO", "taac_north")
    at_west = contribution_at("GEO", "taac_west")
    mission_wide = contribution_at("GEO", None)
    assert access.can_change(north, at_north)
    assert not access.can_change(north, at_west)
    assert access.can_change(west, at_west)
    assert not access.can_change(west, at_north)
    assert not access.can_change(north, mission_wide)
    assert set(access.changeable(TroopContribution.objects.all(), north)) == set(
        TroopContribution.objects.filter(site__code="taac_north")
    )


def test_delegations_change_their_own_nations_contributions_anywhere(db, persona, contribution_at):
    usa = persona("delegation-usa")
    assert access.can_change(usa, contribution_at("USA", "taac_west"))
    assert access.can_change(usa, contribution_at("USA", None))
    assert not access.can_change(usa, contribution_at("DEU", "taac_west"))
    assert set(access.changeable(TroopContribution.objects.all(), usa)) == set(
        TroopContribution.objects.filter(nation__iso3="USA")
    )


def test_a_record_the_actor_cannot_read_is_not_found_not_forbidden(db, persona, contribution_at):
    foreign = contribution_at("DEU", "taac_north", marking="NATIONAL", owner="USA")
    with pytest.raises(access.NotFound):
        access.require_change(persona("spoke-north"), foreign)
    with pytest.raises(access.PermissionDenied):
        access.require_change(persona("spoke-west"), contribution_at("DEU", "taac_north", day=2))


def test_administrators_and_the_system_read_and_change_everything(db, persona, contribution_at):
    secret = contribution_at("RUS", None, marking="NATIONAL")
    for actor in (persona("admin"), system_principal("tests")):
        assert access.can_view(actor, secret)
        assert access.can_change(actor, secret)


def test_creating_a_record_one_cannot_read_is_refused(db, persona):
    rus = persona("delegation-rus")
    values = {"marking": Marking.NATO, "nation_id": Nation.objects.get(iso3="RUS").pk}
    with pytest.raises(access.PermissionDenied):
        access.require_create(rus, TroopContribution, values)
    access.require_create(rus, TroopContribution, {**values, "marking": Marking.NRC})


# --- the property: the record form and the queryset form of the policy never disagree ----------

MODELS = ["contribution", "site", "nation", "organisation", "strength"]


@pytest.fixture
def world(db):
    """Nations of every clearance (NATO+NRC, NRC only, NATO only, neither) and three sites."""
    Nation.objects.create(iso3="ZNT", name="Natonia", nato_accession=date(2020, 1, 1))
    nations = list(Nation.objects.filter(iso3__in=["DEU", "RUS", "AFG", "ZNT"]))
    sites = list(Site.objects.filter(code__in=["taac_north", "taac_west", "rs_hq_kabul"]))
    return nations, sites


def _principals(nations, sites):
    def build(user_id, roles, nation, site):
        return Principal(
            user_id=user_id,
            username="someone",
            roles=frozenset(roles),
            nation_id=nation.pk if nation else None,
            nation_nrc=bool(nation and nation.nrc_member),
            nation_nato=bool(nation and nation.nato_accession),
            site_id=site.pk if site else None,
        )

    return st.builds(
        build,
        st.sampled_from([None, 7]),
        st.sets(st.sampled_from(Role.values), max_size=3),
        st.sampled_from([None, *nations]),
        st.sampled_from([None, *sites]),
    )


def _record(kind, marking, owner, nation, site):
    """Save (or re-mark) one record of ``kind`` with this marking and scope."""
    common = {"marking": marking, "owner_nation": owner}
    if kind == "contribution":
        return TroopContribution.objects.create(
            nation=nation, site=site, as_of=date(1999, 9, 9), **common
        )
    if kind == "organisation":
        return Organisation.objects.create(code="prop", name="Prop", kind="agency", **common)
    if kind == "strength":
        return MissionStrength.objects.create(as_of=date(1999, 9, 9), personnel=1, **common)
    target = site if kind == "site" else nation
    type(target).objects.filter(pk=target.pk).update(
        marking=marking, owner_nation=owner.pk if owner else None
    )
    return type(target).objects.get(pk=target.pk)


@settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_can_view_and_can_change_agree_with_the_querysets(world, data):
    nations, sites = world
    actor = data.draw(_principals(nations, sites), label="actor")
    kind = data.draw(st.sampled_from(MODELS), label="kind")
    marking = data.draw(st.sampled_from(Marking.values), label="marking")
    owner = data.draw(
        st.sampled_from(nations) if marking == "NATIONAL" else st.sampled_from([None, *nations]),
        label="owner",
    )
    nation = data.draw(st.sampled_from(nations), label="nation")
    site = data.draw(st.sampled_from([None, *sites]), label="site")
    if kind == "site" and site is None:
        site = sites[0]
    with transaction.atomic():
        obj = _record(kind, marking, owner, nation, site)
        model = type(obj)
        in_visible = access.visible(model.objects.all(), actor).filter(pk=obj.pk).exists()
        in_changeable = access.changeable(model.objects.all(), actor).filter(pk=obj.pk).exists()
        assert access.can_view(actor, obj) is in_visible
        assert access.can_change(actor, obj) is in_changeable
        # Changing never reaches further than reading.
        assert not in_changeable or in_visible
        transaction.set_rollback(True)


def test_a_principal_is_computed_from_the_users_roles_nation_and_site(db, persona):
    p = principal_of(persona("spoke-north"))
    assert p.roles == {Role.SPOKE_STAFF}
    assert p.nation_nrc
    assert p.nation_nato
    assert p.site_id == Site.objects.get(code="taac_north").pk
    rus = principal_of(persona("delegation-rus"))
    assert rus.nation_nrc
    assert not rus.nation_nato
