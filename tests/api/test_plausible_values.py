"""Values no one could mean are refused at the API as at the forms, in words the user knows: the
figures a newcomer once typed in, each answered 422 with a message that names no field or
constraint, nothing written, the attempt in the audit trail."""

import pytest

from accord.audit.models import AuditEntry
from accord.core.inputs import SiteValues
from accord.core.models import Site, TroopContribution
from accord.core.services import site_create
from accord.errors import ValidationFailed

pytestmark = pytest.mark.django_db

CONTRIBUTION = {"nation": "DEU", "site": "taac_north", "as_of": "2016-06-01", "personnel": 900}


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"personnel": 99_999_999_999_999}, "200,000 personnel"),
        ({"personnel_high": 250_000}, "200,000 personnel"),
        ({"as_of": "1900-01-01"}, "before the mission's history begins"),
        ({"as_of": "2099-01-01"}, "in the future"),
    ],
)
def test_an_implausible_contribution_is_refused_in_words(api_as, change, said):
    before = TroopContribution.objects.count()
    refusals = AuditEntry.objects.filter(outcome="refused").count()
    response = api_as("admin").post("/contributions", {**CONTRIBUTION, **change})
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert said in detail
    assert "_" not in detail.split(":")[0], f"a field's name in {detail!r}"
    assert TroopContribution.objects.count() == before
    assert AuditEntry.objects.filter(outcome="refused").count() == refusals + 1


def test_a_latitude_of_999_is_refused_without_naming_a_constraint(persona):
    """The API's schema bounds it first; every other door (the pages, the imports, the services
    themselves) hears the model's rule in words."""
    values = SiteValues(code="far_away", name="Far", kind="airbase", latitude="999", longitude="69")
    with pytest.raises(ValidationFailed) as refused:
        site_create(actor=persona("admin"), values=values)
    assert str(refused.value) == "A latitude is between -90 and 90 degrees."
    assert refused.value.errors == {"latitude": ["A latitude is between -90 and 90 degrees."]}
    assert not Site.objects.filter(code="far_away").exists()
