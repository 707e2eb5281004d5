"""Advising's part of the demo: an advisor team at the hub and at each spoke with the
counterparts the scenario names for them (the ministries at the hub; the 209th, 207th, 205th
and 201st Corps and two police zones at the spokes), an objective per counterpart in two or
three Essential Functions with milestones, two years of monthly ratings (January 2015 to
December 2016), a few engagement reports, and evidence linking ratings to the MoD's salary line
of 1395 and to the reconciled payroll of May 2016.

Synthetic (marked estimated in the teams' notes): the teams and counterparts follow the
scenario's sites; the objectives, milestones, ratings and reports are invented so that the
trends have a shape to show (slow progress, a dip in the north in late 2015). Deterministic,
and idempotent: nothing is added when a team exists.
"""

from __future__ import annotations

from datetime import date

from accord.advising import selectors, services
from accord.advising.inputs import (
    CounterpartValues,
    EvidenceValues,
    MilestoneValues,
    ObjectiveValues,
    RatingValues,
    ReportValues,
    TeamValues,
)
from accord.advising.models import AdvisorTeam
from accord.budget import selectors as budget_selectors
from accord.core import selectors as core_selectors
from accord.core.demo import demo_step
from accord.errors import NotFound
from accord.markings import Marking
from accord.personnel import selectors as personnel_selectors

NOTE = "Estimated: a demo team on the scenario's site, not a published order of battle."

# (team code, name, site, lead nation, counterparts: (code, name, kind, ministry, unit code))
TEAMS = (
    (
        "hub-mod",
        "Ministry of Defence advisors",
        "rs_hq_kabul",
        "USA",
        (("mod", "Ministry of Defence", "ministry", "mod", "mod"),),
    ),
    (
        "hub-moi",
        "Ministry of Interior advisors",
        "rs_hq_kabul",
        "USA",
        (("moi", "Ministry of Interior Affairs", "ministry", "moi", "moi"),),
    ),
    (
        "taac-north",
        "TAAC North advisors",
        "taac_north",
        "DEU",
        (
            ("209-corps", "209th Corps (Shaheen)", "corps", "mod", "ana-209-corps"),
            ("pz-north", "Police Zone North (707)", "police_zone", "moi", "anp-zone-north"),
        ),
    ),
    (
        "taac-west",
        "TAAC West advisors",
        "taac_west",
        "ITA",
        (
            ("207-corps", "207th Corps (Zafar)", "corps", "mod", None),
            ("pz-west", "Police Zone West (606)", "police_zone", "moi", None),
        ),
    ),
    (
        "taac-south",
        "TAAC South advisors",
        "taac_south",
        "USA",
        (("205-corps", "205th Corps (Atal)", "corps", "mod", None),),
    ),
    (
        "taac-east",
        "TAAC East advisors",
        "taac_east",
        "USA",
        (("201-corps", "201st Corps (Silab)", "corps", "mod", None),),
    ),
)

# (objective code, function, title, milestones: (code, title))
OBJECTIVES = (
    (
        "ppbe",
        "EF1",
        "Plan, program and execute the budget",
        (
            ("spend-plan", "Monthly spend plan submitted on time"),
            ("execution-70", "Execution of the salary line above 70 per cent"),
        ),
    ),
    (
        "tao",
        "EF2",
        "Account for personnel and pay",
        (
            ("payroll-reconciled", "Monthly payroll reconciled against the rosters"),
            ("ghosts-removed", "Flagged ghost records removed or explained"),
        ),
    ),
    (
        "forcegen",
        "EF4",
        "Generate the force",
        (("recruit-plan", "Recruiting plan met for the quarter"),),
    ),
    (
        "sustain",
        "EF5",
        "Sustain the force",
        (("fuel-accounting", "Fuel accounted for by consumption reports"),),
    ),
)

MONTHS = [date(year, month, 15) for year in (2015, 2016) for month in range(1, 13)]


def _score(team_index: int, milestone_index: int, month_index: int) -> int:
    """A rating that rises slowly, later at the spokes than at the hub; the north dips in the
    last months of 2015 (after Kunduz fell in September)."""
    start = 1 + (team_index + milestone_index) % 2
    progress = (month_index + 3 * (milestone_index % 3)) // (7 + team_index)
    score = start + progress
    if team_index == 2 and 9 <= month_index <= 14:
        score -= 1
    return max(1, min(5, score))


def _milestones(actor, counterpart, functions, team_index, counterpart_index) -> list:
    made = []
    chosen = OBJECTIVES if counterpart.kind == "ministry" else OBJECTIVES[1:]
    for objective_code, function, title, milestones in chosen:
        objective = services.objective_create(
            actor=actor,
            values=ObjectiveValues(
                counterpart=counterpart,
                function=functions[function],
                code=objective_code,
                title=title,
            ),
        )
        for code, milestone_title in milestones:
            made.append(
                services.milestone_create(
                    actor=actor,
                    values=MilestoneValues(
                        objective=objective,
                        code=code,
                        title=milestone_title,
                        due=date(2017, 3, 20),
                    ),
                )
            )
    return made


def _rate(actor, milestones, team_index) -> dict:
    """Monthly ratings of every milestone; the last rating of each, by milestone code."""
    latest = {}
    for m_index, milestone in enumerate(milestones):
        for month_index, day in enumerate(MONTHS):
            latest[milestone.code] = services.rating_record(
                actor=actor,
                values=RatingValues(
                    milestone=milestone,
                    rated_on=day,
                    score=_score(team_index, m_index, month_index),
                ),
            )
    return latest


def _evidence(actor, ratings: dict) -> int:
    """The MoD's salary line of 1395 and the payroll of May 2016, as the ministries' evidence."""
    linked = 0
    try:
        year = budget_selectors.fiscal_year_get(actor=actor, label="1395")
    except NotFound:
        line = None
    else:
        lines = budget_selectors.budget_line_list(actor=actor, fiscal_year=year)
        line = lines.filter(code="mod-sal-1395").first()
    month = personnel_selectors.month_list(actor=actor).filter(month=date(2016, 5, 1)).first()
    for code, kind, record in (
        ("execution-70", "budget_execution", line),
        ("payroll-reconciled", "payroll_reconciliation", month),
    ):
        if record is not None and code in ratings:
            services.evidence_link(
                actor=actor,
                values=EvidenceValues(
                    rating=ratings[code],
                    kind=kind,
                    record_id=record.pk,
                    note="Checked by the advisors against the ministry's own figures.",
                ),
            )
            linked += 1
    return linked


def _report(actor, counterpart, functions, day, function, notes, marking=Marking.NATO):
    services.report_file(
        actor=actor,
        values=ReportValues(
            counterpart=counterpart,
            function=functions[function],
            held_on=day,
            advisors="Maj. K. Brandt (DEU), Capt. L. Weber (DEU)"
            if counterpart.site.code == "taac_north"
            else "Lt Col. R. Hayes (USA), Maj. P. Rossi (ITA)",
            notes=notes,
            marking=marking,
            owner_nation=counterpart.team.lead_nation if marking == Marking.NATIONAL else None,
        ),
    )


@demo_step(order=70)
def advisor_teams(actor, now) -> str | None:
    """Stand up the advisor teams, their plan and two years of ratings and reports."""
    if AdvisorTeam.objects.filter(code=TEAMS[0][0]).exists():
        return None
    functions = {f.code: f for f in selectors.function_list(actor=actor)}
    if len(functions) < 8:
        return None
    counterparts, ratings, milestones_made = {}, 0, 0
    ministry_latest: dict = {}
    for team_index, (code, name, site, nation, partners) in enumerate(TEAMS):
        team = services.team_create(
            actor=actor,
            values=TeamValues(
                code=code,
                name=name,
                site=core_selectors.site_get(actor=actor, code=site),
                lead_nation=core_selectors.nation_get(actor=actor, iso3=nation),
                note=NOTE,
                marking=Marking.NATO,
            ),
        )
        for c_index, (c_code, c_name, kind, ministry, unit_code) in enumerate(partners):
            unit = personnel_selectors.unit_get(actor=actor, code=unit_code) if unit_code else None
            counterpart = services.counterpart_create(
                actor=actor,
                values=CounterpartValues(
                    team=team, code=c_code, name=c_name, kind=kind, ministry=ministry, unit=unit
                ),
            )
            counterparts[c_code] = counterpart
            milestones = _milestones(actor, counterpart, functions, team_index, c_index)
            milestones_made += len(milestones)
            latest = _rate(actor, milestones, team_index)
            ratings += len(milestones) * len(MONTHS)
            if c_code == "mod":
                ministry_latest = latest
    linked = _evidence(actor, ministry_latest)
    _report(
        actor,
        counterparts["209-corps"],
        functions,
        date(2016, 4, 12),
        "EF2",
        "Reviewed the corps' personnel roster against the payroll of Hamal; 14 soldiers paid "
        "without attendance records. The G1 agreed to a sign-in check at each kandak.",
    )
    _report(
        actor,
        counterparts["209-corps"],
        functions,
        date(2016, 5, 24),
        "EF5",
        "Fuel consumption reports for April received from two of three brigades.",
        marking=Marking.NATIONAL,
    )
    _report(
        actor,
        counterparts["207-corps"],
        functions,
        date(2016, 5, 3),
        "EF4",
        "Recruiting plan for the quarter behind by a fifth; the corps asked for more "
        "recruiters in Farah.",
    )
    _report(
        actor,
        counterparts["mod"],
        functions,
        date(2016, 6, 7),
        "EF1",
        "Mid-year review of the salary line: execution at 64 per cent; the ministry expects "
        "the pay of the new kandaks from Saratan.",
    )
    return (
        f"Advising: {len(TEAMS)} advisor teams, {len(counterparts)} counterparts, "
        f"{milestones_made} milestones rated monthly through 2015 and 2016 ({ratings} ratings), "
        f"4 engagement reports and {linked} evidence links."
    )
