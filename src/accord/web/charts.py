"""Charts drawn on the server as SVG geometry: the templates only place what is computed here.

No chart library: a horizontal bar chart and a line chart over dates are a few lines of
arithmetic, and the page then needs no script to show them.
"""

from __future__ import annotations

import math
from datetime import date

from accord.l10n import format_number, local_digits


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def compact_number(value: float) -> str:
    """An axis label short enough for the margin: 1,250 · 3.4 m · 127.5 bn."""
    magnitude = abs(value)
    if magnitude >= 1_000_000_000:
        return f"{value / 1_000_000_000:,.1f} bn"
    if magnitude >= 1_000_000:
        return f"{value / 1_000_000:,.1f} m"
    return f"{value:,.0f}"


def hbar_chart(items: list[dict], *, label_width: int = 150, width: int = 560, bar: int = 18):
    """Horizontal bars: ``items`` have ``label``, ``value``, optional ``note`` and ``url``."""
    gap = 6
    top = 22
    plot = width - label_width - 60
    top_value = nice_max(max((i["value"] for i in items), default=0))
    bars = []
    for index, item in enumerate(items):
        y = top + index * (bar + gap)
        length = plot * item["value"] / top_value if top_value else 0
        bars.append(
            {
                **item,
                "y": y,
                "text_y": y + bar * 0.72,
                "length": round(max(length, 1), 1),
                "value_x": round(label_width + length + 6, 1),
            }
        )
    ticks = [
        {"x": round(label_width + plot * f, 1), "label": format_number(round(top_value * f))}
        for f in (0, 0.25, 0.5, 0.75, 1)
    ]
    height = top + len(items) * (bar + gap) + 4
    return {
        "bars": bars,
        "ticks": ticks,
        "width": width,
        "height": height,
        "label_width": label_width,
        "label_x": label_width - 8,
        "bar": bar,
        "axis_bottom": height - 4,
    }


def line_chart(points: list[tuple[date, float, bool]], *, width: int = 560, height: int = 240):
    """A line over dates: ``points`` are ``(date, value, estimated)``, oldest first."""
    left, right, top, bottom = 60, 20, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    if not points:
        return {"points": [], "width": width, "height": height}
    start, end = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(end - start, 1)
    top_value = nice_max(max(v for _, v, _ in points) * 1.05)

    def x_of(day: date) -> float:
        if len(points) == 1:
            return left + plot_w / 2
        return round(left + plot_w * (day.toordinal() - start) / span, 1)

    def y_of(value: float) -> float:
        return round(top + plot_h * (1 - value / top_value), 1)

    placed = [
        {"x": x_of(d), "y": y_of(v), "value": format_number(round(v)), "date": d, "estimated": est}
        for d, v, est in points
    ]
    years = range(points[0][0].year + (points[0][0].month > 1), points[-1][0].year + 1)
    return {
        "points": placed,
        "path": " ".join(
            f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(placed)
        ),
        "y_ticks": [
            {"y": y_of(top_value * f), "label": format_number(round(top_value * f))}
            for f in (0, 0.25, 0.5, 0.75, 1)
        ],
        "x_ticks": [
            {"x": x_of(date(year, 1, 1)), "label": local_digits(str(year))} for year in years
        ],
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "x_label_y": height - bottom + 18,
    }
