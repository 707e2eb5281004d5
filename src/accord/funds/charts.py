"""The funds' charts as SVG geometry (drawn by the templates, no script): pledge fulfilment per
donor, and received against disbursed over time."""

from __future__ import annotations

from datetime import date

from accord.web.charts import compact_number as _label
from accord.web.charts import nice_max


def fulfilment_chart(rows: list[dict], *, width: int = 640, label_width: int = 150) -> dict:
    """Per donor two bars: pledged (pale) and received (solid); ``rows`` have ``label``,
    ``pledged``, ``received`` in major units."""
    bar, gap, top = 11, 10, 24
    plot = width - label_width - 70
    peak = nice_max(max([max(r["pledged"], r["received"]) for r in rows] or [0]))
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
                "share": round(100 * r["received"] / r["pledged"]) if r["pledged"] else None,
                "pledged_label": _label(r["pledged"]),
                "received_label": _label(r["received"]),
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
            {"x": round(label_width + plot * f, 1), "label": _label(peak * f)}
            for f in (0, 0.25, 0.5, 0.75, 1)
        ]
        if rows
        else [],
        "axis_bottom": height - 4,
    }


def timeline_chart(series: list[tuple[date, float, float]], *, width=640, height=260) -> dict:
    """Cumulative received and disbursed as two step lines over dates."""
    left, right, top, bottom = 70, 20, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    if not series or not any(r or d for _, r, d in series):
        return {"empty": True, "width": width, "height": height}
    start, end = series[0][0].toordinal(), series[-1][0].toordinal()
    span = max(end - start, 1)
    peak = nice_max(max(max(r, d) for _, r, d in series) * 1.05)

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
        "y_ticks": [{"y": y(peak * f), "label": _label(peak * f)} for f in (0, 0.25, 0.5, 0.75, 1)],
        "x_ticks": [{"x": x(date(yr, 1, 1)), "label": str(yr)} for yr in years],
        "last": {
            "day": series[-1][0],
            "received": _label(series[-1][1]),
            "disbursed": _label(series[-1][2]),
        },
    }
