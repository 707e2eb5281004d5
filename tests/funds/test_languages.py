"""The funds speak the reader's language: pages, refusals, and the texts of the pure engines."""

from datetime import date

import pytest
from django.utils import translation

from accord.errors import Code
from accord.funds import iati
from accord.funds.engine.currency import convert_minor
from accord.money import MoneyError

pytestmark = pytest.mark.django_db


def test_a_russian_reader_reads_the_fund_page_in_russian(client_as):
    html = client_as("auditor").get("/funds/nrc_hmtf/", HTTP_ACCEPT_LANGUAGE="ru").text
    for text in ("Целевые фонды", "Объявлено", "Исполнение объявленных взносов", "Выплаты"):
        assert text in html


def test_a_dari_reader_is_refused_an_over_disbursement_in_dari_with_eastern_digits(client_as):
    page = client_as("fund-manager").post(
        "/funds/nrc_hmtf/disbursements/new/",
        {
            "payee": "Too Much Ltd",
            "amount": "900000000",
            "day": "2015-04-03",
            "idempotency_key": "x",
        },
        HTTP_ACCEPT_LANGUAGE="fa-AF",
    )
    assert page.status_code == 409
    assert "رد شد: صندوق تنها" in page.text
    assert "۹۰۰٬۰۰۰٬۰۰۰٫۰۰ EUR" in page.text


def test_the_api_refuses_in_the_language_asked_for(client_as):
    answer = client_as("auditor").get("/api/v1/funds/funds/nowhere", HTTP_ACCEPT_LANGUAGE="ps")
    assert answer.status_code == 404
    assert (
        answer.json()["detail"]
        == "داسې امانتي صندوق «nowhere» نشته چې تاسو یې د لوستلو اجازه ولرئ."
    )


def test_the_iati_module_refuses_in_the_readers_language_and_in_english_without_one():
    with translation.override("ru"), pytest.raises(iati.IatiInvalid) as russian:
        iati.import_activities(b"   ")
    assert russian.value.message == "Файл пуст; загрузите XML-файл iati-activities."
    with translation.override("en-gb"), pytest.raises(iati.IatiInvalid) as english:
        iati.import_activities(b"   ")
    assert english.value.message == "The file is empty; upload an iati-activities XML file."


def test_an_iati_problem_keeps_its_line_in_every_language():
    with translation.override("fa-af"), pytest.raises(iati.IatiInvalid) as caught:
        iati.import_activities(b'<?xml version="1.0"?>\n<iati-activities version="2.03">\n<x/>')
    assert caught.value.line == 3
    assert caught.value.message.startswith("سطر 3: ")


def test_a_missing_exchange_rate_is_named_in_the_readers_language_and_calendar():
    with translation.override("ps"), pytest.raises(MoneyError) as caught:
        convert_minor(100, "USD", "EUR", date(2013, 6, 1), [])
    assert caught.value.code == Code.EXCHANGE_RATE_MISSING
    assert "د تبادلې نرخ نشته" in str(caught.value)
    assert "۱۳۹۲" in str(caught.value)  # the Solar Hijri year, in Eastern digits
