"""Legal bases in force by date and scope; participation with suspensions and preconditions."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from accord.council.engine import mandates
from accord.council.engine.mandates import Action, Basis, Precondition, Suspension

LAND = Basis(
    "nato_rus_land_2008",
    "transit",
    signed=date(2008, 4, 4),
    revoked=date(2015, 5, 18),
    activity_kinds=("transit",),
    territories=("RUS",),
    cargo_classes=("non_lethal",),
)


def test_in_force_from_signature_until_the_day_before_revocation():
    assert not mandates.in_force_on(LAND, date(2008, 4, 3))
    assert mandates.in_force_on(LAND, date(2008, 4, 4))
    assert mandates.in_force_on(LAND, date(2015, 5, 17))
    assert not mandates.in_force_on(LAND, date(2015, 5, 18))


def test_entry_into_force_wins_over_signature():
    sofa = Basis("sofa", "sofa", signed=date(2014, 9, 30), in_force=date(2015, 1, 1))
    assert not mandates.in_force_on(sofa, date(2014, 12, 31))
    assert mandates.in_force_on(sofa, date(2015, 1, 1))


def test_an_instrument_without_dates_is_never_in_force():
    assert not mandates.in_force_on(Basis("x", "other"), date(2010, 1, 1))


def test_scope_empty_means_any_and_a_listed_scope_must_match():
    assert mandates.valid_for(LAND, on=date(2010, 1, 1), cargo_class="non_lethal")
    assert not mandates.valid_for(LAND, on=date(2010, 1, 1), cargo_class="lethal")
    assert not mandates.valid_for(LAND, on=date(2010, 1, 1), territory="PAK")
    assert mandates.valid_for(
        Basis("any", "unscr", signed=date(2001, 1, 1)), on=date(2010, 1, 1), territory="PAK"
    )


def test_valid_for_a_period_needs_the_whole_period():
    assert mandates.valid_for(LAND, on=date(2010, 1, 1), until=date(2015, 5, 17))
    assert not mandates.valid_for(LAND, on=date(2010, 1, 1), until=date(2016, 1, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 4000))
def test_in_force_iff_between_start_and_end(day, length):
    start = date(2010, 1, 1)
    basis = Basis("b", "other", signed=start, expires=start + timedelta(days=length))
    assert mandates.in_force_on(basis, day) == (start <= day <= start + timedelta(days=length))


SUSPENDED = Suspension("RUS", date(2014, 4, 1), reason="NATO suspends practical cooperation")


def test_a_suspended_member_takes_no_part_for_that_period():
    action = Action(date(2011, 4, 1), None, "helicopter_maintenance", frozenset({"founding"}))
    rows = {p.member: p for p in mandates.participation(["DEU", "RUS"], action, [SUSPENDED], [])}
    assert rows["DEU"].participating
    assert not rows["RUS"].participating
    assert "suspended since 01 April 2014" in rows["RUS"].reason


def test_an_action_that_ended_before_the_suspension_is_unaffected():
    action = Action(date(2008, 4, 4), date(2013, 12, 31), "transit", frozenset({"transit"}))
    (row,) = mandates.participation(["RUS"], action, [SUSPENDED], [])
    assert row.participating


def test_an_unmet_precondition_keeps_a_member_out_with_the_reason():
    needs_mandate = Precondition("TUR", "unscr", reason="only under a UN mandate")
    without = Action(date(2012, 1, 1), None, "training", frozenset({"founding"}))
    with_mandate = Action(date(2012, 1, 1), None, "training", frozenset({"unscr", "founding"}))
    (out,) = mandates.participation(["TUR"], without, [], [needs_mandate])
    (inside,) = mandates.participation(["TUR"], with_mandate, [], [needs_mandate])
    assert not out.participating
    assert "only under a UN mandate" in out.reason
    assert inside.participating


def test_agenda_consensus():
    assert mandates.agenda_item_adopted(0)
    assert not mandates.agenda_item_adopted(1)
