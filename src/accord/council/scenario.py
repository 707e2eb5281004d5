"""The council's scenario sections: legal bases, bodies, cooperation, meetings, joint actions.

Runs inside ``scenario_load``'s all-or-nothing transaction, after the core records, through the
audited upsert, so loading twice changes nothing. Leaves ``council.legal_bases``,
``council.joint_actions`` and ``council.bodies`` (code -> record) in ``ctx.shared`` for the
modules that load after it (funds, transit).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Literal

from pydantic import BaseModel, Field

from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.council.engine.scenario import (
    IN_FORCE_FROM_EVENT,
    INSTRUMENTS,
    BodyRecord,
    CooperationRecord,
    DecisionRecord,
    JointActionRecord,
    MandateEvent,
    MeetingRecord,
    TransitAgreementRecord,
    loose_date,
)
from accord.council.inputs import ActionResultValues
from accord.council.models import (
    ActionResult,
    AdoptedBy,
    AgendaItem,
    Body,
    CooperationStatus,
    Decision,
    JointAction,
    LegalBasis,
    Meeting,
)
from accord.council.services import (
    action_result_create,
    action_result_milestone,
    action_result_progress,
    agenda_item_object,
    agenda_item_propose,
    body_members_sync,
    decision_counter_raise,
)


@scenario_section("council", order=10)
def load_council(ctx: ScenarioContext) -> None:
    bases = {**_mandates(ctx), **_transit_agreements(ctx)}
    ctx.shared["council.legal_bases"] = bases
    bodies = _bodies(ctx)
    ctx.shared["council.bodies"] = bodies
    _cooperation(ctx)
    meetings = _meetings(ctx, bodies)
    actions = _joint_actions(ctx, bases)
    ctx.shared["council.joint_actions"] = actions
    _decisions(ctx, bodies, meetings, bases, actions)
    _results(ctx, actions)


def _nations(ctx: ScenarioContext, spec, raw, path: str, field: str) -> list:
    """Nations named by a group ("nrc", "nato") or a list of ISO3 codes."""
    if spec == "nrc":
        return [n for n in ctx.nations.values() if n.nrc_member]
    if spec == "nato":
        return [n for n in ctx.nations.values() if n.nato_accession is not None]
    codes = spec.split() if isinstance(spec, str) else spec
    missing = [c for c in codes if c not in ctx.nations]
    if missing:
        raise ctx.error(raw, field, path, f"no such nation: {', '.join(missing)}")
    return [ctx.nations[c] for c in codes]


# --- legal bases ----------------------------------------------------------------------------------

# The modes of transport in a transit agreement's Russian name.
MODES_RU = {
    "air": "воздушный",
    "rail": "железнодорожный",
    "road": "автомобильный",
    "ferry": "паромный",
    "sea": "морской",
}


def _mandates(ctx: ScenarioContext) -> dict:
    items = [i for i in ctx.items("agreements_and_mandates") if isinstance(i, dict) and "date" in i]
    events = ctx.records(items, MandateEvent, "agreements_and_mandates")
    dates = {e.id: loose_date(e.date) for e in events}
    merged: dict[str, dict] = {}
    for raw, event in zip(items, events, strict=True):
        for instrument in INSTRUMENTS.get(event.id, ()):
            entry = merged.setdefault(
                instrument.code,
                {"instrument": instrument, "raw": raw, "sources": [], "values": {}},
            )
            entry["values"][instrument.field] = dates[event.id]
            if instrument.in_force_with:
                entry["values"]["in_force"] = dates[event.id]
            entry["sources"] += [s for s in event.source if s not in entry["sources"]]
            entry.setdefault("what", []).append(event.what)
    bases = {}
    for code, entry in merged.items():
        instrument = entry["instrument"]
        values = {
            "title": instrument.title,
            "title_ru": instrument.title_ru,
            "authentic_en": "en" in instrument.authentic,
            "authentic_ru": "ru" in instrument.authentic and bool(instrument.title_ru),
            "kind": instrument.kind,
            "reference": instrument.reference,
            "signed": entry["values"].get("signed"),
            "ratified": entry["values"].get("ratified"),
            "in_force": entry["values"].get("in_force") or dates.get(IN_FORCE_FROM_EVENT.get(code)),
            "territories": list(instrument.territories),
            "summary": "; ".join(entry["what"]),
            "marking": "PUBLIC",
        }
        parties, orgs = [], []
        for part in instrument.parties.split():
            if part == "nato_org":
                orgs.append(ctx.organisations["nato"])
            else:
                parties += _nations(ctx, part, entry["raw"], "agreements_and_mandates", "id")
        related = {"parties": parties, "party_organisations": orgs}
        bases[code] = ctx.upsert(
            LegalBasis, {"code": code}, values, entry["sources"], "legal_basis", related
        )
    return bases


def _transit_agreements(ctx: ScenarioContext) -> dict:
    items = ctx.items("transit_agreements")
    bases = {}
    for raw, record in zip(
        items, ctx.records(items, TransitAgreementRecord, "transit_agreements"), strict=True
    ):
        nations, orgs = [], []
        for party in record.parties:
            if party in ctx.nations:
                nations.append(ctx.nations[party])
            elif party.lower() in ctx.organisations:
                orgs.append(ctx.organisations[party.lower()])
            else:
                raise ctx.error(raw, "parties", "transit_agreements", f"no such party: {party}")
        # The territory crossed: the parties outside NATO (the transit states), else all.
        transit_states = [n.iso3 for n in nations if n.nato_accession is None]
        names = " - ".join(record.parties)
        how = ", ".join(record.modes) or "transit"
        how_ru = ", ".join(MODES_RU.get(mode, mode) for mode in record.modes) or "транзит"
        values = {
            # Accord's own names for them, in both languages; neither is the instrument's title.
            "title": f"Transit agreement {names} ({how})",
            "title_ru": f"Соглашение о транзите {names} ({how_ru})",
            "kind": "transit",
            "reference": record.instrument[:200],
            **record.dates(),
            "activity_kinds": ["transit", *(f"{mode}_transit" for mode in record.modes)],
            "territories": transit_states or [n.iso3 for n in nations],
            "cargo_classes": list(record.cargo_classes),
            "summary": "; ".join(t for t in (record.conditions, record.notes) if t),
            "marking": "PUBLIC",
        }
        dates = values
        if dates["in_force"] and dates["expires"] and dates["expires"] < dates["in_force"]:
            raise ctx.error(raw, "valid_until", "transit_agreements", "expires before in force")
        related = {"parties": nations, "party_organisations": orgs}
        bases[record.id] = ctx.upsert(
            LegalBasis, {"code": record.id}, values, record.source, "legal_basis", related
        )
    return bases


# --- bodies, cooperation, meetings ----------------------------------------------------------------


def _bodies(ctx: ScenarioContext) -> dict:
    items = ctx.items("council.bodies")
    bodies = {}
    for raw, record in zip(items, ctx.records(items, BodyRecord, "council.bodies"), strict=True):
        org = ctx.organisations.get(record.organisation) if record.organisation else None
        if record.organisation and org is None:
            raise ctx.error(raw, "organisation", "council.bodies", "no such organisation")
        values = {
            "name": record.name,
            "short_name": record.short_name,
            "level": record.level,
            "organisation": org,
            "number_prefix": record.number_prefix,
            "marking": record.marking,
        }
        body = ctx.upsert(Body, {"code": record.id}, values, record.source, "body")
        since = loose_date(record.since)
        members = {}
        for nation in _nations(ctx, record.members, raw, "council.bodies", "members"):
            joined = [d for d in (since, nation.nato_accession) if d]
            members[nation] = max(joined) if joined else None
        body_members_sync(actor=ctx.actor, body=body, members=members)
        bodies[record.id] = body
    return bodies


def _cooperation(ctx: ScenarioContext) -> None:
    items = ctx.items("council.cooperation")
    for raw, record in zip(
        items, ctx.records(items, CooperationRecord, "council.cooperation"), strict=True
    ):
        (nation,) = _nations(ctx, [record.nation], raw, "council.cooperation", "nation")
        lookup = {"nation": nation, "area": record.area, "start": record.start}
        values = {
            "state": record.state,
            "end": record.end,
            "reason": record.reason,
            "marking": "NRC",
        }
        ctx.upsert(CooperationStatus, lookup, values, record.source, "cooperation")


def _meetings(ctx: ScenarioContext, bodies: dict) -> dict:
    items = ctx.items("council.meetings")
    meetings = {}
    for raw, record in zip(
        items, ctx.records(items, MeetingRecord, "council.meetings"), strict=True
    ):
        body = bodies.get(record.body)
        if body is None:
            raise ctx.error(raw, "body", "council.meetings", "no such body")
        starts_at = datetime.combine(record.date, time(10, 0), tzinfo=UTC)
        values = {
            "level": body.level,
            "place": record.place,
            "chair": record.chair,
            "minutes": record.minutes,
            "estimated": record.estimated,
            "marking": body.marking,
        }
        meeting = ctx.upsert(
            Meeting, {"body": body, "starts_at": starts_at}, values, record.source, "meeting"
        )
        for agenda in record.agenda:
            _agenda_item(ctx, raw, meeting, agenda)
        meetings[record.id] = meeting
    return meetings


def _agenda_item(ctx: ScenarioContext, raw, meeting: Meeting, agenda) -> None:
    item = AgendaItem.objects.filter(meeting=meeting, title=agenda.title).first()
    if item is None:
        (nation,) = _nations(ctx, [agenda.proposed_by], raw, "council.meetings", "agenda")
        item = agenda_item_propose(
            actor=ctx.actor, meeting=meeting, title=agenda.title, nation=nation
        )
    for objection in agenda.objections:
        (nation,) = _nations(ctx, [objection["nation"]], raw, "council.meetings", "agenda")
        if not item.objections.filter(nation=nation).exists():
            agenda_item_object(
                actor=ctx.actor,
                item=item,
                nation=nation,
                reason=objection.get("reason", ""),
                now=meeting.starts_at,
            )


# --- joint actions and decisions ------------------------------------------------------------------


def _joint_actions(ctx: ScenarioContext, bases: dict) -> dict:
    items = ctx.items("council.joint_actions")
    actions = {}
    records = ctx.records(items, JointActionRecord, "council.joint_actions")
    for raw, record in zip(items, records, strict=True):
        missing = [code for code in record.legal_bases if code not in bases]
        if missing:
            raise ctx.error(
                raw, "legal_bases", "council.joint_actions", f"no such legal basis: {missing}"
            )
        lead = None
        if record.lead_nation:
            (lead,) = _nations(ctx, [record.lead_nation], raw, "council.joint_actions", "lead")
        values = {
            "name": record.name,
            "area": record.area,
            "activity_kind": record.activity_kind,
            "territory": record.territory,
            "status": record.status,
            "start": record.start,
            "end": record.end,
            "lead_nation": lead,
            "description": record.description,
            "marking": record.marking,
        }
        related = {
            "participants": _nations(
                ctx, record.participants, raw, "council.joint_actions", "participants"
            ),
            "legal_bases": [bases[code] for code in record.legal_bases],
        }
        actions[record.id] = ctx.upsert(
            JointAction, {"code": record.id}, values, record.source, "joint_action", related
        )
    return actions


def _decisions(ctx, bodies: dict, meetings: dict, bases: dict, actions: dict) -> None:
    items = ctx.items("council.decisions")
    for raw, record in zip(
        items, ctx.records(items, DecisionRecord, "council.decisions"), strict=True
    ):
        body = bodies.get(record.body)
        if body is None or not record.id.startswith(f"{body.number_prefix}-{record.date.year}-"):
            raise ctx.error(
                raw, "id", "council.decisions", "number as PREFIX-YEAR-NNN of its body and year"
            )
        unknown = [c for c in record.legal_bases if c not in bases] + [
            c for c in record.joint_actions if c not in actions
        ]
        if unknown or (record.meeting and record.meeting not in meetings):
            raise ctx.error(raw, None, "council.decisions", f"unknown references: {unknown}")
        values = {
            "body": body,
            "year": record.date.year,
            "number": record.number,
            "title": record.title,
            "title_ru": record.title_ru,
            "text": record.text,
            "text_ru": record.text_ru,
            "authentic_en": "en" in record.authentic,
            "authentic_ru": "ru" in record.authentic,
            "adopted_on": record.date,
            "adopted_by": AdoptedBy.MEETING,
            "meeting": meetings.get(record.meeting),
            "estimated": record.estimated,
            "marking": body.marking,
        }
        related = {
            "legal_bases": [bases[c] for c in record.legal_bases],
            "joint_actions": [actions[c] for c in record.joint_actions],
        }
        ctx.upsert(Decision, {"reference": record.id}, values, record.source, "decision", related)
        decision_counter_raise(body, record.date.year, record.number)


# --- implementation follow-up of joint actions ----------------------------------------------------

Status = Literal["planned", "in_progress", "delayed", "completed", "cancelled"]


class ResultUpdateRecord(BaseModel):
    day: date
    status: Status
    progress: int = Field(ge=0, le=100)
    note: str = ""


class MilestoneRecord(BaseModel):
    day: date
    title: str = Field(min_length=1, max_length=300)


class ResultRecord(BaseModel):
    joint_action: str
    id: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    measure: str = ""
    target: int | None = Field(default=None, gt=0)
    start: date | None = None
    end: date | None = None
    marking: Literal["PUBLIC", "NRC", "NATO"]
    updates: list[ResultUpdateRecord] = []
    milestones: list[MilestoneRecord] = []


def _results(ctx: ScenarioContext, actions: dict) -> None:
    """The results of the joint actions, their dated updates and milestones, through the same
    services as the secretariat's (loaded once: a result already there is left as it is)."""
    items = ctx.items("council.results")
    for raw in items:
        try:
            record = ResultRecord.model_validate(raw)
        except ValueError as exc:
            raise ctx.error(raw, "id", "council.results", str(exc)) from None
        action = actions.get(record.joint_action)
        if action is None:
            raise ctx.error(raw, "joint_action", "council.results", "no such joint action")
        if ActionResult.objects.filter(joint_action=action, code=record.id).exists():
            ctx.counts["unchanged"] += 1
            continue
        data = record.model_dump(exclude={"joint_action", "id", "updates", "milestones"})
        result = action_result_create(
            actor=ctx.actor,
            values=ActionResultValues(**data, code=record.id, joint_action=action),
        )
        for update in record.updates:
            result = action_result_progress(
                actor=ctx.actor, result=result, expected_version=result.version, **update.__dict__
            )
        for milestone in record.milestones:
            action_result_milestone(actor=ctx.actor, result=result, **milestone.__dict__)
        ctx.counts["created"] += 1
