"""Forms of the fleet's pages. Hours are typed in the page's language (1.5, 1,5 in Russian) and
handed on as Decimals; the services check what they mean (never negative, 24 hours a day...)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord import access
from accord.fleet.choices import (
    AircraftStatus,
    ComponentKind,
    DueStatus,
    MaintenanceCategory,
    Operator,
    TaskKind,
)
from accord.markings import names_its_nation
from accord.web.forms import AmountField, CountField, UploadForm

DATE = forms.DateInput({"type": "date"}, format="%Y-%m-%d")


def hours_field(label, *, required=True, help_text=""):
    return forms.DecimalField(
        label=label,
        max_digits=9,
        decimal_places=2,
        required=required,
        localize=True,
        help_text=help_text,
    )


def marking_choices(actor) -> list[tuple[str, str]]:
    """The markings the actor may give a record (a NATIONAL one is made through the API)."""
    return [c for c in access.markings_offered(actor) if not names_its_nation(c[0])]


class AircraftForm(forms.Form):
    tail_number = forms.CharField(label=_("Tail number"), max_length=20)
    aircraft_type = forms.ChoiceField(label=_("Type"))
    operator = forms.ChoiceField(
        label=pgettext_lazy("aircraft", "Operator"), choices=Operator.choices
    )
    base = forms.ChoiceField(label=_("Base"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=AircraftStatus.choices)
    tracked_from = forms.DateField(
        label=_("Tracked from"),
        widget=DATE,
        help_text=_("The day Accord's record starts: a task never done is counted from here."),
    )
    opening_hours = hours_field(_("Opening flight hours"))
    opening_landings = CountField(label=_("Opening cycles (landings)"), min_value=0)
    planned_hours_per_year = hours_field(_("Planned flight hours a year"))
    marking = forms.ChoiceField(label=_("Marking"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    estimated = forms.BooleanField(label=_("Estimated"), required=False)

    def __init__(self, *args, actor, types, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aircraft_type"].choices = [(t.code, t.name) for t in types]
        self.fields["base"].choices = [("", "—"), *((s.code, s.name) for s in sites)]
        self.fields["marking"].choices = marking_choices(actor)


class FlightLogForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    hours = hours_field(_("Flight hours"), required=False, help_text=_("Hours flown that day."))
    landings = CountField(label=_("Landings"), required=False)
    total_hours = hours_field(
        _("Logbook total hours"),
        required=False,
        help_text=_("Or the airframe's total after the day, as the logbook shows it."),
    )
    total_landings = CountField(label=_("Logbook total landings"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ComplianceForm(forms.Form):
    task = forms.ChoiceField(label=_("Task"))
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    hours = hours_field(
        _("At flight hours"),
        required=False,
        help_text=_("Empty: the aircraft's hours at the end of that day."),
    )
    landings = CountField(label=_("At cycles"), required=False)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [(t.code, f"{t.code}: {t.name}") for t in tasks]


class TaskForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=MaintenanceCategory.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    repeats = forms.BooleanField(label=_("Repeats"), required=False, initial=True)
    effective = forms.DateField(label=_("Effective from"), widget=DATE, required=False)
    interval_hours = hours_field(_("Interval (flight hours)"), required=False)
    interval_cycles = CountField(label=_("Interval (cycles)"), required=False, min_value=1)
    interval_days = CountField(label=_("Interval (days)"), required=False, min_value=1)
    tolerance_hours = hours_field(_("Tolerance (flight hours)"), required=False)
    tolerance_cycles = CountField(label=_("Tolerance (cycles)"), required=False, min_value=0)
    tolerance_days = CountField(label=_("Tolerance (days)"), required=False, min_value=0)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("tolerance_hours", "tolerance_cycles", "tolerance_days"):
            if data[name] is None:
                data[name] = 0
        return data


class ComponentForm(forms.Form):
    serial = forms.CharField(label=_("Serial number"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=ComponentKind.choices)
    model = forms.CharField(label=_("Model"), max_length=60)
    hours = hours_field(_("Hours since new"))
    cycles = CountField(label=_("Cycles since new"), min_value=0)
    hours_since_overhaul = hours_field(_("Hours since overhaul"))
    life_hours = hours_field(_("Life limit (hours)"), required=False)
    life_cycles = CountField(label=_("Life limit (cycles)"), required=False, min_value=1)
    overhaul_hours = hours_field(_("Time between overhauls (hours)"), required=False)
    marking = forms.ChoiceField(label=_("Marking"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking"].choices = marking_choices(actor)


class InstallForm(forms.Form):
    aircraft = forms.ChoiceField(label=_("Aircraft"))
    position = forms.CharField(
        label=pgettext_lazy("component", "Position"), max_length=20, help_text=_("e.g. engine 1")
    )
    day = forms.DateField(label=_("Installed on"), widget=DATE)

    def __init__(self, *args, aircraft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aircraft"].choices = [(a.tail_number, a.tail_number) for a in aircraft]


class RemoveForm(forms.Form):
    day = forms.DateField(label=_("Removed on"), widget=DATE)
    serviceable = forms.BooleanField(
        label=_("Removed serviceable"),
        required=False,
        help_text=_("Leave unticked for a component removed to go to repair."),
    )
    site = forms.ChoiceField(
        label=_("Held at"), required=False, help_text=_("The aircraft's base if none is chosen.")
    )

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", "—"), *((s.code, str(s)) for s in sites)]


class RepairSendForm(forms.Form):
    shop = forms.CharField(label=_("Repair shop"), max_length=200)
    work = forms.CharField(
        label=_("Work asked for"), widget=forms.Textarea({"rows": 2}), required=False
    )
    fund = forms.ChoiceField(label=_("Trust fund"))
    amount = AmountField(label=_("Cost of the repair (in the fund's currency)"))
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE, initial=lambda: _today())
    expected_on = forms.DateField(label=_("Expected back on"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].choices = [(f.code, str(f)) for f in funds]


class RepairReturnForm(forms.Form):
    day = forms.DateField(label=_("Returned on"), widget=DATE, initial=lambda: _today())
    site = forms.ChoiceField(label=_("Returned to"))
    overhauled = forms.BooleanField(
        label=_("Overhauled"),
        required=False,
        help_text=_("Its hours since overhaul start again from zero."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(s.code, str(s)) for s in sites]


class RepairCancelForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE, initial=lambda: _today())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}), required=False)


class ImportForm(UploadForm):
    file = forms.FileField(
        label=_("Flight log file"),
        help_text=_(
            "CSV or Excel (.xlsx) with the columns tail_number, date, hours, landings "
            "(optionally total_hours, total_landings, note)."
        ),
    )


# --- work orders and parts -----------------------------------------------------------------------


def _today():
    return timezone.localdate()


class WorkOrderForm(forms.Form):
    tasks = forms.MultipleChoiceField(
        label=_("Due tasks"), required=False, widget=forms.CheckboxSelectMultiple
    )
    defects = forms.MultipleChoiceField(
        label=_("Open defects"), required=False, widget=forms.CheckboxSelectMultiple
    )
    raised_on = forms.DateField(label=_("Raised on"), widget=DATE, initial=_today)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, tasks, defects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = [
            (row.task.code, f"{row.task.code}: {row.task.name} ({DueStatus(row.due.status).label})")
            for row in tasks
        ]
        self.fields["defects"].choices = [(str(d.pk), d.description[:120]) for d in defects]


class DefectForm(forms.Form):
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 3}))
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE, initial=_today)


class DrawForm(forms.Form):
    lot = forms.ChoiceField(label=_("Lot"))
    quantity = CountField(label=_("Quantity"), min_value=1, initial=1)
    day = forms.DateField(label=_("Drawn on"), widget=DATE, initial=_today)

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].choices = [(str(lot.pk), _lot_label(lot)) for lot in lots]


def _lot_label(lot) -> str:
    expiry = f", {lot.expires_on.isoformat()}" if lot.expires_on else ""
    return f"{lot.part.part_number} {lot.part.name} · {lot.lot} ({lot.quantity}{expiry})"


class DayForm(forms.Form):
    """A day, for the buttons that take one: sign off, close, deliver, cancel."""

    day = forms.DateField(label=_("Day"), widget=DATE, initial=_today)


class PartForm(forms.Form):
    part_number = forms.CharField(label=_("Part number"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.CharField(label=pgettext_lazy("measure", "Unit"), max_length=20, initial="ea")
    shelf_life_days = CountField(label=_("Shelf life (days)"), min_value=1, required=False)
    reorder_point = CountField(label=_("Reorder point"), min_value=0, initial=0)
    marking = forms.ChoiceField(label=_("Marking"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking"].choices = marking_choices(actor)


class ReceiptForm(forms.Form):
    part = forms.ChoiceField(label=_("Part"))
    site = forms.ChoiceField(label=_("Site"))
    lot = forms.CharField(label=_("Lot"), max_length=40)
    quantity = CountField(label=_("Quantity"), min_value=1)
    day = forms.DateField(label=_("Received on"), widget=DATE, initial=_today)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DATE,
        required=False,
        help_text=_("Empty: the part's shelf life from the day received."),
    )

    def __init__(self, *args, parts, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [(p.part_number, str(p)) for p in parts]
        self.fields["site"].choices = [(s.code, str(s)) for s in sites]


class PartsOrderForm(forms.Form):
    fund = forms.ChoiceField(label=_("Trust fund"))
    site = forms.ChoiceField(label=_("Delivered to"))
    supplier = forms.CharField(label=_("Supplier"), max_length=200)
    part = forms.ChoiceField(label=_("Part"))
    quantity = CountField(label=_("Quantity"), min_value=1)
    unit_price = AmountField(label=_("Unit price (in the fund's currency)"))
    ordered_on = forms.DateField(label=_("Ordered on"), widget=DATE, initial=_today)
    expected_on = forms.DateField(label=_("Expected on"), widget=DATE, required=False)
    marking = forms.ChoiceField(label=_("Marking"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, actor, funds, parts, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].choices = [(f.code, str(f)) for f in funds]
        self.fields["part"].choices = [(p.part_number, str(p)) for p in parts]
        self.fields["site"].choices = [(s.code, str(s)) for s in sites]
        self.fields["marking"].choices = marking_choices(actor)


class ServiceRequestForm(forms.Form):
    requester = forms.ChoiceField(label=_("Requesting nation"))
    title = forms.CharField(label=pgettext_lazy("service request", "Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 4}))
    aircraft_type = forms.ChoiceField(label=_("Type"), required=False)
    aircraft = forms.MultipleChoiceField(
        label=_("Aircraft"), required=False, widget=forms.SelectMultiple({"size": 6})
    )
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE, initial=_today)

    def __init__(self, *args, nations, types, aircraft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"].choices = [(n.iso3, str(n)) for n in nations]
        self.fields["aircraft_type"].choices = [("", "—")] + [(t.code, str(t)) for t in types]
        self.fields["aircraft"].choices = [(a.tail_number, str(a)) for a in aircraft]


class ServiceRequestEditForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("service request", "Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 4}))
    aircraft_type = forms.ChoiceField(label=_("Type"), required=False)
    aircraft = forms.MultipleChoiceField(
        label=_("Aircraft"), required=False, widget=forms.SelectMultiple({"size": 6})
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, types, aircraft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aircraft_type"].choices = [("", "—")] + [(t.code, str(t)) for t in types]
        self.fields["aircraft"].choices = [(a.tail_number, str(a)) for a in aircraft]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the request is withdrawn"), widget=forms.Textarea({"rows": 2})
    )


class DecisionForm(forms.Form):
    """Approve or refuse a request; a refusal says why."""

    approve = forms.TypedChoiceField(
        label=pgettext_lazy("service request", "Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}), required=False)
    day = forms.DateField(label=_("Day"), widget=DATE, initial=_today)


class FundingForm(forms.Form):
    fund = forms.ChoiceField(label=_("Trust fund"))
    amount = AmountField(label=_("Amount (in the fund's currency)"))
    day = forms.DateField(label=_("Day"), widget=DATE, initial=_today)

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].choices = [(f.code, str(f)) for f in funds]


class HangarForm(forms.Form):
    site = forms.ChoiceField(label=_("Base"))
    slots = CountField(
        label=_("Hangar slots"), min_value=0, help_text=_("The aircraft it holds at once.")
    )
    technicians = CountField(
        label=_("Certified technicians a day"),
        min_value=0,
        help_text=_(
            "The most it puts to work a day; the schedule counts the base's certified "
            "technicians up to this figure."
        ),
    )
    estimated = forms.BooleanField(label=_("Estimated"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(s.code, str(s)) for s in sites]
