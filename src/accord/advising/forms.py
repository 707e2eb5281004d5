"""Advising's page forms: plain input checks; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.advising.choices import CounterpartKind, Ministry, Score

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


CODE_HELP = _("Lower-case letters, figures and hyphens, e.g. taac-north-ana.")


class TeamForm(forms.Form):
    code = forms.SlugField(max_length=40, label=_("Code"), help_text=CODE_HELP)
    name = forms.CharField(max_length=200, label=_("Name"))
    site = forms.ChoiceField(
        label=_("Site"), help_text=_("The hub or spoke the team works from; it stays there.")
    )
    lead_nation = forms.ChoiceField(required=False, label=_("Lead nation"))
    marking = forms.ChoiceField(label=_("Marking"))
    note = forms.CharField(
        required=False, max_length=5000, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sites=(), nations=(), markings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(s.code, str(s)) for s in sites]
        self.fields["lead_nation"].choices = [("", "—")] + [(n.iso3, str(n)) for n in nations]
        self.fields["marking"].choices = markings


class CounterpartForm(forms.Form):
    code = forms.SlugField(max_length=40, label=_("Code"), help_text=CODE_HELP)
    name = forms.CharField(max_length=200, label=_("Name"))
    kind = forms.ChoiceField(choices=CounterpartKind.choices, label=_("Kind"))
    ministry = forms.ChoiceField(choices=Ministry.choices, label=_("Ministry"))
    unit = forms.ChoiceField(
        required=False,
        label=_("Unit"),
        help_text=_("The unit of personnel this institution is, where it has one."),
    )
    marking = forms.ChoiceField(label=_("Marking"))

    def __init__(self, *args, units=(), markings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—")] + [(u.code, str(u)) for u in units]
        self.fields["marking"].choices = markings


class ObjectiveForm(forms.Form):
    function = forms.ChoiceField(label=_("Essential function"))
    code = forms.SlugField(max_length=40, label=_("Code"), help_text=CODE_HELP)
    title = forms.CharField(max_length=300, label=_("Title"))

    def __init__(self, *args, functions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = [(f.code, str(f)) for f in functions]


class MilestoneForm(forms.Form):
    code = forms.SlugField(max_length=40, label=_("Code"), help_text=CODE_HELP)
    title = forms.CharField(max_length=300, label=_("Title"))
    due = forms.DateField(required=False, label=_("Due"), widget=DATE)
