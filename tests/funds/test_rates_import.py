"""Exchange rates kept through the pages and the API, the ECB's reference rates imported from
the CSV files it publishes: all or nothing, bad lines named, every attempt audited."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.audit.models import AuditEntry
from accord.funds.models import ExchangeRate

pytestmark = pytest.mark.django_db

# The ECB's day file and an excerpt of its history, as published (a comma ends each line).
DAY_FILE = (
    b"Date, USD, JPY, BGN, CZK, DKK, GBP, HUF, PLN, RON, SEK, CHF, ISK, NOK, TRY, AUD, BRL, \n"
    b"28 November 2025, 1.1582, 181.02, 1.9558, 24.191, 7.4689, 0.87525, 381.25, 4.2335, "
    b"5.0893, 10.9435, 0.9311, 147.6, 11.7495, 49.188, 1.7712, 6.1801, \n"
)
HISTORY = (
    b"Date,USD,JPY,CYP,GBP,\n"
    b"2014-03-04,1.3759,140.47,N/A,0.82535,\n"
    b"2014-03-03,1.3732,139.2,N/A,0.8265,\n"
    b"2001-01-02,0.9423,108.14,0.5777,0.6344,\n"
)


def upload(name, content):
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def test_the_ecb_files_are_kept_whole_and_shown_on_the_rates_page(client_as):
    manager = client_as("fund-manager")
    day = manager.post("/funds/rates/import/", upload("eurofxref.csv", DAY_FILE))
    assert day.status_code == 200, day.content
    assert ExchangeRate.objects.get(currency="USD", day="2025-11-28").per_eur == Decimal("1.1582")
    # Accord keeps no books in Brazilian reais: said, not refused.
    assert "BRL" in day.content.decode()
    assert not ExchangeRate.objects.filter(currency="BRL")
    history = client_as("admin").post(
        "/api/v1/funds/rates/import", upload("eurofxref-hist.csv", HISTORY)
    )
    assert history.status_code == 201, history.content
    assert history.json() | {"currencies": None} == {
        "rates": 6,
        "days": 2,
        "first_day": "2014-03-03",
        "last_day": "2014-03-04",
        "currencies": None,
        "left_out_currencies": ["CYP"],
        "days_before_history": 1,
    }
    assert AuditEntry.objects.filter(action="exchange_rate.import", outcome="done").count() == 2
    page = client_as(None).get("/funds/rates/?currency=GBP").content.decode()
    assert "0.87525" in page
    assert "0.8265" in page
    # One rate through the page's form.
    set_one = manager.post(
        "/funds/rates/new/", {"currency": "nok", "day": "2015-01-02", "per_eur": "9.042"}
    )
    assert set_one.status_code == 302
    assert ExchangeRate.objects.get(currency="NOK", day="2015-01-02").per_eur == Decimal("9.042")


def test_a_file_with_bad_lines_keeps_nothing_and_names_them(client_as):
    bad = HISTORY.replace(b"140.47", b"1,40.47").replace(b"2014-03-03", b"2014-03-32")
    before = ExchangeRate.objects.count()
    answer = client_as("fund-manager").post("/funds/rates/import/", upload("hist.csv", bad))
    assert answer.status_code == 422
    text = answer.content.decode()
    assert "Line 2" in text
    assert "Line 3" in text
    assert "Line 4" not in text
    assert ExchangeRate.objects.count() == before
    assert AuditEntry.objects.filter(
        action="exchange_rate.import", error_code="rates_file_invalid"
    ).exists()
    refused = client_as("delegation-deu").post(
        "/api/v1/funds/rates/import", upload("eurofxref.csv", DAY_FILE)
    )
    assert refused.status_code == 403
    assert client_as("auditor").get("/funds/rates/import/").status_code == 403
