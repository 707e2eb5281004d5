"""Release files, fuzzed: a file with a defect in any cell never gives a 500 and stores nothing.

Each generated file is the real GED sample with one cell of one row replaced by a defect (a huge
or negative number, a far or impossible date, a long text, an unprintable character, a swapped
sign), posted to the API. Every answer is below 500; an answer that is not 201 leaves the events
and releases as they were. Derandomized, with a bounded number of examples.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accord.situation.models import ConflictEvent, EventRelease
from tests.situation.conftest import csv_bytes, sample_rows

pytestmark = pytest.mark.django_db

HEADER, ROWS = sample_rows()
DEFECTS = st.sampled_from(
    [
        "",
        "-1",
        "1e999",
        "99999999999999999999999",
        "NaN",
        "inf",
        "2999-01-01",
        "2013-02-30",
        "x" * 300,
        "٣",  # an Arabic-Indic digit: a digit to Python, not a number to the database
        "\u200f12",
        "0.5",
        "-69.9",
    ]
)


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    row=st.integers(0, len(ROWS) - 1),
    column=st.sampled_from(HEADER),
    defect=DEFECTS,
)
def test_a_defect_in_any_cell_never_gives_a_500(client_as, row, column, defect):
    rows = [dict(r) for r in ROWS]
    rows[row][column] = defect
    before = (ConflictEvent.objects.count(), EventRelease.objects.count())
    upload = SimpleUploadedFile("ged.csv", csv_bytes(HEADER, rows), content_type="text/csv")
    response = client_as("hub-staff").post(
        "/api/v1/situation/releases",
        {"file": upload, "source": "ucdp_ged", "name": f"fuzz {row} {column}", "marking": "NRC"},
    )
    assert response.status_code < 500, response.content
    if response.status_code != 201:
        assert (ConflictEvent.objects.count(), EventRelease.objects.count()) == before
    else:
        ConflictEvent.objects.filter(release__name__startswith="fuzz").delete()
        EventRelease.objects.filter(name__startswith="fuzz").delete()
