"""The situation's part of the demo: the 135 real UCDP GED 23.1 events (a random sample of the
Afghan rows, see data/UCDP-GED-SOURCE.md) imported as a PUBLIC release, and control claims on
three Helmand districts from three assessors, so the side-by-side board has a disagreement and a
stale claim to show.

The claims are the demo's own illustrations, each marked estimated: the Long War Journal's and
the insurgents' are dated and worded after what was publicly reported (Sangin fell to the
Taliban in March 2017; Musa Qala was held by them from 2015); the Resolute Support assessments
are marked NATO, as RS's district assessments were withheld from publication from 2018.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

from accord.core.demo import demo_step
from accord.markings import Marking
from accord.situation import selectors, services
from accord.situation.inputs import ControlClaimValues

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
