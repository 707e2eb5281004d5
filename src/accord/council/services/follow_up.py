"""The implementation follow-up of joint actions (Decidim's Accountability): results with their
progress and status over time, and their milestones.

The secretariat (and administrators) keep them. Every change of status or progress is kept as a
dated update beside the result, and every write is audited on the result.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.core.services import record_create, record_update
from accord.council.inputs import ActionResultValues
from accord.council.models import (
    ActionResult,
    JointActionStatus,
    ResultMilestone,
    ResultStatus,
    ResultUpdate,
)
from accord.errors import Code, Conflict, ValidationFailed
from accord.plausible import require_day_of_record


def _check_action(actor, values: ActionResultValues) -> None:
    action = values.joint_action if values.has("joint_action") else None
    if action is not None:
        access.require_view(actor, action)
        if action.status == JointActionStatus.CANCELLED:
            raise Conflict(_("The joint action was cancelled."), code=Code.JOINT_ACTION_CANCELLED)


@audited("action_result.create")
def action_result_create(*, actor, values: ActionResultValues) -> ActionResult:
    """Set a result a joint action is to achieve, planned at 0 per cent."""
    access.require_kind(actor, "create", ActionResult)
    _check_action(actor, values)
    return record_create(
        actor=actor, model=ActionResult, data=values.given(), action=audited_action()
    )


@audited("action_result.update")
def action_result_update(
    *, actor, result: ActionResult, values: ActionResultValues, expected_version: int
) -> ActionResult:
    """Correct what a result is, its planned dates, or the figure and target measuring it."""
    _check_action(actor, values)
    return record_update(
        actor=actor,
        obj=result,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


@audited("action_result.progress")
def action_result_progress(
    *,
    actor,
    result: ActionResult,
    status: str,
    progress: int,
    day: date,
    note: str = "",
    expected_version: int,
) -> ActionResult:
    """Record where a result stands on a day: its status and per cent done. The change is kept
    as a dated update; the result shows the latest day's."""
    access.require_change(actor, result)
    if status not in ResultStatus.values:
        raise ValidationFailed(
            _("Status: choose one of %(statuses)s.")
            % {"statuses": ", ".join(str(label) for label in ResultStatus.labels)},
            code=Code.VALIDATION_FAILED,
            errors={"status": [", ".join(ResultStatus.values)]},
        )
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationFailed(
            _("Progress is 0 to 100 per cent."),
            code=Code.VALIDATION_FAILED,
            errors={"progress": [_("0 to 100")]},
        )
    if status == ResultStatus.COMPLETED and progress != 100:
        raise ValidationFailed(
            _("A completed result is 100 per cent done; record the progress reached instead."),
            code=Code.VALIDATION_FAILED,
            errors={"progress": [_("100 when completed")]},
        )
    require_day_of_record(day)
    before = snapshot(result)
    latest = result.updates.order_by("-day", "-pk").first()
    ResultUpdate.objects.create(
        result=result,
        day=day,
        status=status,
        progress=progress,
        note=note.strip(),
        recorded_by=access.principal_of(actor).username,
    )
    if latest is None or day >= latest.day:  # an update of an earlier day leaves today's as is
        updated = ActionResult.objects.filter(pk=result.pk, version=expected_version).update(
            status=status, progress=progress, version=F("version") + 1
        )
    else:
        updated = ActionResult.objects.filter(pk=result.pk, version=expected_version).update(
            version=F("version") + 1
        )
    if not updated:
        raise Conflict(
            _("Someone changed this result meanwhile; reload it and record again."),
            code=Code.STALE_VERSION,
        )
    result.refresh_from_db()
    changes = field_changes(before, snapshot(result))
    changes["update"] = [None, f"{day.isoformat()} {status} {progress}%"]
    audit_record(actor=actor, action=audited_action(), obj=result, changes=changes)
    return result


@audited("action_result.milestone")
def action_result_milestone(
    *, actor, result: ActionResult, day: date, title: str, note: str = ""
) -> ResultMilestone:
    """Record a milestone a result reached on a day."""
    access.require_change(actor, result)
    title = title.strip()
    if not title:
        raise ValidationFailed(
            _("Title: say what was reached."),
            code=Code.VALIDATION_FAILED,
            errors={"title": [_("required")]},
        )
    require_day_of_record(day)
    milestone = ResultMilestone.objects.create(
        result=result, day=day, title=title[:300], note=note.strip()
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=result,
        changes={"milestone": [None, f"{day.isoformat()} {milestone.title}"]},
    )
    return milestone
