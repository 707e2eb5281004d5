"""The council's rows of the access matrices: every page and API operation, every persona.

NRC records are read by the personas of NRC nations, not by Afghanistan's; the NATO-only
consultation and body are invisible to Russia's delegation too (404, never 403). The secretariat
(and administrators) circulate, extend, revise and record; delegations break silence for their
own nation. A refused creation is a 403 whatever body it names.
"""

from datetime import timedelta

from django.utils import timezone

from accord.access import system_principal
from accord.core.models import User
from accord.council.inputs import ActionResultValues
from accord.council.models import Body, JointAction, Meeting
from accord.council.services import (
    action_result_create,
    agenda_item_propose,
    calendar_feed_create,
    consultation_circulate,
    consultation_create,
    decision_record,
    meeting_create,
    silence_break,
)
from accord.markings import Role
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NATO_READERS,
    NRC_READERS,
    api_rule,
    change_rule,
    everyone,
    holding,
    page_change_rule,
    page_rule,
)

SECRETARIAT = ADMINS | holding(Role.SECRETARIAT)
DELEGATIONS = holding(Role.DELEGATION)


def nrc_change(editors, ok: int):
    """A change of an NRC-marked record: ``ok`` for ``editors``, 404 for a persona of a nation
    outside the NRC, 403 for the other readers."""
    return change_rule(editors, NRC_READERS, ok)


def agenda_move(ok: int):
    """An agenda move in the NRC's meeting: delegations for their own nation; the secretariat
    must name one (422); the other readers 403, the others 404."""
    refused = nrc_change(set(), ok)
    return lambda u: ok if u in DELEGATIONS else 422 if u in SECRETARIAT else refused(u)


def records() -> dict:
    actor = system_principal("matrix")
    now = timezone.now()
    nrc, nac = Body.objects.get(code="nrc"), Body.objects.get(code="nac")

    def open_text(body, title):
        c = consultation_create(actor=actor, body=body, title=title, text="Draft text.")
        consultation_circulate(actor=actor, consultation=c, deadline=now + timedelta(days=3))
        return c

    nrc_open = open_text(nrc, "Matrix NRC text")
    nato_open = open_text(nac, "Matrix NATO text")
    nrc_draft = consultation_create(actor=actor, body=nrc, title="Matrix draft", text="Draft.")
    meeting = meeting_create(actor=actor, body=nrc, starts_at=now + timedelta(days=7))
    item = agenda_item_propose(
        actor=actor, meeting=meeting, title="Matrix item", nation=nrc.members.get(iso3="USA")
    )
    _, secret = calendar_feed_create(actor=User.objects.get(username="auditor"))
    nato_meeting = Meeting.objects.filter(body=nac).first() or meeting_create(
        actor=actor, body=nac, starts_at=now + timedelta(days=9)
    )

    def broken_with_amendment(body, title):
        c = open_text(body, title)
        return silence_break(
            actor=User.objects.get(username="delegation-usa"),
            consultation=c,
            statement="Matrix break.",
            proposals=[{"language": "en", "old": "Draft", "new": "Final"}],
        ).proposals.get()

    nrc_amendment = broken_with_amendment(nrc, "Matrix NRC amended")
    nato_amendment = broken_with_amendment(nac, "Matrix NATO amended")
    nrc_decision = decision_record(
        actor=actor, body=nrc, title="Matrix decision", text="Agreed.", adopted_on=now.date()
    )
    # A result of an NRC joint action at its first version, for the follow-up's writes.
    nrc_result = action_result_create(
        actor=actor,
        values=ActionResultValues(
            joint_action=JointAction.objects.get(code="nrc_hmtf"),
            code="matrix-result",
            title="Matrix result",
            marking="NRC",
        ),
    )
    return {
        "nrc_result": nrc_result.pk,
        "nrc_amended": nrc_amendment.silence_break.circulation.consultation_id,
        "nrc_amendment": nrc_amendment.pk,
        "nato_amended": nato_amendment.silence_break.circulation.consultation_id,
        "nato_amendment": nato_amendment.pk,
        "nrc_decision": nrc_decision.reference,
        "nrc_open": nrc_open.pk,
        "nato_open": nato_open.pk,
        "nrc_draft": nrc_draft.pk,
        "nrc_meeting": meeting.pk,
        "nato_meeting": nato_meeting.pk,
        "agenda_item": item.pk,
        "calendar_secret": secret,
    }


FUTURE = (timezone.now() + timedelta(days=5)).isoformat()
LATER = (timezone.now() + timedelta(days=6)).isoformat()

API = {
    ("GET", "/api/v1/council/bodies"): ("/council/bodies", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/council/bodies/{code}"): (
        "/council/bodies/nac",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("GET", "/api/v1/council/cooperation"): ("/council/cooperation", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/council/cooperation"): (
        "/council/cooperation",
        {"nation": "RUS", "state": "active", "start": "2030-01-01", "area": "matrix"},
        api_rule(SECRETARIAT, 201),
    ),
    ("GET", "/api/v1/council/preconditions"): (
        "/council/preconditions",
        None,
        api_rule(EVERYONE, 200),
    ),
    # For one's own nation: delegations and the secretariat (Belgium); an administrator has no
    # nation to declare for (422); other roles may not (403).
    ("POST", "/api/v1/council/preconditions"): (
        "/council/preconditions",
        {"requires_kind": "unscr", "area": "matrix"},
        lambda u: (
            401
            if u is None
            else 201
            if u in DELEGATIONS | {"secretariat"}
            else 422
            if u == "admin"
            else 403
        ),
    ),
    ("PATCH", "/api/v1/council/legal-bases/{code}"): (
        "/council/legal-bases/unscr_1386",
        {"expected_version": 1, "summary": "Checked against the resolution."},
        api_rule(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/meetings/{meeting_id}/minutes"): (
        "/council/meetings/{nrc_meeting}/minutes",
        {"expected_version": 1, "minutes": "Met.", "attendees": ["USA"]},
        nrc_change(SECRETARIAT, 200),
    ),
    ("GET", "/api/v1/council/consultations"): (
        "/council/consultations",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("POST", "/api/v1/council/consultations"): (
        "/council/consultations",
        {"body": "nrc", "title": "Matrix", "text": "Text."},
        api_rule(SECRETARIAT, 201),
    ),
    ("GET", "/api/v1/council/consultations/{consultation_id}"): (
        "/council/consultations/{nato_open}",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/circulate"): (
        "/council/consultations/{nrc_draft}/circulate",
        {"deadline": FUTURE},
        nrc_change(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/extend"): (
        "/council/consultations/{nrc_open}/extend",
        {"deadline": LATER},
        nrc_change(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/break"): (
        "/council/consultations/{nrc_open}/break",
        {"statement": "We need more time."},
        nrc_change(DELEGATIONS, 200),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/amendments/{amendment_id}/decide"): (
        "/council/consultations/{nrc_amended}/amendments/{nrc_amendment}/decide",
        {"accept": True, "note": "Matrix"},
        nrc_change(SECRETARIAT, 200),
    ),
    ("GET", "/api/v1/council/consultations/{consultation_id}/difference"): (
        "/council/consultations/{nato_open}/difference?before=1&after=1",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/agree"): (
        "/council/consultations/{nrc_open}/agree",
        None,
        nrc_change(DELEGATIONS, 200),
    ),
    # Allowed to the secretariat, refused by the rules: nobody has agreed yet.
    ("POST", "/api/v1/council/consultations/{consultation_id}/close-early"): (
        "/council/consultations/{nrc_open}/close-early",
        None,
        nrc_change(SECRETARIAT, 409),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/withdraw"): (
        "/council/consultations/{nrc_draft}/withdraw",
        {"reason": "Matrix withdrawal."},
        nrc_change(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/decisions/{reference}/review"): (
        "/council/decisions/{nrc_decision}/review",
        {"review_on": "2045-01-01", "note": "Matrix", "expected_version": 1},
        nrc_change(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/consultations/{consultation_id}/revise"): (
        "/council/consultations/{nrc_draft}/revise",
        {"text": "Revised."},
        nrc_change(SECRETARIAT, 200),
    ),
    ("GET", "/api/v1/council/decisions"): ("/council/decisions", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/council/decisions"): (
        "/council/decisions",
        {"body": "nrc", "title": "Matrix decision", "text": "Agreed.", "adopted_on": "2013-06-04"},
        api_rule(SECRETARIAT, 201),
    ),
    ("GET", "/api/v1/council/decisions/{reference}"): (
        "/council/decisions/NAC-2012-001",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    ("GET", "/api/v1/council/legal-bases"): (
        "/council/legal-bases",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/council/legal-bases/{code}"): (
        "/council/legal-bases/unscr_1386",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/council/joint-actions"): (
        "/council/joint-actions",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/council/joint-actions/{code}"): (
        "/council/joint-actions/andsf_sustainment",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    # Already active: the secretariat's attempt is a 409 (only a proposed action starts).
    ("POST", "/api/v1/council/joint-actions/{code}/start"): (
        "/council/joint-actions/nrc_hmtf/start",
        {"expected_version": 1},
        nrc_change(SECRETARIAT, 409),
    ),
    ("GET", "/api/v1/council/joint-actions/{code}/results"): (
        "/council/joint-actions/nrc_hmtf/results",
        None,
        api_rule(NRC_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/council/joint-actions/{code}/results"): (
        "/council/joint-actions/nrc_hmtf/results",
        {"code": "matrix-new", "title": "Matrix new result", "marking": "NRC"},
        api_rule(SECRETARIAT, 201),
    ),
    ("GET", "/api/v1/council/results/{result_id}"): (
        "/council/results/{nrc_result}",
        None,
        api_rule(NRC_READERS, 200, denied=404),
    ),
    ("PATCH", "/api/v1/council/results/{result_id}"): (
        "/council/results/{nrc_result}",
        {"expected_version": 1, "title": "Matrix result, checked"},
        nrc_change(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/results/{result_id}/progress"): (
        "/council/results/{nrc_result}/progress",
        {"expected_version": 1, "day": "2015-01-01", "status": "in_progress", "progress": 10},
        nrc_change(SECRETARIAT, 200),
    ),
    ("POST", "/api/v1/council/results/{result_id}/milestones"): (
        "/council/results/{nrc_result}/milestones",
        {"day": "2015-01-01", "title": "Matrix milestone"},
        nrc_change(SECRETARIAT, 201),
    ),
    ("GET", "/api/v1/council/follow-up"): (
        "/council/follow-up",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/council/meetings"): ("/council/meetings", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/council/meetings"): (
        "/council/meetings",
        {"body": "nrc", "starts_at": FUTURE, "place": "Brussels"},
        api_rule(SECRETARIAT, 201),
    ),
    ("GET", "/api/v1/council/meetings/{meeting_id}"): (
        "/council/meetings/{nato_meeting}",
        None,
        api_rule(NATO_READERS, 200, denied=404),
    ),
    # Delegations propose for their own nation; the secretariat must name one (422 here).
    ("POST", "/api/v1/council/meetings/{meeting_id}/agenda"): (
        "/council/meetings/{nrc_meeting}/agenda",
        {"title": "Afghanistan"},
        agenda_move(201),
    ),
    ("POST", "/api/v1/council/agenda-items/{item_id}/object"): (
        "/council/agenda-items/{agenda_item}/object",
        {"reason": "Not now."},
        agenda_move(200),
    ),
    ("PATCH", "/api/v1/council/meetings/{meeting_id}"): (
        "/council/meetings/{nrc_meeting}",
        {"expected_version": 1, "starts_at": LATER, "place": "Rome"},
        nrc_change(SECRETARIAT, 200),
    ),
    # The matrix's meeting lies ahead: outcomes and the next agenda wait for it (409).
    ("POST", "/api/v1/council/agenda-items/{item_id}/outcome"): (
        "/council/agenda-items/{agenda_item}/outcome",
        {"outcome": "noted"},
        nrc_change(SECRETARIAT, 409),
    ),
    ("POST", "/api/v1/council/meetings/{meeting_id}/draft-next"): (
        "/council/meetings/{nrc_meeting}/draft-next",
        {"starts_at": LATER},
        nrc_change(SECRETARIAT, 409),
    ),
    ("POST", "/api/v1/council/calendar-feed"): (
        "/council/calendar-feed",
        None,
        api_rule(EVERYONE, 201),
    ),
    ("GET", "/api/v1/council/calendar.ics"): (
        "/council/calendar.ics",
        None,
        api_rule(EVERYONE, 200),
    ),
}

PAGES = {
    "council:index": ("GET", "/council/", page_rule(EVERYONE)),
    "council:consultation-create": ("GET", "/council/consultations/new/", page_rule(SECRETARIAT)),
    "council:consultation-detail": (
        "GET",
        "/council/consultations/{nato_open}/",
        page_rule(NATO_READERS, denied=404),
    ),
    # Posted empty: the form is incomplete, so everyone allowed is sent back with a message;
    # Russia cannot reach the NATO-only text at all.
    "council:consultation-circulate": (
        "POST",
        "/council/consultations/{nato_open}/circulate/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:consultation-extend": (
        "POST",
        "/council/consultations/{nato_open}/extend/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:consultation-break": (
        "POST",
        "/council/consultations/{nato_open}/break/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:consultation-revise": (
        "POST",
        "/council/consultations/{nato_open}/revise/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:amendment-decide": (
        "POST",
        "/council/consultations/{nato_amended}/amendments/{nato_amendment}/decide/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:versions-difference": (
        "GET",
        "/council/consultations/{nato_open}/difference/?before=1&after=1",
        page_rule(NATO_READERS, denied=404),
    ),
    "council:consultation-agree": (
        "POST",
        "/council/consultations/{nato_open}/agree/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:consultation-close-early": (
        "POST",
        "/council/consultations/{nato_open}/close-early/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:consultation-withdraw": (
        "POST",
        "/council/consultations/{nato_open}/withdraw/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:decision-review": (
        "POST",
        "/council/decisions/NAC-2014-001/review/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:decisions": ("GET", "/council/decisions/", page_rule(EVERYONE)),
    "council:decision-detail": (
        "GET",
        "/council/decisions/NAC-2014-001/",
        page_rule(NATO_READERS, denied=404),
    ),
    "council:legal-bases": ("GET", "/council/legal-bases/", page_rule(EVERYONE)),
    "council:legal-basis-detail": (
        "GET",
        "/council/legal-bases/nrc_rome/",
        page_rule(EVERYONE),
    ),
    "council:joint-actions": ("GET", "/council/joint-actions/", page_rule(EVERYONE)),
    "council:joint-action-detail": (
        "GET",
        "/council/joint-actions/andsf_sustainment/",
        page_rule(NATO_READERS, denied=404),
    ),
    "council:joint-action-start": (
        "POST",
        "/council/joint-actions/andsf_sustainment/start/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:result-create": (
        "GET",
        "/council/joint-actions/nrc_hmtf/results/new/",
        page_change_rule(SECRETARIAT, NRC_READERS),
    ),
    "council:result-edit": (
        "GET",
        "/council/results/{nrc_result}/edit/",
        page_change_rule(SECRETARIAT, NRC_READERS),
    ),
    "council:result-progress": (
        "GET",
        "/council/results/{nrc_result}/progress/",
        page_change_rule(SECRETARIAT, NRC_READERS),
    ),
    "council:result-milestone": (
        "GET",
        "/council/results/{nrc_result}/milestones/new/",
        page_change_rule(SECRETARIAT, NRC_READERS),
    ),
    "council:public-follow-up": ("GET", "/council/follow-up/", everyone()),
    "council:bodies": ("GET", "/council/bodies/", page_rule(EVERYONE)),
    "council:body-detail": ("GET", "/council/bodies/nac/", page_rule(NATO_READERS, denied=404)),
    "council:meetings": ("GET", "/council/meetings/", page_rule(EVERYONE)),
    "council:meeting-create": ("GET", "/council/meetings/new/", page_rule(SECRETARIAT)),
    "council:meeting-minutes": (
        "POST",
        "/council/meetings/{nato_meeting}/minutes/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:meeting-edit": (
        "GET",
        "/council/meetings/{nato_meeting}/edit/",
        page_change_rule(SECRETARIAT, NATO_READERS),
    ),
    "council:agenda-outcome": (
        "POST",
        "/council/meetings/{nato_meeting}/outcome/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:meeting-draft-next": (
        "POST",
        "/council/meetings/{nato_meeting}/draft-next/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:decision-record": (
        "POST",
        "/council/meetings/{nato_meeting}/decisions/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:precondition-declare": (
        "POST",
        "/council/preconditions/",
        page_rule(EVERYONE, ok=302),
    ),
    "council:cooperation-set": ("POST", "/council/cooperation/", page_rule(EVERYONE, ok=302)),
    "council:meeting-detail": (
        "GET",
        "/council/meetings/{nato_meeting}/",
        page_rule(NATO_READERS, denied=404),
    ),
    "council:agenda-propose": (
        "POST",
        "/council/meetings/{nato_meeting}/agenda/",
        page_rule(NATO_READERS, ok=302, denied=404),
    ),
    "council:agenda-object": (
        "POST",
        "/council/agenda-items/{agenda_item}/object/",
        page_rule(NRC_READERS, ok=302, denied=404),
    ),
    "council:calendar-feed": ("POST", "/council/calendar/feed/", page_rule(EVERYONE, ok=302)),
    # The secret URL is the key: anyone holding it gets the auditor's feed, cookies or not.
    "council:calendar": (
        "GET",
        "/council/calendar/{calendar_secret}.ics",
        lambda u: 200,
    ),
}
