"""Hypothesis strategies and a realistic example for IATI activity sets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from accord.funds.iati import (
    Activity,
    ActivityDate,
    ActivityDateType,
    ActivitySet,
    ActivityStatus,
    Budget,
    BudgetStatus,
    BudgetType,
    Money,
    Org,
    OrganisationRole,
    ParticipatingOrg,
    ReportingOrg,
    Sector,
    Transaction,
    TransactionType,
    activity_identifier,
    codelist,
)

# Any text XML 1.0 can carry: no C0 controls except tab, newline and carriage return, no
# surrogates, no U+FFFE/U+FFFF.
xml_text = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cs", "Cc"),
            blacklist_characters="\ufffe\uffff",
        ),
        st.sampled_from("\t\n\r"),
    ),
    max_size=40,
)
# References and codes are free text in the schema: any XML text round-trips, including quotes,
# angle brackets and line breaks inside attributes.
refs = xml_text.filter(bool)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
) | st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2040, 1, 1),
    timezones=st.just(timezone(timedelta(hours=4, minutes=30))),  # Kabul
)
currencies = st.sampled_from(sorted(codelist("Currency")))
amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)


def _codes(enum) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in enum])


money = st.builds(Money, amount=amounts, currency=currencies, value_date=days)
orgs = st.builds(
    Org,
    name=st.none() | xml_text,
    ref=st.none() | refs,
    type=st.none() | st.sampled_from(["10", "21", "40", "80"]),
)
participating = st.builds(
    ParticipatingOrg,
    role=_codes(OrganisationRole),
    name=st.none() | xml_text,
    ref=st.none() | refs,
    type=st.none() | st.sampled_from(["10", "40"]),
)
transactions = st.builds(
    Transaction,
    type=_codes(TransactionType),
    transaction_date=days,
    value=money,
    ref=st.none() | refs,
    description=st.none() | xml_text,
    provider=st.none() | orgs,
    receiver=st.none() | orgs,
)
budgets = st.builds(
    Budget,
    period_start=days,
    period_end=days,
    value=money,
    type=_codes(BudgetType),
    status=_codes(BudgetStatus),
)
sectors = st.builds(
    Sector,
    code=st.sampled_from(["15210", "15220", "15240", "15250"]),
    vocabulary=st.sampled_from(["1", "2"]),
    percentage=st.none() | st.decimals(min_value=0, max_value=100, places=1),
)
activities = st.builds(
    Activity,
    identifier=refs,
    title=xml_text,
    description=xml_text,
    status=_codes(ActivityStatus),
    dates=st.lists(st.builds(ActivityDate, _codes(ActivityDateType), days), min_size=1, max_size=3),
    participating_orgs=st.lists(participating, min_size=1, max_size=3),
    default_currency=st.none() | currencies,
    last_updated=st.none() | moments,
    lang=st.sampled_from(["en", "fr", "ru"]),
    recipient_country=st.none() | st.just("AF"),
    sectors=st.lists(sectors, max_size=2),
    budgets=st.lists(budgets, max_size=2),
    transactions=st.lists(transactions, max_size=4),
)
activity_sets = st.builds(
    ActivitySet,
    generated_datetime=moments,
    reporting_org=st.builds(ReportingOrg, ref=refs, type=st.just("40"), name=xml_text),
    activities=st.lists(activities, min_size=1, max_size=3),
)


def realistic_set() -> ActivitySet:
    """The NRC Helicopter Maintenance Trust Fund as Accord would publish it (illustrative)."""
    nato = ReportingOrg(ref="XI-IATI-NATO", type="40", name="North Atlantic Treaty Organization")
    germany = Org(name="Germany", ref="XM-DAC-5", type="10")
    usa = Org(name="United States", ref="XM-DAC-302", type="10")
    nspa = Org(name="NATO Support and Procurement Agency", ref="XI-NSPA", type="40")

    def eur(amount: str, day: date) -> Money:
        return Money(Decimal(amount), "EUR", day)

    hmtf = Activity(
        identifier=activity_identifier("XI-IATI-NATO", "NRC-HMTF"),
        title="NATO-Russia Council Helicopter Maintenance Trust Fund",
        description=(
            "Maintenance, spare parts and technical training for the Mi-17 and Mi-35 "
            "helicopter fleet of the Afghan Air Force. Figures are illustrative."
        ),
        status=ActivityStatus.IMPLEMENTATION,
        dates=[
            ActivityDate(ActivityDateType.ACTUAL_START, date(2011, 4, 15)),
            ActivityDate(ActivityDateType.PLANNED_END, date(2014, 12, 31)),
        ],
        participating_orgs=[
            ParticipatingOrg(OrganisationRole.FUNDING, "Germany", "XM-DAC-5", "10"),
            ParticipatingOrg(OrganisationRole.FUNDING, "United States", "XM-DAC-302", "10"),
            ParticipatingOrg(OrganisationRole.ACCOUNTABLE, nato.name, nato.ref, "40"),
            ParticipatingOrg(OrganisationRole.IMPLEMENTING, nspa.name, nspa.ref, "40"),
        ],
        default_currency="EUR",
        last_updated=datetime(2014, 6, 30, 12, 0, tzinfo=UTC),
        recipient_country="AF",
        sectors=[Sector("15210", "1", Decimal("100"))],
        budgets=[
            Budget(date(2013, 1, 1), date(2013, 12, 31), eur("5000000.00", date(2013, 1, 1))),
            Budget(
                date(2014, 1, 1),
                date(2014, 12, 31),
                eur("6500000.00", date(2014, 1, 1)),
                BudgetType.REVISED,
                BudgetStatus.COMMITTED,
            ),
        ],
        transactions=[
            Transaction(
                TransactionType.INCOMING_PLEDGE,
                date(2013, 2, 20),
                eur("2000000.00", date(2013, 2, 20)),
                ref="PLEDGE-DEU-2013",
                description="Pledge by Germany",
                provider=germany,
            ),
            Transaction(
                TransactionType.INCOMING_FUNDS,
                date(2013, 5, 2),
                eur("1500000.00", date(2013, 5, 2)),
                ref="CONTRIB-DEU-2013-1",
                description="First instalment",
                provider=germany,
            ),
            Transaction(
                TransactionType.INCOMING_FUNDS,
                date(2013, 6, 14),
                Money(Decimal("750000.00"), "USD", date(2013, 6, 14)),
                ref="CONTRIB-USA-2013",
                provider=usa,
            ),
            Transaction(
                TransactionType.OUTGOING_COMMITMENT,
                date(2013, 7, 1),
                eur("900000.00", date(2013, 7, 1)),
                ref="COMMIT-NSPA-0001",
                description="Spare parts, Mi-17 overhaul batch 1",
                receiver=nspa,
            ),
            Transaction(
                TransactionType.DISBURSEMENT,
                date(2013, 9, 30),
                eur("600000.00", date(2013, 9, 30)),
                ref="DISB-NSPA-0001",
                receiver=nspa,
            ),
            Transaction(
                TransactionType.OUTGOING_COMMITMENT,
                date(2013, 12, 1),
                eur("-300000.00", date(2013, 12, 1)),
                ref="VOID-NSPA-0001",
                description="Unused part of commitment COMMIT-NSPA-0001 cancelled",
                receiver=nspa,
            ),
        ],
    )
    return ActivitySet(datetime(2014, 7, 1, 8, 0, tzinfo=UTC), nato, [hmtf])
