"""Personnel's page forms: plain input checks; the rules live in the services and the engine."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.personnel.choices import AttritionKind, Grade, Stage, UnitKind
from accord.web.forms import CountField, UploadForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class UnitForm(forms.Form):
    code = forms.SlugField(max_length=40, label=_("Code"))
    name = forms.CharField(max_length=200, label=_("Name"))
    kind = forms.ChoiceField(choices=UnitKind.choices, label=_("Kind"))
    nation = forms.ChoiceField(label=_("Nation"))
    parent = forms.ChoiceField(required=False, label=_("Parent unit"))
    site = forms.ChoiceField(required=False, label=_("Site"))
    marking = forms.ChoiceField(label=_("Marking"))
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, nations=(), units=(), sites=(), markings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, str(n)) for n in nations]
        self.fields["parent"].choices = [("", "—")] + [(u.code, str(u)) for u in units]
        self.fields["site"].choices = [("", "—")] + [(s.code, str(s)) for s in sites]
        self.fields["marking"].choices = markings


class PositionForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    fiscal_year = forms.ChoiceField(label=_("Fiscal year"))
    code = forms.SlugField(max_length=60, label=_("Code"))
    grade = forms.ChoiceField(choices=Grade.choices, label=pgettext_lazy("tashkil", "Grade"))
    specialty = forms.CharField(max_length=100, label=_("Specialty"))
    authorised = CountField(min_value=1, max_value=1_000_000, label=_("Authorised"))
    wage_line = forms.ChoiceField(
        label=_("Wage line"), help_text=_("The budget line of the same fiscal year that pays it.")
    )

    def __init__(self, *args, units=(), years=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, str(u)) for u in units]
        self.fields["fiscal_year"].choices = [(y.label, str(y)) for y in years]
        self.fields["wage_line"].choices = [(line.pk, str(line)) for line in lines]


class PersonForm(forms.Form):
    number = forms.CharField(max_length=40, label=_("Service number"))
    biometric_id = forms.CharField(
        max_length=64,
        label=_("Biometric enrolment"),
        help_text=_("An identifier already enrolled flags the person as a suspected duplicate."),
    )
    given_name = forms.CharField(max_length=100, label=_("Given name"))
    family_name = forms.CharField(max_length=100, required=False, label=_("Family name"))
    nation = forms.ChoiceField(label=_("Nation"))
    date_of_birth = forms.DateField(required=False, label=_("Date of birth"), widget=DATE)

    def __init__(self, *args, nations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, str(n)) for n in nations]


class ConfirmForm(forms.Form):
    """A second user's confirmation: nothing to fill in."""


class AdvanceForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, label=_("Stage"))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SlotForm(forms.Form):
    position = forms.ChoiceField(label=pgettext_lazy("tashkil", "Position"))
    starts = forms.DateField(label=_("From"), widget=DATE)

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [(p.pk, f"{p.code}: {p.specialty}") for p in positions]


class AttritionForm(forms.Form):
    kind = forms.ChoiceField(choices=AttritionKind.choices, label=_("Kind"))
    on = forms.DateField(label=_("On"), widget=DATE)
    note = forms.CharField(required=False, max_length=2000, label=_("Note"))


class ImportForm(UploadForm):
    nation = forms.ChoiceField(label=_("Nation"))
    month = forms.DateField(label=_("Month"), input_formats=["%Y-%m", "%Y-%m-%d"], widget=MONTH)
    marking = forms.ChoiceField(
        label=_("Marking of the month's counts"),
        help_text=_("Who reads the month's aggregate report; the lines are personal data."),
    )
    file = forms.FileField(
        label=_("Payroll file"),
        help_text=_("CSV or Excel (.xlsx) with the columns number, position, amount (and eft)."),
    )
    roster = forms.FileField(
        label=_("Attendance roster"),
        help_text=_("CSV or Excel (.xlsx) with the columns number, days_present."),
    )

    def __init__(self, *args, nations=(), markings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, str(n)) for n in nations]
        self.fields["marking"].choices = markings


class OverrideForm(forms.Form):
    reason = forms.CharField(
        max_length=2000, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class GraduateForm(forms.Form):
    """A training certificate the person holds, by the code printed on it."""

    certificate_code = forms.CharField(max_length=20, label=_("Certificate code"))
