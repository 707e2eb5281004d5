"""The funds' large files imported by the worker (IATI files, Accord's own and other publishers',
the ECB's rates, bank statements): the page and the API answer at once with the task, the worker
imports all or nothing as the person who asked, the import page shows what the task imported to
whoever follows it, a faulty file is refused on the task in words, who may not import is refused
at once with nothing queued, and the staged file is gone afterwards."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accord.audit.models import AuditEntry
from accord.funds import selectors
from accord.funds.models import BankLine, ExchangeRate, ExternalActivity, LedgerEntry, TrustFund
from accord.funds.tasks import STAGED
from accord.jobs import staging
from accord.jobs.models import TaskRecord
from tests.funds.conftest import contribution_make, fund_make
from tests.funds.test_external import ACTIVITY
from tests.funds.test_external import _file as external_file
from tests.funds.test_iati import _rich_fund, _Undo
from tests.jobs import result_page, work_off

pytestmark = pytest.mark.django_db

PAGE = "/funds/iati/import/"
API = "/api/v1/funds/funds/iati/import"


@pytest.fixture
def exported(system, nation, settings) -> bytes:
    """A fund's IATI file whose fund is not in the database (made, exported, rolled back), with
    any file of more than 1,000 bytes sent to the worker."""
    settings.ACCORD_IATI_BACKGROUND_BYTES = 1000
    kept = {}
    try:
        with transaction.atomic():
            kept["xml"] = selectors.iati_file(actor=system, funds=[_rich_fund(system, nation)])
            raise _Undo
    except _Undo:
        pass
    assert len(kept["xml"]) > 1000
    return kept["xml"]


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("activities.xml", data, content_type="application/xml")


def test_a_large_file_is_imported_by_the_worker_and_the_page_shows_what_it_imported(
    exported, client_as
):
    manager = client_as("fund-manager")
    answered = manager.post(PAGE, {"file": _upload(exported)})
    assert answered.status_code == 302
    task_page = answered["Location"]
    assert task_page.startswith("/tasks/")
    assert not TrustFund.objects.filter(code="roundtrip").exists()  # not in the request
    assert "Import an IATI file" in manager.get(task_page).content.decode()

    shown = manager.get(result_page(manager, task_page)).content.decode()
    assert "Imported 9 transactions into:" in shown
    assert 'href="/funds/roundtrip/"' in shown
    assert LedgerEntry.objects.filter(fund__code="roundtrip").count() == 9
    record = TaskRecord.objects.get(pk=task_page.split("/")[2])
    assert (record.progress_done, record.progress_total) == (1, 1)
    assert record.subject == "activities.xml"
    assert AuditEntry.objects.filter(action="iati.import_request", outcome="done").exists()
    # The fund and its postings are written as the fund manager, by the worker.
    fund = TrustFund.objects.get(code="roundtrip")
    created = AuditEntry.objects.get(
        object_type="funds.trustfund", object_id=str(fund.pk), outcome="done", action="fund.create"
    )
    assert (created.actor_name, created.via) == ("fund-manager", "worker")
    assert staging.staged_names(STAGED) == []
    # What the task imported is the asker's (and the administrators') to read, nobody else's.
    assert client_as("auditor").get(f"{PAGE}?task={record.pk}").status_code in (403, 404)


def test_a_faulty_large_file_imports_nothing_and_the_task_says_why(exported, client_as):
    manager = client_as("fund-manager")
    faulty = exported.replace(b'<recipient-country code="AF"/>', b'<recipient-country code="ZZ"/>')
    answered = manager.post(PAGE, {"file": _upload(faulty)})
    work_off()
    page = manager.get(answered["Location"]).content.decode()
    assert 'id="task-failure"' in page
    assert "codes outside the IATI codelists" in page
    assert not TrustFund.objects.filter(code="roundtrip").exists()
    assert AuditEntry.objects.filter(action="iati.import", outcome="refused").exists()
    assert staging.staged_names(STAGED) == []


def test_the_api_answers_202_with_the_task_for_a_large_file_and_201_for_a_small_one(
    exported, client_as, settings
):
    manager = client_as("fund-manager")
    answered = manager.post(API, {"file": _upload(exported)})
    assert answered.status_code == 202
    task = answered.json()
    assert answered["Location"] == task["url"] == f"/api/v1/tasks/{task['id']}"
    assert (task["kind"], task["status"]) == ("iati_import", "READY")
    work_off()
    done = manager.get(answered["Location"]).json()
    assert done["status"] == "SUCCESSFUL"
    assert done["result"]["page"] == f"{PAGE}?task={task['id']}"

    settings.ACCORD_IATI_BACKGROUND_BYTES = 10_000_000
    again = manager.post(API, {"file": _upload(exported)})
    assert again.status_code == 409  # imported above: refused at once, in the request
    assert again.json()["code"] == "duplicate"


def test_who_may_not_import_is_refused_at_once_and_nothing_is_queued(exported, client_as):
    tasks = TaskRecord.objects.count()
    answered = client_as("delegation-deu").post(API, {"file": _upload(exported)})
    assert answered.status_code == 403
    assert client_as("delegation-deu").get(PAGE).status_code == 403
    assert TaskRecord.objects.count() == tasks
    assert AuditEntry.objects.filter(
        action="iati.import_request", outcome="refused", error_code="permission_denied"
    ).exists()
    assert staging.staged_names(STAGED) == []


def test_other_publishers_large_file_is_kept_by_the_worker_page_and_api(client_as, settings):
    settings.ACCORD_IATI_BACKGROUND_BYTES = 1000
    data = external_file(*(ACTIVITY.format(n=n, title=f"Contribution {n}") for n in (1, 2)))
    assert len(data) > 1000
    manager = client_as("fund-manager")
    answered = manager.post("/funds/external/import/", {"file": _upload(data), "marking": "PUBLIC"})
    assert answered.status_code == 302
    assert not ExternalActivity.objects.filter(identifier="XM-DAC-5-7-ANATF-1").exists()
    shown = manager.get(result_page(manager, answered["Location"])).content.decode()
    assert "Activities new: 2; updated: 0." in shown
    assert ExternalActivity.objects.filter(identifier__startswith="XM-DAC-5-7-ANATF-").count() == 2

    again = manager.post("/api/v1/funds/external-activities/import", {"file": _upload(data)})
    assert again.status_code == 202
    work_off()
    done = manager.get(again["Location"]).json()
    assert done["status"] == "SUCCESSFUL"
    assert done["kind"] == "external_activities_import"
    assert (
        AuditEntry.objects.filter(action="external_activity.import_request", outcome="done").count()
        == 2
    )
    assert staging.staged_names(STAGED) == []


def test_the_ecb_history_is_kept_by_the_worker_and_shown_back_on_the_rates_page(
    client_as, settings
):
    settings.ACCORD_RATES_BACKGROUND_BYTES = 100
    history = b"Date,USD,JPY,GBP,\n" + b"".join(
        b"2014-03-%02d,1.37%02d,140.47,0.8253,\n" % (day, day) for day in range(1, 29)
    )
    manager = client_as("fund-manager")
    answered = manager.post(
        "/funds/rates/import/",
        {"file": SimpleUploadedFile("eurofxref-hist.csv", history, content_type="text/csv")},
    )
    assert answered.status_code == 302
    assert not ExchangeRate.objects.filter(currency="USD", day=date(2014, 3, 28)).exists()
    shown = manager.get(result_page(manager, answered["Location"])).content.decode()
    assert 'id="import-result"' in shown
    assert "Rates kept: 84; days: 28" in shown
    assert ExchangeRate.objects.get(currency="USD", day=date(2014, 3, 28)).per_eur == Decimal(
        "1.3728"
    )
    # Again through the API, over the days now kept: the worker replaces them.
    again = manager.post(
        "/api/v1/funds/rates/import",
        {"file": SimpleUploadedFile("eurofxref-hist.csv", history, content_type="text/csv")},
    )
    assert again.status_code == 202
    work_off()
    assert manager.get(again["Location"]).json()["status"] == "SUCCESSFUL"
    assert (
        client_as("delegation-deu")
        .post(
            "/api/v1/funds/rates/import",
            {"file": SimpleUploadedFile("eurofxref-hist.csv", history, content_type="text/csv")},
        )
        .status_code
        == 403
    )
    assert AuditEntry.objects.filter(
        action="exchange_rate.import_request", outcome="refused"
    ).exists()
    assert staging.staged_names(STAGED) == []


def test_a_large_bank_statement_is_imported_and_matched_by_the_worker(client_as, settings):
    settings.ACCORD_BANK_STATEMENT_BACKGROUND_BYTES = 100
    fund = fund_make("bank_bg_fund")
    contribution_make(fund, "RUS", "1000", date(2015, 2, 3))
    statement = (
        b"date,amount,currency,reference,description\n"
        b"2015-02-04,1000.00,EUR,,Russian Federation\n"
        b"2015-02-20,-75.00,EUR,FEE,Bank charges\n"
    )
    manager = client_as("fund-manager")
    page = f"/funds/{fund.code}/reconciliation/import/"
    answered = manager.post(page, {"file": SimpleUploadedFile("feb.csv", statement)})
    assert answered.status_code == 302
    assert not BankLine.objects.filter(fund=fund).exists()
    shown = manager.get(result_page(manager, answered["Location"])).content.decode()
    assert "Lines kept: 2" in shown
    assert "matched to ledger entries: 1" in shown
    other = fund_make("bank_bg_other")
    result = result_page(manager, answered["Location"])
    assert manager.get(result.replace(fund.code, other.code)).status_code == 404
    assert BankLine.objects.filter(fund=fund).count() == 2
    twice = manager.post(
        f"/api/v1/funds/funds/{fund.code}/bank-statements",
        {"file": SimpleUploadedFile("feb-again.csv", statement)},
    )
    assert twice.status_code == 202
    work_off()
    failed = manager.get(twice["Location"]).json()
    assert (failed["status"], failed["reason"]) == ("FAILED", "refused")
    assert BankLine.objects.filter(fund=fund).count() == 2
    assert staging.staged_names(STAGED) == []
