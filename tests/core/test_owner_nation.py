"""A record names its owning nation only while it is NATIONAL (issue 9, §1).

The owning nation is the one nation that reads a NATIONAL record. A record re-marked away from
NATIONAL loses it (and its history says so); a page shows it only beside a NATIONAL marking, whose
reader is of that nation or an administrator, so a record never names a nation its reader may not
see through its owner.
"""

import pytest

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.inputs import SiteValues
from accord.core.models import Nation, Site
from accord.core.services import record_create, site_create, site_update
from accord.markings import Marking

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("tests")
OUTSIDERS = [None, "delegation-rus"]


@pytest.fixture
def quietland():
    """A nation only the United States reads."""
    return record_create(
        actor=SYSTEM,
        model=Nation,
        data={
            "iso3": "QQY",
            "name": "Quietland",
            "marking": Marking.NATIONAL,
            "owner_nation": Nation.objects.get(iso3="USA"),
        },
        action="nation.create",
    )


def _site(code, **values):
    return site_create(
        actor=SYSTEM,
        values=SiteValues(
            code=code,
            name=f"Airfield {code}",
            kind="airbase",
            latitude="34.3",
            longitude="69.3",
            **values,
        ),
    )


def test_re_marking_a_national_record_clears_its_owner_and_says_so(quietland):
    site = _site("quiet_field", marking=Marking.NATIONAL, owner_nation=quietland)
    site = site_update(
        actor=SYSTEM, site=site, values=SiteValues(marking=Marking.PUBLIC), expected_version=1
    )
    assert site.owner_nation is None
    assert Site.objects.get(code="quiet_field").owner_nation_id is None
    entry = AuditEntry.objects.filter(action="site.update").latest("pk")
    # The entry records the owner's removal; a widening write withholds the narrower value.
    before, after = entry.changes["owner_nation"]
    assert after is None
    assert before != quietland.pk
    assert "withheld" in before


def test_a_new_record_not_marked_national_keeps_no_owner(quietland):
    site = _site("plain_field", marking=Marking.NATO, owner_nation=quietland)
    assert Site.objects.get(pk=site.pk).owner_nation_id is None


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_page_names_no_owner_beside_a_marking_other_than_national(quietland, client_as, who):
    site = _site("old_field", marking=Marking.PUBLIC)
    # A row written before owners were cleared on re-marking still holds one.
    Site.objects.filter(pk=site.pk).update(owner_nation=quietland)
    body = client_as(who).get("/sites/old_field/").content.decode()
    assert "Airfield old_field" in body
    assert "Quietland" not in body
    assert "QQY" not in body


def test_the_owner_nation_still_reads_the_name_of_its_national_record(client_as):
    _site("own_field", marking=Marking.NATIONAL, owner_nation=Nation.objects.get(iso3="USA"))
    body = client_as("delegation-usa").get("/sites/own_field/").content.decode()
    assert "Public" not in body.split("<dt>Marking</dt>")[1][:80]
    assert "United States" in body
    assert client_as("delegation-rus").get("/sites/own_field/").status_code == 404
