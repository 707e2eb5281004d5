"""The funds' pages as their users meet them."""

import csv
import io
import uuid
from datetime import date

import pytest
from openpyxl import load_workbook

from accord.funds import iati
from accord.funds.models import Disbursement, LedgerEntry
from tests.funds.conftest import contribution_make, fund_make, pledge_make

pytestmark = pytest.mark.django_db


def test_the_fund_page_shows_the_statement_charts_and_donors(client_as):
    page = client_as("auditor").get("/funds/nrc_hmtf/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Statement", "Pledge fulfilment", "Disbursement timeline", "Russia", "Available"):
        assert text in html
    assert 'data-chart="fulfilment"' in html
    assert 'data-chart="timeline"' in html


def test_anonymous_visitors_see_public_funds_only(client_as):
    anon = client_as(None)
    portal = anon.get("/funds/portal/").content.decode()
    assert "NRC Helicopter Maintenance Trust Fund" in portal
    assert "Afghan National Army Trust Fund" not in portal
    assert anon.get("/funds/ana_tf/").status_code == 404
    assert client_as("delegation-rus").get("/funds/ana_tf/").status_code == 404
    assert client_as("delegation-usa").get("/funds/ana_tf/").status_code == 200
    public = anon.get("/funds/iati.xml")
    assert public.status_code == 200
    assert iati.validate(public.content) == []
    assert b"ana_tf" not in public.content


def test_the_statement_exports_as_csv_and_xlsx(client_as):
    fund = fund_make("export_fund")
    pledge_make(fund, "RUS", "400", date(2013, 2, 1))
    contribution_make(fund, "RUS", "250", date(2013, 3, 1))
    contribution_make(fund, "RUS", "100", date(2014, 3, 1))  # after the statement's date
    client = client_as("fund-manager")
    base = f"/funds/{fund.code}/statement"
    text = b"".join(client.get(f"{base}.csv?at=2013-12-31").streaming_content)
    rows = [r for r in csv.reader(io.StringIO(text.decode())) if r]
    assert rows[0] == ["Section", "Donor", "Figure", "Amount", "Currency"]
    assert rows[1] == ["Total", "", "Pledged", "400.00", "EUR"]
    russia = {r[2]: r[3] for r in rows if r[1] == "RUS"}
    assert (russia["Pledged"], russia["Received"]) == ("400.00", "250.00")
    in_russian = b"".join(
        client.get(f"{base}.csv?at=2013-12-31", headers={"accept-language": "ru"}).streaming_content
    )
    assert in_russian.decode().splitlines()[0] == "Раздел,Донор,Показатель,Сумма,Валюта"
    xlsx = client.get(f"{base}.xlsx?at=2013-12-31").content
    sheet = load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)
    assert [["" if c is None else str(c) for c in row] for row in sheet] == rows
    assert client.get(f"{base}.pdf").status_code == 404
    printable = client.get(f"{base}/?at=2012-12-31")
    assert printable.status_code == 200
    assert b"31 Dec 2012" in printable.content


def test_an_over_disbursement_is_refused_on_the_page_with_the_available_amount(client_as):
    client = client_as("fund-manager")
    form = client.get("/funds/nrc_hmtf/disbursements/new/")
    assert form.status_code == 200
    answer = client.post(
        "/funds/nrc_hmtf/disbursements/new/",
        {
            "amount": "999999999",
            "day": "2015-01-10",
            "payee": "A vendor",
            "idempotency_key": uuid.uuid4().hex,
        },
    )
    assert answer.status_code == 409
    assert b"available" in answer.content
    assert b"EUR" in answer.content
    assert not Disbursement.objects.filter(payee="A vendor").exists()
    ok = client.post(
        "/funds/nrc_hmtf/disbursements/new/",
        {"amount": "1000", "day": "2015-01-10", "payee": "A vendor", "idempotency_key": "pg-1"},
    )
    assert ok.status_code == 302
    assert Disbursement.objects.filter(payee="A vendor").count() == 1


def test_delegations_may_pledge_but_not_record_contributions(client_as):
    deu = client_as("delegation-deu")
    assert deu.get("/funds/nrc_hmtf/pledges/new/").status_code == 200
    assert deu.get("/funds/nrc_hmtf/contributions/new/").status_code == 403
    answer = deu.post(
        "/funds/nrc_hmtf/pledges/new/",
        {
            "nation": "DEU",
            "amount": "250000",
            "currency": "EUR",
            "day": "2015-02-01",
            "idempotency_key": "deu-pledge-1",
        },
    )
    assert answer.status_code == 302
    assert LedgerEntry.objects.filter(pk__endswith="~deu-pledge-1", kind="pledge").exists()
    # Another nation's pledge is not the German delegation's to record.
    other = deu.post(
        "/funds/nrc_hmtf/pledges/new/",
        {
            "nation": "USA",
            "amount": "1",
            "currency": "EUR",
            "day": "2015-02-01",
            "idempotency_key": "deu-pledge-2",
        },
    )
    assert other.status_code == 422
    assert not LedgerEntry.objects.filter(pk__endswith="~deu-pledge-2").exists()


def test_the_donor_statement_says_how_each_pledge_was_honoured(client_as):
    fund = fund_make("honour_fund", donors=("NLD", "HRV", "LUX"))
    year_2014 = (date(2014, 1, 1), date(2014, 12, 31))
    pledges = {
        iso3: pledge_make(fund, iso3, "1000", date(2013, 12, 1), period=year_2014)
        for iso3 in ("NLD", "HRV", "LUX")
    }
    paid = [
        ("NLD", "500", date(2014, 6, 1)),
        ("NLD", "500", date(2015, 3, 1)),  # after the pledge's period
        ("HRV", "400", date(2014, 6, 1)),
        ("LUX", "1200", date(2014, 6, 1)),
    ]
    for iso3, amount, day in paid:
        contribution_make(fund, iso3, amount, day, pledge=pledges[iso3])
    client = client_as("auditor")

    def donor_page(iso3: str) -> str:
        return client.get(f"/funds/{fund.code}/donors/{iso3}/").content.decode()

    assert "paid, late" in donor_page("NLD")
    assert "partly paid" in donor_page("HRV")
    assert "over-paid" in donor_page("LUX")
    assert client.get(f"/funds/{fund.code}/donors/FRA/").status_code == 404  # not a donor


def test_a_form_is_checked_as_the_user_types_and_nothing_is_posted(client_as):
    client = client_as("fund-manager")
    assert "Available now:" in client.get("/funds/nrc_hmtf/disbursements/new/").content.decode()
    before = LedgerEntry.objects.count()
    answer = client.post(
        "/funds/nrc_hmtf/disbursements/new/",
        {"amount": "12.345", "day": "2015-01-10", "idempotency_key": "typing-1"},
        headers={"HX-Request": "true", "X-Accord-Validate": "1"},
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'id="errors-amount" hx-swap-oob="true"' in html
    assert "<form" not in html  # only the error slots: what the user types is left alone
    assert LedgerEntry.objects.count() == before


def test_a_delegation_is_offered_its_own_nation_only_when_it_pledges(client_as):
    deu = client_as("delegation-deu").get("/funds/nrc_hmtf/pledges/new/").content.decode()
    assert 'value="DEU"' in deu
    assert 'value="USA"' not in deu
    manager = client_as("fund-manager").get("/funds/nrc_hmtf/pledges/new/").content.decode()
    assert 'value="DEU"' in manager
    assert 'value="USA"' in manager
