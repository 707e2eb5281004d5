"""A carrier's status events imported from CSV, all or nothing, bad rows named by line.

The import is checked and computed with no transaction open -- on SQLite a transaction holds the
database's only write lock, and a file may hold 20,000 rows -- then written in one short one:

1. ``shipment_events_import`` reads the file (``_csv_rows``), refusing what is not CSV text;
2. ``_events_check`` reads what the file names in a few set-based queries (``_events_read``),
   checks every row (``_row_event``) and computes each touched shipment's new status and ETA
   (``_shipments_recomputed``);
3. ``_events_write`` writes the events, the shipments' new progress and their audit entries in
   bulk, refusing the whole file if a shipment changed meanwhile.

A file of more than ``ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS`` rows is imported the same way by
the worker, as the person who asked (``accord.transit.shipments.tasks``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from accord import access
from accord.audit.services import (
    audit_record,
    audit_record_many,
    audited_action,
    refusals_audited,
)
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.transit.common import CHUNK, chunks
from accord.transit.engine.model import REVERSE_SUFFIX
from accord.transit.models import Shipment, ShipmentEvent, TransitNode
from accord.transit.network import selectors as network_selectors
from accord.transit.routing.selectors import network_for
from accord.transit.shipments import selectors
from accord.transit.shipments.progress import (
    eta_problem,
    event_checked,
    leg_ends,
    places_on_route,
    progress,
    progress_before,
    progress_changes,
)

CSV_COLUMNS = ("shipment", "event", "at", "node", "delay_days", "note")


MAX_IMPORT_ROWS = 20_000


def _quiet(done: int, total: int, label: str = "") -> None:
    """No one listens to the import's steps (it runs in the request)."""


def events_import_permitted(actor) -> None:
    """Refuse, in words, one who may not import carrier status events (checked at once, in the
    request, whether the file is then imported there or by the worker)."""
    if not selectors.may_import_events(actor):
        raise PermissionDenied(_("Only logisticians import carrier status events."))


def file_name(filename: str) -> str:
    """The file's name as the import names it (a NUL in it would reach the trail, and
    PostgreSQL cannot store it)."""
    return filename.replace("\x00", "") or "events.csv"


def file_rows(text: str) -> int:
    """About how many rows a file holds, counted without reading it as the import does: its
    lines after the header (a line break inside a quoted field counts as a row)."""
    return text.rstrip("\r\n").count("\n")


@refusals_audited("shipment_event.import")
def shipment_events_import(
    *,
    actor,
    text: str,
    filename: str = "events.csv",
    progress: Callable[..., None] = _quiet,
) -> dict:
    """Import carrier status events from CSV, all or nothing; bad rows are named by line.

    Columns: shipment, event, at (ISO 8601), node (code, may be empty), delay_days, note.
    The file is checked with a few set-based reads and no transaction open (the shipments and
    nodes it names, their events), then written in one short transaction: the events in bulk,
    the shipments' new status and ETA, and their audit entries in bulk. A shipment changed by
    someone else between the two is refused as a conflict, and nothing is written.
    ``progress(done, total, label)`` hears each step (the worker's task page shows them).
    """
    events_import_permitted(actor)
    filename = file_name(filename)
    progress(0, 2, gettext_noop("reading and checking the file"))
    rows = file_read(text, filename)
    checked = _events_check(actor, rows, filename)
    # Said before the transaction opens: inside it, the step would be seen only once it is over.
    progress(1, 2, gettext_noop("writing the events and the shipments' progress"))
    imported = _events_write(actor, checked, filename)
    progress(2, 2, gettext_noop("events imported"))
    return imported


def file_read(text: str, filename: str) -> list[tuple[int, dict]]:
    """The file's rows with their line numbers, or the refusal of a file that is not CSV text,
    lacks a column or holds more than ``MAX_IMPORT_ROWS`` rows (nothing is read from the
    database: a file sent to the worker is read so, at once, in the request)."""
    _refuse_nul(text, filename)
    # newline="" lets the csv module read line breaks inside quoted fields itself.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _csv_rows(reader, filename)
    except csv.Error as exc:
        line = reader.line_num or 1
        raise ValidationFailed(
            _(
                "%(file)s, line %(line)s: not readable as CSV (%(error)s); save the file as "
                "comma-separated values and try again."
            )
            % {"file": filename, "line": line, "error": exc},
            code=Code.BAD_CSV,
            errors={f"line {line}": [str(exc)]},
        ) from None


def _parse_time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value


def _refuse_nul(text: str, filename: str) -> None:
    """A NUL character is never in a text file: name its line (PostgreSQL cannot store it)."""
    at = text.find("\x00")
    if at < 0:
        return
    line = text.count("\n", 0, at) + 1
    raise ValidationFailed(
        _(
            "%(file)s, line %(line)s: contains a NUL character, which a CSV text file never "
            "holds; export the file from the carrier's system again as CSV text."
        )
        % {"file": filename, "line": line},
        code=Code.NUL_CHARACTER,
        errors={f"line {line}": [_("contains a NUL character")]},
    )


def _csv_rows(reader, filename: str) -> list[tuple[int, dict]]:
    missing = [c for c in CSV_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        named = ", ".join(missing)
        raise ValidationFailed(
            _("%(file)s, line 1: the header lacks %(missing)s; expected columns %(columns)s.")
            % {"file": filename, "missing": named, "columns": ", ".join(CSV_COLUMNS)},
            code=Code.BAD_CSV_HEADER,
            errors={
                "line 1": [_("missing columns: %(missing)s") % {"missing": ", ".join(missing)}]
            },
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            raise ValidationFailed(
                _("%(file)s: more than %(most)s rows; split the file.")
                % {"file": filename, "most": MAX_IMPORT_ROWS},
                code=Code.CSV_TOO_LARGE,
            )
        rows.append((number, row))
    return rows


@dataclass
class _Checked:
    """An import checked and computed, ready for its short write."""

    events: list[ShipmentEvent] = dataclasses.field(default_factory=list)
    # shipment pk -> (the shipment as read, its fields before, its recomputed fields)
    shipments: dict[int, tuple[Shipment, dict, dict]] = dataclasses.field(default_factory=dict)


@dataclass
class _Reads:
    """What the file names, read in a few set-based queries before anything is written: the
    shipments and places the actor may read, the legs' ends on their routes, their stored
    events."""

    shipments: dict[str, Shipment]
    nodes: dict[str, TransitNode]
    ends: dict[str, tuple[str, str]]
    stored: dict[int, list[ShipmentEvent]]
    # (shipment pk, kind, time) of every stored event: an event recorded twice is refused.
    known: set[tuple]
    # shipment pk -> the places on its route, computed once per shipment.
    places: dict[int, set[str]] = dataclasses.field(default_factory=dict)

    def places_of(self, shipment: Shipment) -> set[str]:
        if shipment.pk not in self.places:
            self.places[shipment.pk] = places_on_route(shipment, self.ends)
        return self.places[shipment.pk]


def _events_read(actor, rows: list[tuple[int, dict]]) -> _Reads:
    refs = {(row.get("shipment") or "").strip() for _n, row in rows}
    shipments: dict[str, Shipment] = {}
    for part in chunks(refs):
        for shipment in selectors.shipment_list(actor=actor).filter(reference__in=part):
            shipments[shipment.reference] = shipment
    node_codes = {(row.get("node") or "").strip() for _n, row in rows} - {""}
    nodes = {}
    for part in chunks(node_codes):
        found = network_selectors.node_list(actor=actor).filter(code__in=part)
        nodes.update({n.code: n for n in found})
    ends = leg_ends({c.removesuffix(REVERSE_SUFFIX) for s in shipments.values() for c in s.route})
    stored: dict[int, list[ShipmentEvent]] = {s.pk: [] for s in shipments.values()}
    for part in chunks(stored):
        for event in (
            ShipmentEvent.objects.filter(shipment_id__in=part)
            .select_related("node")
            .order_by("at", "pk")
        ):
            stored[event.shipment_id].append(event)
    known = {(e.shipment_id, e.kind, e.at) for events in stored.values() for e in events}
    return _Reads(shipments, nodes, ends, stored, known)


def _events_check(actor, rows: list[tuple[int, dict]], filename: str) -> _Checked:
    """Every row checked against the shipments and nodes the file names, read in a few queries;
    the touched shipments' new status and ETA computed. Reads only: no transaction is open."""
    reads = _events_read(actor, rows)
    errors: dict[str, list[str]] = {}
    checked = _Checked()
    added: dict[int, list[ShipmentEvent]] = {}
    last_line: dict[int, int] = {}
    seen: set[tuple] = set()
    for number, row in rows:
        event, problems = _row_event(actor, row, filename, reads, seen)
        if problems:
            errors[f"line {number}"] = problems
            continue
        checked.events.append(event)
        added.setdefault(event.shipment.pk, []).append(event)
        last_line[event.shipment.pk] = number
    if not errors and not checked.events:
        raise ValidationFailed(
            _("%(file)s: no rows to import.") % {"file": filename}, code=Code.EMPTY_CSV
        )
    if not errors:
        errors = _shipments_recomputed(checked, reads, added, last_line)
    if errors:
        first_line, first = next(iter(errors.items()))
        raise ValidationFailed(
            ngettext(
                "%(file)s: %(count)s bad row, nothing imported; %(line)s: %(problem)s.",
                "%(file)s: %(count)s bad rows, nothing imported; %(line)s: %(problem)s.",
                len(errors),
            )
            % {"file": filename, "count": len(errors), "line": first_line, "problem": first[0]},
            code=Code.BAD_CSV_ROWS,
            errors=errors,
        )
    return checked


def _row_event(
    actor, row: dict, filename: str, reads: _Reads, seen: set[tuple]
) -> tuple[ShipmentEvent | None, list[str]]:
    """One row as the event it reports, or the problems that refuse it. ``seen`` collects the
    rows' (shipment, kind, time), so that an event given twice in the file is refused."""
    problems = []
    ref = (row.get("shipment") or "").strip()
    shipment = reads.shipments.get(ref)
    if shipment is None:
        problems.append(_("no shipment %(reference)s that you may read") % {"reference": repr(ref)})
    elif not access.can_change(actor, shipment):
        problems.append(_("you may not change shipment %(reference)s") % {"reference": ref})
    try:
        at = _parse_time(row.get("at") or "")
    except ValueError:
        at = None
        problems.append(_("at: %(at)s is not an ISO 8601 time") % {"at": repr(row.get("at"))})
    node_code = (row.get("node") or "").strip()
    node = reads.nodes.get(node_code) if node_code else None
    if node_code and node is None:
        problems.append(_("node: no transit node %(code)s") % {"code": repr(node_code)})
    kind = (row.get("event") or "").strip()
    delay = Decimal(0)
    if shipment is not None:
        values = event_checked(
            shipment,
            kind,
            node,
            row.get("delay_days"),
            reads.ends,
            at=at,
            note=row.get("note") or "",
            places=reads.places_of(shipment),
        )
        problems.extend(values["errors"].values())
        delay = values["delay"]
        if at is not None and "at" not in values["errors"]:
            at = at.astimezone(dt.UTC)  # safe now that it lies in the window
    key = (ref, kind, at)
    if key in seen:
        problems.append(_("the same event appears twice in the file"))
    seen.add(key)
    if shipment is not None and at is not None and (shipment.pk, kind, at) in reads.known:
        problems.append(_("this event is already recorded"))
    if problems:
        return None, problems
    event = ShipmentEvent(
        shipment=shipment,
        kind=kind,
        at=at,
        node=node,
        delay_days=delay,
        note=(row.get("note") or "")[:300],
        reported_by=f"import:{filename}"[:100],
    )
    return event, []


def _shipments_recomputed(
    checked: _Checked, reads: _Reads, added: dict[int, list], last_line: dict[int, int]
) -> dict[str, list[str]]:
    """Each touched shipment's new status and ETA, put in ``checked``; the lines whose delays
    push an ETA years out, as errors."""
    errors: dict[str, list[str]] = {}
    network = network_for(access.system_principal("transit-eta"))
    for pk, new in added.items():
        shipment = next(e.shipment for e in new)
        # Stored events first, then the file's in its order: the order a save would give.
        events = sorted(reads.stored[pk] + new, key=lambda e: e.at)
        fields = progress(shipment, events, network)
        if problem := eta_problem(shipment, fields["eta"]):
            errors[f"line {last_line[pk]}"] = [problem]
            continue
        checked.shipments[pk] = (shipment, progress_before(shipment), fields)
    return errors


def _events_write(actor, checked: _Checked, filename: str) -> dict:
    """The checked import in one short transaction; refused whole if a shipment changed since."""
    pks = list(checked.shipments)
    try:
        with transaction.atomic():
            current = {}
            for part in chunks(pks):
                current.update(
                    Shipment.objects.select_for_update()
                    .filter(pk__in=part)
                    .values_list("pk", "version")
                )
            changed = sorted(
                shipment.reference
                for pk, (shipment, _b, _f) in checked.shipments.items()
                if current.get(pk) != shipment.version
            )
            if changed:
                named = ", ".join(changed[:5])
                text = (
                    _(
                        "%(file)s: %(shipments)s and others changed while the file was being "
                        "checked; nothing was imported. Import the file again."
                    )
                    if len(changed) > 5
                    else _(
                        "%(file)s: %(shipments)s changed while the file was being checked; "
                        "nothing was imported. Import the file again."
                    )
                )
                raise Conflict(
                    text % {"file": filename, "shipments": named},
                    code=Code.IMPORT_CONFLICT,
                )
            ShipmentEvent.objects.bulk_create(checked.events, batch_size=CHUNK)
            records = []
            for shipment, before, fields in checked.shipments.values():
                for name, value in fields.items():
                    setattr(shipment, name, value)
                shipment.version += 1
                records.append((shipment, progress_changes(before, shipment)))
            Shipment.objects.bulk_update(
                [s for s, _c in records],
                ["status", "current_node", "eta", "delayed", "version"],
                batch_size=CHUNK,
            )
            # Each shipment's progress is audited as a recorded event is (shipment_event_record),
            # the file's import once, under this service's own action.
            audit_record_many(actor=actor, action="shipment.event", records=records)
            audit_record(
                actor=actor,
                action=audited_action(),
                object_label="transit.shipmentevent",
                changes={"file": [None, filename], "events": [None, len(checked.events)]},
            )
    except IntegrityError:
        # Someone recorded one of the file's events between the check and the write.
        raise Conflict(
            _(
                "%(file)s: an event in the file was recorded by someone else meanwhile; nothing "
                "was imported. Import the file again: events already recorded are then named."
            )
            % {"file": filename},
            code=Code.DUPLICATE_EVENT,
        ) from None
    return {"events": len(checked.events), "shipments": len(checked.shipments)}
