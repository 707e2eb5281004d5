"""The trend charts of milestone ratings, drawn on the server as SVG (``trend_chart.html``).

The scale is the rating's, 1 to 5, whatever the data; each group (a ministry, a hub or spoke)
is one line over the months, in a colour of its own, named in the legend.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accord.l10n import format_number, local_digits

COLOURS = ("#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207")


def trend_chart(trends, *, width: int = 640, height: int = 260) -> dict:
    """``trends``: ``selectors.Trend`` rows; an empty chart when none has a point."""
    left, right, top, bottom = 40, 16, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    days = [p.month_end for t in trends for p in t.points]
    if not days:
        return {"series": [], "width": width, "height": height}
    start, end = min(days).toordinal(), max(days).toordinal()
    span = max(end - start, 1)

    def x_of(day: date) -> float:
        if start == end:
            return left + plot_w / 2
        return round(left + plot_w * (day.toordinal() - start) / span, 1)

    def y_of(score: float) -> float:
        return round(top + plot_h * (5 - score) / 4, 1)

    series = []
    for index, trend in enumerate(trends):
        points = [
            {
                "x": x_of(p.month_end),
                "y": y_of(p.mean),
                "mean": format_number(Decimal(str(p.mean)), places=2),
                "month_end": p.month_end,
                "milestones": p.milestones,
            }
            for p in trend.points
        ]
        series.append(
            {
                "key": trend.key,
                "label": trend.label,
                "colour": COLOURS[index % len(COLOURS)],
                "points": points,
                "path": " ".join(
                    f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(points)
                ),
                "latest": points[-1]["mean"],
            }
        )
    first_year, last_year = min(days).year, max(days).year
    return {
        "series": series,
        "y_ticks": [{"y": y_of(s), "label": local_digits(str(s))} for s in range(1, 6)],
        "x_ticks": [
            {"x": x_of(date(year, 1, 1)), "label": local_digits(str(year))}
            for year in range(first_year + 1, last_year + 1)
        ],
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "x_label_y": height - bottom + 18,
    }
