"""Chart geometry for the budget pages, computed on the server; templates only place it.

Execution rates as horizontal bars (with a 100 % mark), expenditure per solar month as columns
with the cumulative execution rate as a line, and the sustainment pledge as paired columns
(pledged, actual) per year.

Amounts arrive as integer minor units and stay integers: an axis top is a round number of minor
units, and a column's height is ``plot_h * amount / top``. That quotient, like a rate turned into
a bar's length, is a float because it is a length on the screen (geometry), never an amount;
every figure a person reads is written from the integers by :mod:`accord.money` and
:mod:`accord.l10n`, in the reader's language: rates, axis figures and month names alike.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from babel.numbers import parse_pattern
from django.utils.translation import gettext as _

from accord import l10n
from accord.budget.selectors import month_label, month_name
from accord.money import format_amount, format_millions, from_minor
from accord.web.charts import nice_max

USD = "USD"


def _pct(rate: Decimal | None) -> float:
    # A rate as a percentage for the bars' geometry (the table shows the exact Decimal).
    return 0.0 if rate is None else float(rate) * 100


def format_rate(rate: Decimal | None) -> str:
    """An execution rate (a fraction) as a percentage with one decimal, as the reader's language
    writes it: ``81.3%``, ``81,3 %``, ``۸۱٫۳%``; an unknown rate is a dash."""
    if rate is None:
        return "—"
    locale = l10n.reader_locale()
    pattern = copy.copy(parse_pattern(locale.percent_formats[None].pattern))
    pattern.frac_prec = (1, 1)
    text = pattern.apply(Decimal(rate), locale, numbering_system=l10n.number_system(locale))
    return l10n.local_digits(text, locale)


def _whole_percent(value: float) -> str:
    """An axis mark such as ``50%`` (``value`` in percent)."""
    return l10n.format_percent(Decimal(round(value)) / 100)


def _axis_top(peak_minor: int) -> int:
    """A round axis maximum at or above ``peak_minor``, in minor units (0 when nothing moved)."""
    return round(nice_max(peak_minor)) if peak_minor > 0 else 0


def _tick(minor: float, currency: str, scale: int = 0) -> str:
    """An axis label: the amount (rounded to a minor unit) in major units, divided by
    ``10**scale`` (6 for millions), short enough for the margin."""
    return l10n.format_compact(from_minor(round(minor), currency).scaleb(-scale))


def rate_bars(rows: list[dict], *, width: int = 900, label_width: int = 300, bar: int = 18):
    """Rows with ``label``, ``rate`` (Decimal or None), optional ``url``: bars in percent."""
    gap, top = 6, 22
    plot = width - label_width - 70
    top_value = max(100.0, nice_max(max((_pct(r["rate"]) for r in rows), default=0)))
    bars = []
    for index, row in enumerate(rows):
        y = top + index * (bar + gap)
        pct = _pct(row["rate"])
        length = plot * pct / top_value
        bars.append(
            {
                **row,
                "pct": format_rate(row["rate"]),
                "over": pct > 100,
                "y": y,
                "text_y": round(y + bar * 0.72, 1),
                "length": round(max(length, 1), 1),
                "value_x": round(label_width + length + 6, 1),
            }
        )
    height = top + len(rows) * (bar + gap) + 4
    ticks = [
        {"x": round(label_width + plot * f, 1), "label": _whole_percent(top_value * f)}
        for f in (0, 0.25, 0.5, 0.75, 1)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "full_x": round(label_width + plot * 100 / top_value, 1),
        "width": width,
        "height": height,
        "label_width": label_width,
        "label_x": label_width - 8,
        "bar": bar,
        "axis_bottom": height - 4,
    }


def month_columns(months, currency: str, *, width: int = 900, height: int = 280):
    """Columns of expenditure per month (minor units of ``currency``) and a line of the
    cumulative execution rate."""
    left, right, top, bottom = 70, 50, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(len(months), 1)
    slot = plot_w / count
    top_value = _axis_top(max((m.expended for m in months), default=0))
    columns, points = [], []
    for index, m in enumerate(months):
        h = plot_h * m.expended / top_value if top_value else 0
        x = left + index * slot + slot * 0.15
        columns.append(
            {
                "x": round(x, 1),
                "y": round(top + plot_h - h, 1),
                "w": round(slot * 0.7, 1),
                "h": round(h, 1),
                "label": month_name(m.month.month),
                "title": _("%(month)s: %(amount)s spent")
                % {
                    "month": month_label(m.month),
                    "amount": f"{format_amount(m.expended, currency, places=0)} {currency}",
                },
                "label_x": round(x + slot * 0.35, 1),
            }
        )
        if m.cumulative_rate is not None:
            rate = min(_pct(m.cumulative_rate), 120)
            points.append(
                {
                    "x": round(x + slot * 0.35, 1),
                    "y": round(top + plot_h * (1 - rate / 120), 1),
                    "label": format_rate(m.cumulative_rate),
                    "title": _("%(month)s: %(rate)s executed")
                    % {"month": month_label(m.month), "rate": format_rate(m.cumulative_rate)},
                }
            )
    path = " ".join(f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(points))
    return {
        "columns": columns,
        "points": points,
        "path": path,
        "y_ticks": [
            {"y": round(top + plot_h * (1 - f), 1), "label": _tick(top_value * f, currency)}
            for f in (0, 0.25, 0.5, 0.75, 1)
        ],
        "rate_ticks": [
            {"y": round(top + plot_h * (1 - r / 120), 1), "label": _whole_percent(r)}
            for r in (0, 50, 100)
        ],
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "rate_x": width - right + 6,
        "bottom": top + plot_h,
        "x_label_y": top + plot_h + 16,
    }


def pledge_columns(years: list[dict], *, width: int = 900, height: int = 280):
    """Paired columns per year: pledged (outline) and actual (filled), in millions of USD."""
    left, right, top, bottom = 70, 20, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(years), 1)
    top_value = _axis_top(
        max((max(y["coverage"].pledged, y["coverage"].funded) for y in years), default=0)
    )
    groups = []
    for index, y in enumerate(years):
        x = left + index * slot
        pledged, actual = y["coverage"].pledged, y["coverage"].funded
        hp = plot_h * pledged / top_value if top_value else 0
        ha = plot_h * actual / top_value if top_value else 0
        w = slot * 0.34
        groups.append(
            {
                "year": y["year"],
                "px": round(x + slot * 0.14, 1),
                "py": round(top + plot_h - hp, 1),
                "ph": round(hp, 1),
                "ax": round(x + slot * 0.52, 1),
                "ay": round(top + plot_h - ha, 1),
                "ah": round(ha, 1),
                "w": round(w, 1),
                "label_x": round(x + slot / 2, 1),
                "pledged": _millions(pledged),
                "actual": _millions(actual),
                "estimated": y["estimated"],
                "complete": y["complete"],
            }
        )
    return {
        "groups": groups,
        "y_ticks": [
            {"y": round(top + plot_h * (1 - f), 1), "label": _tick(top_value * f, USD, 6)}
            for f in (0, 0.25, 0.5, 0.75, 1)
        ],
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "bottom": top + plot_h,
        "x_label_y": top + plot_h + 16,
    }


def _millions(minor: int) -> str:
    """Whole millions of US dollars, for the columns' labels: 4,100."""
    return format_millions(minor, USD, places=0)
