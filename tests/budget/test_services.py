"""Budget writes: the money rules, their stable error codes, access, and the audit trail."""

from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.budget import selectors, services
from accord.budget.inputs import BudgetLineValues, SustainmentPledgeValues
from accord.budget.models import BudgetEntry, BudgetLine, FiscalYear
from accord.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db

DAY = date(2016, 2, 1)  # inside FY 1395


def record(actor, line, kind="expenditure", amount=1_000, **kw):
    return services.budget_entry_record(
        actor=actor, line=line, kind=kind, date=kw.pop("day", DAY), amount_minor=amount, **kw
    )


def refusals(code):
    return AuditEntry.objects.filter(outcome="refused", error_code=code).count()


def test_hub_staff_record_an_allotment_and_an_expenditure_audited(persona, fresh_line):
    line = fresh_line(allot=0)
    hub = persona("hub-staff")
    before = AuditEntry.objects.filter(action="budget_entry.record").count()
    record(hub, line, "allotment", 50_000)
    record(hub, line, "expenditure", 20_000, reference="INV-1")
    totals = selectors.line_totals(line.pk)
    assert totals["allotment"] == 50_000
    assert totals["expenditure"] == 20_000
    entries = AuditEntry.objects.filter(action="budget_entry.record").order_by("pk")
    assert entries.count() == before + 2
    last = entries.last()
    assert last.actor_name == "hub-staff"
    assert last.changes["amount_minor"] == [None, 20_000]


def test_an_expenditure_beyond_the_allotment_is_refused_and_says_what_is_left(persona, fresh_line):
    line = fresh_line(allot=100_000)
    hub = persona("hub-staff")
    record(hub, line, amount=60_000)
    before = refusals("expenditure_exceeds_allotment")
    with pytest.raises(Conflict) as exc:
        record(hub, line, amount=40_001)
    assert exc.value.code == "expenditure_exceeds_allotment"
    assert "400.00 AFN" in exc.value.detail  # what is still unspent
    assert selectors.line_totals(line.pk)["expenditure"] == 60_000
    assert refusals("expenditure_exceeds_allotment") == before + 1
    record(hub, line, amount=40_000)  # exactly the rest is allowed


def test_over_allotment_needs_the_flag_and_a_justification(persona, fresh_line):
    line = fresh_line(allot=10_000)
    hub = persona("hub-staff")
    with pytest.raises(ValidationFailed) as exc:
        record(hub, line, amount=15_000, over_allotment=True)
    assert exc.value.code == "over_allotment_unjustified"
    entry = record(
        hub, line, amount=15_000, over_allotment=True, justification="Winter fuel; MoF letter 12"
    )
    assert entry.over_allotment
    assert selectors.line_totals(line.pk)["expenditure"] == 15_000
    with pytest.raises(ValidationFailed) as exc:
        record(hub, line, "commitment", 1, over_allotment=True, justification="x")
    assert exc.value.code == "over_allotment_not_expenditure"


def test_a_commitment_beyond_the_allotment_is_refused(persona, fresh_line):
    line = fresh_line(allot=10_000)
    with pytest.raises(Conflict) as exc:
        record(persona("hub-staff"), line, "commitment", 10_001)
    assert exc.value.code == "commitment_exceeds_allotment"


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (0, "amount_not_positive"),
        (-5, "amount_not_positive"),
        (1.5, "amount_not_integer"),
        (10**18, "amount_too_large"),
    ],
)
def test_bad_amounts_are_refused_with_a_stable_code(persona, fresh_line, amount, code):
    line = fresh_line()
    count = BudgetEntry.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        record(persona("hub-staff"), line, "requirement", amount)
    assert exc.value.code == code
    assert BudgetEntry.objects.count() == count


def test_unknown_kind_and_date_outside_the_year_are_refused(persona, fresh_line):
    line = fresh_line()
    hub = persona("hub-staff")
    with pytest.raises(ValidationFailed) as exc:
        record(hub, line, "bribe", 10)
    assert exc.value.code == "unknown_entry_kind"
    with pytest.raises(ValidationFailed) as exc:
        record(hub, line, "requirement", 10, day=date(2017, 1, 1))
    assert exc.value.code == "date_outside_fiscal_year"
    assert "2015-12-22" in exc.value.detail


def test_nothing_is_recorded_on_a_closed_fiscal_year(persona, fy1394):
    line = BudgetLine.objects.filter(fiscal_year=fy1394, marking="PUBLIC").first()
    count = BudgetEntry.objects.count()
    with pytest.raises(Conflict) as exc:
        record(persona("hub-staff"), line, "requirement", 100, day=date(2015, 3, 1))
    assert exc.value.code == "fiscal_year_closed"
    assert BudgetEntry.objects.count() == count


def test_closing_a_year_then_only_an_administrator_reopens_it(persona, fy1395, fresh_line):
    line = fresh_line()
    hub, admin = persona("hub-staff"), persona("admin")
    fy = services.fiscal_year_close(actor=hub, fiscal_year=fy1395, expected_version=fy1395.version)
    assert fy.status == "closed"
    with pytest.raises(Conflict):
        record(hub, line, "requirement", 1)
    with pytest.raises(PermissionDenied):
        services.fiscal_year_reopen(actor=hub, fiscal_year=fy, expected_version=fy.version)
    fy = services.fiscal_year_reopen(actor=admin, fiscal_year=fy, expected_version=fy.version)
    assert fy.status == "open"
    with pytest.raises(Conflict) as exc:
        services.fiscal_year_reopen(actor=admin, fiscal_year=fy, expected_version=fy.version)
    assert exc.value.code == "fiscal_year_open"


def test_a_reversal_nets_the_entry_out_once(persona, fresh_line):
    line = fresh_line(allot=10_000)
    hub = persona("hub-staff")
    spent = record(hub, line, amount=4_000)
    reversal = services.budget_entry_reverse(actor=hub, entry=spent, reason="Duplicate invoice")
    assert reversal.reverses_id == spent.pk
    assert reversal.signed_minor == -4_000
    assert selectors.line_totals(line.pk)["expenditure"] == 0
    with pytest.raises(Conflict) as exc:
        services.budget_entry_reverse(actor=hub, entry=spent, reason="again")
    assert exc.value.code == "already_reversed"
    with pytest.raises(Conflict) as exc:
        services.budget_entry_reverse(actor=hub, entry=reversal, reason="undo")
    assert exc.value.code == "cannot_reverse_reversal"
    with pytest.raises(ValidationFailed) as exc:
        services.budget_entry_reverse(actor=hub, entry=record(hub, line, amount=1), reason=" ")
    assert exc.value.code == "reversal_reason_missing"


def test_an_allotment_cannot_be_reversed_below_what_is_spent(persona, fresh_line):
    line = fresh_line(allot=10_000)
    hub = persona("hub-staff")
    record(hub, line, amount=5_000)
    allotment = BudgetEntry.objects.get(line=line, kind="allotment")
    with pytest.raises(Conflict) as exc:
        services.budget_entry_reverse(actor=hub, entry=allotment, reason="cut")
    assert exc.value.code == "allotment_below_use"


@pytest.mark.parametrize("who", ["fund-manager", "auditor", "spoke-north", "secretariat"])
def test_only_hub_staff_and_administrators_change_the_budget(persona, fresh_line, who):
    line = fresh_line()
    before = refusals("permission_denied")
    with pytest.raises(PermissionDenied):
        record(persona(who), line, "requirement", 10)
    assert refusals("permission_denied") == before + 1


def test_the_russian_delegation_cannot_see_or_touch_nato_lines(persona, fresh_line):
    line = fresh_line(code="nato-line", marking="NATO")
    rus = persona("delegation-rus")
    with pytest.raises(NotFound):
        selectors.budget_line_get(actor=rus, pk=line.pk)
    assert line.pk not in selectors.budget_line_list(actor=rus).values_list("pk", flat=True)
    with pytest.raises(NotFound):
        record(rus, line, "requirement", 10)
    # Entries inherit the line's marking, so they are out of reach too.
    assert not selectors.budget_entry_list(actor=rus, line=line).exists()


def test_fiscal_year_dates_come_from_the_afghan_calendar(persona):
    fy = services.fiscal_year_create(actor=persona("admin"), label="1396")
    assert (fy.start, fy.end) == (date(2016, 12, 21), date(2017, 12, 21))
    with pytest.raises(ValidationFailed) as exc:
        services.fiscal_year_create(actor=persona("admin"), label="13x5")
    assert exc.value.code == "unknown_fiscal_year"
    with pytest.raises(Conflict) as exc:
        services.fiscal_year_create(actor=persona("admin"), label="1396")
    assert exc.value.code == "fiscal_year_exists"
    assert FiscalYear.objects.filter(label="1396").count() == 1


def test_a_line_keeps_its_currency_once_it_has_entries(persona, fresh_line):
    line = fresh_line()
    with pytest.raises(Conflict) as exc:
        services.budget_line_update(
            actor=persona("hub-staff"),
            line=line,
            values=BudgetLineValues(currency="USD"),
            expected_version=line.version,
        )
    assert exc.value.code == "budget_line_has_entries"
    line = services.budget_line_update(
        actor=persona("hub-staff"),
        line=line,
        values=BudgetLineValues(name="Renamed"),
        expected_version=line.version,
    )
    assert line.name == "Renamed"
    assert line.version == 2


def test_the_sustainment_pledge_records_actual_funding(persona, open_pledge):
    pledge = open_pledge
    assert pledge.actual_usd_minor is None
    pledge = services.sustainment_pledge_update(
        actor=persona("hub-staff"),
        pledge=pledge,
        values=SustainmentPledgeValues(actual_usd_minor=390_000_000_000),
        expected_version=pledge.version,
    )
    assert pledge.actual_usd_minor == 390_000_000_000
    with pytest.raises(ValidationFailed) as exc:
        services.sustainment_pledge_update(
            actor=persona("hub-staff"),
            pledge=pledge,
            values=SustainmentPledgeValues(actual_usd_minor=-1),
            expected_version=pledge.version,
        )
    assert exc.value.code == "amount_not_positive"
    with pytest.raises(PermissionDenied):
        services.sustainment_pledge_update(
            actor=persona("delegation-usa"),
            pledge=pledge,
            values=SustainmentPledgeValues(note="x"),
            expected_version=pledge.version,
        )


def test_a_reversed_expenditure_leaves_the_month_it_was_spent_in(persona, fresh_line, fy1395):
    line = fresh_line(code="month-line", allot=100_000, currency="USD")
    hub = persona("hub-staff")

    def month_spend():
        _, months = selectors.execution_by_month(actor=hub, fiscal_year=fy1395, currency="USD")
        return {m.month.label: m.expended for m in months}

    before = month_spend()
    spent = record(hub, line, amount=30_000, day=date(2016, 1, 5))  # Jadi 1394
    record(hub, line, amount=20_000, day=date(2016, 1, 6))
    assert month_spend()["Jadi 1394"] == before["Jadi 1394"] + 50_000
    services.budget_entry_reverse(
        actor=hub, entry=spent, reason="wrong line", date=date(2016, 4, 1)
    )  # reversed in Hamal 1395
    after = month_spend()
    assert after["Jadi 1394"] == before["Jadi 1394"] + 20_000
    assert after["Hamal 1395"] == before["Hamal 1395"]
