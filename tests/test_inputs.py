"""Each kind's typed input names exactly the fields a user can write on its model.

A form or API payload is turned into values with ``<Entity>Values(**fields)``: a model field
missing from the class would make that page or operation fail (``TypeError``), and a name the
model lacks would reach the model as an unknown field. So a field added to a model must be added
to its values, and this test says which.
"""

from dataclasses import fields

import pytest

from accord.core.inputs import ContributionValues, NationValues, OrganisationValues, SiteValues
from accord.core.models import Nation, Organisation, Site, TroopContribution
from accord.council.inputs import CooperationValues, LegalBasisValues, PreconditionValues
from accord.council.models import CooperationStatus, LegalBasis, Precondition
from accord.funds.inputs import FundValues
from accord.funds.models import TrustFund

# The version is the service's ``expected_version``, never a field to set.
NOT_WRITTEN = {"id", "version"}


def _writable(model) -> set[str]:
    names = {f.name for f in model._meta.concrete_fields if f.editable}
    names |= {f.name for f in model._meta.many_to_many}
    return names - NOT_WRITTEN


@pytest.mark.parametrize(
    ("values", "model"),
    [
        (NationValues, Nation),
        (OrganisationValues, Organisation),
        (SiteValues, Site),
        (ContributionValues, TroopContribution),
        (FundValues, TrustFund),
        (LegalBasisValues, LegalBasis),
        (CooperationValues, CooperationStatus),
        (PreconditionValues, Precondition),
    ],
)
def test_a_kinds_values_name_the_fields_of_its_model(values, model):
    declared = {f.name for f in fields(values)}
    assert declared == _writable(model), (
        f"missing from {values.__name__}: {sorted(_writable(model) - declared)}; "
        f"not fields of {model.__name__}: {sorted(declared - _writable(model))}"
    )


def test_a_name_the_use_case_does_not_take_fails_where_the_values_are_built():
    with pytest.raises(TypeError, match="lattitude"):
        SiteValues(lattitude=34)
