"""The situation's part of the demo: the 135 real UCDP GED 23.1 events (a random sample of the
Afghan rows, see data/UCDP-GED-SOURCE.md) imported as a PUBLIC release, and control claims on
three Helmand districts from three assessors, so the side-by-side board has a disagreement and a
stale claim to show.

The claims are the demo's own illustrations, each marked estimated: the Long War Journal's and
the insurgents' are dated and worded after what was publicly reported (Sangin fell to the
Taliban in March 2017; Musa Qala was held by them from 2015); the Resolute Support assessments
are marked NATO, as RS's district assessments were withheld from publication from 2018.

Narcotics and incidents: the two seizures the NRC reported as notable (S-91), and one incident,
the truck bomb of 19 April 2016 in Kabul as the press reported it, with three
consequence-management tasks that are the demo's own illustrations.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import resources

from accord.core import selectors as core_selectors
from accord.core.demo import demo_step
from accord.markings import Marking
from accord.situation import selectors, services
from accord.situation.inputs import (
    ControlClaimValues,
    IncidentTaskValues,
    IncidentValues,
    SeizureValues,
)

GED_FILE = "ged231-sample-afghanistan.csv"
GED_RELEASE = "23.1 (sample)"

# (district, assessor, status, as of, confidence, marking, source)
CLAIMS = (
    (
        "Sangin",
        "long_war_journal",
        "insurgent",
        date(2017, 3, 23),
        "medium",
        Marking.PUBLIC,
        "Long War Journal district control map, after press reports of Sangin's fall (Mar 2017)",
    ),
    (
        "Sangin",
        "rs_assessment",
        "contested",
        date(2017, 1, 31),
        "medium",
        Marking.NATO,
        "RS district assessment (illustrative; RS assessments were not published)",
    ),
    (
        "Sangin",
        "insurgent_claim",
        "insurgent",
        date(2017, 3, 23),
        "low",
        Marking.PUBLIC,
        "Taliban statement claiming Sangin district centre (as reported, Mar 2017)",
    ),
    (
        "Musa Qala",
        "long_war_journal",
        "insurgent",
        date(2016, 9, 1),
        "medium",
        Marking.PUBLIC,
        "Long War Journal district control map (Taliban-controlled from 2015)",
    ),
    (
        "Musa Qala",
        "rs_assessment",
        "insurgent",
        date(2016, 8, 31),
        "medium",
        Marking.NATO,
        "RS district assessment (illustrative; RS assessments were not published)",
    ),
    (
        "Nad Ali",
        "long_war_journal",
        "contested",
        date(2017, 3, 23),
        "medium",
        Marking.PUBLIC,
        "Long War Journal district control map (contested)",
    ),
    (
        "Nad Ali",
        "national_estimate",
        "controlled",
        date(2016, 6, 30),
        "low",
        Marking.NRC,
        "National estimate (illustrative)",
    ),
)


@demo_step(order=70)
def situation_events(actor, now) -> str | None:
    """The GED sample as a PUBLIC release and the Helmand claims (once)."""
    if selectors.release_list(actor=actor).exists():
        return None
    content = resources.files("accord.situation").joinpath("data", GED_FILE).read_bytes()
    release = services.event_release_import(
        actor=actor,
        content=content,
        filename=GED_FILE,
        source="ucdp_ged",
        name=GED_RELEASE,
        marking=Marking.PUBLIC,
    )
    helmand = selectors.province_get(code="AF-HEL")
    districts = {d.name: d for d in selectors.district_list(province=helmand)}
    for name, assessor, status, as_of, confidence, marking, source in CLAIMS:
        services.control_claim_create(
            actor=actor,
            values=ControlClaimValues(
                district=districts[name],
                assessor=assessor,
                status=status,
                as_of=as_of,
                confidence=confidence,
                marking=marking,
                source=source,
                estimated=True,
            ),
        )
    return f"Situation: {release.added} UCDP GED events, {len(CLAIMS)} control claims."


# (day, agency, nation, drug, kg, place, latitude, longitude, note)
SEIZURES = (
    (
        date(2008, 12, 31),
        "Uzbek law enforcement (as the NRC reported)",
        "UZB",
        "heroin",
        Decimal("560"),
        "Uzbekistan",
        Decimal("41.311100"),
        Decimal("69.279700"),
        "A record seizure in 2008 (S-91); the source gives neither the day nor the place: the "
        "year's last day and the capital stand for them.",
    ),
    (
        date(2012, 11, 16),
        "Tajik law enforcement (as the NRC reported)",
        "TJK",
        "heroin",
        Decimal("550"),
        "Tajikistan",
        Decimal("38.559800"),
        Decimal("68.787000"),
        "550 kg of heroin and opium in a single case (S-91); reported by 16 Nov 2012, the day "
        "and place not given: the report's day and the capital stand for them.",
    ),
)

# The demo's record is in English, as a user would type it (it names a real attack).
INCIDENT_TITLE = "Truck bomb at the security directorate, Pul-e-Mahmood Khan, Kabul"
SEIZURE_SOURCE = "S-91: NRC, NRC Counter Narcotics Success (10 Years 10 Stories), 16 Nov 2012"

TASKS = (
    ("Account for casualties with the Ministry of Public Health", "RS HQ medical cell", 2),
    ("Review the protection of the mission's sites in Kabul", "RS HQ force protection", 7),
    ("Report to the NRC under the action plan on terrorism", "NRC secretariat", 14),
)


@demo_step(order=71)
def situation_incidents(actor, now) -> str | None:
    """The notable seizures, and one incident with its consequence-management tasks (once)."""
    if selectors.incident_list(actor=actor).exists():
        return None
    for day, agency, iso3, drug, kg, place, lat, lon, note in SEIZURES:
        services.seizure_create(
            actor=actor,
            values=SeizureValues(
                seized_on=day,
                agency=agency,
                nation=core_selectors.nation_find(iso3=iso3),
                drug=drug,
                quantity_kg=kg,
                place=place,
                latitude=lat,
                longitude=lon,
                source=SEIZURE_SOURCE,
                note=note,
                marking=Marking.PUBLIC,
            ),
        )
    incident = services.incident_create(
        actor=actor,
        values=IncidentValues(
            title=INCIDENT_TITLE,
            occurred_on=date(2016, 4, 19),
            kind="suicide_attack",
            place="Pul-e-Mahmood Khan, Kabul",
            latitude=Decimal("34.525000"),
            longitude=Decimal("69.190000"),
            killed=64,
            injured=347,
            description="As the press reported it (a Taliban truck bomb and gunmen); the "
            "casualties are the figures published the following days.",
            marking=Marking.NRC,
        ),
    )
    for title, owner, days in TASKS:
        services.incident_task_create(
            actor=actor,
            incident=incident,
            values=IncidentTaskValues(
                title=title,
                owner=owner,
                due_on=date.fromordinal(incident.occurred_on.toordinal() + days),
            ),
        )
    return f"Situation: {len(SEIZURES)} seizures, 1 incident with {len(TASKS)} tasks."
