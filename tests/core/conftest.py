"""Registry fixtures: records under each marking, and snapshots to prove nothing changed."""

from contextlib import contextmanager
from datetime import date

import pytest
from django.forms.models import model_to_dict

from accord.audit.models import AuditEntry
from accord.core.models import Nation, Site, TroopContribution


@pytest.fixture
def contribution_at():
    """``contribution_at("DEU", "taac_north", marking="NATO")``: a contribution, saved as is."""

    def make(iso3: str, site: str | None, *, marking="PUBLIC", owner: str | None = None, day=1):
        nation = Nation.objects.get(iso3=iso3)
        if marking == "NATIONAL" and owner is None:
            owner = iso3
        return TroopContribution.objects.create(
            nation=nation,
            site=Site.objects.get(code=site) if site else None,
            as_of=date(2002, 1, day),
            personnel=100,
            marking=marking,
            owner_nation=Nation.objects.get(iso3=owner) if owner else None,
        )

    return make


def state(obj) -> dict:
    """A record as the database holds it now, to compare before and after a refused write."""
    fresh = type(obj).objects.get(pk=obj.pk)
    return model_to_dict(fresh) | {"version": fresh.version}


@pytest.fixture
def unchanged():
    """``with unchanged(obj, ...)``: the records, and the trail's 'done' entries, are as before."""

    @contextmanager
    def check(*objs):
        before = [state(obj) for obj in objs]
        done = AuditEntry.objects.filter(outcome="done").count()
        yield
        assert [state(obj) for obj in objs] == before
        assert AuditEntry.objects.filter(outcome="done").count() == done

    return check
