"""Fixtures of the page tests: a NATO-marked site, a troop contribution of the test's own, and
form data for a record's edit page."""

from datetime import date
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from accord.access import system_principal
from accord.core import services
from accord.core.inputs import ContributionValues, SiteValues
from accord.core.models import Nation, Site, TroopContribution

# What ``contribution_make`` records unless told otherwise: a date and a head count the demo's
# contributions do not use, so that a page showing them shows the test's own record.
OWN_AS_OF = date(2016, 6, 30)
OWN_PERSONNEL = 437


@pytest.fixture
def nato_site(persona):
    """A site marked NATO: allies read it, the Russian delegation must never see it."""
    return services.site_create(
        actor=persona("admin"),
        values=SiteValues(
            code="nato_only_depot",
            name="Allied Supply Depot",
            kind="spoke",
            latitude=Decimal("34.50000"),
            longitude=Decimal("69.10000"),
            marking="NATO",
        ),
    )


def contribution_make(
    nation: str, site: str, *, personnel: int = OWN_PERSONNEL, as_of: date = OWN_AS_OF
) -> TroopContribution:
    """A public contribution of ``nation`` (ISO alpha-3) at ``site`` (its code), at version 1."""
    return services.contribution_create(
        actor=system_principal("tests"),
        values=ContributionValues(
            nation=Nation.objects.get(iso3=nation),
            site=Site.objects.get(code=site),
            as_of=as_of,
            personnel=personnel,
            marking="PUBLIC",
        ),
    )


def form_data(obj, **changes) -> dict:
    """What the edit page posts for ``obj`` unchanged, with ``changes`` applied."""
    data = {}
    for name, value in model_to_dict(obj).items():
        if name in {"id", "version"}:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data["expected_version"] = obj.version
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}
