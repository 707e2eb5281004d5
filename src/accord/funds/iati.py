"""IATI 2.03 publishing for the trust funds: build, validate and import ``iati-activities`` XML.

Pure Python over plain frozen dataclasses (no Django): the funds services map a fund, its
donors and its ledger to an :class:`ActivitySet`, and this module turns it into bytes that the
official IATI 2.03 XSD accepts, and back.

- :func:`export_activities` writes deterministic XML (same input, byte-identical output) with
  the elements in the order of the schema's ``xsd:sequence``.
- :func:`validate` checks bytes against the official XSD (loaded once, then cached) and a few
  codelists the XSD does not check (transaction types, activity status and dates, organisation
  roles, budget type and status, currencies). Every problem reads ``line N: ...``.
- :func:`import_activities` parses untrusted bytes safely (no DTD, no entities, no network, a
  size limit), validates them, and maps them back. Anything it cannot represent without losing
  data is refused rather than dropped. Export, import, export gives identical bytes. One
  exception: ``result`` elements are read past, since other modules compute them from their own
  records at each export (``accord.funds.results``) and a fund's ledger does not hold them.

Errors are :class:`IatiInvalid` (a :class:`accord.errors.ValidationFailed`, so HTTP 422) with a
stable ``code``: ``iati_too_large``, ``iati_malformed``, ``iati_hostile``, ``iati_schema``,
``iati_codelist``, ``iati_unsupported``; ``line`` is the first offending line when known.

How the ledger's events map to IATI transaction types (the fund is the reporting activity):
a nation's pledge is ``INCOMING_PLEDGE`` (13), a signed contribution agreement
``INCOMING_COMMITMENT`` (11), money received ``INCOMING_FUNDS`` (1), money reserved for a
project or budget line ``OUTGOING_COMMITMENT`` (2), money paid out ``DISBURSEMENT`` (3), money
spent by the fund itself ``EXPENDITURE`` (4). A cancelled commitment is a negative outgoing
commitment and a refund to a donor negative incoming funds (IATI's guidance for reversals).

Data: the schemas, codelists and the IATI test samples live in ``accord/data/iati-2.03`` (see
its SOURCE.md). The IATI Standard is CC BY 4.0, "IATI Standard (http://iatistandard.org/)".
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from accord import money
from accord.errors import Code, ValidationFailed, gettext_noop
from accord.l10n import format_number
from accord.l10n import gettext as _

IATI_VERSION = "2.03"
#: Largest file :func:`import_activities` and :func:`validate` accept, in bytes.
MAX_BYTES = 20 * 1024 * 1024
#: How many problems an :class:`IatiInvalid` message lists before "and N more".
_MESSAGE_PROBLEMS = 5

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def data_dir() -> Path:
    """The folder holding the IATI 2.03 schemas, codelists and samples."""
    return Path(str(resources.files("accord.data"))) / "iati-2.03"


# --------------------------------------------------------------------------- codes


class TransactionType(StrEnum):
    """IATI TransactionType codelist (2.03)."""

    INCOMING_FUNDS = "1"
    OUTGOING_COMMITMENT = "2"
    DISBURSEMENT = "3"
    EXPENDITURE = "4"
    INTEREST_PAYMENT = "5"
    LOAN_REPAYMENT = "6"
    REIMBURSEMENT = "7"
    PURCHASE_OF_EQUITY = "8"
    SALE_OF_EQUITY = "9"
    CREDIT_GUARANTEE = "10"
    INCOMING_COMMITMENT = "11"
    OUTGOING_PLEDGE = "12"
    INCOMING_PLEDGE = "13"


class OrganisationRole(StrEnum):
    """IATI OrganisationRole codelist: the role of a participating organisation."""

    FUNDING = "1"
    ACCOUNTABLE = "2"
    EXTENDING = "3"
    IMPLEMENTING = "4"


class ActivityStatus(StrEnum):
    """IATI ActivityStatus codelist."""

    PIPELINE = "1"
    IMPLEMENTATION = "2"
    FINALISATION = "3"
    CLOSED = "4"
    CANCELLED = "5"
    SUSPENDED = "6"


class ActivityDateType(StrEnum):
    """IATI ActivityDateType codelist."""

    PLANNED_START = "1"
    ACTUAL_START = "2"
    PLANNED_END = "3"
    ACTUAL_END = "4"


class BudgetType(StrEnum):
    """IATI BudgetType codelist."""

    ORIGINAL = "1"
    REVISED = "2"


class BudgetStatus(StrEnum):
    """IATI BudgetStatus codelist."""

    INDICATIVE = "1"
    COMMITTED = "2"


@functools.cache
def codelist(name: str) -> Mapping[str, str]:
    """Codes of one bundled IATI codelist (e.g. ``"TransactionType"``) mapped to English names.

    Withdrawn codes are left out. Raises ``KeyError`` for a codelist that is not bundled.
    """
    path = data_dir() / "codelists" / f"{name}.xml"
    if not path.is_file():
        raise KeyError(f"the IATI codelist {name!r} is not bundled with Accord")
    root = etree.fromstring(path.read_bytes(), _safe_parser())
    codes: dict[str, str] = {}
    for item in root.iter("codelist-item"):
        if item.get("status") == "withdrawn":
            continue
        code = (item.findtext("code") or "").strip()
        label = (item.findtext("name/narrative") or "").strip()
        codes[code] = label
    return MappingProxyType(codes)


# --------------------------------------------------------------------------- data


def _tupled(obj: object, *names: str) -> None:
    for name in names:
        object.__setattr__(obj, name, tuple(getattr(obj, name)))


# A text in the languages other than its activity's: (ISO 639-1 code, text) pairs, in the order
# they are written, each a further ``narrative`` with its ``xml:lang`` (``(("ru", "..."),)``).
Translations = tuple[tuple[str, str], ...]


def _paired(obj: object, *names: str) -> None:
    for name in names:
        object.__setattr__(obj, name, tuple((lang, text) for lang, text in getattr(obj, name)))


def _require_aware(value: datetime | None, what: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{what} must be timezone-aware")


@dataclass(frozen=True)
class ReportingOrg:
    """The organisation that publishes the file (IATI requires its ``ref`` and ``type``)."""

    ref: str
    type: str
    name: str
    name_translations: Translations = ()

    def __post_init__(self) -> None:
        _paired(self, "name_translations")


@dataclass(frozen=True)
class Org:
    """A provider or receiver of a transaction; every part is optional in IATI."""

    name: str | None = None
    ref: str | None = None
    type: str | None = None
    name_translations: Translations = ()

    def __post_init__(self) -> None:
        _paired(self, "name_translations")


@dataclass(frozen=True)
class ParticipatingOrg:
    """An organisation taking part in an activity, with an :class:`OrganisationRole` code."""

    role: str
    name: str | None = None
    ref: str | None = None
    type: str | None = None
    name_translations: Translations = ()

    def __post_init__(self) -> None:
        _paired(self, "name_translations")


@dataclass(frozen=True)
class Money:
    """An amount in major units (``Decimal("1250.50")``) with its currency and value date."""

    amount: Decimal
    currency: str
    value_date: date

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            object.__setattr__(self, "amount", Decimal(self.amount))
        if not self.amount.is_finite():
            raise ValueError("an IATI amount must be a finite number")

    @classmethod
    def from_minor(
        cls, minor: int, currency: str, value_date: date, exponent: int | None = None
    ) -> Money:
        """From integer minor units: ``Money.from_minor(12345, "EUR", d)`` is 123.45 EUR.
        ``exponent`` defaults to the currency's ISO 4217 one (:mod:`accord.money`)."""
        places = money.exponent(currency) if exponent is None else exponent
        return cls(money.minor_to_decimal(minor, places), currency, value_date)

    def to_minor(self, exponent: int | None = None) -> int:
        """The amount in integer minor units; ``ValueError`` (a ``MoneyError``) if it has
        finer fractions than the currency's (or ``exponent``'s) decimals."""
        places = money.exponent(self.currency) if exponent is None else exponent
        return money.decimal_to_minor(self.amount, places, currency=self.currency)


@dataclass(frozen=True)
class ActivityDate:
    """One ``activity-date``: an :class:`ActivityDateType` code and the day."""

    type: str
    iso_date: date


@dataclass(frozen=True)
class Sector:
    """A sector of the activity; vocabulary ``"1"`` is OECD DAC 5-digit (e.g. ``"15210"``)."""

    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None


@dataclass(frozen=True)
class Budget:
    """A budget for a period (:class:`BudgetType` and :class:`BudgetStatus` codes)."""

    period_start: date
    period_end: date
    value: Money
    type: str = BudgetType.ORIGINAL
    status: str = BudgetStatus.INDICATIVE


@dataclass(frozen=True)
class PlannedDisbursement:
    """Money the activity plans to pay out from ``period_start`` (IATI ``planned-disbursement``,
    :class:`BudgetType` codes: original or revised), to a receiver if one is named."""

    period_start: date
    value: Money
    period_end: date | None = None
    type: str = BudgetType.ORIGINAL
    receiver: Org | None = None


@dataclass(frozen=True)
class Transaction:
    """One financial transaction; ``type`` is a :class:`TransactionType` code."""

    type: str
    transaction_date: date
    value: Money
    ref: str | None = None
    description: str | None = None
    provider: Org | None = None
    receiver: Org | None = None


class ResultType(StrEnum):
    """IATI ResultType codelist (four codes; not bundled, the XSD leaves it unchecked)."""

    OUTPUT = "1"
    OUTCOME = "2"
    IMPACT = "3"
    OTHER = "9"


class IndicatorMeasure(StrEnum):
    """IATI IndicatorMeasure codelist: what an indicator's values count."""

    UNIT = "1"
    PERCENTAGE = "2"
    NOMINAL = "3"
    ORDINAL = "4"
    QUALITATIVE = "5"


@dataclass(frozen=True)
class ResultPeriod:
    """One reporting period of an indicator: what was achieved, and the target if one is set."""

    start: date
    end: date
    actual: int
    target: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a result period ends on or after its start")


@dataclass(frozen=True)
class Indicator:
    """An indicator of a result (people trained), measured in ``measure`` over periods."""

    title: str
    periods: tuple[ResultPeriod, ...]
    measure: str = IndicatorMeasure.UNIT
    ascending: bool = True
    description: str | None = None
    title_translations: Translations = ()

    def __post_init__(self) -> None:
        _tupled(self, "periods")
        _paired(self, "title_translations")


@dataclass(frozen=True)
class Result:
    """A ``result`` of the activity: what the money achieved, reported by the module that
    knows it (the training module's graduates of the sessions a fund paid for)."""

    type: str
    title: str
    indicators: tuple[Indicator, ...]
    description: str | None = None
    aggregation_status: bool | None = None
    title_translations: Translations = ()

    def __post_init__(self) -> None:
        _tupled(self, "indicators")
        _paired(self, "title_translations")
        if not self.indicators:
            raise ValueError("an IATI result needs at least one indicator")


@dataclass(frozen=True)
class Activity:
    """One ``iati-activity``. Build ``identifier`` with :func:`activity_identifier`."""

    identifier: str
    title: str
    description: str
    status: str
    dates: tuple[ActivityDate, ...]
    participating_orgs: tuple[ParticipatingOrg, ...]
    default_currency: str | None = None
    last_updated: datetime | None = None
    lang: str = "en"
    recipient_country: str | None = None
    sectors: tuple[Sector, ...] = ()
    budgets: tuple[Budget, ...] = ()
    planned_disbursements: tuple[PlannedDisbursement, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    title_translations: Translations = ()
    description_translations: Translations = ()
    results: tuple[Result, ...] = ()

    def __post_init__(self) -> None:
        _tupled(
            self,
            "dates",
            "participating_orgs",
            "sectors",
            "budgets",
            "planned_disbursements",
            "transactions",
            "results",
        )
        _paired(self, "title_translations", "description_translations")
        if not self.dates:
            raise ValueError("an IATI activity needs at least one activity date")
        if not self.participating_orgs:
            raise ValueError("an IATI activity needs at least one participating organisation")
        _require_aware(self.last_updated, "last_updated")


@dataclass(frozen=True)
class ActivitySet:
    """A whole ``iati-activities`` file: one reporting organisation for every activity."""

    generated_datetime: datetime
    reporting_org: ReportingOrg
    activities: tuple[Activity, ...] = field(default=())

    def __post_init__(self) -> None:
        _tupled(self, "activities")
        if not self.activities:
            raise ValueError("an IATI file needs at least one activity")
        _require_aware(self.generated_datetime, "generated_datetime")


def activity_identifier(reporting_org_ref: str, fund_code: str) -> str:
    """The IATI identifier of a fund's activity: the publisher's org ref, a hyphen, the code.

    >>> activity_identifier("XI-IATI-NATO", "NRC-HMTF")
    'XI-IATI-NATO-NRC-HMTF'
    """
    for what, value in (
        ("reporting organisation ref", reporting_org_ref),
        ("fund code", fund_code),
    ):
        if not value or value != value.strip() or any(ch.isspace() for ch in value):
            raise ValueError(f"the {what} {value!r} must be non-empty and have no spaces")
    return f"{reporting_org_ref}-{fund_code}"


# --------------------------------------------------------------------------- errors


class IatiInvalid(ValidationFailed):
    """An IATI file Accord refuses; ``code`` is stable, ``line`` the first bad line if known."""

    code = Code.IATI_INVALID
    title = gettext_noop("The IATI file is not valid")

    def __init__(
        self,
        code: Code,
        message: str,
        line: int | None = None,
        problems: list[str] | tuple[str, ...] = (),
    ):
        problems = list(problems) or [message]
        super().__init__(message, code=code, errors={"file": problems})
        self.message = message
        self.line = line
        self.problems = problems


# --------------------------------------------------------------------------- export


def _fmt_decimal(value: Decimal) -> str:
    return format(value, "f")


def _narrative(parent: etree._Element, text: str) -> etree._Element:
    el = etree.SubElement(parent, "narrative")
    if text:
        el.text = text
    return el


def _narratives(parent: etree._Element, text: str, translations: Translations = ()) -> None:
    """The text in the activity's language, then one narrative per other language."""
    _narrative(parent, text)
    for lang, translated in translations:
        _narrative(parent, translated).set(_XML_LANG, lang)


def _text_element(
    parent: etree._Element, tag: str, text: str, translations: Translations = ()
) -> etree._Element:
    el = etree.SubElement(parent, tag)
    _narratives(el, text, translations)
    return el


def _set(el: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        el.set(name, value)


def _value(parent: etree._Element, value: Money) -> None:
    el = etree.SubElement(parent, "value")
    el.set("currency", value.currency)
    el.set("value-date", value.value_date.isoformat())
    el.text = _fmt_decimal(value.amount)


def _org(parent: etree._Element, tag: str, org: Org) -> None:
    el = etree.SubElement(parent, tag)
    _set(el, "ref", org.ref)
    _set(el, "type", org.type)
    if org.name is not None:
        _narratives(el, org.name, org.name_translations)


def _activity_element(root: etree._Element, reporting: ReportingOrg, act: Activity) -> None:
    el = etree.SubElement(root, "iati-activity")
    if act.last_updated is not None:
        el.set("last-updated-datetime", act.last_updated.isoformat())
    el.set(_XML_LANG, act.lang)
    _set(el, "default-currency", act.default_currency)

    etree.SubElement(el, "iati-identifier").text = act.identifier or None
    rep = etree.SubElement(el, "reporting-org")
    rep.set("ref", reporting.ref)
    rep.set("type", reporting.type)
    _narratives(rep, reporting.name, reporting.name_translations)
    _text_element(el, "title", act.title, act.title_translations)
    _text_element(el, "description", act.description, act.description_translations).set("type", "1")
    for po in act.participating_orgs:
        p = etree.SubElement(el, "participating-org")
        _set(p, "ref", po.ref)
        _set(p, "type", po.type)
        p.set("role", po.role)
        if po.name is not None:
            _narratives(p, po.name, po.name_translations)
    etree.SubElement(el, "activity-status").set("code", act.status)
    for d in act.dates:
        ad = etree.SubElement(el, "activity-date")
        ad.set("type", d.type)
        ad.set("iso-date", d.iso_date.isoformat())
    if act.recipient_country is not None:
        etree.SubElement(el, "recipient-country").set("code", act.recipient_country)
    for s in act.sectors:
        se = etree.SubElement(el, "sector")
        se.set("vocabulary", s.vocabulary)
        se.set("code", s.code)
        if s.percentage is not None:
            se.set("percentage", _fmt_decimal(s.percentage))
    for b in act.budgets:
        be = etree.SubElement(el, "budget")
        be.set("type", b.type)
        be.set("status", b.status)
        etree.SubElement(be, "period-start").set("iso-date", b.period_start.isoformat())
        etree.SubElement(be, "period-end").set("iso-date", b.period_end.isoformat())
        _value(be, b.value)
    for pd in act.planned_disbursements:
        pde = etree.SubElement(el, "planned-disbursement")
        pde.set("type", pd.type)
        etree.SubElement(pde, "period-start").set("iso-date", pd.period_start.isoformat())
        if pd.period_end is not None:
            etree.SubElement(pde, "period-end").set("iso-date", pd.period_end.isoformat())
        _value(pde, pd.value)
        if pd.receiver is not None:
            _org(pde, "receiver-org", pd.receiver)
    for t in act.transactions:
        te = etree.SubElement(el, "transaction")
        _set(te, "ref", t.ref)
        etree.SubElement(te, "transaction-type").set("code", t.type)
        etree.SubElement(te, "transaction-date").set("iso-date", t.transaction_date.isoformat())
        _value(te, t.value)
        if t.description is not None:
            _text_element(te, "description", t.description)
        if t.provider is not None:
            _org(te, "provider-org", t.provider)
        if t.receiver is not None:
            _org(te, "receiver-org", t.receiver)
    for r in act.results:
        _result_element(el, r)
    # Every narrative names its language (the IATI Validator's rule 4.1.1 holds either way, but
    # a reader of one narrative alone should not have to look up the activity's default).
    for narrative in el.iter("narrative"):
        if narrative.get(_XML_LANG) is None:
            narrative.set(_XML_LANG, act.lang)


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _result_element(parent: etree._Element, result: Result) -> None:
    """A ``result``: its title and description, then each indicator with its periods, in the
    order of the schema's sequences."""
    re_ = etree.SubElement(parent, "result")
    re_.set("type", result.type)
    if result.aggregation_status is not None:
        re_.set("aggregation-status", _flag(result.aggregation_status))
    _text_element(re_, "title", result.title, result.title_translations)
    if result.description is not None:
        _text_element(re_, "description", result.description)
    for ind in result.indicators:
        ie = etree.SubElement(re_, "indicator")
        ie.set("measure", ind.measure)
        ie.set("ascending", _flag(ind.ascending))
        _text_element(ie, "title", ind.title, ind.title_translations)
        if ind.description is not None:
            _text_element(ie, "description", ind.description)
        for period in ind.periods:
            pe = etree.SubElement(ie, "period")
            etree.SubElement(pe, "period-start").set("iso-date", period.start.isoformat())
            etree.SubElement(pe, "period-end").set("iso-date", period.end.isoformat())
            if period.target is not None:
                etree.SubElement(pe, "target").set("value", str(period.target))
            etree.SubElement(pe, "actual").set("value", str(period.actual))


def export_activities(activity_set: ActivitySet) -> bytes:
    """The activity set as ``iati-activities`` version 2.03 XML (UTF-8, deterministic).

    Raises ``ValueError`` for text that XML cannot carry (control characters).
    """
    root = etree.Element("iati-activities")
    root.set("version", IATI_VERSION)
    root.set("generated-datetime", activity_set.generated_datetime.isoformat())
    for act in activity_set.activities:
        _activity_element(root, activity_set.reporting_org, act)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --------------------------------------------------------------------------- parsing


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
    )


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def _parse(data: bytes, *, max_bytes: int = MAX_BYTES) -> etree._ElementTree:
    """Parse untrusted bytes, refusing what could be hostile before and after parsing."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("IATI input must be bytes")
    data = bytes(data)
    if len(data) > max_bytes:
        raise IatiInvalid(
            Code.IATI_TOO_LARGE,
            _(
                "The file is %(size)s bytes; Accord accepts IATI files up to %(limit)s bytes. "
                "Split it into several files."
            )
            % {"size": format_number(len(data)), "limit": format_number(max_bytes)},
        )
    if not data.strip():
        raise IatiInvalid(
            Code.IATI_MALFORMED, _("The file is empty; upload an iati-activities XML file.")
        )
    # Declarations are refused outright: a DTD is how entity bombs and external entities
    # (file://, http://) get in. The byte scan catches ASCII-compatible encodings before any
    # parsing; the docinfo check below catches the rest (e.g. UTF-16).
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        index = data.find(marker)
        if index >= 0:
            line = _line_of(data, index)
            raise IatiInvalid(
                Code.IATI_HOSTILE,
                _at_line(
                    line,
                    _(
                        "the file declares a DOCTYPE or entities; IATI files need neither, and "
                        "Accord refuses them because they can read local files or exhaust memory."
                    ),
                ),
                line,
            )
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        # The parser's own words (libxml2's) come in English.
        said = _("the file is not well-formed XML: %(problem)s") % {"problem": exc.msg}
        raise IatiInvalid(
            Code.IATI_MALFORMED, _at_line(line, said) if line else said, line
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise IatiInvalid(
            Code.IATI_HOSTILE,
            _(
                "The file declares a DOCTYPE or entities; IATI files need neither, and Accord "
                "refuses them because they can read local files or exhaust memory."
            ),
        )
    for node in root.iter(etree.Entity):
        raise IatiInvalid(
            Code.IATI_HOSTILE,
            _at_line(node.sourceline, _("the file uses an entity reference; Accord refuses them.")),
            node.sourceline,
        )
    return tree


# --------------------------------------------------------------------------- validation

_schema_lock = threading.Lock()


@functools.cache
def _schema() -> etree.XMLSchema:
    path = data_dir() / "iati-activities-schema.xsd"
    # The schema includes iati-common.xsd and imports xml.xsd from the same folder; a
    # file-based parse lets those relative locations resolve, never over the network.
    doc = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    return etree.XMLSchema(doc)


def _at_line(line: int | None, problem: str) -> str:
    """A problem with the line of the file it was found on, in the reader's language."""
    return _("line %(line)s: %(problem)s") % {"line": line, "problem": problem}


def _schema_findings(tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line, problem) against the XSD; the schema's own words (libxml2's) come in English."""
    schema = _schema()
    with _schema_lock:  # the schema's error log is shared state
        if schema.validate(tree):
            return []
        return [(e.line, e.message) for e in schema.error_log]


def _schema_problems(tree: etree._ElementTree) -> list[str]:
    return [_at_line(line, problem) for line, problem in _schema_findings(tree)]


_CODE_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    # (xpath to the elements, attribute, codelist, what the attribute is)
    ("//transaction/transaction-type", "code", "TransactionType", gettext_noop("transaction type")),
    ("//iati-activity/activity-status", "code", "ActivityStatus", gettext_noop("activity status")),
    (
        "//iati-activity/activity-date",
        "type",
        "ActivityDateType",
        gettext_noop("activity date type"),
    ),
    (
        "//iati-activity/participating-org",
        "role",
        "OrganisationRole",
        gettext_noop("organisation role"),
    ),
    ("//iati-activity/budget", "type", "BudgetType", gettext_noop("budget type")),
    ("//iati-activity/budget", "status", "BudgetStatus", gettext_noop("budget status")),
    ("//iati-activity", "default-currency", "Currency", gettext_noop("default currency")),
    ("//value", "currency", "Currency", gettext_noop("currency")),
    ("//iati-activity/sector", "vocabulary", "SectorVocabulary", gettext_noop("sector vocabulary")),
    (
        "//iati-activity/sector[not(@vocabulary) or @vocabulary='1']",
        "code",
        "Sector",
        gettext_noop("DAC 5-digit sector"),
    ),
    ("//recipient-country", "code", "Country", gettext_noop("recipient country")),
    (
        "//recipient-region",
        "vocabulary",
        "RegionVocabulary",
        gettext_noop("region vocabulary"),
    ),
    (
        "//recipient-region[not(@vocabulary) or @vocabulary='1']",
        "code",
        "Region",
        gettext_noop("recipient region"),
    ),
    ("//planned-disbursement", "type", "BudgetType", gettext_noop("planned disbursement type")),
)


def _codelist_findings(tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line, problem) for each code outside its IATI codelist, in the order of the file."""
    found: list[tuple[int, str]] = []
    for path, attr, name, what in _CODE_CHECKS:
        codes = codelist(name)
        for el in tree.xpath(path):
            value = el.get(attr)
            if value is not None and value not in codes:
                problem = _("%(what)s '%(value)s' is not in the IATI %(codelist)s codelist")
                found.append(
                    (
                        el.sourceline or 0,
                        problem % {"what": _(what), "value": value, "codelist": name},
                    )
                )
    # IATI's Language codelist is ISO 639-1: two lower-case letters ("en", "ru", "fa", "ps").
    languages = codelist("Language")
    for el in tree.xpath("//iati-activity[@xml:lang] | //narrative[@xml:lang]"):
        value = el.get(_XML_LANG)
        if value not in languages:
            problem = _("the language '%(value)s' is not an ISO 639-1 code of the IATI codelist")
            found.append((el.sourceline or 0, problem % {"value": value}))
    for value_el in tree.xpath("//value[not(@currency)]"):
        activity = next(value_el.iterancestors("iati-activity"), None)
        if activity is None or activity.get("default-currency") is None:
            found.append(
                (
                    value_el.sourceline or 0,
                    _("the value has no currency and its activity no default-currency"),
                )
            )
    return sorted(found, key=lambda item: item[0])


def codelist_findings(tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line, problem) for each code outside its IATI codelist (for the ruleset's checks)."""
    return _codelist_findings(tree)


def parse(xml_bytes: bytes, *, max_bytes: int = MAX_BYTES) -> etree._ElementTree:
    """Parse untrusted bytes safely (no DTD, no entities, a size limit); :class:`IatiInvalid`
    for a file that is too large, hostile or not well-formed."""
    return _parse(xml_bytes, max_bytes=max_bytes)


def _codelist_problems(tree: etree._ElementTree) -> list[str]:
    return [_at_line(line, problem) for line, problem in _codelist_findings(tree)]


def schema_errors(xml_bytes: bytes) -> list[str]:
    """Problems against the official IATI 2.03 XSD only (``[]`` when valid)."""
    try:
        tree = _parse(xml_bytes)
    except IatiInvalid as exc:
        return [exc.message]
    return _schema_problems(tree)


def validate(xml_bytes: bytes) -> list[str]:
    """All problems of an IATI file: well-formedness and safety, the XSD, then the codelists.

    Each problem reads ``line N: ...``; an empty list means the file is valid. The codelists
    are checked only once the file matches the schema.
    """
    try:
        tree = _parse(xml_bytes)
    except IatiInvalid as exc:
        return [exc.message]
    return _schema_problems(tree) or _codelist_problems(tree)


def _refuse(code: Code, findings: list[tuple[int, str]], what: str) -> IatiInvalid:
    """The refusal of a file with these (line, problem) findings: the first few in the message,
    every one in ``problems``."""
    problems = [_at_line(line, problem) for line, problem in findings]
    shown = "; ".join(problems[:_MESSAGE_PROBLEMS])
    more = len(problems) - _MESSAGE_PROBLEMS
    if more > 0:
        shown = _("%(problems)s (and more: %(count)s)") % {
            "problems": shown,
            "count": format_number(more),
        }
    message = _("%(what)s: %(problems)s") % {"what": what, "problems": shown}
    return IatiInvalid(code, message, findings[0][0] or None, problems)


# --------------------------------------------------------------------------- import


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _text(el: etree._Element) -> str:
    """All the text of an element, also around comments inside it (``el.text`` stops there)."""
    return str(el.xpath("string()"))


_SUBSET_HINT = gettext_noop(
    "Accord imports only what it publishes (one narrative per language of a text; no results, "
    "locations, documents...) and refuses the file rather than drop data"
)


def _unsupported(el: etree._Element, what: str, hint: str = _SUBSET_HINT) -> IatiInvalid:
    """A refusal of what Accord cannot represent: ``what`` and ``hint`` are already in the
    reader's language (the default hint is translated here)."""
    line = el.sourceline
    said = _("%(what)s. %(hint)s.") % {"what": what, "hint": _(hint)}
    return IatiInvalid(Code.IATI_UNSUPPORTED, _at_line(line, said), line)


def _one(el: etree._Element, tag: str) -> etree._Element:
    child = el.find(tag)
    if child is None:  # the schema requires it; kept as a guard, not an assert
        raise _unsupported(el, _("<%(tag)s> has no <%(child)s>") % {"tag": el.tag, "child": tag})
    return child


def _check_attrs(el: etree._Element, allowed: set[str]) -> None:
    for name in el.attrib:
        if name not in allowed:
            shown = "xml:lang" if name == _XML_LANG else name
            raise _unsupported(
                el,
                _("attribute '%(name)s' on <%(tag)s> is not supported")
                % {"name": shown, "tag": el.tag},
            )


def _check_children(el: etree._Element, allowed: set[str]) -> None:
    for child in _children(el):
        if child.tag not in allowed:
            raise _unsupported(
                child,
                _("<%(child)s> inside <%(tag)s> is not supported")
                % {"child": child.tag, "tag": el.tag},
            )


def _narratives_from(
    el: etree._Element, lang: str, *, required: bool
) -> tuple[str | None, Translations]:
    """The text in the activity's language (a narrative without ``xml:lang``, as Accord writes
    it first) and the other languages' narratives after it, one per language."""
    _check_children(el, {"narrative"})
    narratives = _children(el)
    if not narratives:
        if required:
            raise _unsupported(el, _("<%(tag)s> has no narrative") % {"tag": el.tag})
        return None, ()
    for narrative in narratives:
        _check_attrs(narrative, {_XML_LANG})
        _check_children(narrative, set())
    first, *others = narratives
    if first.get(_XML_LANG, lang) != lang:
        raise _unsupported(first, _("a narrative in another language than its activity"))
    translations: list[tuple[str, str]] = []
    seen = {lang}
    for narrative in others:
        other = narrative.get(_XML_LANG)
        if other is None or other in seen:
            raise _unsupported(
                narrative,
                _("<%(tag)s> has more than one narrative in one language") % {"tag": el.tag},
            )
        seen.add(other)
        translations.append((other, _text(narrative)))
    return _text(first), tuple(translations)


def _one_narrative(el: etree._Element, lang: str, *, required: bool) -> str | None:
    """A text Accord writes in the activity's language only (a transaction's description)."""
    text, translations = _narratives_from(el, lang, required=required)
    if translations:
        raise _unsupported(el[1], _("<%(tag)s> has more than one narrative") % {"tag": el.tag})
    return text


def _date(value: str, el: etree._Element) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _unsupported(
            el, _("the date '%(value)s' has a time zone or is out of range") % {"value": value}
        ) from None


def _datetime(value: str | None, el: etree._Element) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _unsupported(
            el, _("the date-time '%(value)s' is out of range") % {"value": value}
        ) from None
    if parsed.tzinfo is None:
        raise _unsupported(el, _("the date-time '%(value)s' has no time zone") % {"value": value})
    return parsed


def _decimal(value: str, el: etree._Element) -> Decimal:
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        raise _unsupported(
            el, _("'%(value)s' is not a decimal number") % {"value": value}
        ) from None


def _money(el: etree._Element) -> Money:
    _check_attrs(el, {"currency", "value-date"})
    _check_children(el, set())
    currency = el.get("currency")
    if currency is None:
        # Accord always writes the currency on each value; relying on the activity's
        # default-currency would not come back out byte for byte.
        raise _unsupported(el, _("a value without its own currency attribute"))
    return Money(
        _decimal(_text(el), el),
        currency,
        _date(el.get("value-date") or "", el),
    )


def _org_from(el: etree._Element, lang: str) -> Org:
    _check_attrs(el, {"ref", "type"})
    _check_children(el, {"narrative"})
    name, translations = _narratives_from(el, lang, required=False)
    return Org(name=name, ref=el.get("ref"), type=el.get("type"), name_translations=translations)


_ACTIVITY_CHILDREN = {
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
    "recipient-country",
    "sector",
    "budget",
    # Planned disbursements are read, so that a file reads back as it was written; Accord's own
    # are written from the open commitments, never stored from a file.
    "planned-disbursement",
    "transaction",
    # Results are read, not kept: another module computes them from its own records at each
    # export (the training's graduates), and a fund's ledger has nowhere to hold them.
    "result",
}


def _transaction_from(el: etree._Element, lang: str) -> Transaction:
    _check_attrs(el, {"ref"})
    _check_children(
        el,
        {
            "transaction-type",
            "transaction-date",
            "value",
            "description",
            "provider-org",
            "receiver-org",
        },
    )
    ttype = _one(el, "transaction-type")
    tdate = _one(el, "transaction-date")
    _check_attrs(ttype, {"code"})
    _check_attrs(tdate, {"iso-date"})
    _check_children(ttype, set())
    _check_children(tdate, set())
    value = _one(el, "value")
    desc = el.find("description")
    if desc is not None:
        _check_attrs(desc, set())
    provider = el.find("provider-org")
    receiver = el.find("receiver-org")
    return Transaction(
        type=ttype.get("code") or "",
        transaction_date=_date(tdate.get("iso-date") or "", tdate),
        value=_money(value),
        ref=el.get("ref"),
        description=None if desc is None else _one_narrative(desc, lang, required=True),
        provider=None if provider is None else _org_from(provider, lang),
        receiver=None if receiver is None else _org_from(receiver, lang),
    )


def _activity_from(el: etree._Element) -> tuple[ReportingOrg, Activity]:
    """One ``iati-activity`` of the subset Accord writes, element by element in the schema's
    order; anything outside the subset is refused with its line (see ``_unsupported``)."""
    _check_attrs(el, {"last-updated-datetime", _XML_LANG, "default-currency"})
    _check_children(el, _ACTIVITY_CHILDREN)
    lang = el.get(_XML_LANG)
    if lang is None:
        raise _unsupported(el, _("an activity without xml:lang"))
    ident = _one(el, "iati-identifier")
    _check_attrs(ident, set())
    reporting = _reporting_org_from(el, lang)
    title_el = _one(el, "title")
    _check_attrs(title_el, set())
    description_el = _general_description(el)
    participating = _participating_orgs_from(el, lang)
    status_el = _status(el)
    dates = _activity_dates_from(el)
    country = _recipient_country(el)
    sectors = _sectors_from(el)
    budgets = [_budget_from(be) for be in el.findall("budget")]
    planned = [_planned_from(pe, lang) for pe in el.findall("planned-disbursement")]
    transactions = [_transaction_from(te, lang) for te in el.findall("transaction")]
    title, title_translations = _narratives_from(title_el, lang, required=True)
    description, description_translations = _narratives_from(description_el, lang, required=True)
    activity = Activity(
        identifier=_text(ident),
        title=title or "",
        description=description or "",
        title_translations=title_translations,
        description_translations=description_translations,
        status=status_el.get("code") or "",
        dates=tuple(dates),
        participating_orgs=tuple(participating),
        default_currency=el.get("default-currency"),
        last_updated=_datetime(el.get("last-updated-datetime"), el),
        lang=lang,
        recipient_country=country,
        sectors=tuple(sectors),
        budgets=tuple(budgets),
        planned_disbursements=tuple(planned),
        transactions=tuple(transactions),
    )
    return reporting, activity


def _reporting_org_from(activity: etree._Element, lang: str) -> ReportingOrg:
    rep_el = _one(activity, "reporting-org")
    _check_attrs(rep_el, {"ref", "type"})
    _check_children(rep_el, {"narrative"})
    name, translations = _narratives_from(rep_el, lang, required=True)
    return ReportingOrg(
        ref=rep_el.get("ref") or "",
        type=rep_el.get("type") or "",
        name=name or "",
        name_translations=translations,
    )


def _general_description(activity: etree._Element) -> etree._Element:
    """The one description Accord writes: the general one (type 1)."""
    descriptions = activity.findall("description")
    if len(descriptions) > 1:
        raise _unsupported(descriptions[1], _("more than one description"))
    _check_attrs(descriptions[0], {"type"})
    if descriptions[0].get("type", "1") != "1":
        raise _unsupported(descriptions[0], _("a description that is not the general one (type 1)"))
    return descriptions[0]


def _participating_orgs_from(activity: etree._Element, lang: str) -> list[ParticipatingOrg]:
    orgs = []
    for po in activity.findall("participating-org"):
        _check_attrs(po, {"ref", "type", "role"})
        _check_children(po, {"narrative"})
        name, translations = _narratives_from(po, lang, required=False)
        orgs.append(
            ParticipatingOrg(
                role=po.get("role") or "",
                name=name,
                ref=po.get("ref"),
                type=po.get("type"),
                name_translations=translations,
            )
        )
    return orgs


def _status(activity: etree._Element) -> etree._Element:
    status_el = _one(activity, "activity-status")
    _check_attrs(status_el, {"code"})
    _check_children(status_el, set())
    return status_el


def _activity_dates_from(activity: etree._Element) -> list[ActivityDate]:
    dates = []
    for ad in activity.findall("activity-date"):
        _check_attrs(ad, {"type", "iso-date"})
        _check_children(ad, set())
        dates.append(ActivityDate(ad.get("type") or "", _date(ad.get("iso-date") or "", ad)))
    return dates


def _recipient_country(activity: etree._Element) -> str | None:
    """The recipient country's code: at most one, as Accord writes it."""
    countries = activity.findall("recipient-country")
    if len(countries) > 1:
        raise _unsupported(countries[1], _("more than one recipient country"))
    for country in countries:
        _check_attrs(country, {"code"})
        _check_children(country, set())
    return countries[0].get("code") if countries else None


def _sectors_from(activity: etree._Element) -> list[Sector]:
    sectors = []
    for se in activity.findall("sector"):
        _check_attrs(se, {"vocabulary", "code", "percentage"})
        _check_children(se, set())
        if se.get("vocabulary") is None:
            raise _unsupported(se, _("a sector without a vocabulary"))
        pct = se.get("percentage")
        sectors.append(
            Sector(
                code=se.get("code") or "",
                vocabulary=se.get("vocabulary") or "",
                percentage=None if pct is None else _decimal(pct, se),
            )
        )
    return sectors


def _budget_from(be: etree._Element) -> Budget:
    _check_attrs(be, {"type", "status"})
    _check_children(be, {"period-start", "period-end", "value"})
    if be.get("type") is None or be.get("status") is None:
        raise _unsupported(be, _("a budget without its type and status"))
    start, end, value = _one(be, "period-start"), _one(be, "period-end"), _one(be, "value")
    for part in (start, end):
        _check_attrs(part, {"iso-date"})
        _check_children(part, set())
    return Budget(
        period_start=_date(start.get("iso-date") or "", start),
        period_end=_date(end.get("iso-date") or "", end),
        value=_money(value),
        type=be.get("type") or "",
        status=be.get("status") or "",
    )


def _planned_from(pe: etree._Element, lang: str) -> PlannedDisbursement:
    _check_attrs(pe, {"type"})
    _check_children(pe, {"period-start", "period-end", "value", "receiver-org"})
    start, value = _one(pe, "period-start"), _one(pe, "value")
    end, receiver = pe.find("period-end"), pe.find("receiver-org")
    for part in (start, end):
        if part is not None:
            _check_attrs(part, {"iso-date"})
            _check_children(part, set())
    return PlannedDisbursement(
        period_start=_date(start.get("iso-date") or "", start),
        period_end=None if end is None else _date(end.get("iso-date") or "", end),
        value=_money(value),
        type=pe.get("type") or BudgetType.ORIGINAL,
        receiver=None if receiver is None else _org_from(receiver, lang),
    )


def import_activities(xml_bytes: bytes, *, max_bytes: int = MAX_BYTES) -> ActivitySet:
    """Parse, check and map an ``iati-activities`` 2.03 file; raise :class:`IatiInvalid`.

    Order of checks: size, hostile declarations, well-formedness, the XSD, the codelists, then
    what Accord can represent. Nothing is returned unless every check passes.
    """
    tree = _parse(xml_bytes, max_bytes=max_bytes)
    findings = _schema_findings(tree)
    if findings:
        raise _refuse(Code.IATI_SCHEMA, findings, _("The file does not match the IATI 2.03 schema"))
    root = tree.getroot()
    if root.get("version") != IATI_VERSION:
        raise _unsupported(
            root,
            _("the file is IATI version '%(version)s'") % {"version": root.get("version")},
            _("Accord imports IATI %(version)s only; convert the file to %(version)s")
            % {"version": IATI_VERSION},
        )
    findings = _codelist_findings(tree)
    if findings:
        raise _refuse(
            Code.IATI_CODELIST, findings, _("The file uses codes outside the IATI codelists")
        )
    _check_attrs(root, {"version", "generated-datetime"})
    generated = _datetime(root.get("generated-datetime"), root)
    if generated is None:
        raise _unsupported(root, _("a file without generated-datetime"))

    reporting: ReportingOrg | None = None
    activities = []
    for el in _children(root):
        rep, activity = _activity_from(el)
        if reporting is not None and rep != reporting:
            raise _unsupported(el, _("activities from more than one reporting organisation"))
        reporting = rep
        activities.append(activity)
    if reporting is None:  # the schema requires at least one activity; a guard all the same
        raise _unsupported(root, _("a file without activities"))
    return ActivitySet(generated_datetime=generated, reporting_org=reporting, activities=activities)


# --------------------------------------------------------------------------- other publishers


@dataclass(frozen=True)
class ForeignActivity:
    """An activity another publisher reported, read as far as Accord shows it: ``known`` holds
    the parts read (plain JSON: organisations, dates, sectors, countries, budgets, transactions,
    the texts in each language, and the names of the elements kept but not read), ``raw_xml``
    the whole ``iati-activity`` as published."""

    identifier: str
    line: int
    reporting_org_ref: str
    reporting_org_name: str
    title: str
    description: str
    recipient_country: str
    status: str
    start: date | None
    end: date | None
    currency: str
    last_updated: datetime | None
    known: Mapping
    raw_xml: str


_FOREIGN_READ = {
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
    "recipient-country",
    "sector",
    "budget",
    "planned-disbursement",
    "transaction",
}


def _texts(el: etree._Element | None, lang: str) -> dict[str, str]:
    """A text's narratives by language (the activity's own for one without ``xml:lang``)."""
    if el is None:
        return {}
    found: dict[str, str] = {}
    for narrative in el.findall("narrative"):
        found.setdefault(narrative.get(_XML_LANG, lang), _text(narrative).strip())
    return found


def _in(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or next(iter(texts.values()), "")


def _org_json(el: etree._Element | None, lang: str) -> dict | None:
    if el is None:
        return None
    return {
        "ref": el.get("ref") or "",
        "type": el.get("type") or "",
        "name": _in(_texts(el, lang), lang),
    }


def _value_json(el: etree._Element | None, currency: str) -> dict:
    if el is None:
        return {"amount": "0", "currency": currency, "date": ""}
    return {
        "amount": _text(el).strip(),
        "currency": el.get("currency") or currency,
        "date": el.get("value-date") or "",
    }


def _period(el: etree._Element, tag: str) -> str:
    part = el.find(tag)
    return "" if part is None else (part.get("iso-date") or "")


def _foreign_activity(el: etree._Element) -> ForeignActivity:
    lang = el.get(_XML_LANG) or "en"
    currency = el.get("default-currency") or ""
    reporting = el.find("reporting-org")
    dates = {}
    for ad in el.findall("activity-date"):
        dates.setdefault(ad.get("type"), _date_or_none(ad.get("iso-date")))
    titles = _texts(el.find("title"), lang)
    descriptions = _texts(el.find("description"), lang)
    countries = [
        {"code": c.get("code") or "", "percentage": c.get("percentage") or ""}
        for c in el.findall("recipient-country")
    ]
    known = {
        "lang": lang,
        "titles": titles,
        "descriptions": descriptions,
        "participating_orgs": [
            {**(_org_json(po, lang) or {}), "role": po.get("role") or ""}
            for po in el.findall("participating-org")
        ],
        "dates": [
            {"type": ad.get("type") or "", "date": ad.get("iso-date") or ""}
            for ad in el.findall("activity-date")
        ],
        "recipient_countries": countries,
        "sectors": [
            {
                "vocabulary": s.get("vocabulary") or "1",
                "code": s.get("code") or "",
                "percentage": s.get("percentage") or "",
            }
            for s in el.findall("sector")
        ],
        "budgets": [
            {
                "start": _period(b, "period-start"),
                "end": _period(b, "period-end"),
                "type": b.get("type") or "1",
                "status": b.get("status") or "1",
                **_value_json(b.find("value"), currency),
            }
            for b in el.findall("budget")
        ],
        "planned_disbursements": [
            {
                "start": _period(p, "period-start"),
                "end": _period(p, "period-end"),
                **_value_json(p.find("value"), currency),
            }
            for p in el.findall("planned-disbursement")
        ],
        "transactions": [
            {
                "type": (t.find("transaction-type").get("code") or "")
                if t.find("transaction-type") is not None
                else "",
                "day": _period(t, "transaction-date"),
                **_value_json(t.find("value"), currency),
                "provider": _org_json(t.find("provider-org"), lang),
                "receiver": _org_json(t.find("receiver-org"), lang),
            }
            for t in el.findall("transaction")
        ],
        "kept_unread": sorted({c.tag for c in _children(el)} - _FOREIGN_READ),
    }
    status = el.find("activity-status")
    updated = el.get("last-updated-datetime")
    try:
        last_updated = datetime.fromisoformat(updated) if updated else None
    except ValueError:
        last_updated = None
    if last_updated is not None and last_updated.tzinfo is None:
        last_updated = None
    return ForeignActivity(
        identifier=_text(el.find("iati-identifier")).strip(),
        line=el.sourceline or 0,
        reporting_org_ref=(reporting.get("ref") or "").strip() if reporting is not None else "",
        reporting_org_name=_in(_texts(reporting, lang), lang),
        title=_in(titles, lang),
        description=_in(descriptions, lang),
        recipient_country=max(
            countries, key=lambda c: _decimal_or_zero(c["percentage"] or "100"), default={}
        ).get("code", ""),
        status="" if status is None else (status.get("code") or ""),
        start=dates.get("2") or dates.get("1"),
        end=dates.get("4") or dates.get("3"),
        currency=currency,
        last_updated=last_updated,
        known=known,
        raw_xml=etree.tostring(el, encoding="unicode"),
    )


def _date_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _decimal_or_zero(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal(0)


def read_foreign(
    xml_bytes: bytes, *, own_ref: str, max_bytes: int = MAX_BYTES
) -> tuple[ForeignActivity, ...]:
    """Another publisher's ``iati-activities`` 2.03 file, every activity read as far as Accord
    shows it and kept whole beside it; elements Accord does not read are kept, not refused.

    Refused (:class:`IatiInvalid`, every problem with its line): a file that is too large,
    hostile, not well-formed or not valid against the 2.03 schema; an activity without an
    identifier, one identifier twice, an activity Accord published itself (``own_ref``).
    """
    tree = _parse(xml_bytes, max_bytes=max_bytes)
    findings = _schema_findings(tree)
    if findings:
        raise _refuse(Code.IATI_SCHEMA, findings, _("The file does not match the IATI 2.03 schema"))
    root = tree.getroot()
    if root.get("version") != IATI_VERSION:
        raise _unsupported(
            root,
            _("the file is IATI version '%(version)s'") % {"version": root.get("version")},
            _("Accord imports IATI %(version)s only; convert the file to %(version)s")
            % {"version": IATI_VERSION},
        )
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    activities = []
    for el in _children(root):
        activity = _foreign_activity(el)
        if not activity.identifier:
            problems.append((activity.line, _("the activity has no identifier")))
        elif activity.identifier in seen:
            problems.append(
                (
                    activity.line,
                    _("the activity '%(activity)s' is in the file twice")
                    % {"activity": activity.identifier},
                )
            )
        elif activity.reporting_org_ref == own_ref:
            problems.append(
                (
                    activity.line,
                    _(
                        "the activity '%(activity)s' was published by Accord: import it as a "
                        "fund, not as another publisher's activity"
                    )
                    % {"activity": activity.identifier},
                )
            )
        seen.add(activity.identifier)
        activities.append(activity)
    if problems:
        raise _refuse(
            Code.IATI_UNSUPPORTED, problems, _("Nothing was imported; the file has problems")
        )
    return tuple(activities)
