"""Forms of oversight's pages: a finding, a citation, a recommendation and its closure, a
corrective action and its evidence. Required texts are left to the services, which refuse them
in their own words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.markings import names_its_nation
from accord.oversight.choices import Closure, Module, Severity
from accord.web.forms import CountField

# The largest number the database keeps (a 64-bit integer): a larger one names nothing.
BIGGEST = 2**63 - 1
DATE = forms.DateInput({"type": "date"}, format="%Y-%m-%d")


def marking_choices(actor) -> list[tuple[str, str]]:
    """The markings the actor may give a finding (a NATIONAL one is made through the API)."""
    return [c for c in access.markings_offered(actor) if not names_its_nation(c[0])]


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    module = forms.ChoiceField(label=_("Module"), choices=Module.choices)
    owner = forms.CharField(
        label=_("Owner"),
        max_length=150,
        required=False,
        help_text=_("The office or person who must put it right."),
    )
    found_on = forms.DateField(label=_("Found on"), widget=DATE, required=False)
    due = forms.DateField(label=_("Due date"), widget=DATE, required=False)
    root_cause = forms.CharField(
        label=_("Root cause"), widget=forms.Textarea({"rows": 3}), required=False
    )
    marking = forms.ChoiceField(label=_("Marking"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking"].choices = marking_choices(actor)


class AuditCitationForm(forms.Form):
    position = CountField(
        label=_("Position in the audit chain"),
        min_value=1,
        max_value=BIGGEST,
        help_text=_("The entry's position, as the audit trail's page shows it."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class RecordCitationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"))
    key = forms.CharField(
        label=_("Record"),
        max_length=100,
        help_text=_("Its number, code or reference as its page shows it."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.label, k.name) for k in kinds]


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea({"rows": 3}), required=False
    )
    owner = forms.CharField(label=_("Owner"), max_length=150, required=False)
    due = forms.DateField(label=_("Due date"), widget=DATE, required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Closure.choices)
    accepted_by = forms.CharField(
        label=_("Risk accepted by"),
        max_length=150,
        required=False,
        help_text=_("For a risk accepted: the official who accepted it."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Action"), widget=forms.Textarea({"rows": 2}), required=False
    )
    owner = forms.CharField(label=_("Owner"), max_length=150, required=False)
    due = forms.DateField(label=_("Due date"), widget=DATE, required=False)


class EvidenceForm(forms.Form):
    evidence = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea({"rows": 3}), required=False
    )
    evidence_url = forms.CharField(label=_("Evidence link"), max_length=500, required=False)
    done_on = forms.DateField(label=_("Done on"), widget=DATE, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
