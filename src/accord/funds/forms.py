"""The funds' page forms: input shapes only; the services decide what is allowed. Amounts are
typed in the page's language and checked against the currency by the service (``accord.money``)."""

from django import forms

from accord.core import selectors as core_selectors
from accord.funds.models import ContributionKind, FundStatus
from accord.web.forms import AmountField, UploadForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NationField(forms.ModelChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(
            queryset=queryset if queryset is not None else core_selectors.nations_by_name(),
            to_field_name="iso3",
            **kwargs,
        )


class KeyMixin(forms.Form):
    # A fresh key per form render: a double submit of the same page posts once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class PledgeForm(KeyMixin):
    nation = NationField()
    amount = AmountField()
    currency = forms.CharField(max_length=3, initial="EUR")
    day = forms.DateField(label="Date", widget=DATE)
    period_start = forms.DateField(required=False, widget=DATE)
    period_end = forms.DateField(required=False, widget=DATE)
    conditions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ContributionForm(KeyMixin):
    nation = NationField()
    kind = forms.ChoiceField(choices=ContributionKind.choices)
    amount = AmountField(help_text="In kind: the agreed value.")
    currency = forms.CharField(max_length=3, initial="EUR")
    day = forms.DateField(label="Date received", widget=DATE)
    pledge = forms.ChoiceField(required=False, choices=[("", "—")])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommitmentForm(KeyMixin):
    payee = forms.CharField(max_length=200, label="Payee or project")
    amount = AmountField()
    day = forms.DateField(label="Date", widget=DATE)
    budget_line = forms.ChoiceField(required=False, choices=[("", "—")])


class DisbursementForm(KeyMixin):
    commitment = forms.ChoiceField(required=False, choices=[("", "— none: pay from available")])
    payee = forms.CharField(
        max_length=200, required=False, help_text="Defaults to the commitment's."
    )
    amount = AmountField()
    day = forms.DateField(label="Date paid", widget=DATE)
    budget_line = forms.ChoiceField(required=False, choices=[("", "—")])


class RefundForm(KeyMixin):
    nation = NationField()
    amount = AmountField()
    day = forms.DateField(label="Date", widget=DATE)


class ReverseForm(KeyMixin):
    day = forms.DateField(label="Date", widget=DATE)
    reason = forms.CharField(max_length=250)


class CancelForm(KeyMixin):
    day = forms.DateField(label="Date", widget=DATE)


class FundForm(forms.Form):
    code = forms.SlugField(max_length=40)
    name = forms.CharField(max_length=200)
    currency = forms.CharField(max_length=3, initial="EUR")
    purpose = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    marking = forms.ChoiceField(
        choices=[("PUBLIC", "Public"), ("NRC", "NRC"), ("NATO", "NATO")], initial="PUBLIC"
    )


class FundEditForm(forms.Form):
    name = forms.CharField(max_length=200)
    purpose = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(choices=FundStatus.choices)
    donors = forms.ModelMultipleChoiceField(
        queryset=core_selectors.nations_by_name(), to_field_name="iso3", required=False
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ImportForm(UploadForm):
    file = forms.FileField(help_text="An IATI 2.03 iati-activities file published by Accord.")
