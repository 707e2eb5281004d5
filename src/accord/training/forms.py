"""Training's page forms: plain input checks; the rules live in the services and the engine."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.training.choices import OutcomeKind
from accord.web.forms import CountField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NominationForm(forms.Form):
    """A person as their delegation nominates them; matched against the people known."""

    given_name = forms.CharField(max_length=100, label=_("Given name"))
    family_name = forms.CharField(max_length=100, label=_("Family name"))
    native_name = forms.CharField(
        max_length=200,
        required=False,
        label=_("Name in the person's own script"),
        help_text=_("As written in Dari, Pashto or Russian, if you have it."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE)
    nation = forms.ChoiceField(label=_("Nationality"))
    national_id = forms.CharField(
        max_length=40,
        required=False,
        label=_("National identifier"),
        help_text=_("With it, a person already known is found at once."),
    )
    rank = forms.CharField(max_length=100, required=False, label=_("Rank or post"))
    note = forms.CharField(
        max_length=2000,
        required=False,
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the delegation adds: unit, post, language."),
    )
    new_person = forms.BooleanField(
        required=False,
        label=_("A different person from the one suggested"),
        help_text=_("Tick only after a possible match was named: a trainer then confirms."),
    )

    def __init__(self, *args, nations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [(n.iso3, n.name) for n in nations]


class WithdrawForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AttendanceForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    present = forms.BooleanField(required=False, initial=True, label=_("Present"))


class GradeForm(forms.Form):
    grade = CountField(label=_("Grade (0 to 100)"), min_value=-1_000_000)


class IssueForm(forms.Form):
    """A certificate is issued with no more than the button."""


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=2000, label=_("Reason"))


class ReissueForm(forms.Form):
    renew = forms.BooleanField(
        required=False,
        label=_("Renew: valid again from today"),
        help_text=_("Unticked: a replacement that expires when the old one did."),
    )


class MatchForm(forms.Form):
    same_person = forms.TypedChoiceField(
        coerce=lambda value: value == "yes",
        choices=[("yes", _("The same person")), ("no", _("A different person"))],
        label=_("Decision"),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(max_length=20, label=_("Certificate code"), required=False)


class OutcomeForm(forms.Form):
    """What a beneficiary agency reports of a graduate (the agency among those the reader
    may read)."""

    agency = forms.ModelChoiceField(queryset=None, label=_("Reported by"), to_field_name="code")
    day = forms.DateField(label=_("On"), widget=DATE)
    kind = forms.ChoiceField(choices=OutcomeKind.choices, label=_("Outcome"))
    description = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label=_("What happened")
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
