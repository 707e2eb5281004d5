"""The Afghan Air Force's helicopters and their maintenance: persistence only.

An aircraft type (Mi-17V-5, Mi-8MTV, Mi-35) carries its maintenance programme: tasks due every so
many flight hours, cycles (landings) and calendar days, whichever comes first. Airworthiness
directives and service bulletins are tasks of the type too, one-off or repeating. Aircraft are
known by tail number; their flight log adds hours and landings day by day, and each entry keeps
the airframe's totals after it, so counters never run backwards. A compliance record says a task
was done at given counters on a day, and the due list counts from there. Components (engines,
main gearboxes, rotor blades, APUs) are known by serial and move between airframes through
installations; their hours grow only while installed.

Flight hours are Decimals in tenths of an hour, never floats.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.access_rules import AccessRule
from accord.fleet.choices import (
    AircraftStatus,
    ComponentCondition,
    ComponentKind,
    DefectStatus,
    MaintenanceCategory,
    Operator,
    PartsOrderStatus,
    RepairStatus,
    ServiceRequestStatus,
    TaskKind,
    WorkOrderStatus,
)
from accord.marked import Marked
from accord.markings import Marking, Role

FLEET_ROLES = {Role.ADMINISTRATOR, Role.MAINTENANCE_OFFICER}
FLEET_RULE = AccessRule(change_roles=FLEET_ROLES)


def hours_field(**kwargs):
    return models.DecimalField(max_digits=9, decimal_places=1, **kwargs)


class AircraftType(Marked):
    """A helicopter type and its maintenance programme (its tasks)."""

    access_rule = FLEET_RULE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    qualification = models.SlugField(
        _("qualification"),
        max_length=40,
        blank=True,
        help_text=_(
            "The training qualification (its code) a technician holds to sign off this type's work."
        ),
    )
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    service_life_years = models.PositiveIntegerField(
        _("service life (years)"), null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("aircraft type")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return self.name


class MaintenanceTask(Marked):
    """A task of a type's programme, applied to every aircraft of the type at once: due every so
    many hours, cycles and days (whichever first), each with a tolerance. A directive or bulletin
    that is done once does not repeat."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="aircraft_type")

    aircraft_type = models.ForeignKey(
        AircraftType,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("type"),
        db_index=False,  # fleet_task_code_unique leads with it
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=MaintenanceCategory.choices)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TaskKind.choices, default=TaskKind.PROGRAMME
    )
    reference = models.CharField(pgettext_lazy("aircraft", "reference"), max_length=100, blank=True)
    repeats = models.BooleanField(_("repeats"), default=True)
    effective = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_("For a directive or bulletin: the day it took effect."),
    )
    interval_hours = hours_field(verbose_name=_("interval (flight hours)"), null=True, blank=True)
    interval_cycles = models.PositiveIntegerField(_("interval (cycles)"), null=True, blank=True)
    interval_days = models.PositiveIntegerField(_("interval (days)"), null=True, blank=True)
    tolerance_hours = hours_field(verbose_name=_("tolerance (flight hours)"), default=0)
    tolerance_cycles = models.PositiveIntegerField(_("tolerance (cycles)"), default=0)
    tolerance_days = models.PositiveIntegerField(_("tolerance (days)"), default=0)
    # What the maintenance schedule needs: how long the aircraft is in the hangar for the task,
    # and the crew of certified technicians it takes every day of it.
    downtime_days = models.PositiveIntegerField(
        _("days in the hangar"), default=1, help_text=_("How long the aircraft is out of service.")
    )
    crew = models.PositiveIntegerField(
        _("technicians"), default=2, help_text=_("Certified technicians the task takes each day.")
    )
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["aircraft_type__code", "code"]
        verbose_name = _("maintenance task")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["aircraft_type", "code"], name="fleet_task_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(interval_hours__isnull=False)
                | Q(interval_cycles__isnull=False)
                | Q(interval_days__isnull=False),
                name="fleet_task_has_interval",
            ),
            models.CheckConstraint(
                condition=Q(interval_hours__isnull=True) | Q(interval_hours__gt=0),
                name="fleet_task_hours_positive",
            ),
            models.CheckConstraint(
                condition=Q(interval_cycles__isnull=True) | Q(interval_cycles__gt=0),
                name="fleet_task_cycles_positive",
            ),
            models.CheckConstraint(
                condition=Q(interval_days__isnull=True) | Q(interval_days__gt=0),
                name="fleet_task_days_positive",
            ),
            models.CheckConstraint(
                condition=Q(tolerance_hours__gte=0), name="fleet_task_tolerance_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(category__in=MaintenanceCategory.values),
                name="fleet_task_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TaskKind.values), name="fleet_task_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(repeats=True) | ~Q(kind=TaskKind.PROGRAMME),
                name="fleet_task_programme_repeats",
            ),
            models.CheckConstraint(
                condition=Q(downtime_days__gte=1) & Q(crew__gte=1),
                name="fleet_task_downtime_and_crew",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.name}"


class Aircraft(Marked):
    """A helicopter by tail number: its type, operator, base, status and counters.

    ``hours`` and ``landings`` are the airframe's totals, kept equal to the opening figures plus
    the flight log (each entry keeps the totals after it). ``opening_*`` and ``tracked_from`` are
    where Accord's record starts: the due list counts a task never done from there.
    """

    access_rule = FLEET_RULE
    default_marking = Marking.NRC

    tail_number = models.CharField(_("tail number"), max_length=20, unique=True)
    aircraft_type = models.ForeignKey(
        AircraftType,
        on_delete=models.PROTECT,
        related_name="aircraft",
        verbose_name=_("type"),
        db_index=False,  # the index on (aircraft_type_id, status) leads with it
    )
    operator = models.CharField(
        pgettext_lazy("aircraft", "operator"), max_length=4, choices=Operator.choices
    )
    base = models.ForeignKey(
        "core.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("base"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AircraftStatus.choices,
        default=AircraftStatus.IN_SERVICE,
    )
    tracked_from = models.DateField(_("tracked from"))
    opening_hours = hours_field(verbose_name=_("opening flight hours"), default=0)
    opening_landings = models.PositiveIntegerField(_("opening cycles"), default=0)
    hours = hours_field(verbose_name=_("flight hours"), default=0)
    landings = models.PositiveIntegerField(_("cycles (landings)"), default=0)
    logged_to = models.DateField(_("logged to"), null=True, blank=True)
    planned_hours_per_year = hours_field(verbose_name=_("planned flight hours a year"), default=350)
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)
    sources = models.ManyToManyField(
        "core.Source", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["tail_number"]
        verbose_name = _("aircraft")
        verbose_name_plural = pgettext_lazy("more than one", "aircraft")
        indexes = [models.Index(fields=["aircraft_type", "status"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(operator__in=Operator.values), name="fleet_aircraft_operator_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AircraftStatus.values), name="fleet_aircraft_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(opening_hours__gte=0), name="fleet_aircraft_opening_nonneg"
            ),
            # The counters never run below where the record started.
            models.CheckConstraint(
                condition=Q(hours__gte=F("opening_hours")) & Q(landings__gte=F("opening_landings")),
                name="fleet_aircraft_counters_forward",
            ),
            models.CheckConstraint(
                condition=Q(planned_hours_per_year__gte=0),
                name="fleet_aircraft_planned_nonneg",
            ),
        ]

    def __str__(self):
        return self.tail_number


class FlightLog(Marked):
    """One day's flying of an aircraft: hours and landings, and the airframe's totals after it.

    Carries its aircraft's marking and is read through it. Entries are never edited."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="aircraft")

    aircraft = models.ForeignKey(
        Aircraft,
        on_delete=models.PROTECT,
        related_name="flight_logs",
        verbose_name=_("aircraft"),
        db_index=False,  # the index on (aircraft_id, date) leads with it
    )
    date = models.DateField(_("date"))
    hours = hours_field(verbose_name=_("flight hours"))
    landings = models.PositiveIntegerField(_("landings"))
    total_hours = hours_field(verbose_name=_("total flight hours"))
    total_landings = models.PositiveIntegerField(_("total cycles"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["aircraft", "date", "total_hours", "pk"]
        verbose_name = _("flight log entry")
        verbose_name_plural = _("flight log entries")
        indexes = [models.Index(fields=["aircraft", "date"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24), name="fleet_log_hours_in_day"
            ),
            models.CheckConstraint(
                condition=Q(total_hours__gte=F("hours")), name="fleet_log_total_covers_entry"
            ),
            # Totals grow strictly entry by entry (an entry of nothing is not logged twice).
            models.UniqueConstraint(
                fields=["aircraft", "total_hours", "total_landings"],
                name="fleet_log_totals_unique",
            ),
        ]

    def __str__(self):
        return f"{self.date}: {self.hours} h"


class ComplianceRecord(Marked):
    """A task done on an aircraft, at the aircraft's counters on that day. Carries the aircraft's
    marking and is read through it; never edited (a mistake is corrected by a later record)."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="aircraft")

    aircraft = models.ForeignKey(
        Aircraft,
        on_delete=models.PROTECT,
        related_name="compliance",
        verbose_name=_("aircraft"),
        db_index=False,  # the index on (aircraft_id, task_id, done_on) leads with it
    )
    task = models.ForeignKey(
        MaintenanceTask, on_delete=models.PROTECT, related_name="compliance", verbose_name=_("task")
    )
    done_on = models.DateField(_("done on"))
    hours = hours_field(verbose_name=_("flight hours"))
    landings = models.PositiveIntegerField(_("cycles (landings)"))
    reference = models.CharField(pgettext_lazy("aircraft", "reference"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["aircraft", "task", "done_on", "pk"]
        verbose_name = _("compliance record")
        indexes = [models.Index(fields=["aircraft", "task", "done_on"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(condition=Q(hours__gte=0), name="fleet_compliance_hours_nonneg"),
        ]

    def __str__(self):
        return f"{self.done_on}: {self.hours} h"


class Component(Marked):
    """A life-limited component by serial: an engine, a main gearbox, a rotor blade, an APU.

    ``hours``, ``cycles`` and ``hours_since_overhaul`` are its counters when it was last fitted
    (or registered); while installed it gains what its airframe flies (see the installation).
    """

    access_rule = FLEET_RULE
    default_marking = Marking.NRC

    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ComponentKind.choices)
    model = models.CharField(_("model"), max_length=60, help_text=_("e.g. TV3-117VM, VR-14, AI-9V"))
    hours = hours_field(verbose_name=_("hours since new"), default=0)
    cycles = models.PositiveIntegerField(_("cycles since new"), default=0)
    hours_since_overhaul = hours_field(verbose_name=_("hours since overhaul"), default=0)
    life_hours = hours_field(verbose_name=_("life limit (hours)"), null=True, blank=True)
    life_cycles = models.PositiveIntegerField(_("life limit (cycles)"), null=True, blank=True)
    overhaul_hours = hours_field(
        verbose_name=_("time between overhauls (hours)"), null=True, blank=True
    )
    # A rotable is repaired, not consumed: removed it goes unserviceable, a repair order sends it
    # to a shop, and it comes back serviceable into a site's stock (``fleet.rotables``).
    condition = models.CharField(
        pgettext_lazy("component", "condition"),
        max_length=16,
        choices=ComponentCondition.choices,
        default=ComponentCondition.SERVICEABLE,
    )
    site = models.ForeignKey(
        "core.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("held at"),
        help_text=_("Where it is kept while off an airframe."),
    )
    note = models.TextField(_("note"), blank=True)
    estimated = models.BooleanField(_("estimated"), default=False)

    class Meta:
        ordering = ["serial"]
        verbose_name = _("component")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(condition__in=ComponentCondition.values),
                name="fleet_component_condition_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ComponentKind.values), name="fleet_component_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours_since_overhaul__gte=0),
                name="fleet_component_hours_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(hours_since_overhaul__lte=F("hours")),
                name="fleet_component_overhaul_within_life",
            ),
        ]

    def __str__(self):
        return f"{self.model} {self.serial}"


class Installation(Marked):
    """A component fitted to an airframe, from one day (and counters) to its removal.

    A component has at most one open installation, and a position on an airframe holds at most
    one component: both are database constraints. Carries the component's marking."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="component")

    component = models.ForeignKey(
        Component,
        on_delete=models.PROTECT,
        related_name="installations",
        verbose_name=_("component"),
    )
    aircraft = models.ForeignKey(
        Aircraft,
        on_delete=models.PROTECT,
        related_name="installations",
        verbose_name=_("aircraft"),
        db_index=False,  # the index on (aircraft_id, removed_on) leads with it
    )
    position = models.CharField(pgettext_lazy("aircraft", "position"), max_length=20)
    installed_on = models.DateField(_("installed on"))
    installed_hours = hours_field(verbose_name=_("airframe hours at installation"))
    installed_landings = models.PositiveIntegerField(_("airframe cycles at installation"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removed_hours = hours_field(verbose_name=_("airframe hours at removal"), null=True, blank=True)
    removed_landings = models.PositiveIntegerField(
        _("airframe cycles at removal"), null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["component", "installed_on", "pk"]
        verbose_name = _("installation")
        indexes = [models.Index(fields=["aircraft", "removed_on"])]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["component"],
                condition=Q(removed_on__isnull=True),
                name="fleet_component_on_one_airframe",
            ),
            models.UniqueConstraint(
                fields=["aircraft", "position"],
                condition=Q(removed_on__isnull=True),
                name="fleet_position_holds_one",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=F("installed_on")),
                name="fleet_installation_removed_after",
            ),
            models.CheckConstraint(
                condition=Q(removed_hours__isnull=True)
                | Q(removed_hours__gte=F("installed_hours")),
                name="fleet_installation_hours_forward",
            ),
        ]

    def __str__(self):
        return f"{self.position} {self.installed_on}"


class RepairOrder(Marked):
    """A rotable sent to a repair shop: the repair's cost committed from a trust fund (a pending
    transfer, through the funds module's services), posted when it comes back serviceable into a
    site's stock, voided if the repair is called off. Carries its component's marking and is
    read through it."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="component")

    number = models.CharField(_("number"), max_length=20, unique=True)
    component = models.ForeignKey(
        Component, on_delete=models.PROTECT, related_name="repairs", verbose_name=_("component")
    )
    shop = models.CharField(_("repair shop"), max_length=200)
    work = models.TextField(_("work asked for"), blank=True)
    fund = models.ForeignKey(
        "funds.TrustFund", on_delete=models.PROTECT, related_name="+", verbose_name=_("trust fund")
    )
    commitment = models.ForeignKey(
        "funds.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commitment"),
    )
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=10, choices=RepairStatus.choices, default=RepairStatus.IN_REPAIR
    )
    sent_on = models.DateField(_("sent on"))
    expected_on = models.DateField(_("expected back on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    site = models.ForeignKey(
        "core.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("returned to"),
    )
    overhauled = models.BooleanField(
        _("overhauled"),
        default=False,
        help_text=_("The shop overhauled it: its hours since overhaul start again from zero."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("repair order")
        indexes = [models.Index(fields=["status", "sent_on"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=RepairStatus.values), name="fleet_repair_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="fleet_repair_amount_positive"
            ),
            # One repair at a time for a component.
            models.UniqueConstraint(
                fields=["component"],
                condition=Q(status="in_repair"),
                name="fleet_repair_one_open",
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(status=RepairStatus.RETURNED),
                name="fleet_repair_returned_has_status",
            ),
        ]

    def __str__(self):
        return self.number


# --- work orders ---------------------------------------------------------------------------------


class WorkOrder(Marked):
    """Maintenance to be done on one aircraft: due tasks and defects to rectify (its items), the
    parts drawn from a site's stock for it. Carries its aircraft's marking and is read through
    it. Closed once every item is signed off: closing records each task done at the aircraft's
    counters then, and a closed order never changes (a correction is a new order)."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="aircraft")

    number = models.CharField(_("number"), max_length=20, unique=True)
    aircraft = models.ForeignKey(
        Aircraft,
        on_delete=models.PROTECT,
        related_name="work_orders",
        verbose_name=_("aircraft"),
        db_index=False,  # the index on (aircraft_id, status) leads with it
    )
    site = models.ForeignKey(
        "core.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
        help_text=_("Where the work is done and whose stock its parts come from."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OPEN
    )
    raised_on = models.DateField(_("raised on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_hours = hours_field(verbose_name=_("flight hours at closing"), null=True, blank=True)
    closed_landings = models.PositiveIntegerField(_("cycles at closing"), null=True, blank=True)
    service_request = models.ForeignKey(
        "fleet.ServiceRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_orders",
        verbose_name=_("service request"),
        help_text=_("The recipient's request the work answers."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("work order")
        indexes = [models.Index(fields=["aircraft", "status"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=WorkOrderStatus.values), name="fleet_work_order_status_valid"
            ),
            # Closed means closed on a day at the counters then; open means neither.
            models.CheckConstraint(
                condition=(
                    Q(status=WorkOrderStatus.OPEN, closed_on__isnull=True)
                    | Q(status=WorkOrderStatus.CLOSED, closed_on__isnull=False)
                ),
                name="fleet_work_order_closed_has_day",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("raised_on")),
                name="fleet_work_order_closed_after_raised",
            ),
        ]

    def __str__(self):
        return self.number


class Defect(Marked):
    """A fault found on an aircraft (reported, or found during a work order), open until the work
    order that rectifies it is closed. Carries its aircraft's marking and is read through it."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="aircraft")

    aircraft = models.ForeignKey(
        Aircraft,
        on_delete=models.PROTECT,
        related_name="defects",
        verbose_name=_("aircraft"),
        db_index=False,  # the index on (aircraft_id, status) leads with it
    )
    reported_on = models.DateField(_("reported on"))
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=10, choices=DefectStatus.choices, default=DefectStatus.OPEN
    )
    work_order = models.ForeignKey(
        WorkOrder,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="defects",
        verbose_name=_("work order"),
        help_text=_("The work order that rectifies it."),
    )

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("defect")
        indexes = [models.Index(fields=["aircraft", "status"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=DefectStatus.values), name="fleet_defect_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.reported_on}: {self.description[:60]}"


class WorkOrderItem(models.Model):
    """One line of a work order: a programme task or a defect, and its sign-off (by whom, on
    which day). Read with its work order."""

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="items", verbose_name=_("work order")
    )
    task = models.ForeignKey(
        MaintenanceTask,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("task"),
    )
    defect = models.ForeignKey(
        Defect,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("defect"),
    )
    signed_by = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_on = models.DateField(_("signed off on"), null=True, blank=True)

    class Meta:
        ordering = ["work_order", "pk"]
        verbose_name = _("work order item")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(task__isnull=False, defect__isnull=True)
                    | Q(task__isnull=True, defect__isnull=False)
                ),
                name="fleet_item_task_or_defect",
            ),
            models.CheckConstraint(
                condition=Q(signed_by__isnull=True, signed_on__isnull=True)
                | Q(signed_by__isnull=False, signed_on__isnull=False),
                name="fleet_item_signed_whole",
            ),
            models.UniqueConstraint(
                fields=["work_order", "task"],
                condition=Q(task__isnull=False),
                name="fleet_item_task_once",
            ),
            models.UniqueConstraint(
                fields=["defect"], condition=Q(defect__isnull=False), name="fleet_item_defect_once"
            ),
        ]

    def __str__(self):
        return str(self.task or self.defect)


# --- parts and stock -----------------------------------------------------------------------------


class Part(Marked):
    """A part number the fleet stocks, with its shelf life (days from receipt, none if it does
    not age) and its reorder point: a site holding that many or fewer usable units is flagged."""

    access_rule = FLEET_RULE
    default_marking = Marking.NRC

    part_number = models.CharField(_("part number"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=20, default="ea")
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    reorder_point = models.PositiveIntegerField(_("reorder point"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["part_number"]
        verbose_name = _("part")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return f"{self.part_number} {self.name}"


class StockLot(Marked):
    """A lot of a part held at a site: how many are left, and until when they may be used.
    Carries its part's marking and is read through it. The quantity never falls below zero:
    a draw is a conditional UPDATE, and a CHECK constraint holds it too."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="part")

    part = models.ForeignKey(
        Part,
        on_delete=models.PROTECT,
        related_name="lots",
        verbose_name=_("part"),
        db_index=False,  # fleet_lot_unique leads with it
    )
    site = models.ForeignKey(
        "core.Site",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
        db_index=False,  # the index on (site_id, part_id) leads with it
    )
    lot = models.CharField(_("lot"), max_length=40)
    quantity = models.PositiveIntegerField(_("quantity"))
    received_on = models.DateField(_("received on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        ordering = ["part", "site", "expires_on", "lot"]
        verbose_name = _("stock lot")
        indexes = [models.Index(fields=["site", "part"])]
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(fields=["part", "site", "lot"], name="fleet_lot_unique"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="fleet_lot_not_negative"),
        ]

    def __str__(self):
        return f"{self.lot}"


class PartDraw(models.Model):
    """Parts taken from a lot for a work order. Read with its work order; never edited."""

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="draws", verbose_name=_("work order")
    )
    lot = models.ForeignKey(
        StockLot, on_delete=models.PROTECT, related_name="draws", verbose_name=_("lot")
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    drawn_on = models.DateField(_("drawn on"))

    class Meta:
        ordering = ["work_order", "pk"]
        verbose_name = _("part drawn")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="fleet_draw_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.lot}"


class PartsOrder(Marked):
    """Parts bought for a site, paid from a trust fund: placing it commits the money (a pending
    transfer of the fund's ledger), delivery posts it and puts the parts into stock, and a
    cancellation voids it. The order is the fleet's record; the money is the fund's."""

    access_rule = FLEET_RULE
    default_marking = Marking.NRC

    number = models.CharField(_("number"), max_length=20, unique=True)
    site = models.ForeignKey(
        "core.Site", on_delete=models.PROTECT, related_name="+", verbose_name=_("delivered to")
    )
    fund = models.ForeignKey(
        "funds.TrustFund", on_delete=models.PROTECT, related_name="+", verbose_name=_("trust fund")
    )
    # Set in the same transaction as the order (its payee names the order's number).
    commitment = models.ForeignKey(
        "funds.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commitment"),
    )
    supplier = models.CharField(_("supplier"), max_length=200)
    work_order = models.ForeignKey(
        WorkOrder,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts_orders",
        verbose_name=_("for work order"),
        help_text=_("The work that waits for these parts (the schedule holds it until they come)."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PartsOrderStatus.choices,
        default=PartsOrderStatus.PENDING,
    )
    ordered_on = models.DateField(_("ordered on"))
    expected_on = models.DateField(_("expected on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    amount_minor = models.BigIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-ordered_on", "-pk"]
        verbose_name = _("parts order")
        indexes = [models.Index(fields=["status", "ordered_on"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=PartsOrderStatus.values),
                name="fleet_parts_order_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="fleet_parts_order_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | Q(status=PartsOrderStatus.DELIVERED),
                name="fleet_parts_order_delivered_has_status",
            ),
        ]

    def __str__(self):
        return self.number


class PartsOrderLine(models.Model):
    """A part, a quantity and its unit price (in the fund's currency) on a parts order."""

    order = models.ForeignKey(
        PartsOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("parts order")
    )
    part = models.ForeignKey(
        Part, on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price_minor = models.BigIntegerField(_("unit price"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("parts order line")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="fleet_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price_minor__gt=0), name="fleet_line_price_positive"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.part_id}"


# --- service requests ----------------------------------------------------------------------------

# Those who act on a recipient's request read every one; the requesting nation's delegation and
# maintenance officers read their own nation's (``AccessRule.personal_readers``: read by role and
# nation, not by marking -- the requesting nation, Afghanistan, is not of the NRC whose marking
# the fleet's records carry).
REQUEST_HANDLERS = {
    Role.ADMINISTRATOR,
    Role.MAINTENANCE_OFFICER,
    Role.FUND_MANAGER,
    Role.SECRETARIAT,
    Role.AUDITOR,
}


class ServiceRequest(Marked):
    """A recipient nation's request for repair and service of its aircraft (Kabul's 2016 request
    for its Mi-35 fleet): reviewed, approved or refused with a reason, funded by a commitment of a
    trust fund (a pending transfer of its ledger, through the funds module's services), and
    answered by work orders. The requesting delegation follows its status."""

    access_rule = AccessRule(
        change_roles={Role.ADMINISTRATOR, Role.MAINTENANCE_OFFICER},
        nation_roles={Role.DELEGATION},
        nation_field="requester_id",
        personal_readers=REQUEST_HANDLERS,
        personal_nation_readers={Role.DELEGATION, Role.MAINTENANCE_OFFICER},
        actions={
            "review": {Role.ADMINISTRATOR, Role.MAINTENANCE_OFFICER},
            "fund": {Role.ADMINISTRATOR, Role.MAINTENANCE_OFFICER, Role.FUND_MANAGER},
        },
    )
    default_marking = Marking.NRC

    number = models.CharField(_("number"), max_length=20, unique=True)
    requester = models.ForeignKey(
        "core.Nation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requesting nation"),
        db_index=False,  # the index on (requester_id, status) leads with it
    )
    title = models.CharField(pgettext_lazy("service request", "title"), max_length=200)
    description = models.TextField(_("description"))
    aircraft_type = models.ForeignKey(
        AircraftType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("type"),
        help_text=_("The type whose aircraft the request is for."),
    )
    aircraft = models.ManyToManyField(
        Aircraft, blank=True, related_name="service_requests", verbose_name=_("aircraft")
    )
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ServiceRequestStatus.choices,
        default=ServiceRequestStatus.SUBMITTED,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it was refused or withdrawn, or what approval covers."),
    )
    fund = models.ForeignKey(
        "funds.TrustFund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trust fund"),
    )
    commitment = models.ForeignKey(
        "funds.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commitment"),
    )
    amount_minor = models.BigIntegerField(_("amount"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    funded_on = models.DateField(_("funded on"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("service request")
        indexes = [models.Index(fields=["requester", "status"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=ServiceRequestStatus.values),
                name="fleet_request_status_valid",
            ),
            # Refused means a reason given; funded means the money committed.
            models.CheckConstraint(
                condition=~Q(status=ServiceRequestStatus.REFUSED) | ~Q(reason=""),
                name="fleet_request_refused_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ServiceRequestStatus.WITHDRAWN) | ~Q(reason=""),
                name="fleet_request_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ServiceRequestStatus.FUNDED, ServiceRequestStatus.IN_WORK])
                | Q(commitment__isnull=False, amount_minor__gt=0),
                name="fleet_request_funded_has_commitment",
            ),
        ]

    def __str__(self):
        return f"{self.number}: {self.title}"


# --- hangars (the maintenance schedule's capacity) ------------------------------------------------


class Hangar(Marked):
    """A base's maintenance capacity, which the schedule fills: how many aircraft its hangar
    holds at once, and the most technicians it puts to work a day (the certified technicians
    the schedule counts at the base, from training's certificates, fill it up to that)."""

    access_rule = FLEET_RULE
    default_marking = Marking.NRC

    site = models.OneToOneField(
        "core.Site", on_delete=models.PROTECT, related_name="+", verbose_name=_("base")
    )
    slots = models.PositiveIntegerField(_("hangar slots"))
    technicians = models.PositiveIntegerField(_("certified technicians a day"))
    estimated = models.BooleanField(_("estimated"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["site__code"]
        verbose_name = _("hangar")
        constraints = [*Marked.Meta.constraints]

    def __str__(self):
        return str(self.site)


# --- the maintenance schedule and the readiness it forecasts ------------------------------------


class MaintenancePlan(Marked):
    """A maintenance schedule solved on a day for the days after it (OR-Tools CP-SAT): the due
    work of the fleet put into the hangar slots of each base within its technicians and the
    parts on order. Its rows (``PlannedJob``) carry their aircraft's marking, so a reader
    sees the plan of the aircraft they read, and its availability counted over them alone."""

    access_rule = FLEET_RULE
    default_marking = Marking.NRC

    solved_on = models.DateField(_("solved on"))
    horizon_days = models.PositiveIntegerField(_("days ahead"))
    status = models.CharField(_("status"), max_length=12)
    wall_time_s = models.FloatField(pgettext_lazy("maintenance plan", "solve time (seconds)"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-solved_on", "-pk"]
        verbose_name = _("maintenance plan")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1) & Q(horizon_days__lte=366),
                name="fleet_plan_horizon_range",
            ),
        ]

    def __str__(self):
        return f"{self.solved_on} +{self.horizon_days}"


class PlannedJob(Marked):
    """One job of a plan: a due task or an open defect of an aircraft, in the hangar from
    ``start_on`` to before ``end_on`` (none if no slot was found in the plan's days), and the
    days before it when the aircraft may not fly (from ``grounded_from``, its limit passed)
    with the reason it waits: parts, a technician, or a hangar slot."""

    access_rule = AccessRule(change_roles=FLEET_ROLES, read_through="aircraft")

    plan = models.ForeignKey(
        MaintenancePlan,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("plan"),
        db_index=False,  # the index on (plan_id, aircraft_id) leads with it
    )
    aircraft = models.ForeignKey(
        Aircraft, on_delete=models.CASCADE, related_name="+", verbose_name=_("aircraft")
    )
    base = models.ForeignKey(
        "core.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("base"),
    )
    label = models.CharField(_("work"), max_length=80)
    is_defect = models.BooleanField(_("defect"), default=False)
    start_on = models.DateField(_("starts on"), null=True, blank=True)
    end_on = models.DateField(_("back in service on"), null=True, blank=True)
    limit_on = models.DateField(pgettext_lazy("maintenance", "limit"))
    grounded_from = models.DateField(_("grounded from"), null=True, blank=True)
    waits_for = models.CharField(_("waits for"), max_length=20, blank=True)

    class Meta:
        ordering = ["plan", "start_on", "aircraft", "pk"]
        verbose_name = _("planned job")
        indexes = [models.Index(fields=["plan", "aircraft"])]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(start_on__isnull=True, end_on__isnull=True)
                | Q(start_on__isnull=False, end_on__gt=F("start_on")),
                name="fleet_planned_job_interval",
            ),
        ]

    def __str__(self):
        return f"{self.aircraft_id} {self.label}"


class DueNotice(models.Model):
    """A due maintenance item its officers were told of: one per aircraft, task and cycle (the
    day the task was last done, empty before its first compliance), so the daily run never
    tells of the same item twice, and tells again once the task is done and falls due anew."""

    aircraft = models.ForeignKey(
        Aircraft,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("aircraft"),
        db_index=False,  # fleet_due_notice_once_per_cycle leads with it
    )
    task = models.ForeignKey(
        MaintenanceTask, on_delete=models.CASCADE, related_name="+", verbose_name=_("task")
    )
    cycle = models.CharField(_("cycle"), max_length=10, blank=True)
    notified_at = models.DateTimeField(_("notified at"))

    class Meta:
        verbose_name = _("due maintenance notice")
        verbose_name_plural = _("due maintenance notices")
        constraints = [
            models.UniqueConstraint(
                fields=["aircraft", "task", "cycle"], name="fleet_due_notice_once_per_cycle"
            )
        ]

    def __str__(self):
        return f"{self.aircraft_id} {self.task_id} {self.cycle}"
