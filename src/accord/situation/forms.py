"""Forms of the situation's pages: importing a release, recording a control claim."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.markings import names_its_nation
from accord.situation.choices import Assessor, Confidence, Control, EventSource
from accord.web.forms import UploadForm

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
