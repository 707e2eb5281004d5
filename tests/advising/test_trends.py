"""The trend engine: each month's mean of the latest rating of every milestone rated by then,
checked by hand on small cases and against a plain recomputation over random ratings."""

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from accord.advising.engine.trends import RatingPoint, month_end, month_ends, trends


def test_a_milestone_keeps_its_latest_rating_until_rated_again():
    ratings = [
        RatingPoint("a", "mod", date(2016, 1, 10), 2),
        RatingPoint("b", "mod", date(2016, 1, 20), 4),
        RatingPoint("a", "mod", date(2016, 3, 5), 5),
        RatingPoint("c", "moi", date(2016, 2, 1), 1),
    ]
    result = trends(ratings)
    assert [(p.month_end, p.mean, p.milestones) for p in result["mod"]] == [
        (date(2016, 1, 31), 3.0, 2),
        (date(2016, 2, 29), 3.0, 2),  # nothing new in February: January's ratings hold
        (date(2016, 3, 31), 4.5, 2),
    ]
    # The police's trend starts with its first rating, and holds to the last month rated.
    assert [(p.month_end, p.mean) for p in result["moi"]] == [
        (date(2016, 2, 29), 1.0),
        (date(2016, 3, 31), 1.0),
    ]


def test_no_ratings_no_trend():
    assert trends([]) == {}


def test_month_ends_cross_the_year():
    assert month_end(date(2015, 12, 3)) == date(2015, 12, 31)
    assert month_ends(date(2015, 11, 30), date(2016, 1, 1)) == [
        date(2015, 11, 30),
        date(2015, 12, 31),
        date(2016, 1, 31),
    ]


rating = st.builds(
    RatingPoint,
    milestone=st.integers(0, 6),
    group=st.just("g"),
    day=st.dates(date(2015, 1, 1), date(2016, 6, 30)),
    score=st.integers(1, 5),
)


@given(st.lists(rating, min_size=1, max_size=40))
def test_each_month_is_the_mean_of_the_latest_ratings_by_then(ratings):
    # One milestone, one group (as the database keeps them): the groups are the milestones'.
    ratings = [RatingPoint(r.milestone, f"g{r.milestone % 2}", r.day, r.score) for r in ratings]
    result = trends(ratings)
    for group, points in result.items():
        for point in points:
            latest = {}
            for r in sorted(ratings, key=lambda r: r.day):  # the last given on a day wins
                if r.group == group and r.day <= point.month_end:
                    latest[r.milestone] = r.score
            assert point.milestones == len(latest)
            assert point.mean == round(sum(latest.values()) / len(latest), 2)
        assert points[-1].month_end == month_end(max(r.day for r in ratings))
        assert all(b.month_end - a.month_end <= timedelta(days=31) for a, b in pairwise(points))
