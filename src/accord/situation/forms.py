"""Forms of the situation's pages: importing a release, recording a control claim, a seizure, an
incident and its tasks, and asking which of the mission's assets are exposed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.markings import names_its_nation
from accord.situation.choices import (
    Assessor,
    Confidence,
    Control,
    Drug,
    EventSource,
    IncidentKind,
    TaskStatus,
)
from accord.web.forms import CountField, UploadForm

DATE = forms.DateInput({"type": "date"}, format="%Y-%m-%d")


def marking_choices(actor) -> list[tuple[str, str]]:
    """The markings the actor may give a record (a NATIONAL one is made through the API)."""
    return [c for c in access.markings_offered(actor) if not names_its_nation(c[0])]


class ReleaseImportForm(UploadForm):
    file = forms.FileField(
        label=_("Release file"),
        help_text=_(
            "CSV in the source's own layout: UCDP GED's columns (id, date_start, latitude...) "
            "or ACLED's (event_id_cnty, event_date, latitude...)."
        ),
    )
    source = forms.ChoiceField(label=_("Source"), choices=EventSource.choices)
    name = forms.CharField(
        label=_("Release"), max_length=40, help_text=_("The release's version, such as 23.1.")
    )
    marking = forms.ChoiceField(label=_("Marking"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking"].choices = marking_choices(actor)


class ClaimForm(forms.Form):
    district = forms.ChoiceField(label=_("District"))
    assessor = forms.ChoiceField(label=_("Assessor"), choices=Assessor.choices)
    status = forms.ChoiceField(label=_("Control"), choices=Control.choices)
    as_of = forms.DateField(label=_("As of"), widget=DATE)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=Confidence.choices)
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,  # the service refuses a claim without one, with its own words
        help_text=_("The assessment, report or map the claim comes from."),
    )
    source_url = forms.URLField(label=_("Source link"), max_length=500, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    estimated = forms.BooleanField(label=_("Estimated"), required=False)
    marking = forms.ChoiceField(label=_("Marking"))

    def __init__(self, *args, actor, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            (d.code, f"{d.local_name} ({d.province.local_name})") for d in districts
        ]
        self.fields["marking"].choices = marking_choices(actor)


LATITUDE = {"max_digits": 9, "decimal_places": 6, "min_value": -90, "max_value": 90}
LONGITUDE = {"max_digits": 9, "decimal_places": 6, "min_value": -180, "max_value": 180}


class SeizureForm(forms.Form):
    seized_on = forms.DateField(label=_("Seized on"), widget=DATE)
    agency = forms.CharField(
        label=_("Reporting agency"),
        max_length=200,
        help_text=_("The beneficiary agency that reported it (its own name for itself)."),
    )
    nation = forms.ChoiceField(label=_("Nation"))
    drug = forms.ChoiceField(label=_("Drug"), choices=Drug.choices)
    quantity_kg = forms.DecimalField(
        label=_("Quantity (kg)"), max_digits=12, decimal_places=3, min_value=0
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    latitude = forms.DecimalField(label=_("Latitude"), **LATITUDE)
    longitude = forms.DecimalField(label=_("Longitude"), **LONGITUDE)
    route = forms.ChoiceField(label=_("Trafficking route"), required=False)
    graduates = forms.MultipleChoiceField(
        label=_("Counter-narcotics graduates taking part"),
        required=False,
        help_text=_("Graduates of the NRC counter-narcotics training you may read."),
    )
    source = forms.CharField(label=_("Source"), max_length=500, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    marking = forms.ChoiceField(label=_("Marking"))

    def __init__(self, *args, actor, nations, routes, graduates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, n.local_name) for n in nations]
        self.fields["route"].choices = [("", "—"), *((r.code, r.name) for r in routes)]
        self.fields["graduates"].choices = [
            (str(g.pk), f"{g} ({g.nation.local_name})") for g in graduates
        ]
        self.fields["marking"].choices = marking_choices(actor)


class IncidentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentKind.choices)
    place = forms.CharField(label=_("Place"), max_length=200)
    latitude = forms.DecimalField(label=_("Latitude"), **LATITUDE)
    longitude = forms.DecimalField(label=_("Longitude"), **LONGITUDE)
    killed = CountField(label=_("Killed"), min_value=0, initial=0)
    injured = CountField(label=_("Injured"), min_value=0, initial=0)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea({"rows": 3}), required=False
    )
    marking = forms.ChoiceField(label=_("Marking"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking"].choices = marking_choices(actor)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.CharField(
        label=_("Owner"), max_length=200, help_text=_("The body or person who carries it out.")
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ExposureForm(forms.Form):
    km = forms.DecimalField(
        label=_("Distance (km)"), min_value=1, max_value=500, initial=50, required=False
    )
    date_from = forms.DateField(label=_("Events from"), widget=DATE, required=False)
    date_to = forms.DateField(label=_("Events to"), widget=DATE, required=False)
    events = forms.BooleanField(label=_("Conflict events"), required=False, initial=True)
    incidents = forms.BooleanField(label=_("Incidents"), required=False, initial=True)
