"""Per-operation schemas of the funds API. Amounts travel as decimal strings in major units."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from accord.inputs import ISO3, Input
from accord.markings import Marking
from accord.names import OtherNames, other_languages

OtherTexts = other_languages(5000)

Key = Field(
    None,
    min_length=1,
    max_length=64,
    description="Your idempotency key: a retry with the same key posts once; the same key "
    "with other content is refused (409 idempotency_conflict).",
)
Amount = Field(description='In major units, e.g. "1250000.00"; must be greater than zero.')


class FundOut(Schema):
    code: str
    name: str
    names: dict[str, str | None] = Field(
        description='the name in each language: {"en", "ru", "fa-af", "ps"}, null where none'
    )
    local_name: str = Field(description="the name in the requested language, else the English")
    currency: str
    status: str
    marking: Marking
    purpose: str
    purposes: dict[str, str | None]
    manager: str | None
    lead_nation: str | None
    joint_action: str | None
    legal_basis: str | None
    established: date | None
    sector: str = Field(description="OECD DAC 5-digit sector (IATI vocabulary 1); empty if none")
    recipient_country: str = Field(description="ISO 3166-1 alpha-2; empty if none")
    donors: list[str]
    version: int


class FundIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    name: str = Field(min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    currency: str = Field(min_length=3, max_length=3)
    purpose: str = Field("", max_length=5000)
    purposes: OtherTexts | None = None
    marking: Marking | None = Field(
        None, description="Who may read the fund; left out, the fund is public."
    )
    owner_nation: ISO3 | None = None
    manager: str | None = None
    lead_nation: ISO3 | None = None
    joint_action: str | None = None
    legal_basis: str | None = None
    established: date | None = None
    sector: str = Field("", max_length=5, description="OECD DAC 5-digit sector, e.g. 15210")
    recipient_country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2, e.g. AF")


class FundPatch(Input):
    expected_version: int = Field(ge=1)
    name: str | None = Field(None, min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    purpose: str | None = Field(None, max_length=5000)
    purposes: OtherTexts | None = None
    status: str | None = Field(None, pattern=r"^(open|closed)$")
    donors: list[ISO3] | None = None
    sector: str | None = Field(None, max_length=5)
    recipient_country: str | None = Field(None, max_length=2)


class MoneyFigures(Schema):
    pledged: str
    received: str
    committed: str
    disbursed: str
    available: str


class DonorLineOut(Schema):
    nation: str
    name: str
    local_name: str
    pledged: str
    received: str
    outstanding: str
    over_paid: str


class StatementOut(Schema):
    fund: str
    currency: str
    at: date
    figures: MoneyFigures
    minor: dict[str, int]
    in_eur: MoneyFigures | None
    in_usd: MoneyFigures | None
    rate_problem: str
    donors: list[DonorLineOut]
    by_kind: dict[str, str] = Field(
        description="expenditure, interest, fees, direct_costs, fx_realised, fx_unrealised "
        "(gains positive), in the fund's currency"
    )


class PledgeIn(Input):
    nation: ISO3
    amount: Decimal = Amount
    currency: str = Field(min_length=1, max_length=8)
    day: date
    period_start: date | None = None
    period_end: date | None = None
    conditions: str = Field("", max_length=2000)
    idempotency_key: str | None = Key


class MoneyContributionIn(Input):
    nation: ISO3
    amount: Decimal = Amount
    currency: str = Field(min_length=1, max_length=8)
    day: date
    kind: str = Field("cash", pattern=r"^(cash|in_kind)$")
    pledge: str | None = Field(None, description="The pledge's entry id")
    note: str = Field("", max_length=2000)
    idempotency_key: str | None = Key


class CommitmentIn(Input):
    amount: Decimal = Amount
    day: date
    payee: str = Field(min_length=1, max_length=200)
    budget_line: int | None = None
    idempotency_key: str | None = Key


class DisbursementIn(Input):
    amount: Decimal = Amount
    day: date
    payee: str = Field("", max_length=200)
    commitment: str | None = Field(None, description="The commitment's entry id")
    budget_line: int | None = None
    idempotency_key: str | None = Key


class CancelIn(Input):
    day: date
    idempotency_key: str | None = Key


class RefundIn(Input):
    nation: ISO3
    amount: Decimal = Amount
    day: date
    idempotency_key: str | None = Key


class LedgerReverseIn(Input):
    day: date
    reason: str = Field(min_length=1, max_length=250)
    idempotency_key: str | None = Key


class RecordOut(Schema):
    """A pledge, contribution, commitment, disbursement or refund."""

    entry: str
    fund: str
    day: date
    amount: str
    currency: str
    fund_amount: str
    nation: str | None = None
    payee: str | None = None
    kind: str | None = None
    remaining: str | None = None
    estimated: bool
    note: str


class LedgerEntryOut(Schema):
    id: str
    kind: str
    value_date: date
    description: str
    reverses: str | None
    estimated: bool
    actor_name: str


class ConditionIn(Input):
    nation: ISO3
    text: str = Field(min_length=1, max_length=2000)
    due: date | None = None
    pledge: str | None = Field(None, description="The pledge's entry id")


class ConditionAssessIn(Input):
    status: str = Field(description="met, not_met or pending (not assessed yet)")
    evidence: str = Field("", max_length=2000)
    day: date | None = Field(None, description="The day of the assessment; today if none")
    expected_version: int


class ConditionOut(Schema):
    id: int
    fund: str
    nation: str | None = Field(description="The donor; null for one the caller may not read")
    pledge: str | None
    text: str
    due: date | None
    overdue: bool
    status: str
    evidence: str
    assessed_by: str
    assessed_on: date | None
    version: int


class RateIn(Input):
    currency: str = Field(min_length=3, max_length=3)
    day: date
    per_eur: Decimal = Field(gt=0)
    source: str = Field("", max_length=200)


class RateOut(Schema):
    currency: str
    day: date
    per_eur: Decimal
    estimated: bool
    source: str


class RatesImportOut(Schema):
    rates: int
    days: int
    first_day: date
    last_day: date
    currencies: list[str]
    left_out_currencies: list[str] = Field(
        description="Currencies of the file Accord keeps no books in: not kept"
    )
    days_before_history: int = Field(description="Days before the mission's history: not kept")


class IatiImportOut(Schema):
    funds: list[str]
    entries: int
    findings: list[str] = Field(description="the IATI ruleset's findings, each with its line")


class ExpenditureIn(Input):
    implementer: str = Field(min_length=1, max_length=200)
    amount: Decimal = Amount
    day: date
    idempotency_key: str | None = Key


class InterestIn(Input):
    source: str = Field("", max_length=200)
    amount: Decimal = Amount
    day: date
    idempotency_key: str | None = Key


class FeeIn(Input):
    agent: str = Field("", max_length=200)
    amount: Decimal | None = Field(None, description="The fee, or give percent instead")
    percent: Decimal | None = Field(
        None, description="A share of the contributions received up to day (1 = one per cent)"
    )
    day: date
    idempotency_key: str | None = Key


class DirectCostIn(Input):
    purpose: str = Field(min_length=1, max_length=200)
    amount: Decimal = Amount
    day: date
    idempotency_key: str | None = Key


class MovementOut(Schema):
    """An entry of the kinds the MPTF Office Gateway reports: its amount in the fund's currency."""

    entry: str
    fund: str
    kind: str
    day: date
    amount: str
    currency: str
    description: str


class RevaluationIn(Input):
    day: date
    idempotency_key: str | None = Key


class RevaluationLineOut(Schema):
    pledge: str
    nation: str | None
    day: date
    currency: str
    open: str
    booked: str
    revalued: str
    difference: str


class RevaluationOut(Schema):
    fund: str
    day: date
    currency: str
    lines: list[RevaluationLineOut]
    total: str


class RevaluationPostedOut(Schema):
    entry: str
    day: date
    reversed: list[str] = Field(description="The earlier revaluations this one replaced")
    differences: dict[str, str] = Field(description="Per donor (ISO3), gains positive")
    total: str


class BankImportOut(Schema):
    statement: int
    format: str = Field(description="csv or camt053")
    identifier: str
    lines: int
    matched: int
    first_day: date
    last_day: date


class BankLineOut(Schema):
    id: int
    statement: int
    line: int = Field(description="The line of the file it was read from")
    day: date
    amount: str = Field(description="Negative for money out")
    currency: str
    reference: str
    description: str
    status: str = Field(description="unmatched, proposed (by Accord) or confirmed")
    entry: str | None
    matched_by: str


class UnmatchedEntryOut(Schema):
    entry: str
    day: date
    amount: str
    currency: str
    description: str


class ReconciliationOut(Schema):
    fund: str
    lines: list[BankLineOut]
    unmatched_lines: int
    unmatched_entries: list[UnmatchedEntryOut]


class BankMatchIn(Input):
    entry: str | None = Field(
        None, description="The entry to match the line to; none to confirm its proposed match"
    )


class ExternalActivityOut(Schema):
    id: int
    identifier: str
    reporting_org_ref: str
    reporting_org_name: str
    title: str
    recipient_country: str
    status: str
    start: date | None
    end: date | None
    currency: str
    marking: Marking
    version: int


class ExternalActivityDetailOut(ExternalActivityOut):
    description: str
    last_updated: datetime | None
    imported_at: datetime
    known: dict = Field(
        description="the parts Accord reads: organisations, dates, sectors, "
        "countries, budgets, transactions, texts, elements kept unread"
    )
    findings: list[dict] = Field(description="the IATI ruleset's findings at the last import")
    raw_xml: str = Field(description="the iati-activity as its publisher published it")


class ExternalImportOut(Schema):
    created: list[str]
    updated: list[str]
    findings: list[str]
