"""Every write to the situation picture: one audited function per use case.

Who writes: the hub's analysts (hub staff) and administrators (``SITUATION_RULE``); everyone else
reads what the markings let them read. An event release is imported all or nothing: the whole
file is read and checked first, then one transaction writes the release, its added, modified and
withdrawn events and their audit entries. A release is compared only with the events of the same
source and the same readers (``dataset``), so an import never touches nor reveals events marked
for readers the importer is not among.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import (
    audit_record,
    audit_record_many,
    audited,
    audited_action,
    field_changes,
    snapshot,
)
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Marking
from accord.situation import imports, selectors
from accord.situation.engine.releases import changed_fields, diff, row_digest
from accord.situation.inputs import (
    ControlClaimValues,
    IncidentTaskValues,
    IncidentValues,
    SeizureValues,
)
from accord.situation.models import (
    ConflictEvent,
    ControlClaim,
    EventRelease,
    Incident,
    IncidentTask,
    Seizure,
)
from accord.training import selectors as training_selectors

# The fields a release's row sets on an event (its digest covers them, and ACLED's timestamp).
EVENT_FIELDS = (
    "date_start",
    "date_end",
    "date_precision",
    "latitude",
    "longitude",
    "where_precision",
    "where_description",
    "violence_type",
    "side_a",
    "side_b",
    "deaths_best",
    "deaths_low",
    "deaths_high",
    "source_text",
)


def dataset_of(marking: str, owner_nation) -> str:
    """The readers a release's events are for: the marking, with the nation when NATIONAL."""
    if marking == Marking.NATIONAL and owner_nation is not None:
        return f"NATIONAL-{owner_nation.iso3}"
    return str(marking)


@audited("event_release.import")
def event_release_import(
    *,
    actor,
    content: bytes,
    filename: str,
    source: str,
    name: str,
    marking: str = Marking.PUBLIC,
    owner_nation=None,
) -> EventRelease:
    """Import a release of an event source; returns the release with what it changed."""
    event_release_checked(
        actor=actor,
        content=content,
        source=source,
        name=name,
        marking=marking,
        owner_nation=owner_nation,
    )
    scope = {"marking": marking, "owner_nation_id": getattr(owner_nation, "pk", None)}
    dataset = dataset_of(marking, owner_nation)
    digest = hashlib.sha256(content).hexdigest()
    rows = imports.read_release(content, filename, source, today=timezone.localdate())
    codes = selectors.locator().locate(
        [float(r.values["longitude"]) for r in rows], [float(r.values["latitude"]) for r in rows]
    )
    districts = {d.code: d for d in selectors.district_list()}
    stored = {e.source_id: e for e in ConflictEvent.objects.filter(source=source, dataset=dataset)}
    incoming = {row.source_id: row_digest(row.values) for row in rows}
    active = {i: e.row_digest for i, e in stored.items() if not e.withdrawn}
    change = diff(active, incoming)
    release = _release(actor, source, dataset, name, filename, digest, rows, change, scope)
    records, modified = _write_events(release, rows, codes, districts, stored, incoming, change)
    release.report["modified"] = modified  # source id -> the fields that changed
    EventRelease.objects.filter(pk=release.pk).update(report=release.report)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=release,
        changes={
            "rows": [None, release.rows],
            "added": [None, release.added],
            "modified": [None, release.modified],
            "withdrawn": [None, release.withdrawn],
        },
    )
    audit_record_many(actor=actor, action="conflict_event.import", records=records)
    return release


def event_release_checked(
    *,
    actor,
    content: bytes,
    source: str,
    name: str,
    marking: str = Marking.PUBLIC,
    owner_nation=None,
) -> None:
    """What refuses a release before its file is read: who asks (and for which readers), a
    release with no name, and one imported already (by its name or its file's content). Also
    checked in the request that queues a large release for the worker."""
    access.require_kind(actor, "create", EventRelease)
    scope = {"marking": marking, "owner_nation_id": getattr(owner_nation, "pk", None)}
    access.require_create(actor, EventRelease, scope)
    if not name.strip():
        raise ValidationFailed(
            _("Name the release (its version, such as 23.1)."), errors={"name": [_("required")]}
        )
    dataset = dataset_of(marking, owner_nation)
    digest = hashlib.sha256(content).hexdigest()
    _refuse_known(source=source, dataset=dataset, name=name, digest=digest)


def _refuse_known(*, source, dataset, name, digest) -> None:
    known = EventRelease.objects.filter(source=source, dataset=dataset)
    same = known.filter(name=name).first() or known.filter(digest=digest).first()
    if same is not None:
        raise Conflict(
            _(
                "The release %(name)s (the file %(file)s) was imported on %(day)s already: "
                "nothing was changed."
            )
            % {
                "name": same.name,
                "file": same.filename,
                "day": same.imported_at.date().isoformat(),
            },
            code=Code.RELEASE_ALREADY_IMPORTED,
        )


def _release(actor, source, dataset, name, filename, digest, rows, change, scope):
    warnings = [
        {"line": row.line, "id": row.source_id, "text": text}
        for row in rows
        for text in row.warnings
    ]
    try:
        return EventRelease.objects.create(
            source=source,
            dataset=dataset,
            name=name.strip()[:40],
            filename=filename[:200],
            digest=digest,
            imported_by=access.principal_of(actor).username,
            rows=len(rows),
            added=len(change.added),
            modified=len(change.modified),
            withdrawn=len(change.withdrawn),
            unchanged=len(change.unchanged),
            report={
                "added": change.added,
                "withdrawn": change.withdrawn,
                "warnings": warnings,
            },
            marking=scope["marking"],
            owner_nation_id=scope["owner_nation_id"],
        )
    except IntegrityError as exc:  # a simultaneous import of the same release
        raise Conflict(code=Code.RELEASE_ALREADY_IMPORTED) from exc


def _event_values(row, code, districts) -> dict:
    values = {k: row.values[k] for k in EVENT_FIELDS}
    district = districts.get(code) if code else None
    values["district"] = district
    values["province"] = district.province if district is not None else None
    values["warnings"] = row.warnings
    return values


def _write_events(release, rows, codes, districts, stored, incoming, change):
    """Add, modify and withdraw the events; returns the audit rows (record, changes) and the
    fields each modified event changed."""
    added, modified = set(change.added), set(change.modified)
    records, modified_fields, new = [], {}, []
    marked = {"marking": release.marking, "owner_nation_id": release.owner_nation_id}
    for row, code in zip(rows, codes, strict=True):
        if row.source_id not in added and row.source_id not in modified:
            continue
        values = _event_values(row, code, districts)
        common = {**values, **marked, "release": release, "row_digest": incoming[row.source_id]}
        event = stored.get(row.source_id)
        if event is None:
            new.append(
                ConflictEvent(
                    source=release.source,
                    dataset=release.dataset,
                    source_id=row.source_id,
                    **common,
                )
            )
            continue
        before = {k: getattr(event, k) for k in EVENT_FIELDS}
        fields = changed_fields(before, {k: values[k] for k in EVENT_FIELDS})
        if event.withdrawn:
            fields = ["withdrawn", *fields]
        if row.source_id in modified:
            modified_fields[row.source_id] = fields
        for name, value in common.items():
            setattr(event, name, value)
        event.withdrawn = False
        event.version += 1
        event.save()
        changes = {f: [str(before.get(f, "")), str(values.get(f, ""))] for f in fields}
        records.append((event, changes))
    ConflictEvent.objects.bulk_create(new, batch_size=2000)
    records += [(event, {"release": [None, release.name]}) for event in new]
    gone = [stored[i] for i in change.withdrawn]
    ConflictEvent.objects.filter(pk__in=[e.pk for e in gone]).update(
        withdrawn=True, release=release
    )
    records += [(event, {"withdrawn": [False, True]}) for event in gone]
    return records, modified_fields


@audited("place.save")
def place_save(*, actor, model, lookup: dict, values: dict, sources: list) -> tuple[object, str]:
    """Create or update one province or district from the scenario (administrators and the
    system only); returns the place and what happened: "created", "changed" or "unchanged". An
    unchanged place is not written, so a reload that changes nothing writes no audit entry."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only administrators load a scenario."))
    obj = model.objects.filter(**lookup).first()
    kind = model._meta.model_name
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        obj.sources.set(sources)
        audit_record(actor=actor, action=f"{kind}.create", obj=obj, changes=_place_changes({}, obj))
        return obj, "created"
    before = snapshot(obj)
    same = all(getattr(obj, name) == value for name, value in values.items())
    if same and {s.pk for s in obj.sources.all()} == {s.pk for s in sources}:
        return obj, "unchanged"
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version += 1
    obj.save()
    obj.sources.set(sources)
    audit_record(actor=actor, action=f"{kind}.update", obj=obj, changes=_place_changes(before, obj))
    return obj, "changed"


def _place_changes(before: dict, obj) -> dict:
    changes = field_changes(before, snapshot(obj))
    if "boundary" in changes:  # a boundary is long: the trail says that it changed
        changes["boundary"] = [None if not before else "…", "…"]
    return changes


@audited("control_claim.create")
def control_claim_create(*, actor, values: ControlClaimValues) -> ControlClaim:
    """Record one assessor's claim on a district's control; a claim without a source is
    refused."""
    access.require_kind(actor, "create", ControlClaim)
    if not values.has("source") or not str(values.source).strip():
        raise ValidationFailed(
            code=Code.CLAIM_WITHOUT_SOURCE,
            errors={"source": [_("Name the source of the claim.")]},
        )
    data = values.given()
    data["source"] = str(values.source).strip()
    return record_create(actor=actor, model=ControlClaim, data=data, action=audited_action())


# --- narcotics ------------------------------------------------------------------------------------


@audited("narcotics.save")
def reference_save(
    *, actor, model, lookup: dict, values: dict, sources: list
) -> tuple[object, str]:
    """Create or update one UNODC figure or trafficking route from the scenario (administrators
    and the system only), as ``place_save`` does places: an unchanged record is not written."""
    if not access.principal_of(actor).is_administrator:
        raise PermissionDenied(_("Only administrators load a scenario."))
    obj = model.objects.filter(**lookup).first()
    kind = model._meta.model_name
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        obj.sources.set(sources)
        audit_record(
            actor=actor, action=f"{kind}.create", obj=obj, changes=field_changes({}, snapshot(obj))
        )
        return obj, "created"
    before = snapshot(obj)
    same = all(getattr(obj, name) == value for name, value in values.items())
    if same and {s.pk for s in obj.sources.all()} == {s.pk for s in sources}:
        return obj, "unchanged"
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version += 1
    obj.save()
    obj.sources.set(sources)
    audit_record(
        actor=actor, action=f"{kind}.update", obj=obj, changes=field_changes(before, snapshot(obj))
    )
    return obj, "changed"


def _not_in_future(day, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationFailed(
            _("The date %(day)s is after today: give the day it happened.") % {"day": day},
            code=Code.DATE_IN_FUTURE,
            errors={field: [_("after today")]},
        )


def _province_at(latitude, longitude):
    """The Afghan province a point lies in, or None (a seizure in Central Asia has none)."""
    if latitude is None or longitude is None:
        return None, None
    found = selectors.locate(longitude=float(longitude), latitude=float(latitude))
    return (found, found.province) if found is not None else (None, None)


@audited("seizure.create")
def seizure_create(*, actor, values: SeizureValues) -> Seizure:
    """Record a seizure a beneficiary agency reported, with the counter-narcotics graduates who
    took part; a graduate the training module does not know as one is refused."""
    access.require_kind(actor, "create", Seizure)
    data = values.given()
    _not_in_future(data.get("seized_on"), "seized_on")
    graduates = list(data.pop("graduates", []) or [])
    if graduates:
        known = set(
            training_selectors.programme_graduates(
                actor=actor, on_date=data.get("seized_on")
            ).values_list("pk", flat=True)
        )
        strangers = [g for g in graduates if g.pk not in known]
        if strangers:
            raise ValidationFailed(
                _("%(names)s passed no counter-narcotics course by the day of the seizure.")
                % {"names": ", ".join(str(g) for g in strangers)},
                code=Code.NOT_A_GRADUATE,
                errors={"graduates": [_("not a graduate")]},
            )
    if _in_range(data):
        data["province"] = _province_at(data.get("latitude"), data.get("longitude"))[1]
    seizure = record_create(actor=actor, model=Seizure, data=data, action=audited_action())
    if graduates:
        seizure.graduates.set(graduates)
        audit_record(
            actor=actor,
            action="seizure.graduates",
            obj=seizure,
            changes={"graduates": [None, sorted(g.pk for g in graduates)]},
        )
    return seizure


def _in_range(data: dict) -> bool:
    """Whether the point given is a point on the Earth (the model's checks say so otherwise)."""
    try:
        return abs(float(data["latitude"])) <= 90 and abs(float(data["longitude"])) <= 180
    except (KeyError, TypeError, ValueError):
        return False


# --- incidents ------------------------------------------------------------------------------------


@audited("incident.create")
def incident_create(*, actor, values: IncidentValues) -> Incident:
    """Record a terrorist incident; its district and province are found from its point."""
    access.require_kind(actor, "create", Incident)
    data = values.given()
    _not_in_future(data.get("occurred_on"), "occurred_on")
    if _in_range(data):
        data["district"], data["province"] = _province_at(data["latitude"], data["longitude"])
    return record_create(actor=actor, model=Incident, data=data, action=audited_action())


@audited("incident_task.create")
def incident_task_create(*, actor, incident: Incident, values: IncidentTaskValues) -> IncidentTask:
    """Add a consequence-management task to an incident; it takes the incident's marking, so
    whoever reads the task reads the incident."""
    access.require_change(actor, incident)
    data = values.given()
    due = data.get("due_on")
    if due is not None and due < incident.occurred_on:
        raise ValidationFailed(
            _("The task falls due on %(due)s, before the incident of %(day)s.")
            % {"due": due, "day": incident.occurred_on},
            code=Code.TASK_DUE_BEFORE_INCIDENT,
            errors={"due_on": [_("before the incident")]},
        )
    data.update(incident=incident, marking=incident.marking, owner_nation=incident.owner_nation)
    return record_create(actor=actor, model=IncidentTask, data=data, action=audited_action())


@audited("incident_task.update")
def incident_task_update(
    *, actor, task: IncidentTask, values: IncidentTaskValues, expected_version: int
) -> IncidentTask:
    """Change a task's status, owner or due date (a stale version is refused)."""
    data = values.given()
    due = data.get("due_on")
    if due is not None and due < task.incident.occurred_on:
        raise ValidationFailed(
            code=Code.TASK_DUE_BEFORE_INCIDENT, errors={"due_on": [_("before the incident")]}
        )
    return record_update(
        actor=actor, obj=task, data=data, expected_version=expected_version, action=audited_action()
    )
