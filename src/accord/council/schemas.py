"""Per-operation schemas of the council's API: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from accord.access import shown
from accord.core import selectors as core_selectors
from accord.inputs import Input
from accord.markings import Marking


def _code(related, attribute: str = "code"):
    # A reference the reader may not see arrives as None and is left out.
    return getattr(related, attribute) if related is not None else None


class MemberOut(Schema):
    nation: str = Field(alias="nation.iso3")
    name: str = Field(alias="nation.name")
    joined: date | None
    left: date | None


class BodyOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    number_prefix: str
    marking: Marking
    version: int


class BodyDetailOut(BodyOut):
    members: list[MemberOut] = Field(alias="member_rows")


class CooperationOut(Schema):
    nation: str = Field(alias="nation.iso3")
    area: str
    state: str
    start: date
    end: date | None
    reason: str
    marking: Marking


class ConsultationOut(Schema):
    id: int
    body: str | None = None
    title: str = Field(description="in English")
    title_ru: str = Field(description="in Russian; empty: no Russian version")
    state: str = Field(alias="current_state", description="as of now, derived from the clock")
    deadline: datetime | None
    version_number: int
    created_at: datetime
    marking: Marking
    version: int

    @staticmethod
    def resolve_body(obj):
        return _code(shown(obj, "body"))


class TextVersionOut(Schema):
    number: int
    text: str = Field(description="in English; empty: no English version")
    text_ru: str = Field(description="in Russian; empty: no Russian version")
    authentic_en: bool
    authentic_ru: bool
    note: str
    created_at: datetime
    created_by: str


class AmendmentOut(Schema):
    id: int
    language: str = Field(description="en or ru: which version of the text it changes")
    old: str = Field(description="the words changed, as they stood in the circulated version")
    new: str = Field(description="what should stand instead (empty: delete)")
    state: str = Field(description="proposed, accepted or rejected")
    decision_note: str
    accepted_into: int | None = Field(None, description="the text version it went into")


class BreakOut(Schema):
    nation: str | None
    statement: str
    amendments: str
    proposals: list[AmendmentOut] = Field(description="amendments as text changes")
    broken_at: datetime


class SilenceAgreementOut(Schema):
    nation: str | None
    agreed_at: datetime


class CirculationOut(Schema):
    number: int
    text_version: int
    circulated_at: datetime
    deadline: datetime
    extensions: int
    outcome: str
    closed_at: datetime | None
    breaks: list[BreakOut]
    agreements: list[SilenceAgreementOut] = Field(description="members who expressly agreed")


class ConsultationDetailOut(ConsultationOut):
    seconds_left: int | None
    breaks_until: datetime | None = Field(
        None,
        description="silence is broken; until then other members may still put breaks on record",
    )
    withdrawn_at: datetime | None = None
    withdrawal_reason: str = ""
    versions: list[TextVersionOut] = Field(alias="version_rows")
    circulations: list[CirculationOut] = Field(alias="circulation_rows")
    decision: str | None = Field(None, alias="decision_reference")


# A text in the council's working languages: either version may be left empty (it is then
# missing, never machine-filled), not both; a version marked authentic must be given.
TextEn = Field("", max_length=100_000, description="in English")
TextRu = Field("", max_length=100_000, description="in Russian")
TitleRu = Field("", max_length=300, description="in Russian; empty: no Russian version")
AuthenticEn = Field(False, description="the English version is authentic")
AuthenticRu = Field(False, description="the Russian version is authentic")


class ConsultationIn(Input):
    body: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=300, description="in English")
    title_ru: str = TitleRu
    text: str = TextEn
    text_ru: str = TextRu
    authentic_en: bool = AuthenticEn
    authentic_ru: bool = AuthenticRu


class CirculateIn(Input):
    deadline: datetime | None = Field(None, description="until when members may break silence")


class ExtendIn(Input):
    deadline: datetime


class DecideIn(Input):
    accept: bool
    note: str = Field("", max_length=500)


class RunOut(Schema):
    op: str = Field(description="equal, delete or insert")
    text: str


class DifferenceOut(Schema):
    before: int = Field(alias="before_number")
    after: int = Field(alias="after_number")
    text: list[RunOut] = Field(description="the English versions, word by word")
    text_ru: list[RunOut] = Field(description="the Russian versions, word by word")


class ConsultationWithdrawIn(Input):
    reason: str = Field(min_length=1, max_length=5_000, description="told to every member")


class ReviewIn(Input):
    review_on: date | None = Field(description="empty (null) clears the review date")
    note: str = Field("", max_length=2_000)
    expected_version: int = Field(description="the decision's version as read")


class ProposalIn(Input):
    language: str = Field("en", pattern="^(en|ru)$", description="en or ru")
    old: str = Field(min_length=1, max_length=20_000, description="words exactly as they stand")
    new: str = Field("", max_length=20_000, description="what should stand instead")


class BreakIn(Input):
    statement: str = Field(min_length=1, max_length=20_000)
    amendments: str = Field("", max_length=20_000, description="free prose")
    proposals: list[ProposalIn] = Field(
        [], max_length=50, description="amendments as text changes against the circulated version"
    )


class ReviseIn(Input):
    text: str = TextEn
    text_ru: str = TextRu
    authentic_en: bool = AuthenticEn
    authentic_ru: bool = AuthenticRu
    note: str = Field("", max_length=300)


class DecisionOut(Schema):
    """A decision; its references as the selector cut them to what the reader may see."""

    reference: str
    body: str | None = None
    title: str = Field(description="in English")
    title_ru: str = Field(description="in Russian; empty: no Russian version")
    text: str = Field(description="in English; empty: no English version")
    text_ru: str = Field(description="in Russian; empty: no Russian version")
    authentic_en: bool
    authentic_ru: bool
    adopted_on: date
    adopted_by: str
    consultation: int | None = None
    legal_bases: list[str]
    joint_actions: list[str]
    estimated: bool
    rehearsal: bool = Field(
        description="recorded by a rehearsal of close-due ahead of the real clock, not adopted"
    )
    review_on: date | None = Field(None, description="when the decision is due for review")
    review_note: str = Field("", description="what to review")
    version: int
    marking: Marking

    @staticmethod
    def resolve_body(obj):
        return _code(shown(obj, "body"))

    @staticmethod
    def resolve_consultation(obj):
        return _code(shown(obj, "consultation"), "pk")

    @staticmethod
    def resolve_legal_bases(obj):
        return [b.code for b in obj.shown_legal_bases]

    @staticmethod
    def resolve_joint_actions(obj):
        return [a.code for a in obj.shown_joint_actions]


class DecisionIn(Input):
    body: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=300, description="in English")
    title_ru: str = TitleRu
    text: str = TextEn
    text_ru: str = TextRu
    authentic_en: bool = AuthenticEn
    authentic_ru: bool = AuthenticRu
    adopted_on: date
    meeting: int | None = None
    legal_bases: list[str] = []
    joint_actions: list[str] = []


class LegalBasisOut(Schema):
    code: str
    title: str = Field(description="in English")
    title_ru: str = Field(description="in Russian; empty: no Russian version")
    authentic_en: bool
    authentic_ru: bool
    kind: str
    reference: str
    parties: list[str]
    party_organisations: list[str]
    signed: date | None
    ratified: date | None
    in_force: date | None
    expires: date | None
    revoked: date | None
    activity_kinds: list[str]
    territories: list[str]
    cargo_classes: list[str]
    summary: str
    summary_ru: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_parties(obj):
        return [n.iso3 for n in obj.shown_parties]

    @staticmethod
    def resolve_territories(obj, context):
        hidden = core_selectors.hidden_nations_of(context["request"])
        return core_selectors.nation_codes_shown(obj.territories, hidden)

    @staticmethod
    def resolve_party_organisations(obj):
        return [o.code for o in obj.shown_party_organisations]


class ParticipationOut(Schema):
    nation: str
    participating: bool
    reason: str


class LinkGroupOut(Schema):
    model: str
    label: str
    count: int


class JointActionOut(Schema):
    code: str
    name: str
    area: str
    activity_kind: str
    territory: str
    status: str
    start: date | None
    end: date | None
    lead_nation: str | None = None
    legal_bases: list[str]
    marking: Marking
    version: int

    @staticmethod
    def resolve_lead_nation(obj):
        return _code(shown(obj, "lead_nation"), "iso3")

    @staticmethod
    def resolve_legal_bases(obj):
        return [b.code for b in obj.shown_legal_bases]


class JointActionDetailOut(JointActionOut):
    participation: list[ParticipationOut] = Field(alias="participation_rows")
    valid_legal_bases: list[str] = Field(alias="valid_base_codes")
    decisions: list[str] = Field(alias="decision_references")
    linked: list[LinkGroupOut] = Field(alias="linked_groups")


class StartIn(Input):
    expected_version: int = Field(ge=1)
    on: date | None = None


class AgendaObjectionOut(Schema):
    nation: str = Field(alias="nation.iso3")
    reason: str


class AgendaItemOut(Schema):
    id: int
    title: str
    proposed_by: str | None = None
    state: str
    outcome: str
    outcome_note: str
    decisions: list[str] = Field(description="references of the decisions it refers to")
    consultations: list[int]
    carried_from: int | None = Field(None, alias="carried_from_id")
    objections: list[AgendaObjectionOut]

    @staticmethod
    def resolve_decisions(obj):
        return [d.reference for d in obj.shown_decisions]

    @staticmethod
    def resolve_consultations(obj):
        return [c.pk for c in obj.shown_consultations]

    @staticmethod
    def resolve_proposed_by(obj):
        return _code(shown(obj, "proposed_by"), "iso3")

    @staticmethod
    def resolve_objections(obj):
        return obj.shown_objections


class MeetingOut(Schema):
    id: int
    body: str | None = None
    starts_at: datetime
    level: str
    chair: str
    place: str
    minutes: str = Field(description="in English")
    minutes_ru: str = Field(description="in Russian")
    drafted_from: int | None = Field(None, alias="drafted_from_id")
    estimated: bool
    marking: Marking

    @staticmethod
    def resolve_body(obj):
        return _code(shown(obj, "body"))


class MeetingAttendanceOut(Schema):
    nation: str = Field(alias="nation.iso3")
    level: str


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut] = Field(alias="agenda_rows")
    attendance: list[MeetingAttendanceOut] = Field(alias="attendance_rows")
    decisions_referenced: list[str] = Field(alias="referenced_rows")


class MeetingPatch(Input):
    expected_version: int = Field(ge=1)
    starts_at: datetime
    level: str = Field("", max_length=12, description="empty: unchanged")
    chair: str = Field("", max_length=200)
    place: str = Field("", max_length=200)


class DraftNextIn(Input):
    starts_at: datetime
    chair: str = Field("", max_length=200, description="empty: this meeting's chair")
    place: str = Field("", max_length=200, description="empty: this meeting's place")


class AgendaOutcomeIn(Input):
    outcome: str = Field(pattern=r"^(open|noted|agreed|deferred)$")
    note: str = Field("", max_length=5000)
    decisions: list[str] = Field([], description="references, e.g. NRC-2026-004")
    consultations: list[int] = []


class MeetingAttendanceIn(Input):
    nation: str = Field(pattern=r"^[A-Z]{3}$")
    level: str = Field(pattern=r"^(head|minister|ambassador|military|expert)$")


class MeetingIn(Input):
    body: str = Field(min_length=1, max_length=40)
    starts_at: datetime
    chair: str = Field("", max_length=200)
    place: str = Field("", max_length=200)


class AgendaItemIn(Input):
    title: str = Field(min_length=1, max_length=300)
    nation: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="secretariat only")


class ObjectionIn(Input):
    reason: str = Field("", max_length=5000)
    nation: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="secretariat only")


class CalendarFeedOut(Schema):
    url: str


class CooperationIn(Input):
    nation: str = Field(pattern=r"^[A-Z]{3}$")
    state: str = Field(pattern=r"^(active|suspended)$")
    start: date
    end: date | None = None
    area: str = Field("", max_length=40)
    reason: str = Field("", max_length=5000)
    marking: Marking | None = Field(None, description="default: the kind's own marking, NRC")


class PreconditionOut(Schema):
    id: int
    nation: str = Field(alias="nation.iso3")
    requires_kind: str
    area: str
    reason: str
    marking: Marking


class PreconditionIn(Input):
    nation: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="default: your nation")
    requires_kind: str = Field(min_length=1, max_length=12)
    area: str = Field("", max_length=40)
    reason: str = Field("", max_length=5000)
    marking: Marking | None = Field(None, description="default: the kind's own marking, NRC")


class LegalBasisPatch(Input):
    expected_version: int = Field(ge=1)
    title: str | None = Field(None, min_length=1, max_length=300, description="in English")
    title_ru: str | None = Field(None, max_length=300, description="in Russian; empty: none")
    authentic_en: bool | None = None
    authentic_ru: bool | None = None
    reference: str | None = Field(None, max_length=200)
    signed: date | None = None
    ratified: date | None = None
    in_force: date | None = None
    expires: date | None = None
    revoked: date | None = None
    activity_kinds: list[str] | None = None
    territories: list[str] | None = None
    cargo_classes: list[str] | None = None
    summary: str | None = Field(None, max_length=5000)
    summary_ru: str | None = Field(None, max_length=5000)


class MinutesIn(Input):
    expected_version: int = Field(ge=1)
    minutes: str = Field(max_length=100_000, description="in English")
    minutes_ru: str = Field("", max_length=100_000, description="in Russian")
    attendees: list[str] = Field([], description="nations attending at the meeting's level")
    attendance: list[MeetingAttendanceIn] = Field(
        [], description="nations and the level they attended"
    )


# --- implementation follow-up of joint actions ----------------------------------------------------


class MeasureOut(Schema):
    key: str = Field(description="e.g. funds.disbursed.USD, transit.delivered, fleet.available")
    label: str
    value: int = Field(description="a count, or for money minor units of currency")
    currency: str = Field(description="money: the currency of value; empty for a count")
    of: int | None = Field(None, description="out of how many, for a share")


class ResultUpdateOut(Schema):
    day: date
    status: str
    progress: int
    note: str
    recorded_by: str


class ResultMilestoneOut(Schema):
    day: date
    title: str
    note: str


class ActionResultOut(Schema):
    id: int
    joint_action: str
    code: str
    title: str
    description: str
    status: str = Field(description="planned, in_progress, delayed, completed or cancelled")
    progress: int = Field(description="per cent done, as last recorded")
    measure: str
    target: int | None
    measured: int | None = Field(description="per cent of the target the figure reaches")
    figure: MeasureOut | None = None
    start: date | None
    end: date | None
    updates: list[ResultUpdateOut]
    milestones: list[ResultMilestoneOut]
    marking: Marking
    version: int


class ActionResultIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=5000)
    measure: str = Field("", max_length=60)
    target: int | None = Field(None, gt=0)
    start: date | None = None
    end: date | None = None
    marking: Literal["PUBLIC", "NRC", "NATO"] = "NRC"


class ActionResultPatch(Input):
    expected_version: int = Field(ge=1)
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=5000)
    measure: str | None = Field(None, max_length=60)
    target: int | None = Field(None, gt=0)
    start: date | None = None
    end: date | None = None


class ResultProgressIn(Input):
    expected_version: int = Field(ge=1)
    day: date
    status: Literal["planned", "in_progress", "delayed", "completed", "cancelled"]
    progress: int = Field(ge=0, le=100)
    note: str = Field("", max_length=5000)


class ResultMilestoneIn(Input):
    day: date
    title: str = Field(min_length=1, max_length=300)
    note: str = Field("", max_length=5000)


class FollowUpOut(Schema):
    joint_action: str
    name: str
    status: str
    figures: list[MeasureOut]
    results: list[ActionResultOut]
