"""The readiness chart, drawn on the server as SVG geometry (as ``accord.web.charts``): one line
per group (a type, a base) of the share of its aircraft available on each day ahead."""

from __future__ import annotations

from datetime import date, timedelta

from accord.l10n import format_day, local_digits

# Distinct on white and for the common colour blindnesses (Okabe and Ito's palette).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def availability_chart(start: date, series: dict, *, width: int = 640, height: int = 260):
    """``series``: name -> a ``Readiness`` (its ``rate`` per day). The y axis is 0 to 100 %."""
    left, right, top, bottom = 48, 16, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    days = max((len(r.available) for r in series.values()), default=0)
    if not days:
        return None

    def x_of(day: int) -> float:
        return round(left + plot_w * day / max(days - 1, 1), 1)

    def y_of(rate: float) -> float:
        return round(top + plot_h * (1 - rate), 1)

    lines = []
    for index, (name, readiness) in enumerate(series.items()):
        if not readiness.fleet:
            continue
        path = " ".join(
            f"{'M' if day == 0 else 'L'}{x_of(day)},{y_of(rate)}"
            for day, rate in enumerate(readiness.rate)
        )
        lines.append(
            {
                "name": name,
                "path": path,
                "colour": COLOURS[index % len(COLOURS)],
                "fleet": readiness.fleet,
                "lowest": round(100 * min(readiness.rate)),
                "last": round(100 * readiness.rate[-1]),
            }
        )
    weeks = range(0, days, 14)
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "label_y": height - bottom + 18,
        "lines": lines,
        "y_ticks": [
            {"y": y_of(f), "label": local_digits(f"{round(100 * f)} %")}
            for f in (0, 0.25, 0.5, 0.75, 1)
        ],
        "x_ticks": [{"x": x_of(d), "label": format_day(start + timedelta(days=d))} for d in weeks],
    }
