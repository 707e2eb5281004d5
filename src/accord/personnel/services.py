"""Every write to personnel: one audited function per use case.

Four eyes: a person, a slot and an override are asked for by one user and count only once a
different user with the right to change them confirms (``*_confirm``); the database refuses a
confirmation by the user who asked too (CHECK constraints). A position's ``filled`` moves by a
conditional UPDATE bounded by its ``authorised`` (and a CHECK constraint), so two confirmations
at once can never fill a post twice. A person holds one position at a time (a partial unique
index); a second person enrolled with a biometric identifier already known is kept and flagged
as a suspected duplicate of the first, never merged.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Marking
from accord.personnel import reconcile as reconciliation
from accord.personnel.choices import LEAVING, PIPELINE, AttritionKind, Stage
from accord.personnel.inputs import PersonValues, PositionValues, UnitValues
from accord.personnel.models import (
    Attrition,
    GraduateRecord,
    Override,
    PayrollLine,
    PayrollMonth,
    Person,
    Position,
    RosterEntry,
    Slot,
    Unit,
)
from accord.plausible import MISSION_HISTORY_STARTS
from accord.training import selectors as training


def _user_id(actor) -> int | None:
    return access.principal_of(actor).user_id


def _second_pair_of_eyes(actor, requested_by_id: int | None) -> None:
    """Refuse a confirmation by the user who asked (Accord's own work has no user)."""
    user_id = _user_id(actor)
    if user_id is not None and user_id == requested_by_id:
        raise PermissionDenied(
            _("You asked for this yourself: another user must confirm it."), code=Code.FOUR_EYES
        )


def _personal(nation) -> dict:
    # Personal data is marked as its nation's; who reads it is the kind's personal rule.
    return {"marking": Marking.NATIONAL, "owner_nation": nation}


# --- units and positions -------------------------------------------------------------------------


@audited("unit.create")
def unit_create(*, actor, values: UnitValues) -> Unit:
    """Add a unit under its parent (a unit of the same nation)."""
    data = values.given()
    parent = data.get("parent")
    if parent is not None and parent.nation_id != data["nation"].pk:
        raise ValidationFailed(
            _("A unit's parent is a unit of the same nation."),
            code=Code.VALIDATION_FAILED,
            errors={"parent": [_("a unit of the same nation")]},
        )
    return record_create(actor=actor, model=Unit, data=data, action=audited_action())


@audited("unit.update")
def unit_update(*, actor, unit: Unit, values: UnitValues, expected_version: int) -> Unit:
    return record_update(
        actor=actor,
        obj=unit,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


def _check_wage_line(fiscal_year, wage_line) -> None:
    if wage_line.fiscal_year_id != fiscal_year.pk:
        raise ValidationFailed(
            _(
                "%(line)s is a wage line of another fiscal year than %(year)s: choose a line of "
                "%(year)s."
            )
            % {"line": wage_line.code, "year": fiscal_year.label},
            code=Code.WAGE_LINE_OTHER_YEAR,
            errors={"wage_line": [_("a line of the position's fiscal year")]},
        )


@audited("position.create")
def position_create(*, actor, values: PositionValues) -> Position:
    """Authorise posts of one grade and specialty in a unit for a fiscal year, paid by a wage
    line of that year."""
    data = values.given()
    _check_wage_line(data["fiscal_year"], data["wage_line"])
    unit = data["unit"]
    data["nation"] = unit.nation
    data.setdefault("marking", unit.marking)
    if data["marking"] == Marking.NATIONAL:
        data.setdefault("owner_nation", unit.owner_nation)
    return record_create(actor=actor, model=Position, data=data, action=audited_action())


# --- persons -------------------------------------------------------------------------------------


@audited("person.create")
def person_create(*, actor, values: PersonValues) -> Person:
    """Enrol a person (applied); they count once a second user confirms them. A biometric
    identifier already enrolled flags the new person as a suspected duplicate of the first."""
    data = {**values.given(), **_personal(values.nation)}
    data["biometric_id"] = data["biometric_id"].strip()
    data["requested_by_id"] = _user_id(actor)
    # Enrolments are a nation's own: the first of its people with the identifier is named.
    first = (
        Person.objects.filter(nation=values.nation, biometric_id=data["biometric_id"])
        .order_by("pk")
        .first()
    )
    data["duplicate_of"] = first
    return record_create(actor=actor, model=Person, data=data, action=audited_action())


@audited("person.confirm")
def person_confirm(*, actor, person: Person) -> Person:
    """The second pair of eyes on a new person: from now on they count."""
    access.require_change(actor, person)
    if person.confirmed:
        raise Conflict(_("This person is confirmed already."), code=Code.ALREADY_CONFIRMED)
    _second_pair_of_eyes(actor, person.requested_by_id)
    now = timezone.now()
    done = Person.objects.filter(pk=person.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, confirmed_by_id=_user_id(actor), version=F("version") + 1
    )
    if not done:
        raise Conflict(_("This person is confirmed already."), code=Code.ALREADY_CONFIRMED)
    person.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=person,
        changes={"confirmed_at": [None, now.isoformat()]},
    )
    return person


def _require_active(person: Person) -> None:
    if person.left_on is not None:
        raise Conflict(
            _("%(number)s left the service on %(day)s.")
            % {"number": person.number, "day": person.left_on.isoformat()},
            code=Code.PERSON_LEFT,
        )


@audited("person.advance")
def person_advance(*, actor, person: Person, stage: str, expected_version: int) -> Person:
    """Move a recruit to the next stage of the pipeline (applied, vetted, trained); the last,
    assigned, is reached by a confirmed slot."""
    access.require_change(actor, person)
    _require_active(person)
    current = PIPELINE.index(Stage(person.stage))
    if stage == Stage.ASSIGNED or stage not in Stage.values or PIPELINE.index(stage) != current + 1:
        raise Conflict(
            _("%(number)s is %(stage)s: the next stage is %(next)s.")
            % {
                "number": person.number,
                "stage": Stage(person.stage).label,
                "next": Stage(PIPELINE[min(current + 1, len(PIPELINE) - 1)]).label,
            },
            code=Code.STAGE_ORDER,
            errors={"stage": [_("the next stage")]},
        )
    return record_update(
        actor=actor,
        obj=person,
        data={"stage": stage},
        expected_version=expected_version,
        action=audited_action(),
    )


# --- slots ---------------------------------------------------------------------------------------


@audited("slot.request")
def slot_request(*, actor, person: Person, position: Position, starts: date) -> Slot:
    """Ask for a person to be slotted into a position from a day; a second user confirms."""
    access.require_change(actor, person)
    access.require_change(actor, position)
    _require_active(person)
    if not person.confirmed:
        raise Conflict(
            _("%(number)s is not confirmed yet.") % {"number": person.number},
            code=Code.PERSON_NOT_CONFIRMED,
        )
    holding = Slot.objects.filter(
        person=person, position=position, ends__isnull=True, confirmed_at__isnull=False
    ).exists()
    if holding:
        raise _already_slotted(person)
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL's transaction stays usable
            slot = Slot.objects.create(
                person=person, position=position, starts=starts, requested_by_id=_user_id(actor)
            )
    except IntegrityError:
        raise _already_slotted(person) from None
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=person,
        changes={"slot_requested": [None, f"{position.code} {starts.isoformat()}"]},
    )
    return slot


def _already_slotted(person: Person) -> Conflict:
    return Conflict(
        _("%(number)s holds that position already or waits for a slot.")
        % {"number": person.number},
        code=Code.ALREADY_SLOTTED,
    )


def _take_post(position: Position) -> None:
    taken = Position.objects.filter(pk=position.pk, filled__lt=F("authorised")).update(
        filled=F("filled") + 1
    )
    if not taken:
        raise Conflict(
            _("Every one of the %(count)s posts of %(code)s is filled.")
            % {"count": position.authorised, "code": position.code},
            code=Code.POSITION_FULL,
        )


def _free_post(position_id: int) -> None:
    Position.objects.filter(pk=position_id, filled__gt=0).update(filled=F("filled") - 1)


def _close_open_slot(person: Person, ends: date) -> None:
    for slot in Slot.objects.filter(person=person, ends__isnull=True, confirmed_at__isnull=False):
        Slot.objects.filter(pk=slot.pk).update(ends=max(ends, slot.starts))
        _free_post(slot.position_id)


@audited("slot.confirm")
def slot_confirm(*, actor, slot: Slot) -> Slot:
    """The second pair of eyes on a slot: the person leaves their old position the day before
    and takes a post of the new one (if one is free); they are now assigned."""
    person = slot.person
    access.require_change(actor, person)
    _second_pair_of_eyes(actor, slot.requested_by_id)
    if slot.confirmed_at is not None:
        raise Conflict(_("This slot is confirmed already."), code=Code.ALREADY_CONFIRMED)
    if slot.ends is not None:
        raise Conflict(_("This request was closed."), code=Code.NOTHING_TO_CONFIRM)
    _require_active(person)
    _take_post(slot.position)
    _close_open_slot(person, slot.starts - timedelta(days=1))
    now = timezone.now()
    done = Slot.objects.filter(pk=slot.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, confirmed_by_id=_user_id(actor)
    )
    if not done:
        raise Conflict(_("This slot is confirmed already."), code=Code.ALREADY_CONFIRMED)
    before = snapshot(person)
    Person.objects.filter(pk=person.pk).update(stage=Stage.ASSIGNED, version=F("version") + 1)
    person.refresh_from_db()
    changes = field_changes(before, snapshot(person))
    changes["slot"] = [None, f"{slot.position.code} {slot.starts.isoformat()}"]
    audit_record(actor=actor, action=audited_action(), obj=person, changes=changes)
    slot.refresh_from_db()
    return slot


# --- attrition -----------------------------------------------------------------------------------


@audited("attrition.record")
def attrition_record(*, actor, person: Person, kind: str, on: date, note: str = "") -> Attrition:
    """Record a person killed, wounded, deserted, discharged or retired on a day. Leaving the
    service ends their slot (and any slot asked for) on that day."""
    access.require_change(actor, person)
    if kind not in AttritionKind.values:
        raise ValidationFailed(
            _("Say how the person left or was hurt: %(kinds)s.")
            % {"kinds": ", ".join(str(label) for label in AttritionKind.labels)},
            code=Code.VALIDATION_FAILED,
            errors={"kind": [_("one of the listed kinds")]},
        )
    if on < MISSION_HISTORY_STARTS:
        raise ValidationFailed(
            _("%(day)s is before the mission's history begins (20 December 2001): check the year.")
            % {"day": on.isoformat()},
            code=Code.VALIDATION_FAILED,
            errors={"on": [_("a day of the mission's history")]},
        )
    if on > timezone.localdate():
        raise ValidationFailed(
            _("%(day)s is in the future: record attrition once it happened.")
            % {"day": on.isoformat()},
            code=Code.VALIDATION_FAILED,
            errors={"on": [_("a day that has passed")]},
        )
    if kind in LEAVING:
        _require_active(person)
    event = Attrition.objects.create(person=person, kind=kind, on=on, note=note)
    before = snapshot(person)
    if kind in LEAVING:
        _close_open_slot(person, on)
        Slot.objects.filter(person=person, ends__isnull=True, confirmed_at__isnull=True).update(
            ends=on
        )
        Person.objects.filter(pk=person.pk).update(left_on=on, version=F("version") + 1)
        person.refresh_from_db()
    changes = field_changes(before, snapshot(person))
    changes["attrition"] = [None, f"{kind} {on.isoformat()}"]
    audit_record(actor=actor, action=audited_action(), obj=person, changes=changes)
    return event


# --- where graduates go ------------------------------------------------------------------------


def _initials(person: Person) -> str:
    return "".join(f"{part[:1].upper()}." for part in (person.given_name, person.family_name))


@audited("graduate.link")
def graduate_link(*, actor, person: Person, certificate_code: str) -> GraduateRecord:
    """Record that a person holds a training certificate, as the training's public
    verification confirms it (the holder's initials match the person's, the certificate not
    revoked): the person's positions then show as posts held by a graduate of that course."""
    access.require_change(actor, person)
    code = (certificate_code or "").strip().upper()
    found = training.certificate_verify(code=code, today=timezone.localdate()) if code else None
    if found is None:
        raise ValidationFailed(
            _("No certificate with the code %(code)s: check it on the graduate's certificate.")
            % {"code": code or "—"},
            code=Code.CERTIFICATE_UNKNOWN,
            errors={"certificate_code": [_("unknown code")]},
        )
    if found.initials != _initials(person):
        raise Conflict(
            _("Certificate %(code)s was issued to %(holder)s, not to %(person)s.")
            % {"code": code, "holder": found.initials, "person": _initials(person)},
            code=Code.CERTIFICATE_OTHER_PERSON,
        )
    if found.revoked:
        raise Conflict(
            _("Certificate %(code)s is revoked.") % {"code": code}, code=Code.CERTIFICATE_REVOKED
        )
    data = {
        "person": person,
        "nation": person.nation,
        "certificate_code": found.code,
        "course": found.course,
        "issued_on": found.issued_on,
        "linked_by_id": access.principal_of(actor).user_id,
        "marking": Marking.NATIONAL,
        "owner_nation": person.nation,
    }
    return record_create(actor=actor, model=GraduateRecord, data=data, action=audited_action())


# --- payroll -------------------------------------------------------------------------------------


def _month_data(nation, month: date, marking: str) -> dict:
    data = {"nation": nation, "month": month, "marking": marking}
    if marking == Marking.NATIONAL:
        data["owner_nation"] = nation
    return data


def payroll_month_check(*, actor, nation, month: date, marking: str) -> None:
    """Refuse, before a month's files are read, an actor who may not import the nation's
    payroll with that marking, and a month imported already (read-only: the import's first
    step, inside its refusals' audit)."""
    data = _month_data(nation, month, marking)
    access.require_create(
        actor, PayrollMonth, {**data, "nation_id": nation.pk, "owner_nation_id": nation.pk}
    )
    if PayrollMonth.objects.filter(nation=nation, month=month).exists():
        raise _imported(month)


def payroll_month_create(*, actor, nation, month: date, fiscal_year, marking: str) -> PayrollMonth:
    """The month's record (inside the import's transaction); the unique constraint refuses a
    month another import wrote since the check."""
    payroll_month_check(actor=actor, nation=nation, month=month, marking=marking)
    try:
        with transaction.atomic():
            return PayrollMonth.objects.create(
                **_month_data(nation, month, marking), fiscal_year=fiscal_year
            )
    except IntegrityError:
        raise _imported(month) from None


def _imported(month: date) -> Conflict:
    return Conflict(
        _("The payroll of %(month)s is imported already.") % {"month": f"{month:%Y-%m}"},
        code=Code.PAYROLL_MONTH_IMPORTED,
    )


def payroll_rows_write(*, month: PayrollMonth, lines: list[dict], roster: list[dict]) -> None:
    """Write the month's checked lines and roster (inside the import): by ``COPY`` on
    PostgreSQL, in batches elsewhere; then the tables' statistics are brought up to date, so
    the reconciliation that follows is planned for the month's rows (a month doubles a young
    database's, and autovacuum would see them only after the import commits)."""
    personal = {"marking": Marking.NATIONAL, "owner_nation_id": month.nation_id}
    if connection.vendor == "postgresql":
        _rows_copied(PayrollLine, month, lines, personal)
        _rows_copied(RosterEntry, month, roster, personal)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE personnel_payrollline, personnel_rosterentry")
        return
    PayrollLine.objects.bulk_create(
        (PayrollLine(month=month, nation_id=month.nation_id, **personal, **row) for row in lines),
        batch_size=2000,
    )
    RosterEntry.objects.bulk_create(
        (RosterEntry(month=month, nation_id=month.nation_id, **personal, **row) for row in roster),
        batch_size=2000,
    )


def _rows_copied(model, month: PayrollMonth, rows: list[dict], personal: dict) -> None:
    """``rows`` (checked, all with the same keys) written by PostgreSQL's ``COPY``: a tenth of
    what the ORM's INSERTs of the same rows cost. The model's own defaults fill the columns the
    rows leave out (the reasons, ``flagged``, ``version``), as ``bulk_create`` would."""
    if not rows:
        return
    given = {"month_id": month.pk, "nation_id": month.nation_id, **personal}
    fields = [
        f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in rows[0]
    ]
    fixed = [given[f.attname] if f.attname in given else f.get_default() for f in fields]
    columns = [f.column for f in fields] + [model._meta.get_field(k).column for k in rows[0]]
    with connection.cursor() as cursor:
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row((*fixed, *row.values()))


def payroll_reconcile_month(*, actor, month: PayrollMonth) -> PayrollMonth:
    """Reconcile the month's lines in the database and keep its counts on the month."""
    before = snapshot(month)
    totals = reconciliation.reconcile(month)
    totals["roster_entries"] = RosterEntry.objects.filter(month=month).count()
    PayrollMonth.objects.filter(pk=month.pk).update(**totals, version=F("version") + 1)
    month.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=month,
        changes=field_changes(before, snapshot(month)),
    )
    return month


@audited("payroll.reconcile")
def payroll_reconcile(*, actor, month: PayrollMonth) -> PayrollMonth:
    """Reconcile a month again (after persons were confirmed or slotted, say)."""
    access.require_change(actor, month)
    return payroll_reconcile_month(actor=actor, month=month)


# --- overrides -----------------------------------------------------------------------------------


def _require_override(actor, line: PayrollLine) -> None:
    access.require_view(actor, line)
    if not access.may(actor, "override", PayrollLine, line):
        raise PermissionDenied(
            _("Overrides are asked for and confirmed by auditors and the nation's hub staff."),
            code=Code.PERMISSION_DENIED,
        )


@audited("override.request")
def override_request(*, actor, line: PayrollLine, reason: str) -> Override:
    """Ask to accept a flagged line, saying why; a second user confirms."""
    _require_override(actor, line)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Say why the line should be accepted."),
            code=Code.VALIDATION_FAILED,
            errors={"reason": [_("required")]},
        )
    if not line.flagged:
        raise Conflict(
            _("Line %(line)s reconciles.") % {"line": line.line_no}, code=Code.LINE_NOT_FLAGGED
        )
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL's transaction stays usable
            override = Override.objects.create(
                line=line, reason=reason, requested_by_id=_user_id(actor)
            )
    except IntegrityError:
        raise Conflict(
            _("An override of line %(line)s is asked for already.") % {"line": line.line_no},
            code=Code.OVERRIDE_EXISTS,
        ) from None
    audit_record(
        actor=actor, action=audited_action(), obj=line, changes={"override_reason": [None, reason]}
    )
    return override


@audited("override.confirm")
def override_confirm(*, actor, line: PayrollLine) -> Override:
    """The second pair of eyes on an override: the flagged line is accepted."""
    _require_override(actor, line)
    override = Override.objects.filter(line=line).first()
    if override is None:
        raise Conflict(
            _("No override of line %(line)s is asked for.") % {"line": line.line_no},
            code=Code.NOTHING_TO_CONFIRM,
        )
    _second_pair_of_eyes(actor, override.requested_by_id)
    now = timezone.now()
    done = Override.objects.filter(pk=override.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, confirmed_by_id=_user_id(actor)
    )
    if not done:
        raise Conflict(_("This override is confirmed already."), code=Code.ALREADY_CONFIRMED)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=line,
        changes={"override_confirmed": [None, now.isoformat()]},
    )
    override.refresh_from_db()
    return override
