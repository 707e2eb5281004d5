"""Oversight fixtures: each test starts from no findings (the access matrices' records, in the
test database's snapshot, would count in the figures a test checks), and a way to seal the
trail (sealing runs after commit, and a test's transaction never commits)."""

import pytest

from accord.audit.services import audit_seal_pending
from accord.oversight.models import Finding


@pytest.fixture(autouse=True)
def no_findings(request):
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    Finding.objects.all().delete()


@pytest.fixture
def seal():
    """Seal every pending entry now, as the sealer does after a commit."""
    return audit_seal_pending
