"""A stored flow plan in words: its status, and why a demand went unmet, as sentences in the
reader's language with places and legs by their names.

The engine writes an unmet demand's reason in its own English (``flowplan.result._why``), and
stored plans keep it; the three forms it takes are read back here, so plans solved before this
page spoke other languages read the same. A reason of another form is shown as stored.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.transit.models import CapUnit, CargoClass, Direction
from accord.transit.routing.explain import Names

STATUSES = {
    "optimal": gettext_lazy("optimal: the cheapest plan in whole containers"),
    "feasible": gettext_lazy("feasible: a plan, not proven the cheapest in the time"),
}

_NOT_IN_TIME = re.compile(r"^no permitted route arrives within (?P<days>[\d.]+) days$")
_NO_ROUTE = re.compile(
    r"^no permitted route from (?P<origin>.+) to (?P<destination>.+) for (?P<cargo>\w+) cargo "
    r"\((?P<direction>\w+)\) in (?P<month>\d{4}-\d{2})$"
)
_FULL = re.compile(r"^capacity: the permitted routes are full \((?P<arcs>.*)\)$")


def status_label(status: str) -> str:
    return str(STATUSES.get(status, status))


def cap_unit_label(unit: str) -> str:
    return str(CapUnit(unit).label) if unit in CapUnit.values else unit


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def unmet_reason(text: str, names: Names) -> str:
    """Why a demand went unmet, as the reader reads it."""
    if match := _NOT_IN_TIME.match(text):
        return _("No permitted route arrives within %(days)s days.") % {"days": match["days"]}
    if match := _NO_ROUTE.match(text):
        return _(
            "No permitted route from %(origin)s to %(destination)s for this cargo in %(month)s "
            "(%(cargo)s, %(direction)s)."
        ) % {
            "origin": names.node(match["origin"]),
            "destination": names.node(match["destination"]),
            "month": match["month"],
            "cargo": _label(CargoClass, match["cargo"]).lower(),
            "direction": _label(Direction, match["direction"]),
        }
    if match := _FULL.match(text):
        arcs = [a for a in match["arcs"].split(", ") if a]
        return _("The permitted routes are full: %(legs)s.") % {
            "legs": "; ".join(names.leg(a) for a in arcs)
        }
    return text
