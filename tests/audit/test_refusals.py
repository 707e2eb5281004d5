"""A refused attempt is always in the trail, recorded from the request and the stored record.

A service may have changed the object in memory before it refused (set a field to null, say);
the refusal's entry must not be built from that half-changed object, or it cannot be written.
"""

import pytest

from accord.audit.models import AuditEntry, Outcome
from accord.core.models import Nation, TroopContribution


def _refusals(action: str, object_id) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action=action, outcome=Outcome.REFUSED, object_id=str(object_id)
        ).order_by("id")
    )


def _row(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


@pytest.mark.parametrize("who", ["spoke-north", "spoke-west"])
def test_a_refused_contribution_patch_with_a_null_marking_is_in_the_trail(db, client_as, who):
    contribution = TroopContribution.objects.get(nation__iso3="DEU", site__code="taac_north")
    stored = _row(TroopContribution, contribution.pk)
    response = client_as(who).patch(
        f"/api/v1/contributions/{contribution.pk}",
        {"expected_version": contribution.version, "marking": None, "note": "asked"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404, 422), response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert _row(TroopContribution, contribution.pk) == stored
    (refusal,) = _refusals("contribution.update", contribution.pk)
    assert refusal.actor_name == who
    assert refusal.error_code == response.json()["code"]
    # Recorded under the stored record's marking, naming what was asked, not what was half-set.
    assert refusal.marking == contribution.marking
    assert refusal.object_type == "core.troopcontribution"
    assert refusal.changes["asked"] == ["marking", "note"]


def test_a_nation_patch_with_a_null_name_is_refused_and_in_the_trail(db, client_as):
    nation = Nation.objects.get(iso3="DEU")
    stored = _row(Nation, nation.pk)
    response = client_as("admin").patch(
        "/api/v1/nations/DEU",
        {"expected_version": nation.version, "name": None},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert _row(Nation, nation.pk) == stored
    (refusal,) = _refusals("nation.update", nation.pk)
    assert refusal.actor_name == "admin"
    assert refusal.error_code == response.json()["code"]
    assert refusal.object_repr == f"nation {nation.iso3}"
    assert refusal.changes["asked"] == ["name"]
