"""The multi-period flow plan on the small network (see ``networks``): cargo waits at a transfer
point when a later month's capacity is short."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.transit.engine.flowplan.periods import PeriodMonth, PeriodsInput, plan_periods
from accord.transit.engine.model import Demand, TransitInputError

from .networks import small_network

JUNE, JULY = dt.date(2011, 6, 1), dt.date(2011, 7, 1)
NO_ROAD_OR_AIR = {"AC": 0, "CZ": 0, "AZ": 0}


def test_cargo_waits_at_the_junction_when_next_months_rail_is_short():
    june_cargo = Demand("J", "A", "Z", "non_lethal", "to_afghanistan", 100, 1000.0)
    july_cargo = Demand("K", "A", "Z", "non_lethal", "to_afghanistan", 10, 100.0)
    plan = plan_periods(
        PeriodsInput(
            small_network(),
            (
                # June: the first rail leg takes all 100 TEU, the second only 40.
                PeriodMonth(JUNE, (june_cargo,), {**NO_ROAD_OR_AIR, "BZ": 40}),
                # July: the first rail leg is shut; the second has room again.
                PeriodMonth(JULY, (july_cargo,), {**NO_ROAD_OR_AIR, "AB": 0}),
            ),
            holding_cost_per_teu_month=100.0,
        )
    )
    moved = {(m.month, m.demand, m.arc): m.teu for m in plan.movements}
    assert moved == {(0, "J", "AB"): 100, (0, "J", "BZ"): 40, (1, "J", "BZ"): 60}
    # 60 TEU wait a month at Bravo junction; July's own cargo cannot leave Alpha at all.
    assert [(s.month, s.demand, s.node, s.teu) for s in plan.stocks] == [(0, "J", "B", 60)]
    assert plan.delivered == (("J", 0, 40), ("J", 1, 60))
    assert plan.unmet == (("K", 10),)
    assert plan.transport_cost == 200 * 1000
    assert plan.holding_cost == 60 * 100
    assert plan.status == "optimal"


def test_a_horizon_of_seven_months_is_refused():
    months = tuple(PeriodMonth(dt.date(2011, m, 1)) for m in range(1, 8))
    with pytest.raises(TransitInputError) as caught:
        PeriodsInput(small_network(), months)
    assert caught.value.code.value == "bad_horizon"
