"""The registry's writes: audited with their field changes; refusals audited, nothing changed."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.core import services
from accord.core.inputs import ContributionValues, NationValues, OrganisationValues, SiteValues
from accord.core.models import ApiToken, Nation, Organisation, Site, TroopContribution
from accord.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


def _entries_since(mark: int):
    return list(AuditEntry.objects.filter(id__gt=mark).order_by("id"))


def _mark() -> int:
    last = AuditEntry.objects.order_by("-id").first()
    return last.id if last else 0


def _refused(mark: int, action: str, code: str):
    entries = _entries_since(mark)
    assert [(e.action, e.outcome, e.error_code) for e in entries] == [(action, "refused", code)]
    return entries[0]


def test_a_stale_version_is_refused_and_the_row_left_as_it_was(
    db, persona, contribution_at, unchanged
):
    contribution = contribution_at("DEU", "taac_north")
    admin = persona("admin")
    services.contribution_update(
        actor=admin,
        contribution=contribution,
        values=ContributionValues(personnel=120),
        expected_version=1,
    )
    stale = TroopContribution.objects.get(pk=contribution.pk)
    mark = _mark()
    with unchanged(stale), pytest.raises(Conflict) as caught:
        services.contribution_update(
            actor=admin,
            contribution=stale,
            values=ContributionValues(personnel=999),
            expected_version=1,
        )
    assert caught.value.code == "stale_version"
    assert TroopContribution.objects.get(pk=contribution.pk).personnel == 120
    _refused(mark, "contribution.update", "stale_version")


def test_spoke_staff_cannot_move_a_contribution_to_another_site(
    db, persona, contribution_at, unchanged
):
    contribution = contribution_at("DEU", "taac_north")
    west = Site.objects.get(code="taac_west")
    mark = _mark()
    with unchanged(contribution), pytest.raises(PermissionDenied):
        services.contribution_update(
            actor=persona("spoke-north"),
            contribution=contribution,
            values=ContributionValues(site=west),
            expected_version=1,
        )
    _refused(mark, "contribution.update", "permission_denied")


def test_a_delegation_cannot_hand_its_contribution_to_another_nation(
    db, persona, contribution_at, unchanged
):
    contribution = contribution_at("DEU", "taac_north")
    with unchanged(contribution), pytest.raises(PermissionDenied):
        services.contribution_update(
            actor=persona("delegation-deu"),
            contribution=contribution,
            values=ContributionValues(nation=Nation.objects.get(iso3="USA")),
            expected_version=1,
        )


def test_spoke_staff_update_their_sites_contribution_with_one_audit_entry(
    db, persona, contribution_at
):
    contribution = contribution_at("DEU", "taac_north")
    mark = _mark()
    updated = services.contribution_update(
        actor=persona("spoke-north"),
        contribution=contribution,
        values=ContributionValues(personnel=140, note="rotation"),
        expected_version=1,
    )
    assert (updated.personnel, updated.note, updated.version) == (140, "rotation", 2)
    [entry] = _entries_since(mark)
    assert (entry.action, entry.outcome, entry.actor_name) == (
        "contribution.update",
        "done",
        "spoke-north",
    )
    assert entry.object_type == "core.troopcontribution"
    assert entry.object_id == str(contribution.pk)
    assert entry.changes == {"personnel": [100, 140], "note": ["", "rotation"]}


def test_a_create_is_one_audit_entry_with_every_field(db, persona):
    mark = _mark()
    contribution = services.contribution_create(
        actor=persona("delegation-deu"),
        values=ContributionValues(
            nation=Nation.objects.get(iso3="DEU"),
            site=Site.objects.get(code="taac_west"),
            as_of=date(2017, 1, 1),
            personnel=80,
            marking="NATIONAL",
        ),
    )
    assert contribution.owner_nation.iso3 == "DEU"  # a national figure belongs to its nation
    [entry] = _entries_since(mark)
    assert (entry.action, entry.outcome, entry.marking) == (
        "contribution.create",
        "done",
        "NATIONAL",
    )
    assert entry.changes["personnel"] == [None, 80]
    assert entry.changes["as_of"] == [None, "2017-01-01"]
    assert entry.changes["marking"] == [None, "NATIONAL"]


def test_a_delete_is_audited_and_a_stale_delete_refused(db, persona, contribution_at, unchanged):
    contribution = contribution_at("USA", "bagram")
    usa = persona("delegation-usa")
    with unchanged(contribution), pytest.raises(Conflict):
        services.contribution_delete(actor=usa, contribution=contribution, expected_version=7)
    mark = _mark()
    services.contribution_delete(actor=usa, contribution=contribution, expected_version=1)
    assert not TroopContribution.objects.filter(pk=contribution.pk).exists()
    [entry] = _entries_since(mark)
    assert (entry.action, entry.changes["personnel"]) == ("contribution.delete", [100, None])


@pytest.mark.parametrize(
    ("who", "service", "code"),
    [
        ("secretariat", "site", "permission_denied"),
        ("spoke-west", "site", "permission_denied"),
        ("delegation-rus", "nation", "permission_denied"),
        ("trainer", "organisation", "permission_denied"),
        (None, "organisation", "permission_denied"),
    ],
)
def test_refused_writes_change_nothing_and_are_audited(db, persona, unchanged, who, service, code):
    from accord.access import ANONYMOUS

    actor = persona(who) if who else ANONYMOUS
    site = Site.objects.get(code="taac_north")
    nation = Nation.objects.get(iso3="RUS")
    org = Organisation.objects.get(code="rsm")
    calls = {
        "site": lambda: services.site_update(
            actor=actor, site=site, values=SiteValues(name="X"), expected_version=site.version
        ),
        "nation": lambda: services.nation_update(
            actor=actor,
            nation=nation,
            values=NationValues(name="X"),
            expected_version=nation.version,
        ),
        "organisation": lambda: services.organisation_update(
            actor=actor,
            organisation=org,
            values=OrganisationValues(name="X"),
            expected_version=org.version,
        ),
    }
    mark = _mark()
    with unchanged(site, nation, org), pytest.raises(PermissionDenied):
        calls[service]()
    _refused(mark, f"{service}.update", code)


def test_invalid_values_are_refused_with_field_errors(db, persona, unchanged):
    site = Site.objects.get(code="taac_north")
    mark = _mark()
    with unchanged(site), pytest.raises(ValidationFailed) as caught:
        services.site_update(
            actor=persona("spoke-north"),
            site=site,
            values=SiteValues(latitude=95),
            expected_version=1,
        )
    assert "latitude" in caught.value.detail
    _refused(mark, "site.update", "validation_failed")


def test_a_duplicate_contribution_is_a_conflict_or_validation_error(db, persona, contribution_at):
    existing = contribution_at("DEU", "taac_north")
    with pytest.raises((Conflict, ValidationFailed)):
        services.contribution_create(
            actor=persona("admin"),
            values=ContributionValues(
                nation=existing.nation, site=existing.site, as_of=existing.as_of
            ),
        )
    assert (
        TroopContribution.objects.filter(nation=existing.nation, as_of=existing.as_of).count() == 1
    )


def test_an_organisation_cannot_sit_under_its_own_unit(db, persona, unchanged):
    nato, rsm = Organisation.objects.get(code="nato"), Organisation.objects.get(code="rsm")
    with unchanged(nato), pytest.raises(ValidationFailed) as caught:
        services.organisation_update(
            actor=persona("secretariat"),
            organisation=nato,
            values=OrganisationValues(parent=rsm),
            expected_version=nato.version,
        )
    assert caught.value.code == "organisation_cycle"


# --- API tokens --------------------------------------------------------------------------------


def test_a_token_secret_is_shown_once_and_only_its_digest_kept(db, persona):
    user = persona("logistician")
    mark = _mark()
    token, secret = services.api_token_create(actor=user, name="transit planner")
    assert secret.startswith("acc_")
    assert len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.digest, stored.prefix, stored.name}
    assert stored.digest == services._token_digest(secret)
    assert secret.startswith(stored.prefix)
    assert all(secret not in str(e.changes) for e in _entries_since(mark))
    assert services.api_token_authenticate(secret).user == user
    assert services.api_token_authenticate(secret + "x") is None


def test_a_revoked_token_stops_working(db, persona):
    user = persona("logistician")
    token, secret = services.api_token_create(actor=user, name="planner")
    mark = _mark()
    services.api_token_revoke(actor=user, token=token)
    services.api_token_revoke(actor=user, token=token)  # harmless twice
    assert services.api_token_authenticate(secret) is None
    assert [e.action for e in _entries_since(mark)] == ["api_token.revoke"]


def test_an_expired_token_stops_working(db, persona):
    user = persona("logistician")
    token, secret = services.api_token_create(
        actor=user, name="planner", expires_at=timezone.now() + timedelta(hours=1)
    )
    assert services.api_token_authenticate(secret).user == user
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.api_token_authenticate(secret) is None


def test_a_naive_expiry_is_read_in_accords_time_zone(db, persona):
    token, _ = services.api_token_create(
        actor=persona("logistician"),
        name="p",
        expires_at=timezone.now().replace(tzinfo=None) + timedelta(days=1),
    )
    assert timezone.is_aware(token.expires_at)


def test_a_token_of_an_inactive_user_stops_working(db, persona):
    user = persona("logistician")
    _, secret = services.api_token_create(actor=user, name="planner")
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert services.api_token_authenticate(secret) is None


def test_tokens_are_revoked_by_their_owner_or_an_administrator_only(db, persona):
    token, secret = services.api_token_create(actor=persona("logistician"), name="planner")
    with pytest.raises(NotFound):
        services.api_token_revoke(actor=persona("auditor"), token=token)
    assert services.api_token_authenticate(secret) is not None
    services.api_token_revoke(actor=persona("admin"), token=token)
    assert services.api_token_authenticate(secret) is None


def test_a_token_needs_a_future_expiry_and_a_name(db, persona):
    user = persona("logistician")
    count = ApiToken.objects.count()
    with pytest.raises(ValidationFailed):
        services.api_token_create(actor=user, name="p", expires_at=timezone.now() - timedelta(1))
    with pytest.raises(ValidationFailed):
        services.api_token_create(actor=user, name="   ")
    assert ApiToken.objects.count() == count
