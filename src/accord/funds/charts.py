"""The funds' charts as SVG geometry (drawn by the templates, no script): pledge fulfilment per
donor, and received against disbursed over time.

Amounts come in as integer minor units and stay integers: the axis top is a round number of
minor units, and a bar's length is ``plot * amount / top``. That quotient is a float because it
is a length on the screen (geometry), never an amount; labels are written from the integers
in the reader's language (its digits and its words for thousands and millions).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accord.l10n import format_compact, format_percent
from accord.money import from_minor
from accord.web.charts import nice_max


def axis_top(peak_minor: int) -> int:
    """A round axis maximum at or above ``peak_minor``, in minor units."""
    return max(round(nice_max(peak_minor)), 1)


def _label(minor: float, currency: str) -> str:
    """A short label (1,250 · 3.4M · 3,4 млн) of an amount in the reader's language; a tick
    between two round values may fall between minor units, so it is rounded to one first."""
    return format_compact(from_minor(round(minor), currency))


def fulfilment_chart(
    rows: list[dict], currency: str, *, width: int = 640, label_width: int = 150
) -> dict:
    """Per donor two bars: pledged (pale) and received (solid); ``rows`` have ``label``,
    ``pledged``, ``received`` in minor units of ``currency``."""
    bar, gap, top = 11, 10, 24
    plot = width - label_width - 70
    peak = axis_top(max([max(r["pledged"], r["received"]) for r in rows] or [0]))
    placed = []
    for i, r in enumerate(rows):
        y = top + i * (2 * bar + gap)
        placed.append(
            {
                **r,
                "y": y,
                "y2": y + bar,
                "text_y": y + bar + 3,
                "pledged_len": round(max(plot * r["pledged"] / peak, 0.5), 1),
                "received_len": round(max(plot * r["received"] / peak, 0.5), 1),
                "value_x": round(
                    label_width + plot * max(r["pledged"], r["received"]) / peak + 6, 1
                ),
                # A share in whole percent: a ratio shown rounded, not an amount.
                "share": round(100 * r["received"] / r["pledged"]) if r["pledged"] else None,
                "share_shown": format_percent(Decimal(r["received"]) / r["pledged"])
                if r["pledged"]
                else "",
                "pledged_label": _label(r["pledged"], currency),
                "received_label": _label(r["received"], currency),
            }
        )
    height = top + len(rows) * (2 * bar + gap) + 6
    return {
        "rows": placed,
        "width": width,
        "height": height,
        "label_width": label_width,
        "label_x": label_width - 8,
        "bar": bar,
        "ticks": [
            {"x": round(label_width + plot * f, 1), "label": _label(peak * f, currency)}
            for f in (0, 0.25, 0.5, 0.75, 1)
        ]
        if rows
        else [],
        "axis_bottom": height - 4,
    }


def timeline_chart(
    series: list[tuple[date, int, int]], currency: str, *, width=640, height=260
) -> dict:
    """Cumulative received and disbursed (minor units of ``currency``) as two step lines."""
    left, right, top, bottom = 70, 20, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    if not series or not any(r or d for _, r, d in series):
        return {"empty": True, "width": width, "height": height}
    start, end = series[0][0].toordinal(), series[-1][0].toordinal()
    span = max(end - start, 1)
    highest = max(max(r, d) for _, r, d in series)
    peak = axis_top(highest + highest // 20)  # 5 % headroom above the highest line

    def x(day):
        return round(left + plot_w * (day.toordinal() - start) / span, 1)

    def y(v):
        return round(top + plot_h * (1 - v / peak), 1)

    def path(index):
        parts, prev = [], None
        for day, *values in series:
            value = values[index]
            if prev is None:
                parts.append(f"M{x(day)},{y(value)}")
            else:
                parts.append(f"L{x(day)},{y(prev)} L{x(day)},{y(value)}")
            prev = value
        return " ".join(parts)

    years = range(series[0][0].year + 1, series[-1][0].year + 1)
    return {
        "empty": False,
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "x_label_y": height - bottom + 18,
        "received": path(0),
        "disbursed": path(1),
        "y_ticks": [
            {"y": y(peak * f), "label": _label(peak * f, currency)} for f in (0, 0.25, 0.5, 0.75, 1)
        ],
        "x_ticks": [{"x": x(date(yr, 1, 1)), "label": str(yr)} for yr in years],
        "last": {
            "day": series[-1][0],
            "received": _label(series[-1][1], currency),
            "disbursed": _label(series[-1][2], currency),
        },
    }
