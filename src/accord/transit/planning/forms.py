"""The planning pages' forms: the month's plan, a lease's and a demand's create pages."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.transit.form_base import CreateForm, date_widgets
from accord.transit.models import TransitDemand, TransitLease
from accord.web.forms import CountField


class PlanForm(forms.Form):
    month = forms.CharField(
        initial="2013-06",
        label=_("Month"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("YYYY-MM"),
    )
    days_weight = forms.FloatField(
        min_value=0,
        initial=0,
        required=False,
        label=_("Weight of a day"),
        help_text=_("USD per TEU-day; 0 minimises cost only"),
    )

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        try:
            return dt.date.fromisoformat(f"{text[:7]}-01")
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM.")) from None


class LeaseCreateForm(CreateForm):
    model = TransitLease
    model_fields = (
        "provider",
        "mode",
        "teu_per_sortie",
        "tonnes_per_sortie",
        "cost_per_sortie",
        "hours_per_sortie",
        "period_start",
        "period_end",
        "availability",
        "notice_days",
        "quota_hours_year",
        "quota_group",
        "max_sorties_month",
    )
    widgets = date_widgets("period_start", "period_end")
    field_order = ["code", "provider", "participant", "mode", "legs"]
    code = forms.SlugField(max_length=60, label=_("Code"))
    participant = forms.CharField(
        required=False,
        max_length=3,
        label=_("Leasing nation"),
        help_text=_("ISO3 of the nation leasing it; empty: NATO."),
    )
    legs = forms.MultipleChoiceField(
        required=False, label=_("Legs"), help_text=_("The legs it flies.")
    )


class DemandCreateForm(CreateForm):
    model = TransitDemand
    model_fields = ("cargo_class", "direction", "teu", "tonnes", "latest_days")
    field_order = ["code", "month", "origin", "destination"]
    code = forms.SlugField(max_length=60, label=_("Code"))
    month = forms.CharField(
        initial="2013-06",
        label=_("Month"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("YYYY-MM"),
    )
    origin = forms.ChoiceField(label=pgettext_lazy("place", "From"))
    destination = forms.ChoiceField(label=pgettext_lazy("place", "To"))
    clean_month = PlanForm.clean_month


class PeriodPlanForm(forms.Form):
    """A plan over several months: the first month, how many, the holding cost, and the
    capacities that differ by month, one a line: ``YYYY-MM CODE TEU`` (a leg or a place)."""

    first_month = forms.CharField(
        initial="2013-06",
        label=_("First month"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("YYYY-MM"),
    )
    months = CountField(
        min_value=1, max_value=6, initial=3, label=_("Months"), help_text=_("One to six.")
    )
    holding_cost = forms.DecimalField(
        min_value=0,
        max_value=1_000_000,
        decimal_places=2,
        initial=100,
        label=_("Holding cost (USD per TEU and month)"),
        help_text=_("What a container waiting a month at a transfer point costs."),
    )
    capacities = forms.CharField(
        required=False,
        max_length=5000,
        label=_("Capacities by month"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: month, leg or place, TEU that month, e.g. 2013-07 L04 500."),
    )

    def clean_first_month(self):
        text = self.cleaned_data["first_month"].strip()
        try:
            return dt.date.fromisoformat(f"{text[:7]}-01")
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM.")) from None

    def clean_capacities(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["capacities"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.split()
            try:
                month = dt.date.fromisoformat(f"{parts[0][:7]}-01")
                teu = int(parts[2])
                if len(parts) != 3 or teu < 0:
                    raise ValueError
            except (ValueError, IndexError):
                raise forms.ValidationError(
                    _("Line %(line)s: write the month, the leg or place and the TEU, e.g. "
                      "2013-07 L04 500.") % {"line": number}
                ) from None  # fmt: skip
            rows.append((month, parts[1], teu))
        return tuple(rows)
