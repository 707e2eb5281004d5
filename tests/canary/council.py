"""The council's canaries: legal bases, joint actions, bodies, meetings, consultations,
decisions, cooperation statuses and preconditions."""

from datetime import UTC, date, datetime

from accord.core.models import Nation
from accord.core.services import record_create
from accord.council.inputs import ActionResultValues, CooperationValues, PreconditionValues
from accord.council.models import (
    ActionResult,
    Body,
    Consultation,
    CooperationStatus,
    Decision,
    JointAction,
    LegalBasis,
    LegalBasisKind,
    Meeting,
    Precondition,
)
from accord.council.services import (
    action_result_create,
    body_members_sync,
    consultation_create,
    cooperation_set,
    decision_record,
    meeting_create,
    meeting_minutes_record,
    precondition_declare,
)
from tests.canary import ACTOR, Canary, make, route, serial


def _body(data, kind, made):
    """Meetings, consultations and decisions carry their body's marking: a canary of one of
    them sits in the canary body of the same kind; a PUBLIC copy keeps its PUBLIC body."""
    index = {"nato": 0, "natl": 1}.get(kind)
    return data["body"] if index is None else made[Body][index]


def _meeting(data, kind, made):
    meeting = meeting_create(
        actor=ACTOR,
        body=_body(data, kind, made),
        starts_at=datetime(2031, 3, 1, 9, tzinfo=UTC),
        chair=data["chair"],
        place=data["place"],
    )
    attendees = data.get("attendees", [])
    if attendees:  # only members attend: a PUBLIC meeting's canary attendee is seated first
        body_members_sync(
            actor=ACTOR, body=meeting.body, members=dict.fromkeys(attendees, date(2031, 1, 1))
        )
    return meeting_minutes_record(
        actor=ACTOR,
        meeting=meeting,
        minutes=data["minutes"],
        attendees=attendees,
        expected_version=meeting.version,
    )


def _consultation(data, kind, made):
    return consultation_create(
        actor=ACTOR,
        body=_body(data, kind, made),
        title=data["title"],
        title_ru=data["title_ru"],
        text=f"{data['title'].split('/')[0]}/text",
        text_ru=f"{data['title'].split('/')[0]}/text_ru",
    )


def _decision(data, kind, made):
    return decision_record(
        actor=ACTOR,
        body=_body(data, kind, made),
        title=data["title"],
        title_ru=data["title_ru"],
        text=data["text"],
        text_ru=data["text_ru"],
        adopted_on=date(2031, 2, 1),
        legal_bases=data.get("legal_bases", []),
        joint_actions=data.get("joint_actions", []),
    )


def _body_create(data, kind, made):
    # Seats are rows with dates of their own: a PUBLIC body seating a canary nation seats it
    # through the service that keeps them.
    members = data.pop("members", [])
    body = record_create(actor=ACTOR, model=Body, data=data, action=f"canary.{kind}")
    if kind.startswith("link-"):
        body_members_sync(actor=ACTOR, body=body, members=dict.fromkeys(members, date(2031, 1, 1)))
    return body


def _service(function, values):
    return lambda data, kind, made: function(actor=ACTOR, values=values(**data))


_RESULT_FIELDS = set(ActionResultValues.__dataclass_fields__)


def _result(data, kind, made):
    # A result's status and progress move only through recorded updates: the copy starts planned.
    values = {k: v for k, v in data.items() if k in _RESULT_FIELDS}
    return action_result_create(actor=ACTOR, values=ActionResultValues(**values))


CANARIES = {
    LegalBasis: Canary(
        links=("parties", "party_organisations"),
        # A PUBLIC legal basis for the canary nations' territories (stored codes, issue 9).
        stored=lambda made: [
            make(
                LegalBasis,
                CANARIES[LegalBasis],
                "stored",
                "PUBLIC",
                made,
                territories=[nation.iso3 for nation in made[Nation]],
            )
        ],
    ),
    JointAction: Canary(links=("lead_nation", "participants", "legal_bases")),
    # The measure names a module's figure (a machine key), kept from the template.
    ActionResult: Canary(create=_result, keep=frozenset({"measure"}), links=("joint_action",)),
    Body: Canary(
        template={"code": "nrc"},
        # Decision references start with the prefix, and must differ from body to body.
        overrides=lambda kind, t: {"number_prefix": f"CNY{serial(kind)}"},
        create=_body_create,
        links=("organisation", "members"),
    ),
    Meeting: Canary(create=_meeting, links=("attendees",)),
    Consultation: Canary(create=_consultation),
    Decision: Canary(
        keep=frozenset({"reference"}), create=_decision, links=("joint_actions", "legal_bases")
    ),
    CooperationStatus: Canary(
        create=_service(cooperation_set, CooperationValues), links=("nation",)
    ),
    Precondition: Canary(
        create=_service(precondition_declare, PreconditionValues),
        # The scenario has none to copy: a precondition of Russia's, its area the canary's.
        overrides=lambda kind, t: {
            "nation": Nation.objects.get(iso3="RUS"),
            "requires_kind": LegalBasisKind.values[0],
        },
        links=("nation",),
    ),
}

PAGES = {
    "council:consultation-detail": route(Consultation, pk="pk"),
    "council:consultation-circulate": route(Consultation, pk="pk"),
    "council:consultation-extend": route(Consultation, pk="pk"),
    "council:consultation-break": route(Consultation, pk="pk"),
    "council:consultation-revise": route(Consultation, pk="pk"),
    "council:consultation-agree": route(Consultation, pk="pk"),
    "council:consultation-close-early": route(Consultation, pk="pk"),
    "council:consultation-withdraw": route(Consultation, pk="pk"),
    "council:versions-difference": route(Consultation, pk="pk"),
    "council:amendment-decide": None,  # an amendment: not a marked record (POST only)
    "council:decision-review": route(Decision, reference="reference"),
    "council:decision-detail": route(Decision, reference="reference"),
    "council:legal-basis-detail": route(LegalBasis, code="code"),
    "council:joint-action-detail": route(JointAction, code="code"),
    "council:joint-action-start": route(JointAction, code="code"),
    "council:result-create": route(JointAction, code="code"),
    "council:result-edit": route(ActionResult, pk="pk"),
    "council:result-progress": route(ActionResult, pk="pk"),
    "council:result-milestone": route(ActionResult, pk="pk"),
    "council:body-detail": route(Body, code="code"),
    "council:meeting-detail": route(Meeting, pk="pk"),
    "council:meeting-minutes": route(Meeting, pk="pk"),
    "council:meeting-edit": route(Meeting, pk="pk"),
    "council:agenda-outcome": route(Meeting, pk="pk"),
    "council:meeting-draft-next": route(Meeting, pk="pk"),
    "council:decision-record": route(Meeting, pk="pk"),
    "council:agenda-propose": route(Meeting, pk="pk"),
    "council:agenda-object": None,  # an agenda item: not a marked record (POST only)
    "council:calendar": None,  # the persona's own secret feed: the crawl mints one
}

API = {
    "/api/v1/council/bodies/{code}": route(Body, code="code"),
    "/api/v1/council/consultations/{consultation_id}": route(Consultation, consultation_id="pk"),
    "/api/v1/council/consultations/{consultation_id}/difference": route(
        Consultation, consultation_id="pk"
    ),
    "/api/v1/council/decisions/{reference}": route(Decision, reference="reference"),
    "/api/v1/council/legal-bases/{code}": route(LegalBasis, code="code"),
    "/api/v1/council/joint-actions/{code}": route(JointAction, code="code"),
    "/api/v1/council/joint-actions/{code}/results": route(JointAction, code="code"),
    "/api/v1/council/results/{result_id}": route(ActionResult, result_id="pk"),
    "/api/v1/council/meetings/{meeting_id}": route(Meeting, meeting_id="pk"),
}

FILTERS = {
    "body": route(Body, value="code"),
    "legal_basis": route(LegalBasis, value="code"),
    "joint_action": route(JointAction, value="code"),
}
