"""The IATI Standard's ruleset, checked over a parsed ``iati-activities`` file (no Django).

The XSD says what a file may contain; the ruleset (IATI-Rulesets, ``rulesets/standard.json``,
version 2.03) says what its values must mean, and it is what the IATI Validator reports beyond
the schema. :func:`check` runs the rules that concern what Accord publishes and imports, each
finding with the ruleset's id (``11.1.2``) where the ruleset has one, its severity, the line it
was found on and a message in the reader's language:

- dates in order: planned start before planned end, actual start before actual end
  (11.1.2, 11.1.3), an actual date or a transaction not in the future (11.1.4, 11.1.5, 11.2.1,
  11.2.2, 11.1.1), a start date at all (6.11.1); transactions within the activity's dates;
- percentages: sectors per vocabulary (2.1.1, 2.1.2, 2.1.4), recipient countries (3.1.1, 3.1.2,
  3.1.4) and regions of one vocabulary with the countries (3.4.1, 3.4.2, 3.4.4) adding up to 100,
  each between 0 and 100 (12.1.1, 12.3.1); a sector at all (6.2.2);
- periods: a budget's or planned disbursement's start before its end (8.6.3), a budget at most a
  year long (7.5.3), budgets of one type not overlapping; a result period in order (8.6.1);
- the identifiers (1.1.3, 1.1.21), text in titles and descriptions (4.3.1, 4.4.1), and the
  values of the bundled codelists (``codelist``: transaction types, statuses, date types, roles,
  budget types, currencies and a currency for every value (7.8.1), DAC 5-digit sectors,
  countries, regions, languages).

The IATI Standard is CC BY 4.0, "IATI Standard (http://iatistandard.org/)".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from lxml import etree

from accord.errors import gettext_noop
from accord.funds import iati
from accord.l10n import gettext as _

ERROR = gettext_noop("error")
WARNING = gettext_noop("warning")
_EVERY = "*"  # the vocabulary of sectors written without one (the DAC 5-digit, vocabulary 1)


@dataclass(frozen=True)
class Finding:
    """One rule a file breaks: the ruleset's id (or Accord's name for a check it adds), the
    severity (``error`` or ``warning``), the activity, the line and what is wrong, in words."""

    rule: str
    severity: str
    activity: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s (rule %(rule)s, %(severity)s)") % {
            "line": self.line if self.line is not None else "?",
            "message": self.message,
            "rule": self.rule,
            "severity": _(self.severity),
        }


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _percent(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        return None


def _plus_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class _Activity:
    """The findings of one ``iati-activity``."""

    def __init__(self, el: etree._Element, today: date, found: list[Finding]):
        self.el = el
        self.today = today
        self.found = found
        self.identifier = (el.findtext("iati-identifier") or "").strip()

    def add(self, rule: str, severity: str, node, message: str) -> None:
        line = getattr(node, "sourceline", None) or self.el.sourceline
        self.found.append(Finding(rule, severity, self.identifier, line, message))

    def dates(self) -> dict[str, tuple[date, etree._Element]]:
        found = {}
        for ad in self.el.findall("activity-date"):
            day = _day(ad.get("iso-date"))
            if day is not None and ad.get("type") not in found:
                found[ad.get("type")] = (day, ad)
        return found

    # -- dates
    def check_dates(self) -> None:
        dates = self.dates()
        if "1" not in dates and "2" not in dates:
            self.add(
                "6.11.1", ERROR, self.el, _("the activity has no start date, planned or actual")
            )
        pairs = (
            ("11.1.2", "1", "3", _("the planned start %(start)s is after the planned end %(end)s")),
            ("11.1.3", "2", "4", _("the actual start %(start)s is after the actual end %(end)s")),
        )
        for rule, first, last, message in pairs:
            if first in dates and last in dates and dates[first][0] > dates[last][0]:
                self.add(
                    rule,
                    ERROR,
                    dates[last][1],
                    message
                    % {"start": dates[first][0].isoformat(), "end": dates[last][0].isoformat()},
                )
        for rule, kind, message in (
            ("11.1.4", "2", _("the actual start %(day)s is in the future")),
            ("11.1.5", "4", _("the actual end %(day)s is in the future")),
        ):
            if kind in dates and dates[kind][0] > self.today:
                self.add(rule, ERROR, dates[kind][1], message % {"day": dates[kind][0].isoformat()})
        updated = self.el.get("last-updated-datetime")
        if updated:
            try:
                moment = datetime.fromisoformat(updated)
            except ValueError:
                moment = None
            if moment is not None and moment.date() > self.today:
                self.add("11.1.1", ERROR, self.el, _("the last-updated date is in the future"))
        start = (dates.get("2") or dates.get("1") or (None,))[0]
        end = (dates.get("4") or dates.get("3") or (None,))[0]
        for tx in self.el.findall("transaction"):
            date_el = tx.find("transaction-date")
            day = _day(date_el.get("iso-date")) if date_el is not None else None
            if day is None:
                continue
            if day > self.today:
                self.add(
                    "11.2.1",
                    ERROR,
                    date_el,
                    _("the transaction date %(day)s is in the future") % {"day": day.isoformat()},
                )
            elif (start is not None and day < start) or (end is not None and day > end):
                self.add(
                    "transaction-dates",
                    ERROR,
                    date_el,
                    _(
                        "the transaction date %(day)s is outside the activity's dates "
                        "(%(start)s to %(end)s)"
                    )
                    % {
                        "day": day.isoformat(),
                        "start": start.isoformat() if start else "…",
                        "end": end.isoformat() if end else "…",
                    },
                )
            value = tx.find("value")
            value_day = _day(value.get("value-date")) if value is not None else None
            if value_day is not None and value_day > self.today:
                self.add(
                    "11.2.2",
                    ERROR,
                    value,
                    _("the transaction's value date %(day)s is in the future")
                    % {"day": value_day.isoformat()},
                )

    # -- percentages
    def _shares(self, rule_each, rule_sum, rule_single, nodes, what: str) -> None:
        """Several ``nodes`` each need a percentage and together 100; one alone 100 or none."""
        if not nodes:
            return
        shares = [_percent(node.get("percentage")) for node in nodes]
        if len(nodes) == 1:
            if shares[0] is not None and shares[0] != 100:
                self.add(
                    rule_single,
                    ERROR,
                    nodes[0],
                    _("a single %(what)s has %(share)s%%: leave it out or make it 100")
                    % {"what": what, "share": shares[0]},
                )
            return
        missing = [node for node, share in zip(nodes, shares, strict=True) if share is None]
        if missing:
            self.add(
                rule_each,
                ERROR,
                missing[0],
                _("with several of them, each %(what)s needs a percentage") % {"what": what},
            )
            return
        total = sum(shares, Decimal(0))
        if total != 100:
            self.add(
                rule_sum,
                ERROR,
                nodes[0],
                _("the %(what)s percentages add up to %(total)s, not 100")
                % {"what": what, "total": total},
            )

    def check_percentages(self) -> None:
        for node in self.el.xpath("sector | recipient-country | recipient-region"):
            share = _percent(node.get("percentage"))
            if node.get("percentage") is not None and (share is None or not 0 <= share <= 100):
                self.add(
                    "12.3.1" if node.tag == "sector" else "12.1.1",
                    ERROR,
                    node,
                    _("the percentage %(value)s is not between 0 and 100")
                    % {"value": node.get("percentage")},
                )
        by_vocabulary = defaultdict(list)
        for node in self.el.findall("sector"):
            by_vocabulary[node.get("vocabulary") or "1"].append(node)
        for vocabulary, nodes in sorted(by_vocabulary.items()):
            what = _("sector of vocabulary %(vocabulary)s") % {"vocabulary": vocabulary}
            self._shares("2.1.1", "2.1.2", "2.1.4", nodes, what)
        if not self.el.findall("sector") and not self.el.xpath("transaction/sector"):
            self.add("6.2.2", ERROR, self.el, _("the activity has no sector"))
        countries = self.el.findall("recipient-country")
        regions = defaultdict(list)
        for node in self.el.findall("recipient-region"):
            regions[node.get("vocabulary") or "1"].append(node)
        if not regions:
            self._shares("3.1.1", "3.1.2", "3.1.4", countries, _("recipient country"))
        for nodes in regions.values():
            self._shares("3.4.1", "3.4.2", "3.4.4", countries + nodes, _("country or region"))

    # -- periods
    def check_periods(self) -> None:
        by_type = defaultdict(list)
        for tag in ("budget", "planned-disbursement"):
            for el in self.el.findall(tag):
                start_el, end_el = el.find("period-start"), el.find("period-end")
                start = _day(start_el.get("iso-date")) if start_el is not None else None
                end = _day(end_el.get("iso-date")) if end_el is not None else None
                if start is None or end is None:
                    continue
                if start > end:
                    self.add(
                        "8.6.3",
                        ERROR,
                        end_el,
                        _("the period starts on %(start)s, after it ends on %(end)s")
                        % {"start": start.isoformat(), "end": end.isoformat()},
                    )
                    continue
                if tag == "budget":
                    if end > _plus_year(start):
                        self.add(
                            "7.5.3",
                            ERROR,
                            el,
                            _("the budget from %(start)s to %(end)s is longer than a year")
                            % {"start": start.isoformat(), "end": end.isoformat()},
                        )
                    by_type[el.get("type") or "1"].append((start, end, el))
        for periods in by_type.values():
            periods.sort(key=lambda p: (p[0], p[1]))
            for (_start, end, _el), (start, _end, el) in pairwise(periods):
                if start <= end:
                    self.add(
                        "budget-overlap",
                        ERROR,
                        el,
                        _("the budget starting %(start)s overlaps the one ending %(end)s")
                        % {"start": start.isoformat(), "end": end.isoformat()},
                    )
        for period in self.el.xpath("result/indicator/period"):
            start_el, end_el = period.find("period-start"), period.find("period-end")
            start = _day(start_el.get("iso-date")) if start_el is not None else None
            end = _day(end_el.get("iso-date")) if end_el is not None else None
            if start and end and start > end:
                self.add(
                    "8.6.1",
                    ERROR,
                    end_el,
                    _("the result period starts on %(start)s, after it ends on %(end)s")
                    % {"start": start.isoformat(), "end": end.isoformat()},
                )

    # -- identifiers, currencies, texts
    def check_identity(self) -> None:
        reporting = self.el.find("reporting-org")
        ref = (reporting.get("ref") or "").strip() if reporting is not None else ""
        if ref and self.identifier == ref:
            self.add(
                "1.1.3",
                ERROR,
                self.el.find("iati-identifier"),
                _("the activity identifier is the reporting organisation's own identifier"),
            )
        elif ref and self.identifier and not self.identifier.startswith(f"{ref}-"):
            self.add(
                "1.1.21",
                WARNING,
                self.el.find("iati-identifier"),
                _("the activity identifier %(identifier)s does not start with %(prefix)s")
                % {"identifier": self.identifier, "prefix": f"{ref}-"},
            )
        for tag, rule in (("title", "4.3.1"), ("description", "4.4.1")):
            for el in self.el.findall(tag):
                if not any((n.text or "").strip() for n in el.findall("narrative")):
                    self.add(rule, ERROR, el, _("the %(tag)s has no text") % {"tag": tag})


def check(xml_bytes: bytes, *, today: date) -> list[Finding]:
    """Every finding of the ruleset over a file, in the order of its lines.

    The file is parsed as safely as :func:`accord.funds.iati.import_activities` parses it; one
    that cannot be parsed raises :class:`accord.funds.iati.IatiInvalid`. ``today`` decides which
    dates are in the future.
    """
    tree = iati.parse(xml_bytes)
    found: list[Finding] = []
    activities = tree.getroot().findall("iati-activity")
    for el in activities:
        activity = _Activity(el, today, found)
        activity.check_dates()
        activity.check_percentages()
        activity.check_periods()
        activity.check_identity()
    for line, problem in iati.codelist_findings(tree):
        activity = next((a for a in reversed(activities) if (a.sourceline or 0) <= line), None)
        identifier = (
            (activity.findtext("iati-identifier") or "").strip() if activity is not None else ""
        )
        found.append(Finding("codelist", ERROR, identifier, line or None, problem))
    return sorted(found, key=lambda f: (f.line or 0, f.rule))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
