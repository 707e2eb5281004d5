"""Bank statements as plain data: read from CSV or ISO 20022 CAMT.053, and matched to the ledger.

A statement is read whole or refused: every line is checked and the first problems are named by
their line in the file (``Line 4: ...``), so that nothing is half-kept. Amounts become integer
minor units through :mod:`accord.money` (money in is positive, money out negative).

The CSV has a header row naming its columns, in any order: ``date`` (YYYY-MM-DD), ``amount``
(plain figures with a point, ``-`` for money out: ``-1250.50``), ``currency`` (ISO 4217),
``reference`` and ``description`` (both may be empty or left out).

A CAMT.053 file (any version, ``urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx``) gives each
``Stmt``'s ``Ntry`` elements: ``Amt`` with its ``Ccy``, ``CdtDbtInd`` (``CRDT`` in, ``DBIT``
out), ``BookgDt`` (``Dt`` or ``DtTm``), ``AcctSvcrRef`` as the reference and the remittance
information (``RmtInf``: ``Ustrd`` texts, or a structured creditor reference) as the description.

Matching (:func:`match`): a line matches an entry that moved the same amount of the same currency
in or out of the fund's cash, on a day at most ``MATCH_DAYS`` apart; a line whose reference or
description names the entry (its key), or whose reference the entry's description holds, is
matched first; the others take the nearest day, then the earliest entry.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from lxml import etree

from accord.l10n import gettext as _
from accord.money import MoneyError, to_minor

MATCH_DAYS = 3
MAX_PROBLEMS = 10
MAX_LINES = 20_000
CSV_COLUMNS = ("date", "amount", "currency", "reference", "description")
CAMT_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053."


@dataclass(frozen=True)
class Line:
    line: int
    day: date
    amount: int
    currency: str
    reference: str = ""
    description: str = ""


@dataclass(frozen=True)
class Read:
    identifier: str
    lines: tuple[Line, ...]


class BankFileError(Exception):
    """A file that is not a statement Accord can read; ``problems`` name their lines."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def _day(text: str) -> date:
    return date.fromisoformat((text or "").strip()[:10])


def _amount(text: str, currency: str) -> int:
    if text is None:
        raise ValueError(_("its CdtDbtInd is neither CRDT (money in) nor DBIT (money out)."))
    text = text.strip()
    if not text or "," in text or "e" in text.lower():
        raise ValueError(
            _("%(amount)s is not an amount; write it in figures with a point, e.g. -1250.50.")
            % {"amount": repr(text)}
        )
    try:
        return to_minor(text, currency)
    except MoneyError as error:
        raise ValueError(str(error)) from None


def _line(number: int, day: str, amount: str, currency: str, reference: str, description: str):
    """One statement line checked; a problem is raised as its message, without the number."""
    currency = (currency or "").strip().upper()
    try:
        parsed_day = _day(day)
    except ValueError:
        raise ValueError(
            _("the date %(day)s is not a date as YYYY-MM-DD.") % {"day": repr(day)}
        ) from None
    minor = _amount(amount, currency)
    if minor == 0:
        raise ValueError(_("the amount is zero; a statement line moves money."))
    return Line(
        number,
        parsed_day,
        minor,
        currency,
        (reference or "").strip()[:200],
        " ".join((description or "").split())[:500],
    )


def _collect(rows) -> tuple[Line, ...]:
    """Lines from ``(number, fields...)`` rows, or every problem (the first ten) at once."""
    lines, problems, more = [], [], 0
    for number, *fields in rows:
        try:
            lines.append(_line(number, *fields))
        except ValueError as error:
            if len(problems) < MAX_PROBLEMS:
                problems.append(
                    _("Line %(line)s: %(problem)s") % {"line": number, "problem": error}
                )
            else:
                more += 1
        if len(lines) + len(problems) + more > MAX_LINES:
            raise BankFileError(
                [_("The statement has more than %(count)s lines; split it.") % {"count": MAX_LINES}]
            )
    if more:
        problems.append(_("and %(count)s more.") % {"count": more})
    if problems:
        raise BankFileError(problems)
    if not lines:
        raise BankFileError([_("The statement has no lines.")])
    return tuple(lines)


def read_csv(data: bytes) -> Read:
    """A CSV statement (the columns in the module's docstring), header row first."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BankFileError([_("The file is not text in UTF-8; save the CSV as UTF-8.")]) from None
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise BankFileError(
            [_("Line 1: the CSV cannot be read (%(problem)s).") % {"problem": error}]
        ) from None
    names = [(h or "").strip().lower() for h in header or []]
    missing = [c for c in ("date", "amount", "currency") if c not in names]
    if missing:
        raise BankFileError(
            [
                _(
                    "Line 1 must name the columns: date, amount, currency, and optionally "
                    "reference and description; %(missing)s is missing."
                )
                % {"missing": ", ".join(missing)}
            ]
        )
    at = {c: names.index(c) if c in names else None for c in CSV_COLUMNS}

    def rows():
        for row in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            yield (
                number,
                *(
                    row[at[c]] if at[c] is not None and at[c] < len(row) else ""
                    for c in CSV_COLUMNS
                ),
            )

    try:
        return Read("", _collect(rows()))
    except csv.Error as error:
        raise BankFileError(
            [
                _("Line %(line)s: the CSV cannot be read (%(problem)s).")
                % {"line": reader.line_num, "problem": error}
            ]
        ) from None


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child) == name]


def _first(element, *path: str):
    """The first element down ``path`` (local names), or None."""
    found = [element]
    for name in path:
        found = [child for parent in found for child in _children(parent, name)]
        if not found:
            return None
    return found[0]


def _text(element, *path: str) -> str:
    found = _first(element, *path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def read_camt053(data: bytes) -> Read:
    """A CAMT.053 bank-to-customer statement (parsed with lxml, no DTD, no entities)."""
    head = data[:2048]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise BankFileError(
            [_("The file declares a DOCTYPE or entities; a CAMT.053 statement needs neither.")]
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise BankFileError(
            [_("Line %(line)s: the XML is not well-formed.") % {"line": error.lineno or 1}]
        ) from None
    namespace = etree.QName(root).namespace or ""
    if _local(root) != "Document" or not namespace.startswith(CAMT_NAMESPACE):
        raise BankFileError(
            [
                _(
                    "This is not a CAMT.053 statement: its root is not a Document of the "
                    "namespace %(namespace)s..."
                )
                % {"namespace": CAMT_NAMESPACE}
            ]
        )
    statements = [
        stmt for message in _children(root, "BkToCstmrStmt") for stmt in _children(message, "Stmt")
    ]
    if not statements:
        raise BankFileError([_("The file holds no statement (BkToCstmrStmt/Stmt).")])
    identifiers = [_text(stmt, "Id") for stmt in statements]

    def rows():
        for stmt in statements:
            for entry in _children(stmt, "Ntry"):
                amount = _first(entry, "Amt")
                figure = (amount.text or "").strip() if amount is not None else ""
                sign = _text(entry, "CdtDbtInd")
                if sign == "DBIT" and figure:
                    figure = "-" + figure
                elif sign != "CRDT":
                    figure = None
                day = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")
                currency = amount.get("Ccy", "") if amount is not None else ""
                yield (
                    entry.sourceline,
                    day,
                    figure,
                    currency,
                    _text(entry, "AcctSvcrRef"),
                    _remittance(entry),
                )

    return Read(" ".join(i for i in identifiers if i)[:100], _collect(rows()))


def _remittance(entry) -> str:
    texts = []
    for details in _children(entry, "NtryDtls"):
        for tx in _children(details, "TxDtls"):
            for info in _children(tx, "RmtInf"):
                texts += [(u.text or "").strip() for u in _children(info, "Ustrd")]
                for strd in _children(info, "Strd"):
                    ref = _text(strd, "CdtrRefInf", "Ref")
                    if ref:
                        texts.append(ref)
    return " ".join(t for t in texts if t) or _text(entry, "AddtlNtryInf")


def read(data: bytes) -> tuple[str, Read]:
    """The file's format (``csv`` or ``camt053``, told by its first character) and its lines."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return "camt053", read_camt053(data)
    return "csv", read_csv(data)


# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """A ledger entry as the bank sees it: what it moved in (+) or out (−) of the fund's cash."""

    entry: str
    key: str
    day: date
    amount: int
    currency: str
    description: str = ""


@dataclass(frozen=True)
class OpenLine:
    id: int
    day: date
    amount: int
    currency: str
    reference: str = ""
    description: str = ""


def _names(line: OpenLine, movement: Movement) -> bool:
    """The line names the entry (its key in the reference or description), or the entry's
    description holds the line's reference."""
    said = f"{line.reference} {line.description}".lower()
    key = movement.key.lower()
    if len(key) >= 4 and key in said:
        return True
    reference = line.reference.lower()
    return len(reference) >= 4 and reference in movement.description.lower()


def match(
    lines: list[OpenLine], movements: list[Movement], *, days: int = MATCH_DAYS
) -> dict[int, str]:
    """Each line's entry (line id → entry id), each entry used once: references first."""
    taken: set[str] = set()
    found: dict[int, str] = {}

    def candidates(line):
        return [
            m
            for m in movements
            if m.entry not in taken
            and m.amount == line.amount
            and m.currency == line.currency
            and abs((m.day - line.day).days) <= days
        ]

    ordered = sorted(lines, key=lambda line: (line.day, line.id))
    for line in ordered:
        named = [m for m in candidates(line) if _names(line, m)]
        if named:
            best = min(named, key=lambda m: (abs((m.day - line.day).days), m.day, m.entry))
            found[line.id] = best.entry
            taken.add(best.entry)
    for line in ordered:
        if line.id in found:
            continue
        near = candidates(line)
        if near:
            best = min(near, key=lambda m: (abs((m.day - line.day).days), m.day, m.entry))
            found[line.id] = best.entry
            taken.add(best.entry)
    return found
