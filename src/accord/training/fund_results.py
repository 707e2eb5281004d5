"""The training's results in the IATI file of each trust fund that pays for sessions: the
people trained in the sessions a fund paid for, per course and per year (IATI ``result`` of
type output, one indicator counting people, one period per calendar year).

Registered with the funds module's result providers from ``TrainingConfig.ready`` (funds sits
below training and may not import it; see ``accord.funds.results``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord.funds import iati
from accord.training import selectors

TITLE = gettext_noop("People trained: %(course)s")
INDICATOR = gettext_noop("Graduates (passed the course)")


def fund_results(*, actor, funds) -> dict[int, list[iati.Result]]:
    """Per fund: one output result per course whose sessions it paid for, counting the people
    those sessions trained each year, over what the actor may read."""
    sessions_of = selectors.funded_sessions(funds=funds)
    if not sessions_of:
        return {}
    every = set().union(*sessions_of.values())
    readable = selectors.counted_sessions(actor=actor).filter(pk__in=every)
    rows = selectors.trained_rows(actor=actor, sessions=readable)
    return {
        fund_id: _results([r for r in rows if r.session in sessions])
        for fund_id, sessions in sessions_of.items()
    }


# IATI's language codes for the languages Accord speaks besides English (Dari is "fa").
_OTHER_LANGUAGES = (("ru", "ru"), ("fa", "fa-af"), ("ps", "ps"))


def _narratives(message: str, **params) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text in English (the file's language) and in each other language, for IATI's
    narratives: the file says the same whoever exports it."""
    with translation.override("en"):
        english = _(message) % params
    others = []
    for iati_code, language in _OTHER_LANGUAGES:
        with translation.override(language):
            others.append((iati_code, _(message) % params))
    return english, tuple(others)


def _results(rows) -> list[iati.Result]:
    by_course: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        by_course[row.course][row.ends.year] += row.count
    indicator, indicator_others = _narratives(INDICATOR)
    results = []
    for course, years in sorted(by_course.items()):
        periods = [
            iati.ResultPeriod(date(year, 1, 1), date(year, 12, 31), actual=count)
            for year, count in sorted(years.items())
        ]
        title, others = _narratives(TITLE, course=course)
        results.append(
            iati.Result(
                type=iati.ResultType.OUTPUT,
                title=title,
                title_translations=others,
                aggregation_status=True,
                indicators=[
                    iati.Indicator(
                        title=indicator,
                        title_translations=indicator_others,
                        measure=iati.IndicatorMeasure.UNIT,
                        ascending=True,
                        periods=periods,
                    )
                ],
            )
        )
    return results
