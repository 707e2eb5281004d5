"""The fleet's aircraft: the list, an aircraft's page, entering and editing one, logging flights,
recording a task done, importing flight logs, and the fleet's due list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_http_methods

from accord import access
from accord.access import shown
from accord.core import selectors as core_selectors
from accord.errors import ValidationFailed
from accord.fleet import selectors, services, tasks
from accord.fleet.choices import DueStatus
from accord.fleet.engine.due import SEVERITY
from accord.fleet.filters import AircraftFilter
from accord.fleet.forms import AircraftForm, ComplianceForm, FlightLogForm, ImportForm
from accord.fleet.inputs import AircraftValues
from accord.fleet.models import Aircraft, ComplianceRecord, FlightLog
from accord.fleet.views.common import MARKING, Kind, fleet_form
from accord.jobs import selectors as jobs_selectors
from accord.jobs.choices import TaskKind, TaskState
from accord.l10n import format_number
from accord.middleware import upload_refusal
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_or_404,
)

# An aircraft's page shows its latest flights; the API and the exports hold them all.
RECENT_FLIGHTS = 20


def _name(related):
    return str(related) if related is not None else None


def airworthy_text(obj) -> str:
    return _("Airworthy") if obj.airworthy else _("Not airworthy")


AIRCRAFT_COLUMNS = (
    Column(gettext_lazy("Tail number"), "tail_number", sort="tail_number", link=True),
    Column(gettext_lazy("Type"), lambda a: _name(shown(a, "aircraft_type")), sort="aircraft_type"),
    Column(pgettext_lazy("aircraft", "Operator"), "operator"),
    Column(gettext_lazy("Base"), lambda a: _name(shown(a, "base"))),
    Column(gettext_lazy("Status"), "status", sort="status"),
    Column(
        gettext_lazy("Flight hours"), lambda a: format_number(a.hours), sort="hours", numeric=True
    ),
    Column(gettext_lazy("Cycles"), lambda a: format_number(a.landings), numeric=True),
    Column(gettext_lazy("Airworthiness"), airworthy_text),
    Column(gettext_lazy("Due list"), lambda a: _due_label(a.due_status)),
    MARKING,
)


def _due_label(status: str) -> str:
    return str(DueStatus(status).label)


def aircraft_page() -> ListPage:
    return ListPage(
        name="aircraft",
        model=Aircraft,
        filterset=AircraftFilter,
        columns=AIRCRAFT_COLUMNS,
        select=selectors.aircraft_list,
        row_url=lambda a: reverse("fleet:aircraft-detail", args=[a.tail_number]),
        export_extra=(Column(gettext_lazy("Note"), "note"),),
    )


def aircraft_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("aircraft"), pgettext_lazy("more than one", "Aircraft")),
        "create_url": reverse("fleet:aircraft-create")
        if access.may(actor, "create", Aircraft, {"marking": Aircraft.default_marking})
        else None,
    }
    return list_page(request, aircraft_page(), context)


def aircraft_detail(request, tail: str):
    actor = request.user
    aircraft = record_or_404(selectors.aircraft_get, actor=actor, tail_number=tail)
    can_change = access.may(actor, "change", Aircraft, aircraft)
    context = {
        "aircraft": aircraft,
        "aircraft_type": shown(aircraft, "aircraft_type"),
        "base": shown(aircraft, "base"),
        "due": selectors.due_list(actor=actor, aircraft=aircraft),
        "flights": list(selectors.flight_log_list(actor=actor, aircraft=aircraft)[:RECENT_FLIGHTS]),
        "compliance": list(selectors.compliance_list(actor=actor, aircraft=aircraft)[:50]),
        "fitted": list(selectors.fitted_to(actor=actor, aircraft=aircraft)),
        "work_orders": list(selectors.work_order_list(actor=actor, aircraft=aircraft)[:20]),
        "defects": list(selectors.defect_list(actor=actor, aircraft=aircraft)[:20]),
        "sources": list(aircraft.sources.all()),
        "can_change": can_change,
        "log_form": FlightLogForm() if can_change else None,
        "history": history_rows(actor, aircraft),
    }
    return render(request, "fleet/aircraft_detail.html", context)


def _aircraft_form(request, actor, initial=None):
    return AircraftForm(
        request.POST or None,
        actor=actor,
        types=list(selectors.aircraft_type_list(actor=actor)),
        sites=list(core_selectors.site_list(actor=actor)),
        initial=initial,
    )


def _aircraft_values(actor, cleaned: dict) -> AircraftValues:
    data = dict(cleaned)
    data["aircraft_type"] = selectors.aircraft_type_get(actor=actor, code=cleaned["aircraft_type"])
    base = cleaned.get("base")
    data["base"] = core_selectors.site_get(actor=actor, code=base) if base else None
    return AircraftValues(**data)


@login_required
@require_http_methods(["GET", "POST"])
def aircraft_create(request):
    actor = request.user
    if not access.may(actor, "create", Aircraft, {"marking": Aircraft.default_marking}):
        return forbidden(request, _("Aircraft are entered by maintenance officers."))
    form = _aircraft_form(
        request,
        actor,
        initial={
            "marking": Aircraft.default_marking,
            "planned_hours_per_year": 350,
            "opening_hours": 0,
            "opening_landings": 0,
        },
    )
    return fleet_form(
        request,
        form,
        run=lambda actor, cleaned: services.aircraft_create(
            actor=actor, values=_aircraft_values(actor, cleaned)
        ),
        title=_("New aircraft"),
        cancel_url=reverse("fleet:aircraft-list"),
        success_url=lambda a: reverse("fleet:aircraft-detail", args=[a.tail_number]),
        message=lambda a: _("%(tail)s is entered.") % {"tail": a.tail_number},
    )


@login_required
@require_http_methods(["GET", "POST"])
def aircraft_edit(request, tail: str):
    actor = request.user
    aircraft = record_or_404(selectors.aircraft_get, actor=actor, tail_number=tail)
    if not access.may(actor, "change", Aircraft, aircraft):
        return forbidden(request, _("Aircraft are changed by maintenance officers."))
    initial = {
        "tail_number": aircraft.tail_number,
        "aircraft_type": _code(shown(aircraft, "aircraft_type")),
        "operator": aircraft.operator,
        "base": _code(shown(aircraft, "base")),
        "status": aircraft.status,
        "tracked_from": aircraft.tracked_from,
        "opening_hours": aircraft.opening_hours,
        "opening_landings": aircraft.opening_landings,
        "planned_hours_per_year": aircraft.planned_hours_per_year,
        "marking": aircraft.marking,
        "note": aircraft.note,
        "estimated": aircraft.estimated,
    }
    form = _aircraft_form(request, actor, initial=initial)
    version = _posted_version(request, aircraft.version)
    url = reverse("fleet:aircraft-detail", args=[aircraft.tail_number])
    return fleet_form(
        request,
        form,
        run=lambda actor, cleaned: services.aircraft_update(
            actor=actor,
            aircraft=aircraft,
            values=_aircraft_values(actor, cleaned),
            expected_version=version,
        ),
        title=_("Edit %(tail)s") % {"tail": aircraft.tail_number},
        cancel_url=url,
        success_url=lambda a: reverse("fleet:aircraft-detail", args=[a.tail_number]),
        message=_("The aircraft is saved."),
        context={"version": aircraft.version},
    )


def _code(record) -> str:
    return record.code if record is not None else ""


def _posted_version(request, current: int) -> int:
    if request.method != "POST":
        return current
    try:
        return int(request.POST.get("expected_version", ""))
    except ValueError:
        return -1


@login_required
@require_http_methods(["GET", "POST"])
def flight_log(request, tail: str):
    actor = request.user
    aircraft = record_or_404(selectors.aircraft_get, actor=actor, tail_number=tail)
    if not access.may(
        actor,
        "create",
        FlightLog,
        {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id},
    ):
        return forbidden(request, _("Flights are logged by maintenance officers."))
    url = reverse("fleet:aircraft-detail", args=[aircraft.tail_number])
    return fleet_form(
        request,
        FlightLogForm(request.POST or None),
        run=lambda actor, cleaned: services.flight_log_record(
            actor=actor, aircraft=aircraft, **cleaned
        ),
        title=_("Log flights of %(tail)s") % {"tail": aircraft.tail_number},
        cancel_url=url,
        success_url=url,
        message=lambda entry: (
            _("Logged %(hours)s flight hours on %(tail)s.")
            % {"hours": format_number(entry.hours), "tail": aircraft.tail_number}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def compliance_new(request, tail: str):
    actor = request.user
    aircraft = record_or_404(selectors.aircraft_get, actor=actor, tail_number=tail)
    if not access.may(
        actor,
        "create",
        ComplianceRecord,
        {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id},
    ):
        return forbidden(request, _("Maintenance is recorded by maintenance officers."))
    tasks = list(selectors.task_list(actor=actor, aircraft_type=aircraft.aircraft_type))
    form = ComplianceForm(
        request.POST or None, tasks=tasks, initial={"task": request.GET.get("task")}
    )
    url = reverse("fleet:aircraft-detail", args=[aircraft.tail_number])
    by_code = {t.code: t for t in tasks}

    def run(actor, cleaned):
        data = dict(cleaned)
        data["task"] = by_code[cleaned["task"]]
        return services.compliance_record(actor=actor, aircraft=aircraft, **data)

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Record maintenance done on %(tail)s") % {"tail": aircraft.tail_number},
        cancel_url=url,
        success_url=url,
        message=lambda record: (
            _("Recorded %(task)s done on %(tail)s.")
            % {"task": record.task.code, "tail": aircraft.tail_number}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def flight_log_import(request):
    """A file of flight logs. A large one is imported by the worker: the page then follows its
    task, and comes back here (``?task=``) to show what it wrote."""
    actor = request.user
    if not access.may(actor, "change", Aircraft):
        return forbidden(request, _("Flight logs are imported by maintenance officers."))
    form = ImportForm(request.POST or None, request.FILES or None, refused=upload_refusal(request))

    def run(actor, cleaned):
        upload = cleaned["file"]
        return tasks.flight_log_import_submit(
            actor=actor, content=upload.read(), filename=upload.name or "flight-log.csv"
        )

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Import flight logs"),
        cancel_url=reverse("fleet:aircraft-list"),
        success_url=_imported_url,
        message=_imported_message,
        context={"upload": True, "imported": _imported_by_task(request)},
    )


def _imported_said(written: dict) -> str:
    count = sum(written.values())
    return ngettext(
        "Imported %(count)s flight log entry.", "Imported %(count)s flight log entries.", count
    ) % {"count": format_number(count)}


def _imported_url(result) -> str:
    if isinstance(result, dict):
        return reverse("fleet:aircraft-list")
    return reverse("jobs:task", args=[result.pk])


def _imported_message(result) -> str:
    if isinstance(result, dict):
        return _imported_said(result)
    return _(
        "The file is large: it is imported in the background. This page follows the import; "
        "nothing is imported if one row is not valid."
    )


def _imported_by_task(request) -> dict | None:
    """What the reader's finished flight log import task wrote (``?task=<id>``): the entries, and
    those of each aircraft they may still read."""
    if not request.GET.get("task"):
        return None
    record = record_or_404(jobs_selectors.task_get, actor=request.user, task_id=request.GET["task"])
    if record.kind != TaskKind.FLIGHT_LOG_IMPORT or record.task.status != TaskState.SUCCESSFUL:
        raise Http404(_("No such import that you may read."))
    written = record.task.return_value or {}
    readable = set(
        selectors.aircraft_list(actor=request.user)
        .filter(tail_number__in=list(written))
        .values_list("tail_number", flat=True)
    )
    return {
        "said": _imported_said(written),
        "tails": [
            (
                tail,
                ngettext("%(count)s entry", "%(count)s entries", count)
                % {"count": format_number(count)},
            )
            for tail, count in sorted(written.items())
            if tail in readable
        ],
    }


def fleet_due(request):
    """The due list of the fleet (or of one base): every aircraft's tasks, worst first."""
    actor = request.user
    base = request.GET.get("base") or None
    try:
        dues = selectors.fleet_due(actor=actor, base=base)
        error = None
    except ValidationFailed as exc:  # a base the reader may not read: said on the page
        dues, error = [], exc
    rows = [(d, t) for d in dues for t in d.tasks if t.due.status != DueStatus.DONE]
    rows.sort(key=lambda r: (-_severity(r[1]), r[1].due.forecast or r[0].aircraft.tracked_from))
    context = {
        "rows": rows[:500],
        "total": len(rows),
        "not_airworthy": [d.aircraft for d in dues if not d.airworthy],
        "bases": list(core_selectors.site_list(actor=actor)),
        "base": base,
        "error": error,
    }
    return render(request, "fleet/due.html", context)


def _severity(task_due) -> int:
    return SEVERITY[task_due.due.status]
