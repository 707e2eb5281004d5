"""The funds' page forms: input shapes only; the services decide what is allowed. Amounts are
typed in the page's language and checked against the currency by the service (``accord.money``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import selectors as core_selectors
from accord.funds.models import ConditionStatus, ContributionKind, FundStatus
from accord.names import input_attrs, labelled
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
    nation = NationField(label=_("Nation"))
    amount = AmountField(label=_("Amount"))
    currency = forms.CharField(max_length=3, initial="EUR", label=_("Currency"))
    day = forms.DateField(label=_("Date"), widget=DATE)
    period_start = forms.DateField(required=False, widget=DATE, label=_("Period start"))
    period_end = forms.DateField(required=False, widget=DATE, label=_("Period end"))
    conditions = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Conditions")
    )


class ContributionForm(KeyMixin):
    nation = NationField(label=_("Nation"))
    kind = forms.ChoiceField(choices=ContributionKind.choices, label=_("Kind"))
    amount = AmountField(label=_("Amount"), help_text=_("In kind: the agreed value."))
    currency = forms.CharField(max_length=3, initial="EUR", label=_("Currency"))
    day = forms.DateField(label=_("Date received"), widget=DATE)
    pledge = forms.ChoiceField(required=False, choices=[("", "—")], label=_("Pledge"))
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note")
    )


class CommitmentForm(KeyMixin):
    payee = forms.CharField(max_length=200, label=_("Payee or project"))
    amount = AmountField(label=_("Amount"))
    day = forms.DateField(label=_("Date"), widget=DATE)
    budget_line = forms.ChoiceField(required=False, choices=[("", "—")], label=_("Budget line"))


class DisbursementForm(KeyMixin):
    commitment = forms.ChoiceField(
        required=False,
        choices=[("", _("— none: pay from what is available"))],
        label=_("Commitment"),
    )
    payee = forms.CharField(
        max_length=200,
        required=False,
        label=_("Payee"),
        help_text=_("Defaults to the commitment's."),
    )
    amount = AmountField(label=_("Amount"))
    day = forms.DateField(label=_("Date paid"), widget=DATE)
    budget_line = forms.ChoiceField(required=False, choices=[("", "—")], label=_("Budget line"))


class RefundForm(KeyMixin):
    nation = NationField(label=_("Nation"))
    amount = AmountField(label=_("Amount"))
    day = forms.DateField(label=_("Date"), widget=DATE)


class ReverseForm(KeyMixin):
    day = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(max_length=250, label=_("Reason"))


class CancelForm(KeyMixin):
    day = forms.DateField(label=_("Date"), widget=DATE)


class ConditionForm(forms.Form):
    nation = NationField(label=_("Donor"))
    pledge = forms.ChoiceField(required=False, choices=[("", "—")], label=_("Pledge"))
    text = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Condition")
    )
    due = forms.DateField(required=False, widget=DATE, label=_("Due"))


class AssessForm(forms.Form):
    status = forms.ChoiceField(choices=ConditionStatus.choices, label=_("Assessment"))
    evidence = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Evidence"),
        help_text=_("What shows the condition is met or not: a report, a letter, an audit."),
    )
    day = forms.DateField(required=False, widget=DATE, label=_("Assessed on"))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


def _in(language_column: str, label, textarea: bool = False) -> forms.CharField:
    """An optional text in one other language (accord.names), typed in its script's direction."""
    attrs = input_attrs(language_column) | ({"rows": 2} if textarea else {})
    widget = forms.Textarea(attrs=attrs) if textarea else forms.TextInput(attrs=attrs)
    return forms.CharField(
        required=False, max_length=None if textarea else 200, label=label, widget=widget
    )


class FundTexts(forms.Form):
    """A fund's name and purpose in Russian, Dari and Pashto, beside the English ones."""

    name_ru = _in("name_ru", labelled(_("Name"), "ru"))
    name_fa = _in("name_fa", labelled(_("Name"), "fa-af"))
    name_ps = _in("name_ps", labelled(_("Name"), "ps"))
    purpose_ru = _in("purpose_ru", labelled(_("Purpose"), "ru"), textarea=True)
    purpose_fa = _in("purpose_fa", labelled(_("Purpose"), "fa-af"), textarea=True)
    purpose_ps = _in("purpose_ps", labelled(_("Purpose"), "ps"), textarea=True)
    # What the IATI file says the money is for and where it goes (checked against the codelists).
    sector = forms.CharField(
        required=False,
        max_length=5,
        label=_("Sector"),
        help_text=_("The OECD DAC 5-digit sector, e.g. 15210 (security system management)."),
    )
    recipient_country = forms.CharField(
        required=False,
        max_length=2,
        label=_("Recipient country"),
        help_text=_("The two-letter code of the country the money is for, e.g. AF."),
    )

    def clean_recipient_country(self):
        return (self.cleaned_data.get("recipient_country") or "").strip().upper()

    def clean_sector(self):
        return (self.cleaned_data.get("sector") or "").strip()

    field_order = ["code", "name", "name_ru", "name_fa", "name_ps", "currency", "purpose"]


class FundForm(FundTexts):
    code = forms.SlugField(max_length=40, label=_("Code"))
    name = forms.CharField(max_length=200, label=_("Name"))
    currency = forms.CharField(
        max_length=3,
        initial="EUR",
        label=_("Currency"),
        help_text=_("ISO 4217; the fund keeps its books in it."),
    )
    purpose = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Purpose")
    )
    marking = forms.ChoiceField(
        choices=[("PUBLIC", _("Public")), ("NRC", _("NRC")), ("NATO", _("NATO"))],
        initial="PUBLIC",
        label=_("Marking"),
    )


class FundEditForm(FundTexts):
    name = forms.CharField(max_length=200, label=_("Name"))
    purpose = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Purpose")
    )
    status = forms.ChoiceField(choices=FundStatus.choices, label=_("Status"))
    donors = forms.ModelMultipleChoiceField(
        queryset=core_selectors.nations_by_name(),
        to_field_name="iso3",
        required=False,
        label=_("Donors"),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class RateForm(forms.Form):
    currency = forms.CharField(max_length=3, label=_("Currency"))
    day = forms.DateField(label=_("Date"), widget=DATE)
    per_eur = forms.DecimalField(
        max_digits=18,
        decimal_places=8,
        label=_("Units per euro"),
        help_text=_("How many units of the currency one euro bought that day (as the ECB quotes)."),
    )
    source = forms.CharField(max_length=200, required=False, label=_("Source"))


class RatesImportForm(UploadForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The ECB's reference rates as it publishes them: the day's file (eurofxref.csv) or "
            "the history (eurofxref-hist.csv), unzipped."
        ),
    )


class ImportForm(UploadForm):
    file = forms.FileField(
        label=_("File"), help_text=_("An IATI 2.03 iati-activities file published by Accord.")
    )


# --- the entry kinds the MPTF Office Gateway reports --------------------------------------------


class ExpenditureForm(KeyMixin):
    implementer = forms.CharField(
        max_length=200,
        label=_("Implementer"),
        help_text=_("The organisation that reported spending the money disbursed to it."),
    )
    amount = AmountField(label=_("Amount"))
    day = forms.DateField(label=_("Date reported"), widget=DATE)


class InterestForm(KeyMixin):
    source = forms.CharField(
        max_length=200, required=False, label=_("Source"), help_text=_("The account or deposit.")
    )
    amount = AmountField(label=_("Amount"))
    day = forms.DateField(label=_("Date credited"), widget=DATE)


class FeeForm(KeyMixin):
    agent = forms.CharField(max_length=200, required=False, label=_("Administrative agent"))
    amount = AmountField(
        required=False, label=_("Amount"), help_text=_("Or leave it empty and give a percentage.")
    )
    percent = forms.DecimalField(
        required=False,
        max_digits=7,
        decimal_places=4,
        label=_("Percentage of contributions"),
        help_text=_(
            "The fee due is this share of the contributions received up to the date, less the "
            "fees charged already (1 for one per cent)."
        ),
    )
    day = forms.DateField(label=_("Date charged"), widget=DATE)


class DirectCostForm(KeyMixin):
    purpose = forms.CharField(
        max_length=200, label=_("Purpose"), help_text=_("What the cost paid for (an audit, say).")
    )
    amount = AmountField(label=_("Amount"))
    day = forms.DateField(label=_("Date paid"), widget=DATE)


class RevaluationForm(KeyMixin):
    day = forms.DateField(label=_("Revalue as of"), widget=DATE)


class BankImportForm(UploadForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV with the columns date, amount, currency, reference, description (a header "
            "row first; amounts with a point, negative for money out), or an ISO 20022 "
            "CAMT.053 statement (XML)."
        ),
    )


class BankMatchForm(forms.Form):
    # Offered as a list of the entries of the line's amount; the service checks the one sent.
    entry = forms.CharField(required=False, max_length=90, label=_("Ledger entry"))


class UnmatchForm(forms.Form):
    """The "Undo" button of a matched bank line: nothing to fill in."""


class ExternalImportForm(UploadForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An IATI 2.03 iati-activities file of another publisher."),
    )
    marking = forms.ChoiceField(
        choices=[("PUBLIC", _("Public")), ("NRC", _("NRC")), ("NATO", _("NATO"))],
        initial="PUBLIC",
        label=_("Marking"),
        help_text=_("Who may read the activities imported for the first time."),
    )
