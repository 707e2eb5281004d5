"""The route planner's answers in words: places and legs by their names, agreements by their
titles, and each reason a route is excluded as a sentence in the reader's language.

The engine speaks in codes; its reasons carry their facts (``engine.model.Reason.facts``). Here
the pages turn those facts into what a logistician reads ("Torkham is closed from 26 Nov 2011
to 3 Jul 2012: ..."), the code kept beside the name as secondary text for whoever looks the
record up. Countries stay ISO3 codes, as professionals write them (and as the pages redact a
hidden nation's code).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord import l10n
from accord.core.selectors import nation_codes_redacted
from accord.names import local
from accord.transit.agreements.selectors import agreement_list
from accord.transit.engine.model import REVERSE_SUFFIX, Conflict, Reason
from accord.transit.models import CargoClass, Direction, Mode
from accord.transit.network.selectors import leg_list, node_list

# Each kind of reason as a reader names it (its code, ``Reason.kind``, stays in the API).
KINDS = {
    "closure": pgettext_lazy("route blocked", "Closed"),
    "prohibited": gettext_lazy("Prohibited"),
    "no_agreement": gettext_lazy("No agreement"),
    "mode_not_allowed": gettext_lazy("Mode not asked for"),
    "avoided_country": gettext_lazy("Country avoided"),
    "too_late": gettext_lazy("Too late"),
}


@dataclass(frozen=True)
class Names:
    """The names of the places, legs and agreements one reader may read, by code."""

    nodes: dict[str, str]
    legs: dict[str, tuple[str, str]]  # leg code -> its origin's and destination's codes
    agreements: dict[str, str]  # an agreement's code or group -> its title

    @classmethod
    def read_by(cls, actor) -> Names:
        # Each place in the reader's language, in English where it has no such name.
        nodes = dict(
            node_list(actor=actor).annotate(shown=local("name")).values_list("code", "shown")
        )
        legs = {
            code: (origin, destination)
            for code, origin, destination in leg_list(actor=actor).values_list(
                "code", "origin__code", "destination__code"
            )
        }
        agreements: dict[str, str] = {}
        rows = agreement_list(actor=actor).values_list(
            "code", "group", "title", "legal_basis__title", "legal_basis_shown"
        )
        for code, group, title, basis, basis_shown in rows:
            # A row whose instrument is not public is titled by its code: its legal basis in
            # the council's register (when the reader may read it) names it better.
            if title in (code, group) and basis and basis_shown:
                title = basis
            if title and title not in (code, group):
                agreements.setdefault(group, title)
                agreements[code] = title
        return cls(nodes, legs, agreements)

    def node(self, code: str) -> str:
        return self.nodes.get(code, code)

    def leg(self, arc: str) -> str:
        """An arc as its two places, in the direction travelled: "Riga Freeport – Bishkek"."""
        code = arc.removesuffix(REVERSE_SUFFIX)
        if code not in self.legs:
            return arc
        origin, destination = self.legs[code]
        if arc.endswith(REVERSE_SUFFIX):
            origin, destination = destination, origin
        return f"{self.node(origin)} – {self.node(destination)}"

    def agreement(self, code: str | None) -> str:
        """An agreement's title (a part split by its terms, ``code#n``, is its group's)."""
        if not code:
            return ""
        return self.agreements.get(code) or self.agreements.get(code.split("#")[0], code)

    def path(self, nodes) -> str:
        return " → ".join(self.node(n) for n in nodes)


@dataclass(frozen=True)
class Explained:
    """One reason as the page shows it."""

    kind: str  # the engine's code, for the title attribute
    label: str
    arc: str
    leg: str
    sentence: str


def _labels(choices, values) -> str:
    return ", ".join(str(choices(v).label) if v in choices.values else v for v in values)


def _day(value: dt.date | None) -> str:
    return l10n.format_day(value) if value else ""


def _cargo(reason: Reason) -> dict[str, str]:
    return {
        "cargo": _labels(CargoClass, [reason.fact("cargo_class")]).lower(),
        "mode": _labels(Mode, [reason.fact("mode")]).lower(),
        "direction": _labels(Direction, [reason.fact("direction")]),
    }


def _closure(reason: Reason, names: Names) -> str:
    kind, target = reason.fact("target_kind"), reason.fact("target")
    shown = {"node": names.node, "leg": names.leg}.get(kind, str)(target)
    values = {"target": shown, "start": _day(reason.fact("start"))}
    if reason.fact("end"):
        text = _("%(target)s is closed from %(start)s to %(end)s.") % {
            **values,
            "end": _day(reason.fact("end")),
        }
    else:
        text = _("%(target)s is closed from %(start)s until further notice.") % values
    if reason.fact("reason"):
        text += " " + _("Reason given: %(reason)s.") % {"reason": reason.fact("reason")}
    return text


def _prohibited(reason: Reason, names: Names) -> str:
    text = _(
        "%(agreement)s prohibits this cargo through %(country)s from %(start)s "
        "(%(cargo)s, %(mode)s, %(direction)s)."
    ) % {
        "agreement": names.agreement(reason.record),
        "country": reason.country,
        "start": _day(reason.fact("start")),
        **_cargo(reason),
    }
    if reason.fact("contradicts"):
        text += " " + _("It contradicts %(agreement)s; the prohibition is taken to win.") % {
            "agreement": names.agreement(reason.fact("contradicts"))
        }
    return text


def _lack(lack: tuple) -> str:
    kind, *values = lack
    if kind == "modes":
        return _("covers only %(what)s") % {"what": _labels(Mode, values[0]).lower()}
    if kind == "cargo_classes":
        return _("covers only %(what)s cargo") % {"what": _labels(CargoClass, values[0]).lower()}
    if kind == "directions":
        return _("covers only %(what)s") % {"what": _labels(Direction, values[0])}
    if kind == "dates":
        start, end = values
        if end is None:
            return _("is in force only from %(start)s") % {"start": _day(start)}
        return _("is in force only from %(start)s to %(end)s") % {
            "start": _day(start),
            "end": _day(end),
        }
    return _("benefits only %(parties)s") % {"parties": ", ".join(values[0])}


def _no_agreement(reason: Reason, names: Names) -> str:
    text = _(
        "No agreement permits this cargo through %(country)s on %(day)s "
        "(%(cargo)s, %(mode)s, %(direction)s)."
    ) % {"country": reason.country, "day": _day(reason.fact("on")), **_cargo(reason)}
    lacks = reason.fact("lacks") or ()
    if reason.record and lacks:
        text += " " + _("The nearest, %(agreement)s, %(lacks)s.") % {
            "agreement": names.agreement(reason.record),
            "lacks": "; ".join(_lack(lack) for lack in lacks),
        }
    return text


def _mode_not_allowed(reason: Reason, names: Names) -> str:
    return _("Carried by %(mode)s, not among the modes asked for (%(allowed)s).") % {
        "mode": _labels(Mode, [reason.fact("mode")]).lower(),
        "allowed": _labels(Mode, reason.fact("allowed") or ()).lower(),
    }


def _avoided_country(reason: Reason, names: Names) -> str:
    return _("It crosses %(country)s, which the query avoids.") % {"country": reason.country}


def _too_late(reason: Reason, names: Names) -> str:
    return _("It arrives about %(arrival)s, after the latest arrival asked for, %(latest)s.") % {
        "arrival": _day(reason.fact("arrival")),
        "latest": _day(reason.fact("latest")),
    }


SENTENCES = {
    "closure": _closure,
    "prohibited": _prohibited,
    "no_agreement": _no_agreement,
    "mode_not_allowed": _mode_not_allowed,
    "avoided_country": _avoided_country,
    "too_late": _too_late,
}


def explained(reason: Reason, names: Names, hidden_nations: frozenset[str]) -> Explained:
    """``reason`` as the reader reads it: a sentence with names, hidden nations redacted. A
    reason without its facts (or of a kind this module does not know) keeps the engine's
    message."""
    say = SENTENCES.get(reason.kind)
    sentence = say(reason, names) if say and reason.facts else reason.message
    return Explained(
        kind=reason.kind,
        label=str(KINDS.get(reason.kind, reason.kind)),
        arc=reason.arc,
        leg=names.leg(reason.arc),
        sentence=nation_codes_redacted(sentence, hidden_nations),
    )


# --- agreements that contradict each other ---------------------------------------------------

CONFLICT_KINDS = {
    "permit_vs_deny": gettext_lazy("Permit against prohibition"),
    "different_caps": gettext_lazy("Different caps"),
}


@dataclass(frozen=True)
class ConflictExplained:
    """One conflict as the page shows it."""

    conflict: Conflict
    label: str
    first: str
    second: str
    scope: str
    sentence: str


def conflict_explained(conflict: Conflict, names: Names) -> ConflictExplained:
    """A conflict with its agreements by their titles and its scope in the reader's words."""
    first, second = names.agreement(conflict.first), names.agreement(conflict.second)
    if conflict.kind == "permit_vs_deny":
        # The engine names the prohibition first in its message.
        deny_first = conflict.message.startswith(f"{conflict.first} prohibits")
        sentence = _("%(deny)s prohibits what %(permit)s permits.") % {
            "deny": first if deny_first else second,
            "permit": second if deny_first else first,
        }
    elif conflict.kind == "different_caps":
        sentence = _("%(first)s and %(second)s set different caps on the same traffic.") % {
            "first": first,
            "second": second,
        }
    else:
        sentence = conflict.message
    scope = ", ".join(
        [
            conflict.country,
            _labels(Mode, [conflict.mode]).lower(),
            _labels(CargoClass, [conflict.cargo_class]).lower(),
            _labels(Direction, [conflict.direction]),
        ]
    )
    return ConflictExplained(
        conflict=conflict,
        label=str(CONFLICT_KINDS.get(conflict.kind, conflict.kind)),
        first=first,
        second=second,
        scope=scope,
        sentence=sentence,
    )
