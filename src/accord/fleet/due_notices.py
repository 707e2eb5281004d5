"""Telling maintenance officers of maintenance falling due: a daily job over the due list.

Each day the worker finds, for every maintenance officer (of the aircraft's base, or of no
base), the items of the aircraft they read that are overdue, within tolerance, due soon, or
forecast within ``HORIZON_DAYS``; each item is told once per cycle (``DueNotice``), through the
one door of notifications, in each officer's language, the link to the aircraft.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.core import selectors as core_selectors
from accord.errors import PermissionDenied
from accord.fleet import selectors
from accord.fleet.engine.due import DueStatus
from accord.fleet.models import Aircraft, DueNotice
from accord.fleet.selectors import today
from accord.l10n import format_day
from accord.markings import Role
from accord.notifications.services import notify

KIND = "fleet.due"
LABEL = gettext_lazy("Maintenance due soon")
HORIZON_DAYS = 30
TELLING = {DueStatus.DUE_SOON, DueStatus.WITHIN_TOLERANCE, DueStatus.OVERDUE}


def _officers() -> list:
    ids = core_selectors.user_ids(Q(role_grants__role=Role.MAINTENANCE_OFFICER))
    return list(get_user_model().objects.filter(pk__in=ids).order_by("pk"))


def _due_items(officer, day: date, horizon: date) -> list:
    """(aircraft, task due) this officer reads and should hear of."""
    planes = [
        a
        for a in Aircraft.objects.visible_to(officer).select_related("base")
        if officer.site_id is None or a.base_id in (None, officer.site_id)
    ]
    found = []
    for listed in selectors.due_lists(actor=officer, aircraft=planes, day=day):
        for item in listed.tasks:
            forecast = item.due.forecast
            if item.due.status in TELLING or (forecast is not None and forecast <= horizon):
                found.append((listed.aircraft, item))
    return found


def _compose(aircraft, items, language: str) -> tuple[str, str]:
    """One notice per aircraft: its items falling due, each with its day."""
    with translation.override(language or settings.LANGUAGE_CODE):
        lines = []
        for item in items:
            when = format_day(item.due.forecast) if item.due.forecast else _("now")
            lines.append(
                "- "
                + _("%(code)s (%(task)s): due %(when)s")
                % {"code": item.task.code, "task": item.task.name, "when": when}
            )
        subject = ngettext(
            "[Fleet] %(tail)s: %(count)s maintenance item falling due",
            "[Fleet] %(tail)s: %(count)s maintenance items falling due",
            len(items),
        ) % {"tail": aircraft.tail_number, "count": len(items)}
        message = "\n".join(
            [
                *lines,
                "",
                _("Plan it, or record its compliance, on the aircraft's page:")
                + f" /fleet/aircraft/{aircraft.tail_number}/",
            ]
        )
    return subject, message + "\n"


@audited("maintenance.due_notify")
def due_soon_notify(*, actor, day: date | None = None, horizon_days: int = HORIZON_DAYS) -> int:
    """Tell each officer of the items falling due they have not been told of; returns how many
    items were told. Run daily by the worker; a second run the same day tells nothing new."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only the worker or an administrator sends these notices."))
    day = day or today()
    horizon = day + timedelta(days=horizon_days)
    told: dict[tuple[int, int, str], tuple] = {}
    for officer in _officers():
        for aircraft, item in _due_items(officer, day, horizon):
            cycle = item.last_done.isoformat() if item.last_done else ""
            key = (aircraft.pk, item.task.pk, cycle)
            told.setdefault(key, (aircraft, item, []))[2].append(officer.pk)
    sent = 0
    now = timezone.now()
    fresh: dict[int, tuple] = {}  # aircraft id -> (aircraft, items, officers) not told yet
    for (aircraft_id, task_id, cycle), (aircraft, item, officers) in sorted(told.items()):
        try:
            with transaction.atomic():
                DueNotice.objects.create(
                    aircraft_id=aircraft_id, task_id=task_id, cycle=cycle, notified_at=now
                )
        except IntegrityError:
            continue  # told already, on an earlier day or by a run beside this one
        entry = fresh.setdefault(aircraft_id, (aircraft, [], set()))
        entry[1].append(item)
        entry[2].update(officers)
        sent += 1
    for aircraft, items, officers in fresh.values():
        notify(
            recipients=sorted(officers),
            kind=KIND,
            record=aircraft,
            url=f"/fleet/aircraft/{aircraft.tail_number}/",
            compose=lambda language, _zone, aircraft=aircraft, items=items: _compose(
                aircraft, items, language
            ),
        )
    if sent:
        audit_record(
            actor=actor,
            action=audited_action(),
            object_label="fleet.duenotice",
            changes={"items": sent},
        )
    return sent


CALENDAR_DAYS = 90


def due_events(user, *, now) -> list[dict]:
    """The council feed's fleet events for this user: the forecast due day of each task of the
    aircraft they read, within ``CALENDAR_DAYS``, as all-day events (the due list under their
    access: a task or aircraft they may not read is not there)."""
    day = now.date()
    until = day + timedelta(days=CALENDAR_DAYS)
    planes = list(Aircraft.objects.visible_to(user))
    events = []
    for listed in selectors.due_lists(actor=user, aircraft=planes, day=day):
        aircraft = listed.aircraft
        for item in listed.tasks:
            forecast = item.due.forecast
            if forecast is None or forecast > until or item.due.status == DueStatus.DONE:
                continue
            forecast = max(forecast, day)
            events.append(
                {
                    "uid": f"fleet-due-{aircraft.pk}-{item.task.pk}@accord",
                    "summary": _("%(tail)s: %(task)s due")
                    % {"tail": aircraft.tail_number, "task": item.task.name},
                    "start": forecast,
                    "end": forecast + timedelta(days=1),
                    "description": _("Maintenance task %(code)s of %(tail)s.")
                    % {"code": item.task.code, "tail": aircraft.tail_number},
                    "url": f"/fleet/aircraft/{aircraft.tail_number}/",
                }
            )
    return events
