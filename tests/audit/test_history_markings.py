"""A record's history is read under the marking the record had when each entry was written.

Re-marking a record wider (NATO to PUBLIC, say) must not publish the values it held while it was
narrower: the entry of the widening write withholds them, and the older entries keep them for the
readers who could read them then.
"""

import pytest

from accord.audit.models import AuditEntry
from accord.audit.services import WITHHELD_PREFIX
from accord.core.models import Nation, Site, User, UserRole
from accord.markings import Marking, Role

SECRET = "SECRET-notes-do-not-publish"


@pytest.fixture
def remarked_site(db, client_as):
    """A NATO site with secret notes, then re-marked PUBLIC with new notes, through the API."""
    admin = client_as("admin")
    created = admin.post(
        "/api/v1/sites",
        {
            "code": "remarked",
            "name": "Re-marked airfield",
            "kind": "airbase",
            "latitude": "34.1",
            "longitude": "69.1",
            "marking": Marking.NATO,
            "notes": SECRET,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    patched = admin.patch(
        "/api/v1/sites/remarked",
        {"expected_version": 1, "marking": Marking.PUBLIC, "notes": "released"},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    return Site.objects.get(code="remarked")


def _entries(site):
    return AuditEntry.objects.filter(object_type="core.site", object_id=str(site.pk)).order_by("id")


def test_the_public_history_of_a_remarked_record_does_not_show_its_secret_values(
    remarked_site, client_as
):
    for who in (None, "delegation-rus"):
        page = client_as(who).get("/sites/remarked/")
        assert page.status_code == 200
        assert "released" in page.text
        assert SECRET not in page.text
        assert "withheld: was marked NATO" in page.text


def test_nato_readers_still_find_the_old_values_in_the_entry_written_under_nato(
    remarked_site, client_as
):
    page = client_as("delegation-usa").get("/sites/remarked/")
    assert SECRET in page.text
    create, update = _entries(remarked_site)
    assert create.marking == Marking.NATO
    assert create.changes["notes"] == [None, SECRET]
    assert update.marking == Marking.PUBLIC
    assert update.changes["notes"] == [f"{WITHHELD_PREFIX} NATO)", "released"]
    assert update.changes["marking"] == [Marking.NATO, Marking.PUBLIC]


def test_the_trail_api_does_not_show_them_to_an_auditor_outside_nato(remarked_site, client_as):
    rus_auditor = User.objects.create_user(
        username="auditor-rus", password="x", nation=Nation.objects.get(iso3="RUS")
    )
    UserRole.objects.create(user=rus_auditor, role=Role.AUDITOR)
    client = client_as(None)
    client.force_login(rus_auditor)
    body = client.get("/api/v1/audit/entries", {"object_type": "core.site"}).json()
    mine = [e for e in body["items"] if e["object_id"] == str(remarked_site.pk)]
    assert [e["action"] for e in mine] == ["site.update"]
    assert SECRET not in str(body)
    assert mine[0]["changes"]["notes"][1] == "released"


def test_narrowing_a_public_record_keeps_its_public_values_in_the_entry(db, client_as):
    admin = client_as("admin")
    site = Site.objects.get(code="taac_north")
    before = site.notes
    response = admin.patch(
        "/api/v1/sites/taac_north",
        {"expected_version": site.version, "marking": Marking.NATO, "notes": "now NATO only"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    entry = _entries(site).last()
    assert entry.marking == Marking.NATO
    assert entry.changes["notes"] == [before, "now NATO only"]
