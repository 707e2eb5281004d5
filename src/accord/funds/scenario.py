"""The scenario's trust funds, with a plausible history of their money.

``trust_funds`` in ``scenario.yaml`` gives what public sources say: the NRC Helicopter
Maintenance Trust Fund (phase 1 over USD 20 million from nine NRC nations in cash and in kind,
Russia over USD 3.3 million; phase 2 budgeted at EUR 5.2 million, EUR 4.115 million funded by
March 2013, Russia USD 4.1 million in 2014), the ANA Trust Fund (USD 400 million pledged for
2015) and the Chicago Summit's sustainment model (USD 4.1 billion a year, at least 0.5 billion
from Afghanistan, 1.3 billion expected from allies other than the United States).

Where the sources give a total but not its split, the split below is illustrative: those
entries and records are marked ``estimated`` and say so in their note. Every posting goes
through the audited services under a fixed idempotency key, so loading twice posts nothing new.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.funds import services
from accord.funds.models import DonorCondition, ExchangeRate, TrustFund
from accord.markings import Marking

# ECB euro reference rates, annual averages (USD per EUR), dated the first day of the year.
USD_PER_EUR = {
    2007: "1.3705", 2008: "1.4708", 2009: "1.3948", 2010: "1.3257", 2011: "1.3920",
    2012: "1.2848", 2013: "1.3281", 2014: "1.3285", 2015: "1.1095", 2016: "1.1069",
    2017: "1.1297", 2018: "1.1810", 2019: "1.1195", 2020: "1.1422", 2021: "1.1827",
    2022: "1.0530", 2023: "1.0813", 2024: "1.0824", 2025: "1.1300", 2026: "1.1600",
}  # fmt: skip
RATE_SOURCE = "ECB euro foreign exchange reference rates, annual average"

# What each fund is, beyond the file: currency, marking, manager, council links.
FUNDS = {
    "nrc_hmtf": {
        "currency": "EUR",
        "marking": Marking.PUBLIC,
        "manager": "nspa",
        "joint_action": "nrc_hmtf",
        "legal_basis": None,
        "established": date(2011, 4, 15),
        "sector": "15210",
        "recipient_country": "AF",
    },
    "ana_tf": {
        "currency": "USD",
        "marking": Marking.NATO,
        "manager": "nato",
        "joint_action": "andsf_sustainment",
        "legal_basis": None,
        "established": date(2007, 1, 1),
        "sector": "15210",
        "recipient_country": "AF",
    },
    "lotfa": {
        "currency": "USD",
        "marking": Marking.PUBLIC,
        "manager": "undp",
        "joint_action": None,
        "legal_basis": None,
        "established": date(2002, 5, 1),
        "sector": "15210",
        "recipient_country": "AF",
    },
    "chicago_pledge": {
        "currency": "USD",
        "marking": Marking.PUBLIC,
        "manager": None,
        "joint_action": "andsf_sustainment",
        "legal_basis": "chicago_2012",
        "established": date(2012, 5, 21),
        "sector": "15210",
        "recipient_country": "AF",
    },
}

ILLUSTRATIVE = "Illustrative: the sources give the total, not this split."

# (key, nation, amount, currency, day, estimated, note, period)
PLEDGES = {
    "nrc_hmtf": [
        ("p1-USA", "USA", "6000000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2013)),
        ("p1-DEU", "DEU", "4000000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2013)),
        (
            "p1-RUS",
            "RUS",
            "3300000",
            "USD",
            date(2011, 4, 15),
            True,
            "Sources say over USD 3.3 million.",
            (2011, 2013),
        ),
        ("p1-TUR", "TUR", "1500000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2013)),
        ("p1-NLD", "NLD", "1500000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2012)),
        (
            "p1-CZE",
            "CZE",
            "1200000",
            "USD",
            date(2011, 4, 15),
            True,
            ILLUSTRATIVE + " Given in kind (training places and spare parts).",
            (2011, 2013),
        ),
        ("p1-DNK", "DNK", "1000000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2013)),
        ("p1-LUX", "LUX", "900000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2013)),
        ("p1-HRV", "HRV", "800000", "USD", date(2011, 4, 15), True, ILLUSTRATIVE, (2011, 2013)),
        ("p2-DEU", "DEU", "1200000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        ("p2-USA", "USA", "1500000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        ("p2-ITA", "ITA", "400000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        ("p2-NLD", "NLD", "300000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        ("p2-DNK", "DNK", "300000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        ("p2-TUR", "TUR", "200000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        ("p2-CZE", "CZE", "215000", "EUR", date(2012, 12, 6), True, ILLUSTRATIVE, (2013, 2015)),
        (
            "p2-RUS",
            "RUS",
            "4100000",
            "USD",
            date(2014, 1, 15),
            False,
            "Russia's phase 2 contribution, 2014.",
            (2014, 2015),
        ),
    ],
    "ana_tf": [
        (
            "p2015-USA",
            "USA",
            "100000000",
            "USD",
            date(2015, 1, 15),
            True,
            ILLUSTRATIVE,
            (2015, 2015),
        ),
        (
            "p2015-DEU",
            "DEU",
            "80000000",
            "USD",
            date(2015, 1, 15),
            True,
            ILLUSTRATIVE,
            (2015, 2015),
        ),
        (
            "p2015-GBR",
            "GBR",
            "70000000",
            "USD",
            date(2015, 1, 15),
            True,
            ILLUSTRATIVE,
            (2015, 2015),
        ),
        (
            "p2015-ITA",
            "ITA",
            "60000000",
            "USD",
            date(2015, 1, 15),
            True,
            ILLUSTRATIVE,
            (2015, 2015),
        ),
        (
            "p2015-NOR",
            "NOR",
            "50000000",
            "USD",
            date(2015, 1, 15),
            True,
            ILLUSTRATIVE,
            (2015, 2015),
        ),
        (
            "p2015-NLD",
            "NLD",
            "40000000",
            "USD",
            date(2015, 1, 15),
            True,
            ILLUSTRATIVE,
            (2015, 2015),
        ),
    ],
    "chicago_pledge": [
        (
            "y2015-USA",
            "USA",
            "2300000000",
            "USD",
            date(2012, 5, 21),
            True,
            "USD 4.1 billion a year less the Afghan and other allies' shares.",
            (2015, 2015),
        ),
        (
            "y2015-AFG",
            "AFG",
            "500000000",
            "USD",
            date(2012, 5, 21),
            False,
            "Afghanistan's own share, at least USD 500 million a year.",
            (2015, 2015),
        ),
        (
            "y2015-DEU",
            "DEU",
            "150000000",
            "EUR",
            date(2012, 5, 21),
            True,
            "Reported as EUR 150 million a year; approximate.",
            (2015, 2015),
        ),
    ],
}

# (key, nation, amount, currency, day, kind, pledge key, note)
CONTRIBUTIONS = {
    "nrc_hmtf": [
        ("c1-USA", "USA", "6000000", "USD", date(2011, 9, 1), "cash", "p1-USA", ""),
        ("c1-DEU", "DEU", "4000000", "USD", date(2011, 6, 1), "cash", "p1-DEU", ""),
        ("c1-RUS", "RUS", "3300000", "USD", date(2011, 11, 15), "cash", "p1-RUS", ""),
        ("c1-TUR", "TUR", "1500000", "USD", date(2012, 2, 1), "cash", "p1-TUR", ""),
        ("c1-NLD-a", "NLD", "750000", "USD", date(2011, 10, 1), "cash", "p1-NLD", "First half."),
        (
            "c1-NLD-b",
            "NLD",
            "750000",
            "USD",
            date(2013, 2, 1),
            "cash",
            "p1-NLD",
            "Second half, paid late.",
        ),
        (
            "c1-CZE",
            "CZE",
            "1200000",
            "USD",
            date(2012, 4, 1),
            "in_kind",
            "p1-CZE",
            "Spare parts and training places, valued at the agreed amount.",
        ),
        ("c1-DNK", "DNK", "1000000", "USD", date(2011, 12, 1), "cash", "p1-DNK", ""),
        (
            "c1-LUX",
            "LUX",
            "1000000",
            "USD",
            date(2011, 8, 1),
            "cash",
            "p1-LUX",
            "Paid more than pledged.",
        ),
        (
            "c1-HRV",
            "HRV",
            "500000",
            "USD",
            date(2012, 6, 1),
            "cash",
            "p1-HRV",
            "Partial: the rest never arrived.",
        ),
        ("c2-DEU", "DEU", "1200000", "EUR", date(2013, 2, 15), "cash", "p2-DEU", ""),
        ("c2-USA", "USA", "1500000", "EUR", date(2013, 3, 1), "cash", "p2-USA", ""),
        ("c2-ITA", "ITA", "400000", "EUR", date(2013, 3, 1), "cash", "p2-ITA", ""),
        ("c2-NLD", "NLD", "300000", "EUR", date(2013, 1, 20), "cash", "p2-NLD", ""),
        ("c2-DNK", "DNK", "300000", "EUR", date(2013, 2, 1), "cash", "p2-DNK", ""),
        ("c2-TUR", "TUR", "200000", "EUR", date(2013, 3, 15), "cash", "p2-TUR", ""),
        (
            "c2-CZE",
            "CZE",
            "215000",
            "EUR",
            date(2013, 3, 20),
            "in_kind",
            "p2-CZE",
            "Mi-35 spare parts, valued at the agreed amount.",
        ),
        ("c2-RUS", "RUS", "4100000", "USD", date(2014, 6, 1), "cash", "p2-RUS", ""),
    ],
    "ana_tf": [
        ("c2015-USA", "USA", "100000000", "USD", date(2015, 3, 1), "cash", "p2015-USA", ""),
        ("c2015-DEU", "DEU", "80000000", "USD", date(2015, 4, 1), "cash", "p2015-DEU", ""),
        ("c2015-GBR", "GBR", "70000000", "USD", date(2015, 5, 1), "cash", "p2015-GBR", ""),
        ("c2015-ITA", "ITA", "30000000", "USD", date(2015, 9, 1), "cash", "p2015-ITA", "Partial."),
        ("c2015-NOR", "NOR", "50000000", "USD", date(2016, 2, 1), "cash", "p2015-NOR", "Late."),
    ],
}

# (key, payee, amount in the fund's currency, day)
COMMITMENTS = {
    "nrc_hmtf": [
        (
            "k1-narp",
            "Novosibirsk Aircraft Repair Plant: Mi-17 technician courses",
            "7500000",
            date(2012, 3, 1),
        ),
        ("k1-parts", "Kazan Helicopters: OEM spare parts", "3000000", date(2012, 5, 1)),
        (
            "k2-courses",
            "Novosibirsk Aircraft Repair Plant: phase 2 Mi-17 and Mi-35 courses",
            "3500000",
            date(2013, 4, 23),
        ),
        (
            "k2-medevac",
            "Kazan Helicopters: Mi-17 MEDEVAC conversion kit",
            "600000",
            date(2013, 9, 1),
        ),
    ],
    "ana_tf": [
        ("k2015-sust", "ANA sustainment through CSTC-A", "250000000", date(2015, 6, 1)),
    ],
}

# (key, commitment key or None, payee, amount, day)
DISBURSEMENTS = {
    "nrc_hmtf": [
        ("d1-narp-1", "k1-narp", "", "2500000", date(2012, 4, 1)),
        ("d1-narp-2", "k1-narp", "", "2500000", date(2012, 10, 1)),
        ("d1-narp-3", "k1-narp", "", "2500000", date(2013, 5, 1)),
        ("d1-parts", "k1-parts", "", "2800000", date(2012, 11, 1)),
        ("d2-courses-1", "k2-courses", "", "1500000", date(2013, 10, 1)),
        ("d2-courses-2", "k2-courses", "", "1200000", date(2014, 9, 1)),
        ("d2-nspa", None, "NSPA: programme management", "250000", date(2013, 12, 1)),
    ],
    "ana_tf": [
        ("d2015-sust-1", "k2015-sust", "", "150000000", date(2015, 9, 1)),
        ("d2015-sust-2", "k2015-sust", "", "80000000", date(2016, 3, 1)),
    ],
}
# Commitments whose remainder was released: (key, commitment key, day).
CANCELLATIONS = {"nrc_hmtf": [("x1-parts", "k1-parts", date(2013, 1, 15))]}


def _rates(ctx: ScenarioContext) -> None:
    existing = set(ExchangeRate.objects.values_list("currency", "day"))
    for year, rate in USD_PER_EUR.items():
        day = date(year, 1, 1)
        if ("USD", day) not in existing:
            services.exchange_rate_set(
                actor=ctx.actor,
                currency="USD",
                day=day,
                per_eur=Decimal(rate),
                source=RATE_SOURCE,
                estimated=year >= 2025,
            )


@scenario_section("trust_funds", order=20)
def load_trust_funds(ctx: ScenarioContext) -> None:
    _rates(ctx)
    joint_actions = ctx.shared.get("council.joint_actions", {})
    legal_bases = ctx.shared.get("council.legal_bases", {})
    funds: dict[str, TrustFund] = {}
    for raw in ctx.items("trust_funds"):
        if not isinstance(raw, dict) or "id" not in raw or "name" not in raw:
            raise ctx.error(raw, "id", "trust_funds", "a fund needs an id and a name")
        extra = FUNDS.get(raw["id"])
        if extra is None:
            raise ctx.error(raw, "id", "trust_funds", "Accord does not know this fund's currency")
        lead = raw.get("lead_nation")
        if lead is not None and lead not in ctx.nations:
            raise ctx.error(raw, "lead_nation", "trust_funds", "no such nation")
        unknown = [s for s in raw.get("source", []) if s not in ctx.sources]
        if unknown:
            raise ctx.error(raw, "source", "trust_funds", f"unknown sources {unknown}")
        values = {
            "name": raw["name"],
            **ctx.language_columns(raw, "trust_funds"),
            **ctx.language_columns(raw, "trust_funds", "purpose"),
            "currency": extra["currency"],
            "marking": extra["marking"],
            "manager": ctx.organisations.get(extra["manager"]),
            "lead_nation": ctx.nations.get(lead),
            "purpose": raw.get("purpose", ""),
            "joint_action": joint_actions.get(extra["joint_action"]),
            "legal_basis": legal_bases.get(extra["legal_basis"]),
            "established": extra["established"],
            # Security system management and reform (DAC 15210), for Afghanistan: Accord's
            # reading of each fund's purpose, not a code the sources give.
            "sector": extra["sector"],
            "recipient_country": extra["recipient_country"],
        }
        funds[raw["id"]] = ctx.upsert(
            TrustFund, {"code": raw["id"]}, values, raw.get("source", []), "fund"
        )
    ctx.shared["funds.trust_funds"] = funds
    for code, fund in funds.items():
        _history(ctx, fund, code)


# Donors' conditions on their pledges (illustrative: the sources give none): the pledge's key,
# the condition, its due date, and the assessment (met on evidence, assessed on a day) or None.
CONDITIONS = {
    "nrc_hmtf": [
        (
            "p1-DEU",
            "An annual report on the use of the contribution, with the executing agent's "
            "audited figures.",
            date(2012, 3, 31),
            ("The executing agent's 2011 report to the NRC.", date(2012, 4, 20)),
        ),
        (
            "p1-USA",
            "An independent evaluation of the training delivered, before the phase ends.",
            date(2013, 12, 31),
            None,
        ),
    ],
}


def _conditions(ctx: ScenarioContext, fund: TrustFund, code: str, pledges: dict) -> None:
    for key, text, due, assessment in CONDITIONS.get(code, []):
        pledge = pledges[key]
        if DonorCondition.objects.filter(fund=fund, pledge=pledge, text=text).exists():
            continue  # loaded before: the scenario loads again without doubling them
        condition = services.condition_record(
            actor=ctx.actor,
            fund=fund,
            nation=pledge.nation,
            pledge=pledge,
            text=text,
            due=due,
            estimated=True,
        )
        if assessment:
            services.condition_assess(
                actor=ctx.actor,
                condition=condition,
                status="met",
                evidence=assessment[0],
                day=assessment[1],
                expected_version=condition.version,
            )


def _history(ctx: ScenarioContext, fund: TrustFund, code: str) -> None:
    actor, nations = ctx.actor, ctx.nations
    pledges = {}
    for key, iso3, amount, cur, day, est, note, period in PLEDGES.get(code, []):
        pledges[key] = services.pledge_record(
            actor=actor,
            fund=fund,
            nation=nations[iso3],
            amount=amount,
            currency=cur,
            day=day,
            period_start=date(period[0], 1, 1),
            period_end=date(period[1], 12, 31),
            idempotency_key=f"scn-{code}-{key}",
            estimated=est,
            note=note,
        )
    _conditions(ctx, fund, code, pledges)
    for key, iso3, amount, cur, day, kind, pledge, note in CONTRIBUTIONS.get(code, []):
        services.contribution_record(
            actor=actor,
            fund=fund,
            nation=nations[iso3],
            amount=amount,
            currency=cur,
            day=day,
            kind=kind,
            pledge=pledges.get(pledge),
            idempotency_key=f"scn-{code}-{key}",
            estimated=True,
            note=note or ILLUSTRATIVE,
        )
    commitments = {}
    for key, payee, amount, day in COMMITMENTS.get(code, []):
        commitments[key] = services.commitment_record(
            actor=actor,
            fund=fund,
            amount=amount,
            day=day,
            payee=payee,
            idempotency_key=f"scn-{code}-{key}",
            estimated=True,
            note=ILLUSTRATIVE,
        )
    for key, commitment, payee, amount, day in DISBURSEMENTS.get(code, []):
        services.disbursement_record(
            actor=actor,
            fund=fund,
            amount=amount,
            day=day,
            payee=payee,
            commitment=commitments.get(commitment),
            idempotency_key=f"scn-{code}-{key}",
            estimated=True,
            note=ILLUSTRATIVE,
        )
    for key, commitment, day in CANCELLATIONS.get(code, []):
        services.commitment_cancel(
            actor=actor,
            commitment=commitments[commitment],
            day=day,
            idempotency_key=f"scn-{code}-{key}",
        )
