"""Situation fixtures: the real UCDP GED sample (135 Afghan events of GED 23.1) as CSV bytes,
and a way to write a changed copy of it (a "newer release")."""

import csv
import io
from importlib import resources

import pytest

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.services import user_create
from accord.markings import Role
from accord.situation.models import ConflictEvent, ControlClaim, EventRelease

SAMPLE = "ged231-sample-afghanistan.csv"


def sample_rows() -> tuple[list[str], list[dict]]:
    text = resources.files("accord.situation").joinpath("data", SAMPLE).read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames), list(reader)


def csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture(autouse=True)
def no_situation_records(request):
    """Each test starts from no events, releases or claims: the access matrices' records (in the
    test database's snapshot) would otherwise count in the figures a test checks. Undone with
    the test's transaction."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    ConflictEvent.objects.all().delete()
    EventRelease.objects.all().delete()
    ControlClaim.objects.all().delete()


@pytest.fixture
def ged_sample() -> bytes:
    return resources.files("accord.situation").joinpath("data", SAMPLE).read_bytes()


@pytest.fixture
def ged_rows():
    """The sample's header and rows, to change and write back with ``csv_bytes``."""
    return sample_rows()


@pytest.fixture
def afg_delegation(db):
    """A delegate of Afghanistan (who nominates the counter-narcotics trainees)."""
    return user_create(
        actor=system_principal("tests"),
        username="t-delegation-afg",
        password="t-password-1234",
        roles=[Role.DELEGATION],
        nation=Nation.objects.get(iso3="AFG"),
        email="afg@example.org",
        language="fa-af",
    )
