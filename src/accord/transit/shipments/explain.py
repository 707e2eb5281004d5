"""A shipment's route problems in words, as the route planner says its reasons.

A shipment keeps its route check's messages as the engine wrote them (in English, naming codes),
and ``selectors.RouteProblems`` redacts them for each reader. What is left, when it is one of the
engine's three forms (a closure, a prohibition, no agreement), is read back into the reason it
was written from and said as ``routing.explain`` says it: in the reader's language, legs by
their places, agreements by their titles. A message of another form, or one a redaction cut
into, is shown as it stands.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext, gettext_noop

from accord.transit.engine.model import Reason
from accord.transit.models import Direction, Mode
from accord.transit.routing.explain import Explained, Names, explained

NO_ROUTE = gettext_noop("no route planned")

_DAY = r"\d{4}-\d{2}-\d{2}"
_CLOSURE = re.compile(
    rf"^(?P<arc>\S+): (?P<kind>node|leg|country) (?P<target>\S+) closed (?P<start>{_DAY})"
    rf" to (?P<until>{_DAY}|further notice)(?: \((?P<reason>.*)\))?$",
    re.S,
)
_CARGO = (
    r"(?P<cargo>\w+) cargo by (?P<mode>\w+) through (?P<country>[A-Z]{3}) \((?P<direction>\w+)\)"
)
_PROHIBITED = re.compile(
    rf"^(?P<arc>\S+): (?P<record>\S+) prohibits {_CARGO} from (?P<start>{_DAY})"
    r"(?:; it contradicts (?P<contradicts>\S+))?$"
)
_NO_AGREEMENT = re.compile(
    rf"^(?P<arc>\S+): no agreement permits {_CARGO} on (?P<on>{_DAY})"
    r"(?:; (?P<record>\S+) (?P<lacks>.+))?$"
)
_COVERS_CARGO = re.compile(r"^covers (?P<what>\S+) cargo only$")
_COVERS = re.compile(r"^covers (?P<what>\S+) only$")
_IN_FORCE = re.compile(rf"^is in force (?P<start>{_DAY})\.\.(?P<end>{_DAY}|open) only$")
_BENEFITS = re.compile(r"^benefits (?P<who>\S+) only$")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text and text[0].isdigit() else None


def _lack(text: str) -> tuple | None:
    """One shortcoming of the nearest agreement, as the engine's facts (None: not read)."""
    if match := _COVERS_CARGO.match(text):
        return ("cargo_classes", tuple(match["what"].split("/")))
    if match := _IN_FORCE.match(text):
        return ("dates", _day(match["start"]), _day(match["end"]))
    if match := _BENEFITS.match(text):
        return ("parties", tuple(match["who"].split("/")))
    if match := _COVERS.match(text):
        values = tuple(match["what"].split("/"))
        return ("modes" if set(values) <= set(Mode.values) else "directions", values)
    return None


def _cargo(match) -> tuple:
    return (
        ("mode", match["mode"]),
        ("cargo_class", match["cargo"]),
        ("direction", match["direction"]),
    )


def reason_of(text: str) -> Reason | None:
    """The engine's reason a stored message was written from, or None for another form."""
    if match := _CLOSURE.match(text):
        facts = (
            ("target_kind", match["kind"]),
            ("target", match["target"]),
            ("start", _day(match["start"])),
            ("end", _day(match["until"])),
            ("reason", match["reason"] or ""),
        )
        country = match["target"] if match["kind"] == "country" else None
        return Reason("closure", match["arc"], country, None, text, facts=facts)
    if match := _PROHIBITED.match(text):
        facts = (
            *_cargo(match),
            ("start", _day(match["start"])),
            ("contradicts", match["contradicts"]),
        )
        return Reason("prohibited", match["arc"], match["country"], match["record"], text, facts)
    if match := _NO_AGREEMENT.match(text):
        lacks = tuple(_lack(part) for part in (match["lacks"] or "").split("; ") if part)
        if None in lacks or match["direction"] not in Direction.values:
            return None
        facts = (*_cargo(match), ("on", _day(match["on"])), ("lacks", lacks))
        return Reason("no_agreement", match["arc"], match["country"], match["record"], text, facts)
    return None


def problems_explained(
    problems: list[str], names: Names, hidden_nations: frozenset[str]
) -> list[Explained]:
    """A shipment's redacted route problems as the reader reads them."""
    shown = []
    for text in problems:
        reason = reason_of(text)
        if reason is not None:
            shown.append(explained(reason, names, hidden_nations))
        else:
            sentence = gettext(NO_ROUTE) if text == NO_ROUTE else text
            shown.append(Explained(kind="", label="", arc="", leg="", sentence=sentence))
    return shown
