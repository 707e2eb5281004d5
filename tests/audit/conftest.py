"""The audit tests' shared fixture: a sealed trail with fresh entries at its end."""

import pytest

from accord.access import system_principal
from accord.audit.services import audit_record, audit_seal_pending
from accord.core.models import Site


@pytest.fixture
def trail(db):
    """A fully sealed trail with a few fresh entries at its end; returns those entries' ids."""
    site = Site.objects.get(code="taac_north")
    ids = [
        audit_record(
            actor=system_principal("tests"),
            action="site.update",
            obj=site,
            changes={"notes": ["", str(n)]},
        ).pk
        for n in range(5)
    ]
    audit_seal_pending()
    return ids
