"""Importing a month's payroll and roster (all or nothing, bad rows by line, a month once) and
overriding a flagged line with four eyes."""

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.errors import Code, Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.personnel import services
from accord.personnel.imports import Upload, payroll_import
from accord.personnel.models import Override, PayrollLine, PayrollMonth, RosterEntry
from accord.personnel.selectors import month_report
from tests.personnel.conftest import SYSTEM, person_make, position_make, slot_make

MAY = date(2016, 5, 1)


def afg():
    return Nation.objects.get(iso3="AFG")


def csv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture
def paid(kandak):
    """A position, a slotted person present all month, and a ghost paid beside them."""
    position = position_make(kandak, code="t-inf")
    person = person_make(number="P-1")
    slot_make(person, position, date(2016, 1, 1))
    return position


def _import(payroll: bytes, roster: bytes, month=MAY, actor=SYSTEM, name="payroll.csv"):
    return payroll_import(
        actor=actor,
        nation=afg(),
        month=month,
        payroll=Upload(name, payroll),
        roster=Upload("roster.csv", roster),
    )


def test_a_month_is_imported_and_reconciled(paid):
    month = _import(
        csv("number,position,amount,eft", "P-1,t-inf,12000,yes", "GHOST-9,t-inf,12000,no"),
        csv("number,days_present", "P-1,26"),
    )
    assert (month.lines, month.flagged, month.roster_entries) == (2, 1, 1)
    assert month.paid_minor == 2_400_000
    assert month.flagged_minor == 1_200_000
    ghost = PayrollLine.objects.get(month=month, number="GHOST-9")
    assert ghost.reason_no_person
    assert ghost.reason_absent
    assert ghost.flagged
    assert not PayrollLine.objects.get(month=month, number="P-1").flagged
    assert AuditEntry.objects.filter(action="payroll.import", object_id=str(month.pk)).exists()


def test_bad_rows_are_named_by_line_and_nothing_is_imported(paid):
    with pytest.raises(ValidationFailed) as refused:
        _import(
            csv(
                "number,position,amount",
                "P-1,t-inf,12000",
                "P-2,no-such-post,12000",
                ",t-inf,-5",
            ),
            csv("number,days_present", "P-1,40"),
        )
    assert refused.value.code == Code.PAYROLL_BAD_ROWS
    assert set(refused.value.errors) == {
        "payroll.csv line 3",
        "payroll.csv line 4",
        "roster.csv line 2",
    }
    assert not PayrollMonth.objects.filter(month=MAY).exists()
    assert not PayrollLine.objects.filter(number="P-1").exists()
    entry = AuditEntry.objects.filter(action="payroll.import", outcome="refused").last()
    assert entry.error_code == "payroll_bad_rows"


def test_a_month_is_imported_once(paid):
    good = csv("number,position,amount", "P-1,t-inf,12000")
    _import(good, csv("number,days_present", "P-1,26"))
    with pytest.raises(Conflict) as twice:
        _import(good, csv("number,days_present", "P-1,26"))
    assert twice.value.code == Code.PAYROLL_MONTH_IMPORTED
    assert PayrollLine.objects.filter(month__month=MAY).count() == 1


def test_a_month_not_over_is_refused(paid):
    with pytest.raises(ValidationFailed) as refused:
        _import(
            csv("number,position,amount", "P-1,t-inf,1"),
            csv("number,days_present"),
            month=date(2099, 1, 1),
        )
    assert refused.value.code == Code.PAYROLL_MONTH_FUTURE


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("number;position\n".encode("utf-16"), Code.BAD_CSV),
        (b"who,what\nP-1,x\n", Code.BAD_CSV_HEADER),
        (b"number,position,amount\n", Code.PAYROLL_EMPTY),
    ],
)
def test_malformed_files_are_refused_with_their_code(paid, content, code):
    with pytest.raises(ValidationFailed) as refused:
        _import(content, csv("number,days_present"))
    assert refused.value.code == code
    assert not PayrollMonth.objects.filter(month=MAY).exists()


def test_an_excel_payroll_is_read(paid):
    book = Workbook()
    sheet = book.active
    sheet.append(["number", "position", "amount", "eft"])
    sheet.append(["P-1", "t-inf", 12000.0, "yes"])
    data = io.BytesIO()
    book.save(data)
    month = _import(data.getvalue(), csv("number,days_present", "P-1,20"), name="may.xlsx")
    line = PayrollLine.objects.get(month=month)
    assert (line.amount_minor, line.eft, line.flagged) == (1_200_000, True, False)
    assert RosterEntry.objects.filter(month=month).count() == 1


def test_an_override_is_asked_for_with_a_reason_and_confirmed_by_another(paid, hub_officers):
    asker, confirmer = hub_officers
    month = _import(
        csv("number,position,amount", "GHOST-9,t-inf,12000", "P-1,t-inf,12000"),
        csv("number,days_present", "P-1,26"),
    )
    ghost = PayrollLine.objects.get(month=month, number="GHOST-9")
    fine = PayrollLine.objects.get(month=month, number="P-1")
    with pytest.raises(Conflict) as unflagged:
        services.override_request(actor=asker, line=fine, reason="Fine")
    assert unflagged.value.code == Code.LINE_NOT_FLAGGED
    with pytest.raises(ValidationFailed):
        services.override_request(actor=asker, line=ghost, reason="  ")
    services.override_request(actor=asker, line=ghost, reason="Enrolled late; record pending")
    with pytest.raises(PermissionDenied) as same:
        services.override_confirm(actor=asker, line=ghost)
    assert same.value.code == Code.FOUR_EYES
    override = services.override_confirm(actor=confirmer, line=ghost)
    assert (override.requested_by, override.confirmed_by) == (asker, confirmer)
    actions = list(
        AuditEntry.objects.filter(object_id=str(ghost.pk), action__startswith="override.")
        .order_by("pk")
        .values_list("action", "outcome", "actor_name")
    )
    assert actions == [
        ("override.request", "refused", "t-hub-1"),
        ("override.request", "done", "t-hub-1"),
        ("override.confirm", "refused", "t-hub-1"),
        ("override.confirm", "done", "t-hub-2"),
    ]


def test_who_may_not_override_is_refused(paid, persona):
    month = _import(
        csv("number,position,amount", "GHOST-9,t-inf,12000"), csv("number,days_present")
    )
    ghost = PayrollLine.objects.get(month=month)
    with pytest.raises(NotFound):
        services.override_request(actor=persona("spoke-north"), line=ghost, reason="x")
    services.override_request(actor=persona("auditor"), line=ghost, reason="Checked in person")
    services.override_confirm(actor=persona("afg-budget"), line=ghost)


def test_reconciling_again_follows_confirmations_and_the_report_counts_overrides(
    paid, hub_officers
):
    asker, confirmer = hub_officers
    late = person_make(number="P-LATE", confirm=False)
    month = _import(
        csv("number,position,amount", "P-1,t-inf,12000", "P-LATE,t-inf,12000"),
        csv("number,days_present", "P-1,26", "P-LATE,20"),
    )
    line = PayrollLine.objects.get(month=month, number="P-LATE")
    assert (line.reason_no_person, month.flagged) == (True, 1)
    services.override_request(actor=asker, line=line, reason="Enrolment waits for its check")
    services.override_confirm(actor=confirmer, line=line)
    [row] = [r for r in month_report(actor=SYSTEM, month=month) if r["unit"] == paid.unit]
    assert (row["flagged"], row["accepted"], row["reasons"]["no_person"]) == (1, 1, 1)

    services.person_confirm(actor=SYSTEM, person=late)
    slot_make(late, paid, date(2016, 1, 1))
    month = services.payroll_reconcile(actor=SYSTEM, month=month)
    line.refresh_from_db()
    assert (line.flagged, month.flagged) == (False, 0)


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    payroll=st.one_of(
        st.binary(max_size=200),
        st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=5), max_size=6).map(
            lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")
        ),
    ),
    header=st.booleans(),
)
def test_a_malformed_payroll_is_refused_in_words_and_stores_nothing(paid, payroll, header):
    content = (b"number,position,amount,eft\n" if header else b"") + payroll
    before = PayrollLine.objects.count(), PayrollMonth.objects.count()
    refusal = None
    try:
        _import(content, csv("number,days_present", "P-1,26"))
    except (ValidationFailed, Conflict) as refused:  # anything else fails the test
        refusal = refused
    if refusal is None:  # the random rows happened to be valid: the month is there, once
        assert PayrollMonth.objects.filter(month=MAY).count() == 1
        PayrollLine.objects.filter(month__month=MAY).delete()
        PayrollMonth.objects.filter(month=MAY).delete()
        return
    assert refusal.code.value
    assert str(refusal)
    assert (PayrollLine.objects.count(), PayrollMonth.objects.count()) == before


def test_a_second_override_request_is_refused(paid):
    month = _import(
        csv("number,position,amount", "GHOST-9,t-inf,12000"), csv("number,days_present")
    )
    ghost = PayrollLine.objects.get(month=month)
    services.override_request(actor=SYSTEM, line=ghost, reason="First")
    with pytest.raises(Conflict) as again:
        services.override_request(actor=SYSTEM, line=ghost, reason="Second")
    assert again.value.code == Code.OVERRIDE_EXISTS
    assert Override.objects.get(line=ghost).reason == "First"
