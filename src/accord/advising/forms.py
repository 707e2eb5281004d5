"""Advising's page forms: plain input checks; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.advising.choices import Score

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    counterpart = forms.ChoiceField(label=_("Counterpart"))
    function = forms.ChoiceField(label=_("Essential function"))
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    advisors = forms.CharField(
        max_length=500,
        label=_("Advisors"),
        help_text=_("The advisors who took part, by name and nation."),
    )
    notes = forms.CharField(
        max_length=20_000, label=_("Notes"), widget=forms.Textarea(attrs={"rows": 6})
    )
    marking = forms.ChoiceField(
        label=_("Marking"),
        help_text=_("NATO: read by the allies' staff; National: read by your own nation only."),
    )

    def __init__(self, *args, counterparts=(), functions=(), markings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterpart"].choices = [(c.code, str(c)) for c in counterparts]
        self.fields["function"].choices = [(f.code, str(f)) for f in functions]
        self.fields["marking"].choices = markings


class RatingForm(forms.Form):
    rated_on = forms.DateField(label=_("Rated on"), widget=DATE)
    score = forms.TypedChoiceField(choices=Score.choices, coerce=int, label=_("Rating"))
    note = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvidenceForm(forms.Form):
    record = forms.ChoiceField(
        label=_("Record"),
        help_text=_("Budget execution or a payroll reconciliation; only records you may read."),
    )
    note = forms.CharField(required=False, max_length=500, label=_("Note"))

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped by kind; a choice's value is "<kind>:<id>".
        self.fields["record"].choices = records
