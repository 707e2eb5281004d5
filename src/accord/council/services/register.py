"""Writes of the register: decisions agreed at meetings, joint actions, links, cooperation status.

Legal bases and joint actions are also created and corrected through the generic audited
record services (the scenario loader does so); the use cases with rules of their own are here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audited, audited_action
from accord.bilingual import require_versions
from accord.core.inputs import MarkedValues
from accord.core.services import record_create, record_update
from accord.council.facts import member_ids, valid_bases
from accord.council.inputs import CooperationValues, LegalBasisValues, PreconditionValues
from accord.council.models import (
    AdoptedBy,
    Body,
    CooperationStatus,
    Decision,
    JointAction,
    JointActionStatus,
    LegalBasis,
    Meeting,
    Membership,
    Precondition,
)
from accord.council.services.consultations import insert_decisions
from accord.council.services.consultations import record as audit_write
from accord.council.services.notify import notify_members
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.l10n import format_day
from accord.markings import Role


@audited("joint_action.start")
def joint_action_start(
    *, actor, joint_action: JointAction, on: date | None = None, expected_version: int
) -> JointAction:
    """Start a joint action: refused unless a legal basis is valid for its dates and scope."""
    access.require_change(actor, joint_action)
    if joint_action.status != JointActionStatus.PROPOSED:
        raise Conflict(
            _(
                "The joint action is no longer proposed (its status: %(status)s); only a "
                "proposed one can start."
            )
            % {"status": joint_action.get_status_display()},
            code=Code.JOINT_ACTION_NOT_PROPOSED,
        )
    start = on or joint_action.start or timezone.now().date()
    if joint_action.end and start > joint_action.end:
        raise ValidationFailed(
            _("The start must not be after the action's end."),
            code=Code.VALIDATION_FAILED,
            errors={"on": [_("after the end")]},
        )
    probe = JointAction(
        pk=joint_action.pk,
        start=start,
        end=joint_action.end,
        activity_kind=joint_action.activity_kind,
        territory=joint_action.territory,
    )
    if not valid_bases(probe):
        raise ValidationFailed(
            _no_valid_basis(start, joint_action.end),
            code=Code.LEGAL_BASIS_MISSING,
            errors={"legal_bases": [_("none valid for the dates and scope")]},
        )
    updated = JointAction.objects.filter(pk=joint_action.pk, version=expected_version).update(
        status=JointActionStatus.ACTIVE, start=start, version=F("version") + 1
    )
    if not updated:
        raise Conflict(_("Someone changed this joint action; reload it."), code=Code.STALE_VERSION)
    joint_action.refresh_from_db()
    audit_write(
        actor=actor,
        action=audited_action(),
        obj=joint_action,
        changes={
            "status": [JointActionStatus.PROPOSED, JointActionStatus.ACTIVE],
            "start": str(start),
        },
    )
    return joint_action


def _no_valid_basis(start: date, end: date | None) -> str:
    """Why a joint action cannot start, naming its period in the reader's words."""
    if end is None:
        period = _("from %(start)s") % {"start": format_day(start)}
    else:
        period = _("from %(start)s to %(end)s") % {
            "start": format_day(start),
            "end": format_day(end),
        }
    return _(
        "No legal basis of this joint action is valid for its dates and scope (%(period)s). Add a "
        "legal basis in force for that period that covers the activity."
    ) % {"period": period}


@audited("joint_action.link")
def joint_action_link(
    *, actor, joint_action: JointAction | None, record: models.Model, field: str = "joint_action"
) -> models.Model:
    """Point another module's record at a joint action (or clear it with ``None``).

    The record must have a foreign key ``field`` to ``council.JointAction``; the actor must be
    allowed to change the record and to read the action. The link is audited on the record.
    """
    model_field = type(record)._meta.get_field(field)
    if not (model_field.many_to_one and model_field.related_model is JointAction):
        raise ValidationFailed(
            _("%(field)s is not a link to a joint action.")
            % {"field": f"{type(record)._meta.label}.{field}"},
            code=Code.NOT_A_JOINT_ACTION_LINK,
        )
    if hasattr(record, "access_rule"):
        access.require_change(actor, record)
    elif access.principal_of(actor).is_anonymous:
        raise PermissionDenied(_("Sign in to link records to a joint action."))
    if joint_action is not None:
        access.require_view(actor, joint_action)
        if joint_action.status == JointActionStatus.CANCELLED:
            raise Conflict(_("The joint action was cancelled."), code=Code.JOINT_ACTION_CANCELLED)
    before = getattr(record, model_field.attname)
    after = joint_action.pk if joint_action else None
    type(record).objects.filter(pk=record.pk).update(**{model_field.attname: after})
    setattr(record, model_field.attname, after)
    audit_write(
        actor=actor,
        action=audited_action(),
        obj=record,
        changes={field: [before, joint_action.code if joint_action else None]},
    )
    return record


@audited("decision.record")
def decision_record(
    *,
    actor,
    body: Body,
    title: str,
    text: str,
    adopted_on: date,
    meeting: Meeting | None = None,
    legal_bases: list[LegalBasis] = (),
    joint_actions: list[JointAction] = (),
    title_ru: str = "",
    text_ru: str = "",
    authentic_en: bool = False,
    authentic_ru: bool = False,
) -> Decision:
    """Record a decision agreed by consensus at a meeting, with its next number: its text in
    English, Russian or both (its title in English at least), each marked authentic or not."""
    access.require_view(actor, body)
    if not access.principal_of(actor).has_role(Role.SECRETARIAT, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only the council secretariat records decisions."))
    if not title.strip() or not ((text or "").strip() or (text_ru or "").strip()):
        raise ValidationFailed(
            _("Give the decision a title and its text."),
            errors={
                k: [_("required")]
                for k, v in (("title", title), ("text", (text or "") + (text_ru or "")))
                if not v.strip()
            },
        )
    require_versions(
        field="text",
        english=text,
        russian=text_ru,
        authentic_en=authentic_en,
        authentic_ru=authentic_ru,
    )
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationFailed(
            _("That meeting is not a meeting of this body."),
            errors={"meeting": [_("another body")]},
        )
    (decision,) = insert_decisions(
        [
            Decision(
                body=body,
                year=adopted_on.year,
                number=0,
                reference="",
                title=title.strip()[:300],
                title_ru=(title_ru or "").strip()[:300],
                text=(text or "").strip(),
                text_ru=(text_ru or "").strip(),
                authentic_en=authentic_en,
                authentic_ru=authentic_ru,
                adopted_on=adopted_on,
                adopted_by=AdoptedBy.MEETING,
                meeting=meeting,
                marking=body.marking,
                owner_nation_id=body.owner_nation_id,
            )
        ]
    )
    decision.legal_bases.set(legal_bases)
    decision.joint_actions.set(joint_actions)
    audit_write(
        actor=actor,
        action=audited_action(),
        obj=decision,
        changes={
            "reference": [None, decision.reference],
            "title": [None, decision.title],
            **({"title_ru": [None, decision.title_ru]} if decision.title_ru else {}),
        },
    )
    notify_members(
        "adopted",
        body=body,
        member_ids=member_ids(body, adopted_on),
        context={"decision": decision, "consultation": None},
    )
    return decision


@audited("cooperation.set")
def cooperation_set(*, actor, values: CooperationValues) -> CooperationStatus:
    """Record a member's practical-cooperation status from a date (secretariat)."""
    values = _with_default_marking(CooperationStatus, values)
    return record_create(
        actor=actor, model=CooperationStatus, data=values.given(), action=audited_action()
    )


@audited("precondition.declare")
def precondition_declare(*, actor, values: PreconditionValues) -> Precondition:
    """A delegation declares its nation's precondition for taking part in joint actions."""
    values = _with_default_marking(Precondition, values)
    return record_create(
        actor=actor, model=Precondition, data=values.given(), action=audited_action()
    )


def _with_default_marking[V: MarkedValues](model, values: V) -> V:
    """``values`` with the kind's own marking where the caller named none."""
    return replace(values, marking=values.marking or model.default_marking)


@audited("legal_basis.update")
def legal_basis_update(
    *, actor, legal_basis: LegalBasis, values: LegalBasisValues, expected_version: int
) -> LegalBasis:
    """Correct a legal basis; a version of its title marked authentic must be given."""
    access.require_change(actor, legal_basis)

    def now_or_then(field: str):
        return getattr(values, field) if values.has(field) else getattr(legal_basis, field)

    require_versions(
        field="title",
        english=now_or_then("title"),
        russian=now_or_then("title_ru"),
        authentic_en=now_or_then("authentic_en"),
        authentic_ru=now_or_then("authentic_ru"),
    )
    return record_update(
        actor=actor,
        obj=legal_basis,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


def today(now: datetime | None = None) -> date:
    return (now or timezone.now()).date()


@audited("body.members_sync")
def body_members_sync(*, actor, body: Body, members: dict) -> int:
    """Seat nations in a body (``{nation: joined date}``); returns how many changed."""
    access.require_change(actor, body)
    existing = {m.nation_id: m for m in Membership.objects.filter(body=body)}
    changes = {}
    for nation, joined in members.items():
        seat = existing.get(nation.pk)
        if seat is None:
            Membership.objects.create(body=body, nation=nation, joined=joined)
            changes[nation.iso3] = [None, str(joined) if joined else "member"]
        elif seat.joined != joined:
            Membership.objects.filter(pk=seat.pk).update(joined=joined)
            changes[nation.iso3] = [str(seat.joined), str(joined)]
    if changes:
        audit_write(actor=actor, action=audited_action(), obj=body, changes=changes)
    return len(changes)


# --- reviews of decisions -----------------------------------------------------------------------

REVIEW_NOTICE_DAYS = 14
REVIEW_MOST_YEARS = 30


@audited("decision.review_set")
def decision_review_set(
    *,
    actor,
    decision: Decision,
    review_on: date | None,
    note: str = "",
    expected_version: int | None = None,
) -> Decision:
    """Give a decision a review date (or clear it): the body's members are reminded
    ``REVIEW_NOTICE_DAYS`` days ahead, once per date, by the council's reminder job."""
    access.require_view(actor, decision)
    if not access.principal_of(actor).has_role(Role.SECRETARIAT, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only the council secretariat sets a decision's review date."))
    latest = date(decision.adopted_on.year + REVIEW_MOST_YEARS, 12, 31)
    if review_on is not None and not (decision.adopted_on < review_on <= latest):
        raise ValidationFailed(
            _(
                "The review date must come after the decision's adoption (%(adopted)s) and "
                "within %(years)s years of it."
            )
            % {"adopted": format_day(decision.adopted_on), "years": REVIEW_MOST_YEARS},
            code=Code.REVIEW_DATE_INVALID,
            errors={"review_on": [_("after the adoption, within 30 years")]},
        )
    before = (decision.review_on, decision.review_note)
    condition = {} if expected_version is None else {"version": expected_version}
    changed = Decision.objects.filter(pk=decision.pk, **condition).update(
        review_on=review_on,
        review_note=(note or "").strip()[:2000] if review_on else "",
        # A new date is reminded of anew.
        review_reminded_at=None,
        version=F("version") + 1,
    )
    if not changed:
        raise Conflict(
            _("Someone changed this decision meanwhile; reload it and try again."),
            code=Code.STALE_VERSION,
        )
    decision.refresh_from_db()
    audit_write(
        actor=actor,
        action=audited_action(),
        obj=decision,
        changes={
            "review_on": [before[0], decision.review_on],
            "review_note": [before[1][:500], decision.review_note[:500]],
        },
    )
    return decision


@audited("decision.review_remind")
def decisions_review_remind(*, actor, now: datetime | None = None) -> int:
    """Remind the body's members, once per review date, of decisions due for review within
    ``REVIEW_NOTICE_DAYS`` days (or overdue and not yet reminded). Idempotent: each reminder is
    claimed with a conditional ``UPDATE ... WHERE review_reminded_at IS NULL``."""
    p = access.principal_of(actor)
    if not p.has_role(Role.ADMINISTRATOR, Role.SECRETARIAT):
        raise PermissionDenied(_("Only the secretariat or an administrator sends reminders."))
    now = now or timezone.now()
    horizon = today(now) + timedelta(days=REVIEW_NOTICE_DAYS)
    due = Decision.objects.filter(
        review_on__isnull=False, review_on__lte=horizon, review_reminded_at__isnull=True
    ).select_related("body")
    sent = 0
    for decision in due:
        if not Decision.objects.filter(
            pk=decision.pk, review_on=decision.review_on, review_reminded_at__isnull=True
        ).update(review_reminded_at=now):
            continue
        audit_write(
            actor=actor,
            action=audited_action(),
            obj=decision,
            changes={"review_reminded": [None, decision.review_on]},
        )
        notify_members(
            "review",
            body=decision.body,
            member_ids=member_ids(decision.body, now),
            context={"decision": decision},
        )
        sent += 1
    return sent
