"""The scenario's budget section: loaded whole, idempotent, with closed years and the pledge."""

import pytest

from accord.access import system_principal
from accord.budget.models import BudgetEntry, BudgetLine, FiscalYear, Ministry, SustainmentPledge
from accord.core.management.commands.load_scenario import packaged_scenario
from accord.core.services import scenario_load
from accord.errors import ScenarioInvalid

pytestmark = pytest.mark.django_db


def test_the_ministries_are_the_registry_ministries():
    mod, moi = Ministry.objects.get(code="mod"), Ministry.objects.get(code="moi")
    assert mod.organisation.code == "afg_mod"
    assert moi.organisation.code == "afg_moi"


def test_fy_1394_is_closed_and_fully_recorded():
    fy = FiscalYear.objects.get(label="1394")
    assert fy.status == "closed"
    line = BudgetLine.objects.get(code="mod-sal-1394")
    assert line.estimated
    assert line.entries.filter(kind="expenditure").count() == 12


def test_loading_again_changes_nothing():
    counts = (BudgetLine.objects.count(), BudgetEntry.objects.count())
    text, name = packaged_scenario()
    result = scenario_load(actor=system_principal("tests"), text=text, filename=name)
    assert result["created"] == 0
    assert result["changed"] == 0
    assert (BudgetLine.objects.count(), BudgetEntry.objects.count()) == counts


def test_a_budget_line_over_its_allotment_refuses_the_whole_file():
    text, name = packaged_scenario()
    bad = text.replace(
        'id: "moi-fac-1395", name: "Police facilities maintenance", currency: AFN, '
        "requirement: 3100000000, allotment: 2300000000",
        'id: "moi-fac-1395", name: "Police facilities maintenance", currency: AFN, '
        "requirement: 3100000000, allotment: 23",
    )
    assert bad != text
    BudgetEntry.objects.filter(line__code="moi-fac-1395").delete()
    before = BudgetEntry.objects.count()
    with pytest.raises(ScenarioInvalid) as exc:
        scenario_load(actor=system_principal("tests"), text=bad, filename=name)
    assert "budget.lines" in exc.value.detail
    assert BudgetEntry.objects.count() == before


def test_the_chicago_pledge_is_4_1_billion_a_year():
    for year in range(2015, 2021):
        total = sum(p.pledged_usd_minor for p in SustainmentPledge.objects.filter(year=year))
        assert total in (410_000_000_000, 380_000_000_000)  # 4.1 bn; 3.8 bn after Warsaw
