"""The statistics' arithmetic over plain rows: what counts as trained, by when, and what a
donor paid per graduate."""

from datetime import date

from accord.training.engine import statistics as stats


def row(session, ends, nation, count, *, programme="P", course="C", estimated=False):
    return stats.Trained(session, programme, course, ends, nation, count, estimated)


ROWS = [
    row(1, date(2012, 7, 1), "Afghanistan", 8),
    row(1, date(2012, 7, 1), "Pakistan", 2),
    row(2, date(2013, 3, 1), "Afghanistan", 10),
    row(3, date(2013, 9, 1), None, 40, course="D", estimated=True),
    row(4, date(2014, 6, 1), "Afghanistan", 5, programme="Q"),
]


def test_trained_per_year_nation_and_course():
    assert stats.by_year(ROWS) == [
        (2012, {"Afghanistan": 8, "Pakistan": 2}, 10),
        (2013, {"Afghanistan": 10, None: 40}, 50),
        (2014, {"Afghanistan": 5}, 5),
    ]
    # Most trained first, the reported figures without a nation last.
    assert stats.by_nation(ROWS) == [("Afghanistan", 23), ("Pakistan", 2), (None, 40)]
    assert stats.by_course(ROWS) == [("P", "C", 20), ("P", "D", 40), ("Q", "C", 5)]


def test_cumulative_marks_a_year_estimated_when_any_session_is():
    assert stats.cumulative(ROWS) == [
        (date(2012, 12, 31), 10, False),
        (date(2013, 12, 31), 60, True),
        (date(2014, 12, 31), 65, False),
    ]


def test_a_target_counts_its_programme_nation_and_window_only():
    by_2013 = stats.Goal("g1", "P", "reported", date(2013, 6, 30), 20)
    assert stats.reached(by_2013, ROWS).trained == 20
    afghans = stats.Goal("g2", "P", "planned", date(2013, 12, 31), 25, nation="Afghanistan")
    assert stats.reached(afghans, ROWS).trained == 18
    assert stats.reached(afghans, ROWS).share == 18 / 25
    phase = stats.Goal("g3", "P", "planned", date(2013, 12, 31), 50, since=date(2013, 1, 1))
    assert stats.reached(phase, ROWS).trained == 50


def test_a_donor_pays_per_graduate_of_the_sessions_it_funded_that_have_graduates():
    paid = [
        stats.Paid(1, "Germany", "EUR", 100_000),  # session 1: ten graduates
        stats.Paid(2, "Germany", "EUR", 50_000),  # session 2: ten graduates
        stats.Paid(2, "Russia", "EUR", 30_000),
        stats.Paid(9, "Germany", "EUR", 999_999),  # still running: no graduate yet
        stats.Paid(1, "Germany", "USD", 7_000),
    ]
    costs = stats.donor_costs(paid, ROWS)
    assert [(c.donor, c.currency, c.amount_minor, c.sessions, c.graduates) for c in costs] == [
        ("Germany", "EUR", 150_000, 2, 20),
        ("Germany", "USD", 7_000, 1, 10),
        ("Russia", "EUR", 30_000, 1, 10),
    ]
    assert [c.per_graduate_minor for c in costs] == [7_500, 700, 3_000]


def test_the_report_totals_every_row():
    report = stats.report(ROWS, [], [])
    assert report.total == 65
    assert report.costs == []
