"""Forms of the budget pages. Amounts are typed in major units, in the page's language, and
handed on in minor units of the line's currency (``accord.money``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.budget.engine.economic import ECONOMIC_CODES
from accord.budget.inputs import SustainmentPledgeValues
from accord.budget.models import Currency, EntryKind, economic_label, fiscal_year_name
from accord.budget.selectors import fiscal_year_dated
from accord.money import to_minor
from accord.web.forms import AmountField

MARKINGS = [("PUBLIC", _("Public")), ("NRC", _("NRC (NATO and Russia)")), ("NATO", _("NATO"))]

#: The Chicago sustainment pledge is kept in US dollars.
PLEDGE_CURRENCY = "USD"


class BudgetEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    amount = AmountField(label=_("Amount"), help_text=_("In the line's currency."))
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    over_allotment = forms.BooleanField(
        required=False,
        label=_("Over-allotment (expenditure beyond the allotment, knowingly)"),
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea({"rows": 2}),
        required=False,
        help_text=_("Required with over-allotment: who approved it and why."),
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].currency = currency

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["amount_minor"] = to_minor(data.pop("amount"), self.currency)
        return data


class BudgetLineForm(forms.Form):
    fiscal_year = forms.ChoiceField(label=_("Fiscal year"))
    sub_programme = forms.ChoiceField(label=_("Sub-programme"))
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits, hyphens, e.g. mod-fuel-1395."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    on_budget = forms.TypedChoiceField(
        label=_("On or off budget"),
        choices=[("on", _("On budget")), ("off", _("Off budget"))],
        coerce=lambda value: value == "on",
        initial="on",
        help_text=_(
            "On budget: through the government's treasury. Off budget: spent by the donor directly."
        ),
    )
    economic_code = forms.ChoiceField(
        label=_("Economic classification"),
        required=False,
        help_text=_("What the money is spent on (GFS 2014)."),
    )
    marking = forms.ChoiceField(label=_("Marking"), choices=MARKINGS)
    estimated = forms.BooleanField(required=False, label=_("Illustrative figures"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args, fiscal_years, sub_programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [
            (fy.label, fiscal_year_dated(fy)) for fy in fiscal_years
        ]
        self.fields["sub_programme"].choices = [(str(s.pk), str(s)) for s in sub_programmes]
        self.fields["economic_code"].choices = economic_choices()


def economic_choices() -> list[tuple[str, str]]:
    """The economic classification codes with their names in the reader's language, a part
    indented under its category."""
    return [("", "—")] + [
        (code, ("\u2003" if len(code) > 2 else "") + economic_label(code))
        for code in ECONOMIC_CODES
    ]


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}), max_length=2000)


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MinistryForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=40, required=False)
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        required=False,
        help_text=_("The registry's organisation of kind ministry, if any."),
    )
    marking = forms.ChoiceField(label=_("Marking"), choices=MARKINGS)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—")] + [
            (o.code, o.local_name) for o in organisations
        ]


class ProgrammeForm(forms.Form):
    ministry = forms.ChoiceField(label=_("Ministry"))
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    marking = forms.ChoiceField(label=_("Marking"), choices=MARKINGS)

    def __init__(self, *args, ministries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministry"].choices = [(m.code, str(m)) for m in ministries]


class SubProgrammeForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    marking = forms.ChoiceField(label=_("Marking"), choices=MARKINGS)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(str(p.pk), str(p)) for p in programmes]


class PledgeForm(forms.Form):
    pledged = AmountField(currency=PLEDGE_CURRENCY, label=_("Pledged (USD)"))
    pledged_estimated = forms.BooleanField(required=False, label=_("Pledge estimated"))
    actual = AmountField(
        currency=PLEDGE_CURRENCY,
        required=False,
        label=_("Actual funding (USD)"),
        help_text=_("Leave empty while unknown."),
    )
    actual_estimated = forms.BooleanField(required=False, label=_("Actual estimated"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def service_values(self) -> SustainmentPledgeValues:
        """The pledge as the service takes it: the amounts in minor units (cents)."""
        data = dict(self.cleaned_data)
        data.pop("expected_version")
        data["pledged_usd_minor"] = to_minor(data.pop("pledged"), PLEDGE_CURRENCY)
        actual = data.pop("actual")
        data["actual_usd_minor"] = None if actual is None else to_minor(actual, PLEDGE_CURRENCY)
        return SustainmentPledgeValues(**data)


class VirementForm(forms.Form):
    from_line = forms.ChoiceField(label=_("From line"))
    to_line = forms.ChoiceField(label=_("To line"))
    amount = AmountField(label=_("Amount"), help_text=_("In the lines' currency."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}), max_length=2000)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(line.pk), f"{line} · {line.currency}") for line in lines]
        self.fields["from_line"].choices = choices
        self.fields["to_line"].choices = choices


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea({"rows": 2}), max_length=2000, required=False
    )


class ProjectionForm(forms.Form):
    """A programme's projections for the three years after year N, each with its ceiling, typed
    in major units of the projection's currency. ``programmes`` given: a new projection (the
    programme, currency and marking chosen); else a revision (the version read)."""

    programme = forms.ChoiceField(label=_("Programme"))
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    marking = forms.ChoiceField(label=_("Marking"), choices=MARKINGS)
    projected_1 = AmountField(label=_("Projection, year N+1"))
    ceiling_1 = AmountField(label=_("Ceiling, year N+1"))
    projected_2 = AmountField(label=_("Projection, year N+2"))
    ceiling_2 = AmountField(label=_("Ceiling, year N+2"))
    projected_3 = AmountField(label=_("Projection, year N+3"))
    ceiling_3 = AmountField(label=_("Ceiling, year N+3"))
    estimated = forms.BooleanField(required=False, label=_("Illustrative figures"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 2}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, years, programmes=None, currency: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is None:
            for name in ("programme", "currency", "marking"):
                del self.fields[name]
        else:
            del self.fields["expected_version"]
            self.fields["programme"].choices = [(str(p.pk), str(p)) for p in programmes]
        for index, label in enumerate(years, start=1):
            year = fiscal_year_name(label)
            self.fields[f"projected_{index}"].label = _("Projection, %(year)s") % {"year": year}
            self.fields[f"ceiling_{index}"].label = _("Ceiling, %(year)s") % {"year": year}
        if currency:
            for index in (1, 2, 3):
                self.fields[f"projected_{index}"].currency = currency
                self.fields[f"ceiling_{index}"].currency = currency

    def service_data(self, currency: str) -> dict:
        """The fields as the service takes them: the amounts in minor units of ``currency``."""
        data = dict(self.cleaned_data)
        data.pop("expected_version", None)
        data.pop("programme", None)
        for index in (1, 2, 3):
            data[f"projected_{index}_minor"] = to_minor(data.pop(f"projected_{index}"), currency)
            data[f"ceiling_{index}_minor"] = to_minor(data.pop(f"ceiling_{index}"), currency)
        return data
