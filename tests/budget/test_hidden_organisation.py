"""A ministry never names a registry organisation its reader may not read (issue 9, §1)."""

from accord.budget.models import Ministry
from accord.core.models import Organisation


def test_a_ministry_names_its_organisation_only_to_who_may_read_it(db, client_as):
    ministry = Ministry.objects.filter(marking="PUBLIC", organisation__isnull=False).first()
    organisation = ministry.organisation
    # The registry re-marks the ministry's organisation NATO after the ministry named it.
    Organisation.objects.filter(pk=organisation.pk).update(marking="NATO")
    url = f"/api/v1/budget/ministries/{ministry.code}"
    rus = client_as("delegation-rus")
    assert rus.get(url).json()["organisation"] is None
    page = rus.get("/budget/structure/").content.decode()
    assert ministry.name in page
    assert f"/organisations/{organisation.code}/" not in page
    assert client_as("delegation-usa").get(url).json()["organisation"] == organisation.code
