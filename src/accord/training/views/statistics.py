"""The statistics page, for anyone: trained per year, nation and course, cumulatively against
the programmes' targets, and the cost per graduate by donor; two charts drawn as SVG on the
server, and each table as CSV or XLSX (``?format=csv&table=years``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accord.kept import KeptRecent
from accord.money import format_money
from accord.training import selectors
from accord.training.choices import TargetKind
from accord.training.engine.statistics import Report
from accord.web import charts
from accord.web.pages import EXPORT_FORMATS, export_response


def _nation(name: str | None) -> str:
    return name if name is not None else _("Not given (reported figures)")


def _tables(report: Report) -> dict[str, tuple[list[str], list[list]]]:
    """Each table of the page as (headers, rows) of plain values: what the exports write."""
    nations = [name for name, _count in report.nations]
    kinds = dict(TargetKind.choices)
    return {
        "years": (
            [_("Year"), *[_nation(n) for n in nations], _("Total")],
            [[year, *[by.get(n, 0) for n in nations], total] for year, by, total in report.years],
        ),
        "nations": ([_("Nation"), _("Trained")], [[_nation(n), c] for n, c in report.nations]),
        "courses": (
            [_("Programme"), _("Course"), _("Trained")],
            [list(row) for row in report.courses],
        ),
        "targets": (
            [_("Programme"), _("Kind"), _("By"), _("Nation"), _("Target"), _("Trained")],
            [
                [
                    g.goal.programme,
                    str(kinds.get(g.goal.kind, g.goal.kind)),
                    g.goal.due,
                    g.goal.nation or _("All"),
                    g.goal.value,
                    g.trained,
                ]
                for g in report.goals
            ],
        ),
        "costs": (
            [
                _("Donor"),
                _("Currency"),
                _("Given"),
                _("Sessions"),
                _("Graduates"),
                _("Per graduate"),
            ],
            [
                [c.donor, c.currency, c.amount_minor, c.sessions, c.graduates, c.per_graduate_minor]
                for c in report.costs
            ],
        ),
    }


def _export(request, report: Report):
    tables = _tables(report)
    name = request.GET.get("table", "years")
    fmt = request.GET.get("format")
    if name not in tables or fmt not in EXPORT_FORMATS:
        raise Http404(_("No such table to export."))
    headers, rows = tables[name]
    return export_response(
        fmt, filename=f"training-{name}", headers=headers, rows=rows, row=lambda r: r
    )


# The public's page body as last drawn, per language and version of the tables it reads.
_bodies: KeptRecent[str] = KeptRecent(size=8)


def statistics(request):
    """Counts and sums only, over what the reader may read: for anyone, signed in or not.

    The public's body (tables and charts) is drawn once per version of what it reads: drawing
    thousands of rows and two charts cost many times the rest of the page."""
    if "format" in request.GET:
        return _export(request, selectors.statistics_report(actor=request.user))
    version = selectors.statistics_version(actor=request.user)
    if version is None:
        body = _body(request)
    else:
        body = _bodies.get_or_build(version, lambda: _body(request))
    return render(request, "training/statistics.html", {"body": body})


def _body(request) -> str:
    report = selectors.statistics_report(actor=request.user)
    tables = _tables(report)
    context = {
        "report": report,
        "years": tables["years"],
        "nation_names": [_nation(n) for n, _count in report.nations],
        "goals": report.goals,
        "costs": [
            (
                c,
                format_money(c.amount_minor, c.currency),
                format_money(c.per_graduate_minor, c.currency),
            )
            for c in report.costs
        ],
        "nation_chart": charts.hbar_chart(
            [
                {"label": _nation(n), "value": count, "note": _("trained"), "url": "#by-nation"}
                for n, count in report.nations
            ]
        ),
        "cumulative_chart": charts.line_chart(report.cumulative),
        "tables": ("years", "nations", "courses", "targets", "costs"),
    }
    return render_to_string("training/_statistics_body.html", context, request=request)
