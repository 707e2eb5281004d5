"""Oversight's part of the demo: three findings after what SIGAR and the press reported of the
Afghan helicopter programmes (the scenario's sources S-83 and S-87), each citing records the demo
holds and, where the chain is sealed, the audit entries that created them. One recommendation is
open, one closed as risk-accepted, one remediated with its evidence, opened at ages that fill the
dashboard's brackets. The findings' wording is the demo's own illustration of the sourced items.
"""

from __future__ import annotations

from datetime import timedelta

from accord.audit import selectors as audit_selectors
from accord.core.demo import demo_step
from accord.fleet import selectors as fleet_selectors
from accord.funds import selectors as funds_selectors
from accord.markings import Marking
from accord.oversight import selectors, services
from accord.oversight.inputs import CorrectiveActionValues, FindingValues, RecommendationValues

# The findings' titles: data the demo writes, in the mission's language like every record's.
TITLES = {
    "SMW_TITLE": "Mi-17V-5 bought for the Special Mission Wing ahead of its crews and maintainers",
    "FLEET_TITLE": "Afghan Air Force Mi-17 fleet down to 13 aircraft",
    "RECEIPT_TITLE": "Trust fund disbursement without the executing agent's receipt on file",
}


def _position_of(actor, record) -> int | None:
    """The chain position of the entry that created ``record``, if sealed."""
    entries = list(audit_selectors.audit_history(actor=actor, obj=record).order_by("id")[:1])
    if not entries:
        return None
    return audit_selectors.audit_positions_of([entries[0].pk]).get(entries[0].pk)


def _cite(actor, finding, record, label: str, key: str, note: str) -> None:
    services.finding_cite_record(actor=actor, finding=finding, kind=label, key=key, note=note)
    position = _position_of(actor, record)
    if position is not None:
        services.finding_cite_audit(
            actor=actor, finding=finding, position=position, note=note + " (its creation)"
        )


def _smw_finding(actor, today):
    finding = services.finding_create(
        actor=actor,
        values=FindingValues(
            title=TITLES["SMW_TITLE"],
            severity="high",
            module="fleet",
            root_cause=(
                "30 Mi-17V-5 were ordered from Rosoboronexport in June 2013 (USD 554-572 "
                "million, scenario source S-83, reported after SIGAR) for a wing that could not "
                "yet crew or maintain them. Demo illustration of the sourced item."
            ),
            owner="Helicopter programme office",
            found_on=today - timedelta(days=220),
            due=today + timedelta(days=60),
            marking=Marking.PUBLIC,
        ),
    )
    aircraft = fleet_selectors.aircraft_list(actor=actor).order_by("pk").first()
    if aircraft is not None:
        _cite(
            actor, finding, aircraft, "fleet.aircraft", aircraft.tail_number, "An aircraft bought"
        )
    open_rec = services.recommendation_create(
        actor=actor,
        finding=finding,
        values=RecommendationValues(
            text="Tie each further delivery to the number of crews and technicians certified.",
            owner="Helicopter programme office",
            opened_on=today - timedelta(days=200),
        ),
    )
    services.corrective_action_create(
        actor=actor,
        recommendation=open_rec,
        values=CorrectiveActionValues(
            description="Report certified crews and technicians per aircraft each quarter.",
            owner="Training branch",
        ),
    )
    accepted = services.recommendation_create(
        actor=actor,
        finding=finding,
        values=RecommendationValues(
            text="Suspend the remaining deliveries until the wing's manning is confirmed.",
            opened_on=today - timedelta(days=210),
        ),
    )
    services.recommendation_close(
        actor=actor,
        recommendation=accepted,
        outcome="risk_accepted",
        accepted_by="Programme's senior responsible owner",
        note="The aircraft were needed for the wing's missions; the risk is accepted.",
        expected_version=accepted.version,
    )
    return finding


def _fleet_size_finding(actor, today):
    finding = services.finding_create(
        actor=actor,
        values=FindingValues(
            title=TITLES["FLEET_TITLE"],
            severity="critical",
            module="fleet",
            root_cause=(
                "13 Mi-17 left with the Afghan Air Force in July 2021 (scenario source S-87, "
                "citing SIGAR), from 36 in 2012: sanctions ended the Russian parts supply. "
                "Demo illustration of the sourced item."
            ),
            owner="Air advisory group",
            found_on=today - timedelta(days=100),
            marking=Marking.NATO,
        ),
    )
    services.recommendation_create(
        actor=actor,
        finding=finding,
        values=RecommendationValues(
            text="Plan the fleet's availability on the parts that can still be obtained.",
            owner="Air advisory group",
            opened_on=today - timedelta(days=95),
        ),
    )
    return finding


def _disbursement_finding(actor, today):
    fund = funds_selectors.fund_list(actor=actor).filter(code="nrc_hmtf").first()
    if fund is None:
        return None
    finding = services.finding_create(
        actor=actor,
        values=FindingValues(
            title=TITLES["RECEIPT_TITLE"],
            severity="medium",
            module="funds",
            root_cause="Receipts were kept by the agent and not copied to the fund's file.",
            owner="Fund manager",
            found_on=today - timedelta(days=40),
            marking=Marking.PUBLIC,
        ),
    )
    disbursement = funds_selectors.disbursement_list(actor=actor, fund=fund).order_by("pk").first()
    if disbursement is not None:
        _cite(
            actor, finding, disbursement, "funds.disbursement", disbursement.entry_id, "Disbursed"
        )
    rec = services.recommendation_create(
        actor=actor,
        finding=finding,
        values=RecommendationValues(
            text="Keep a copy of every receipt in the fund's file.",
            owner="Fund manager",
            opened_on=today - timedelta(days=35),
        ),
    )
    action = services.corrective_action_create(
        actor=actor,
        recommendation=rec,
        values=CorrectiveActionValues(description="Collect the year's receipts from the agent."),
    )
    services.corrective_action_complete(
        actor=actor,
        action=action,
        evidence="Receipts for every disbursement of the year filed and counted.",
        expected_version=action.version,
    )
    services.recommendation_close(
        actor=actor, recommendation=rec, outcome="remediated", expected_version=rec.version
    )
    return finding


@demo_step(order=90)
def oversight_findings(actor, now) -> str | None:
    """Three findings with their citations and recommendations (once)."""
    if selectors.findings_visible_to(actor).exists():
        return None
    today = now.date()
    made = [
        f
        for f in (
            _smw_finding(actor, today),
            _fleet_size_finding(actor, today),
            _disbursement_finding(actor, today),
        )
        if f is not None
    ]
    return f"Oversight: {len(made)} findings with their citations and recommendations."
