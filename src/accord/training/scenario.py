"""Training's scenario section (``training_programmes``): the qualifications, the programmes with
their courses, their venues, and the sessions the public record gives.

- The NRC counter-narcotics training: its history as sessions reconstructed from the reported
  cumulative figures (``cumulative_trained``), marked estimated, whose totals reproduce them.
- The HMTF technicians' training at the Novosibirsk plant: phase 1's three courses of ten from
  April 2012 (the demo nominates, grades and certifies the technicians through the services).

Runs inside ``scenario_load``'s all-or-nothing transaction, after the council's section (the
joint actions), through the audited upsert: loading twice changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from accord.core import selectors as core_selectors
from accord.core.inputs import SiteValues
from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.core.services import site_create
from accord.errors import NotFound
from accord.training import services
from accord.training.engine.history import reconstruct
from accord.training.inputs import CourseValues, QualificationValues, SessionValues
from accord.training.models import Course, Programme, Qualification, Session, Target

QUALIFICATIONS = {
    "mi17-engines": "Mi-17 engines and main gearbox",
    "mi17-airframe": "Mi-17 airframe",
    "mi17-avionics": "Mi-17 avionics and instruments",
    "mi35-airframe": "Mi-35 airframe",
}

# What the record says of each programme beyond the scenario's figures: its code, kind, the
# joint action it serves and its courses. (id in scenario.yaml -> ...)
PROGRAMMES = {
    "nrc_cnt": {
        "slug": "nrc-cnt",
        "kind": "counter_narcotics",
        "joint_action": "nrc_cnt_training",
        "agency": "unodc",
        "courses": [
            # code, title, hours, pass mark, validity (months), qualifications
            ("cnt-interdiction", "Counter-narcotics interdiction (two weeks)", 80, 60, None, []),
            ("cnt-advanced", "Counter-narcotics investigation (three weeks)", 120, 60, None, []),
        ],
    },
    "hmtf_narp": {
        "slug": "hmtf-technicians",
        "kind": "technicians",
        "joint_action": "nrc_hmtf",
        "agency": "nspa",
        "courses": [
            (
                "hmtf-mi17",
                "Mi-17 maintenance technician (phase 1)",
                540,
                70,
                None,
                ["mi17-engines", "mi17-airframe", "mi17-avionics"],
            ),
            (
                "hmtf-mi35",
                "Mi-35 maintenance technician (phase 2)",
                540,
                70,
                None,
                ["mi35-airframe"],
            ),
        ],
    },
}

VENUE_CODES = {
    "Novosibirsk Aircraft Repair Plant": "narp_novosibirsk",
    "TADOC": "tadoc_ankara",
    "All-Russian Advanced Training Institute of the MVD": "mvd_domodedovo",
    "North-Western Training Center": "nwtc_st_petersburg",
    "Siberian Law Institute (FSKN)": "fskn_krasnoyarsk",
}


@scenario_section("training_programmes", order=30)
def load_training(ctx: ScenarioContext) -> None:
    qualifications = {
        code: _ensure(
            Qualification,
            code,
            lambda code=code, name=name: services.qualification_create(
                actor=ctx.actor, values=QualificationValues(code=code, name=name)
            ),
        )
        for code, name in QUALIFICATIONS.items()
    }
    for raw in ctx.items("training_programmes"):
        extra = PROGRAMMES.get(raw.get("id"))
        if extra is None:
            raise ctx.error(raw, "id", "training_programmes", "no such programme known")
        programme = _programme(ctx, raw, extra)
        _targets(ctx, raw, programme)
        courses = _courses(ctx, programme, extra, qualifications)
        venues = [_venue(ctx, v) for v in _venue_items(raw)]
        if raw["id"] == "nrc_cnt":
            _cnt_history(ctx, raw, courses[0], [v for v in venues if v is not None])
        else:
            _hmtf_phase1(ctx, raw, courses[0], venues[0])


def _target_items(ctx: ScenarioContext, raw) -> list[tuple[str, dict]]:
    """The figures the record gives a programme to compare its trained count with: the CNT's
    reported cumulative totals and its plan for Afghans in 2014; the HMTF's phase 1 total.
    (The HMTF's phase 2 plan of thirty gives no date, so it is no target to count against.)"""
    items = []
    for figure in raw.get("cumulative_trained", []):
        items.append(
            (
                f"{raw['id']}-reported-{figure['as_of']}".replace("_", "-"),
                {
                    "kind": "reported",
                    "due": _month_end(figure["as_of"]),
                    "value": int(figure["value"]),
                    "note": figure.get("note", "Reported cumulative total."),
                },
            )
        )
    if "planned_2014_afghans" in raw:
        items.append(
            (
                f"{raw['id']}-planned-2014-afg".replace("_", "-"),
                {
                    "kind": "planned",
                    "due": date(2014, 12, 31),
                    "since": date(2014, 1, 1),
                    "value": int(raw["planned_2014_afghans"]),
                    "nation": ctx.nations["AFG"],
                    "note": "Afghans planned for 2014.",
                },
            )
        )
    if "phase1_total_trained" in raw:
        items.append(
            (
                f"{raw['id']}-phase1".replace("_", "-"),
                {
                    "kind": "reported",
                    "due": _month_end(raw["phase1_completed"]),
                    "since": date.fromisoformat(str(raw["first_course_start"])),
                    "value": int(raw["phase1_total_trained"]),
                    "note": "Phase 1 technicians trained.",
                },
            )
        )
    return items


def _targets(ctx: ScenarioContext, raw, programme) -> None:
    for code, values in _target_items(ctx, raw):
        _ensure(
            Target,
            code,
            lambda code=code, values=values: services.target_create(
                actor=ctx.actor,
                programme=programme,
                values=services.TargetValues(code=code, **values),
            ),
        )


def _ensure(model, code: str, create):
    """The record of this code, created the first time: a reload leaves what is there (the
    records a trainer may since have corrected)."""
    return model.objects.filter(code=code).first() or create()


def _sources(ctx: ScenarioContext, raw) -> list[str]:
    unknown = [s for s in raw.get("source", []) if s not in ctx.sources]
    if unknown:
        raise ctx.error(raw, "source", "training_programmes", f"no such source: {unknown}")
    return raw.get("source", [])


def _programme(ctx: ScenarioContext, raw, extra) -> Programme:
    actions = ctx.shared.get("council.joint_actions", {})
    beneficiaries = raw.get("beneficiaries", ["AFG"])
    missing = [c for c in beneficiaries if c not in ctx.nations]
    if missing:
        raise ctx.error(raw, "beneficiaries", "training_programmes", f"no such nation: {missing}")
    action = actions.get(extra["joint_action"])
    donors = list(action.participants.all()) if action is not None else []
    return ctx.upsert(
        Programme,
        {"code": extra["slug"]},
        {
            "name": raw["name"],
            "kind": extra["kind"],
            "executing_agency": ctx.organisations.get(extra["agency"]),
            "joint_action": action,
            "description": raw.get("implementing_agent", ""),
        },
        _sources(ctx, raw),
        "programme",
        related={
            "beneficiaries": [ctx.nations[c] for c in beneficiaries],
            "donors": donors,
        },
    )


def _courses(ctx: ScenarioContext, programme, extra, qualifications) -> list[Course]:
    courses = []
    for code, title, hours, pass_mark, validity, quals in extra["courses"]:
        values = CourseValues(
            programme=programme,
            code=code,
            title=title,
            hours=hours,
            pass_mark=pass_mark,
            language="ru",
            interpretation=True,
            validity_months=validity,
            qualifications=[qualifications[q] for q in quals],
        )
        courses.append(
            _ensure(
                Course,
                code,
                lambda values=values: services.course_create(actor=ctx.actor, values=values),
            )
        )
    return courses


def _venue_items(raw) -> list[dict]:
    return [raw["venue"]] if "venue" in raw else list(raw.get("venues", []))


def _venue(ctx: ScenarioContext, item: dict):
    """The site of a fixed venue the record places (none for mobile courses or unnamed ones)."""
    code = VENUE_CODES.get(item.get("name"))
    if code is None or "lat" not in item:
        return None
    try:
        return core_selectors.site_get(actor=ctx.actor, code=code)
    except NotFound:
        pass
    place = ", ".join(p for p in (item.get("city"), ctx.nations[item["country"]].name) if p)
    return site_create(
        actor=ctx.actor,
        values=SiteValues(
            code=code,
            name=item["name"],
            kind="training_centre",
            location=place,
            latitude=str(item["lat"]),
            longitude=str(item["lon"]),
            coords_estimated=bool(item.get("coords_estimated")),
            lead_nation=ctx.nations[item["country"]],
        ),
    )


def _month_end(text) -> date:
    """ "2006-09" (or a date) as the last day it names."""
    text = str(text)
    if len(text) == 10:
        return date.fromisoformat(text)
    year, month = (int(p) for p in text.split("-"))
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _session(ctx, course, code: str, values: dict, quotas: dict) -> Session:
    return _ensure(
        Session,
        code,
        lambda: services.session_create(
            actor=ctx.actor,
            course=course,
            values=SessionValues(code=code, **values),
            quotas=quotas,
        ),
    )


def _cnt_history(ctx: ScenarioContext, raw, course, venues) -> None:
    """The CNT's reported cumulative figures as estimated sessions, one per calendar year of
    each interval between reports; their trained counts add up to each report."""
    figures = [(_month_end(f["as_of"]), int(f["value"])) for f in raw["cumulative_trained"]]
    first = date.fromisoformat(str(raw["first_courses"][0]))
    venue = venues[0] if venues else None
    for block in reconstruct(first, figures):
        _session(
            ctx,
            course,
            f"cnt-est-{block.starts:%Y%m%d}",
            {
                "venue": venue,
                "starts": block.starts,
                "ends": block.ends,
                "capacity": block.trained,
                "nominations_open": False,
                "waitlist_open": False,
                "estimated": True,
                "trained_count": block.trained,
                "notes": "Reconstructed from the programme's reported cumulative figures.",
            },
            {},
        )


HMTF_PHASE1 = 3  # courses of ten, one after another from April 2012


def _hmtf_phase1(ctx: ScenarioContext, raw, course, venue) -> None:
    start = date.fromisoformat(str(raw["first_course_start"]))
    size, days = int(raw["first_course_size"]), int(raw["course_days"])
    for n in range(HMTF_PHASE1):
        month = start.month - 1 + 4 * n
        starts = date(start.year + month // 12, month % 12 + 1, 1)
        _session(
            ctx,
            course,
            f"hmtf-p1-{n + 1}",
            {
                "venue": venue,
                "starts": starts,
                "ends": starts + timedelta(days=days - 1),
                "capacity": size,
                # Its nominations are history: the demo opens it to record them, then closes it.
                "nominations_open": False,
                "waitlist_open": False,
                "notes": "HMTF phase 1 at the Novosibirsk Aircraft Repair Plant.",
            },
            {ctx.nations["AFG"]: size},
        )
