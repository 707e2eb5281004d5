"""Training's pure rules: name keys across three scripts, seat placement, certificate validity."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.training.engine import history, names, seats
from accord.training.engine.validity import expiry, valid_on

# One person, three scripts: Latin (passport), Cyrillic (a Russian instructor), Dari/Pashto.
SAME_PEOPLE = [
    ("Mohammad Karim", "Мухаммад Карим", "محمد کریم"),
    ("Gul Agha Zadran", "Гуль Ага Задран", "گل آغا زدران"),
    ("Ahmad Shah", "Ахмад Шах", "احمد شاه"),
    ("Abdul Wahid", "Абдул Вахид", "عبدالواحد"),
]


@pytest.mark.parametrize(("latin", "cyrillic", "arabic"), SAME_PEOPLE)
def test_one_name_in_three_scripts_has_one_key(latin, cyrillic, arabic):
    assert names.name_key(latin) == names.name_key(cyrillic)
    # Arabic script may write a compound name as one word: then the letters meet.
    keys = [names.letters_key(names.name_key(text)) for text in (latin, cyrillic, arabic)]
    assert len(set(keys)) == 1
    born = date(1980, 1, 1)
    known = [names.person(1, "", "", latin, born, "AFG")]
    nominee = names.person(None, "", "", arabic, born, "AFG")
    assert names.matches(nominee, known) == [names.Match(1, certain=False)]


def test_spellings_and_word_order_do_not_matter_but_names_do():
    assert names.name_key("Muhammad Kareem") == names.name_key("KARIM, Mohammad")
    assert names.name_key("Zadran Gul Agha") == names.name_key("Gul Agha Zadran")
    assert names.name_key("Ahmad Shah") != names.name_key("Mahmud Shah")


def _p(id, name, born=date(1980, 1, 1), nation="AFG", nid=""):
    given, _, family = name.partition(" ")
    return names.person(id, given, family, "", born, nation, nid)


def test_matches_certain_by_identifier_suggested_by_name_and_birthday():
    known = [
        _p(1, "Mohammad Karim", nid="AF 123"),
        _p(2, "Ahmad Shah"),
        _p(3, "Ahmad Shah", born=date(1981, 1, 1)),
        _p(4, "Wali Noori", nid="AF 999"),
    ]
    nominee = _p(None, "Мухаммад Карим", nid="af-123")
    assert names.matches(nominee, known) == [names.Match(1, certain=True)]
    assert names.matches(_p(None, "احمد شاه"), known) == [names.Match(2, certain=False)]
    # Both identified, differently: two people, whatever the names say.
    assert names.matches(_p(None, "Wali Noori", nid="AF 111"), known) == []


def test_seat_placement():
    room = seats.Room(capacity=10, seated=3, quota=2, quota_seated=1, waitlist_open=True)
    assert seats.place(room) == seats.Outcome.SEAT
    full_quota = seats.Room(10, 4, 2, 2, True)
    assert seats.place(full_quota) == seats.Outcome.WAIT
    assert seats.place(seats.Room(10, 10, 5, 1, False)) == seats.Outcome.REFUSE
    rooms = {"AFG": full_quota, "PAK": seats.Room(10, 4, 2, 0, True)}
    assert seats.next_in_line([(7, "AFG"), (8, "PAK"), (9, "PAK")], rooms) == 8


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(0, 240))
def test_expiry_is_months_later_never_earlier(issued, months):
    end = expiry(issued, months)
    assert end >= issued
    assert (end.year - issued.year) * 12 + end.month - issued.month == months
    assert valid_on(issued, end, None, end)
    assert not valid_on(issued, end, None, date.max)


def test_expiry_at_a_short_month_and_never():
    assert expiry(date(2013, 8, 31), 6) == date(2014, 2, 28)
    assert expiry(date(2012, 4, 1), None) is None
    assert not valid_on(date(2012, 4, 1), None, date(2013, 1, 1), date(2013, 1, 1))


def test_reconstructed_sessions_reproduce_the_cumulative_figures():
    figures = [(date(2006, 9, 30), 44), (date(2007, 3, 31), 120), (date(2008, 4, 30), 419)]
    blocks = history.reconstruct(date(2006, 9, 15), figures)
    assert sum(b.trained for b in blocks if b.ends <= date(2007, 3, 31)) == 120
    assert sum(b.trained for b in blocks) == 419
    assert all(b.starts.year == b.ends.year for b in blocks)


@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=6),
    st.lists(st.integers(1, 900), min_size=6, max_size=6),
)
def test_reconstruction_keeps_every_total(increments, gaps):
    day, total, figures = date(2006, 1, 1), 0, []
    for inc, gap in zip(increments, gaps, strict=False):
        day, total = day + timedelta(days=gap), total + inc
        figures.append((day, total))
    blocks = history.reconstruct(date(2006, 1, 1), figures)
    for as_of, count in figures:
        assert sum(b.trained for b in blocks if b.ends <= as_of) == count
