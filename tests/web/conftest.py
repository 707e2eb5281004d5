"""Fixtures of the page tests: a NATO-marked site, and form data for a record's edit page."""

from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from accord.core import services
from accord.core.inputs import SiteValues


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
