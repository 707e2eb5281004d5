"""The silence procedure's rules, one by one, and its defining property over random histories."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.council.engine import silence
from accord.council.engine.silence import State

REFUSALS = (silence.ProcedureError, silence.ProcedureInputError)
MEMBERS = frozenset({"USA", "DEU", "RUS"})


def fresh():
    return silence.Procedure(MEMBERS)


def circulated(deadline=10, now=0):
    return silence.circulate(fresh(), now=now, deadline=deadline)


def refused(code, move, *args, **kwargs):
    with pytest.raises(
        silence.ProcedureError if code not in INPUT_CODES else silence.ProcedureInputError
    ) as exc:
        move(*args, **kwargs)
    assert exc.value.code == code
    return exc.value


INPUT_CODES = {"deadline_missing", "deadline_in_past", "deadline_not_later", "statement_missing"}


def test_a_new_consultation_is_a_draft():
    assert silence.state_at(fresh(), 100) is State.DRAFT


def test_circulating_puts_the_text_under_silence_until_the_deadline():
    p = circulated(deadline=10)
    assert silence.state_at(p, 9) is State.CIRCULATING
    assert p.current.version == 1
    assert p.current.number == 1


def test_an_unbroken_text_is_adopted_at_its_deadline_without_anyone_acting():
    p = circulated(deadline=10)
    assert silence.state_at(p, 10) is State.ADOPTED
    assert silence.adopted_circulation(p, 10) is p.current


def test_circulating_without_a_deadline_is_refused():
    refused("deadline_missing", silence.circulate, fresh(), now=0, deadline=None)


def test_circulating_with_a_deadline_in_the_past_or_now_is_refused():
    refused("deadline_in_past", silence.circulate, fresh(), now=5, deadline=4)
    refused("deadline_in_past", silence.circulate, fresh(), now=5, deadline=5)


def test_circulating_twice_at_once_is_refused():
    refused("already_circulating", silence.circulate, circulated(), now=1, deadline=20)


def test_a_body_without_members_cannot_be_consulted():
    refused("body_empty", silence.circulate, silence.Procedure(frozenset()), now=0, deadline=5)


def test_a_member_breaks_silence_and_the_text_returns_to_consultation():
    p = silence.break_silence(circulated(), member="RUS", now=5, statement="We cannot agree.")
    assert silence.state_at(p, 5) is State.BROKEN
    assert silence.state_at(p, 1000) is State.BROKEN  # the deadline passing adopts nothing
    assert p.current.broken.member == "RUS"


def test_breaking_after_the_deadline_is_refused():
    refused(
        "deadline_passed",
        silence.break_silence,
        circulated(10),
        member="RUS",
        now=10,
        statement="x",
    )


def test_breaking_twice_is_refused():
    p = silence.break_silence(circulated(), member="RUS", now=5, statement="No.")
    refused(
        "silence_already_broken", silence.break_silence, p, member="RUS", now=6, statement="No!"
    )


def test_every_break_before_the_deadline_is_on_record_the_first_stopped_adoption():
    p = silence.break_silence(circulated(10), member="RUS", now=5, statement="No.")
    p = silence.break_silence(p, member="USA", now=6, statement="Nor we.")
    on_record = [(b.member, b.statement) for b in p.current.breaks]
    assert on_record == [("RUS", "No."), ("USA", "Nor we.")]
    assert p.current.broken.member == "RUS"
    assert silence.state_at(p, 6) is State.BROKEN
    refused("deadline_passed", silence.break_silence, p, member="DEU", now=10, statement="Late.")


def test_a_break_after_a_new_circulation_began_goes_to_the_new_one():
    p = silence.break_silence(circulated(10), member="RUS", now=5, statement="No.")
    p = silence.circulate(silence.revise(p, now=6), now=7, deadline=20)
    p = silence.break_silence(p, member="USA", now=8, statement="Not this one either.")
    assert [b.member for b in p.circulations[0].breaks] == ["RUS"]
    assert [b.member for b in p.current.breaks] == ["USA"]


def test_a_non_member_cannot_break_silence():
    refused("not_a_member", silence.break_silence, circulated(), member="AFG", now=5, statement="x")


def test_breaking_needs_a_statement():
    refused(
        "statement_missing", silence.break_silence, circulated(), member="RUS", now=5, statement=" "
    )


def test_breaking_a_draft_is_refused():
    refused("not_circulating", silence.break_silence, fresh(), member="RUS", now=5, statement="x")


def test_revising_after_a_break_makes_a_new_version_to_circulate_again():
    p = silence.break_silence(circulated(), member="RUS", now=5, statement="No.")
    p = silence.revise(p, now=6)
    assert p.version == 2
    assert silence.state_at(p, 6) is State.DRAFT
    p = silence.circulate(p, now=7, deadline=20)
    assert p.current.version == 2
    assert p.current.number == 2
    assert silence.state_at(p, 20) is State.ADOPTED


def test_revising_under_silence_is_refused():
    refused("text_under_silence", silence.revise, circulated(), now=5)


def test_editing_an_adopted_text_is_refused():
    refused("text_adopted", silence.revise, circulated(10), now=11)


def test_circulating_an_adopted_text_again_is_refused():
    refused("text_adopted", silence.circulate, circulated(10), now=11, deadline=30)


def test_the_secretariat_extends_a_running_deadline():
    p = silence.extend(circulated(10), now=5, deadline=15)
    assert p.current.deadline == 15
    assert p.current.extensions == 1
    assert silence.state_at(p, 12) is State.CIRCULATING


def test_an_extension_must_move_the_deadline_later():
    refused("deadline_not_later", silence.extend, circulated(10), now=5, deadline=9)


def test_extending_after_the_deadline_is_refused():
    refused("text_adopted", silence.extend, circulated(10), now=10, deadline=20)


def test_extending_a_draft_is_refused():
    refused("not_circulating", silence.extend, fresh(), now=0, deadline=20)


def test_when_every_member_agreed_the_text_may_be_closed_early():
    p = circulated(10)
    for member in ("USA", "DEU"):
        p = silence.agree(p, member=member, now=2)
    refused("not_everyone_agreed", silence.close_early, p, now=3)
    p = silence.close_early(silence.agree(p, member="RUS", now=3), now=4)
    assert silence.state_at(p, 4) is State.ADOPTED
    assert silence.adopted_circulation(p, 4) is p.current


def test_agreeing_and_breaking_exclude_each_other_and_agreeing_twice_is_refused():
    p = silence.agree(circulated(10), member="USA", now=1)
    refused("already_agreed", silence.agree, p, member="USA", now=2)
    refused("already_agreed", silence.break_silence, p, member="USA", now=2, statement="No.")
    p = silence.break_silence(p, member="RUS", now=2, statement="No.")
    refused("silence_already_broken", silence.agree, p, member="RUS", now=3)
    refused("not_circulating", silence.agree, p, member="DEU", now=3)


def test_a_withdrawn_text_is_never_adopted_and_accepts_nothing_more():
    p = silence.withdraw(circulated(10), now=5)
    assert silence.state_at(p, 100) is State.WITHDRAWN
    assert silence.adopted_circulation(p, 100) is None
    refused("consultation_withdrawn", silence.break_silence, p, member="RUS", now=6, statement="x")
    refused("consultation_withdrawn", silence.circulate, p, now=6, deadline=20)
    refused("consultation_withdrawn", silence.withdraw, p, now=6)
    refused("text_adopted", silence.withdraw, circulated(10), now=10)


# --- the defining property over random histories ------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["circulate", "break", "extend", "revise", "agree", "close", "withdraw"]),
        st.integers(min_value=0, max_value=6),  # how far the clock moves first
        st.integers(min_value=-3, max_value=8),  # the deadline offset from now
        st.sampled_from(sorted(MEMBERS | {"AFG"})),
    ),
    max_size=16,
)


@settings(max_examples=400, deadline=None)
@given(ACTIONS, st.integers(min_value=0, max_value=60))
def test_adopted_iff_circulated_deadline_passed_and_unbroken(actions, look):
    p, now = fresh(), 0
    # [deadline, members who broke, members who agreed, closed early] of each circulation,
    # kept independently of the engine
    log = []
    withdrawn = False
    for action, step, offset, member in actions:
        now += step
        try:
            if action == "circulate":
                p = silence.circulate(p, now=now, deadline=now + offset)
                log.append([now + offset, [], [], False])
            elif action == "break":
                p = silence.break_silence(p, member=member, now=now, statement="no")
                # Every break is recorded only before the deadline, by a member, once each.
                assert now < log[-1][0]
                assert member in MEMBERS
                assert member not in log[-1][1]
                log[-1][1].append(member)
            elif action == "extend":
                p = silence.extend(p, now=now, deadline=now + offset)
                log[-1][0] = now + offset
            elif action == "agree":
                p = silence.agree(p, member=member, now=now)
                # Only under silence, unbroken, and never by a member that broke it.
                assert now < log[-1][0]
                assert not log[-1][1]
                log[-1][2].append(member)
            elif action == "close":
                p = silence.close_early(p, now=now)
                # Closed early only when every member expressly agreed, before the deadline.
                assert set(log[-1][2]) >= MEMBERS
                assert now < log[-1][0]
                log[-1][3] = True
            elif action == "withdraw":
                p = silence.withdraw(p, now=now)
                withdrawn = True
            else:
                p = silence.revise(p, now=now)
        except REFUSALS:
            pass
    at = now + look
    adopted = silence.state_at(p, at) is State.ADOPTED
    expected = not withdrawn and any(
        (deadline <= at or closed) and not broken for deadline, broken, _a, closed in log
    )
    assert adopted == expected
    # Nothing happens after an adoption: at most one circulation is ever adopted.
    assert sum(1 for d, broken, _a, closed in log if (d <= now or closed) and not broken) <= 1
    # Every accepted break is on record, in order, on its own circulation; the first one is the
    # one that stopped adoption. Agreements likewise.
    assert [[b.member for b in c.breaks] for c in p.circulations] == [b for _d, b, _a, _c in log]
    assert [list(c.agreements) for c in p.circulations] == [a for _d, _b, a, _c in log]
    for c in p.circulations:
        assert c.broken is (c.breaks[0] if c.breaks else None)
