"""`accord transit plan` and `accord transit import-events` on the command line."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.transit.models import FlowPlan, Shipment, ShipmentEvent
from tests.transit.conftest import demand_make


def test_transit_plan_prints_the_months_summary(logistician):
    # More cargo than every line to Kabul carries in a month: some of it is left unmet.
    demand_make(logistician, "test_too_much", dt.date(2013, 6, 1), "karachi", "kabul", teu=99_999)
    out = StringIO()
    call_command("transit", "plan", "--month", "2013-06", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Flow plan 2013-06" in text
    # The summary names what the stored plan left unmet and which leases it flew.
    plan = FlowPlan.objects.filter(month__year=2013, month__month=6).latest("created_at")
    assert f"{plan.unmet_teu} unmet" in text
    for unmet in plan.result["unmet"]:
        assert f"unmet {unmet['demand']}: {unmet['teu']} TEU" in text
    for lease in plan.result["lease_use"]:
        assert f"lease {lease['lease']}: {lease['hours']:.0f} h" in text
    assert "unmet test_too_much: " in text


def test_transit_plan_refuses_a_month_without_demand_or_a_bad_month():
    with pytest.raises(CommandError, match=r"no_demand"):
        call_command("transit", "plan", "--month", "2009-01", stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("transit", "plan", "--month", "June", stdout=StringIO())


def test_transit_import_events_is_all_or_nothing(tmp_path):
    good = tmp_path / "carrier.csv"
    good.write_text(
        "shipment,event,at,node,delay_days,note\n"
        "ndn-2013-0001,departed,2013-06-03T08:00:00Z,riga,0,\n"
    )
    out = StringIO()
    call_command("transit", "import-events", str(good), stdout=out)
    assert "Imported 1 events for 1 shipments" in out.getvalue()
    assert Shipment.objects.get(reference="ndn-2013-0001").status == "in_transit"

    bad = tmp_path / "bad.csv"
    bad.write_text("shipment,event,at\nndn-2013-0001,arrived,not-a-time\n")
    with pytest.raises(CommandError, match=r"line 2"):
        call_command("transit", "import-events", str(bad), stdout=StringIO())
    assert ShipmentEvent.objects.count() == 1
    with pytest.raises(CommandError, match="no such file"):
        call_command("transit", "import-events", str(tmp_path / "none.csv"))


def test_transit_recheck_flags_what_changed_and_then_nothing_more():
    # A shipment whose stored verdict no longer matches the network (as after a re-check that
    # failed once its agreement change was committed) is flagged; a second run finds nothing.
    shipment = Shipment.objects.exclude(status="arrived").order_by("pk").first()
    Shipment.objects.filter(pk=shipment.pk).update(route_problems=["stale verdict"])
    out = StringIO()
    call_command("transit", "recheck", stdout=out)
    assert "1 newly flagged" in out.getvalue()
    shipment.refresh_from_db()
    assert shipment.flagged
    assert shipment.route_problems != ["stale verdict"]
    again = StringIO()
    call_command("transit", "recheck", stdout=again)
    assert "0 newly flagged" in again.getvalue()
