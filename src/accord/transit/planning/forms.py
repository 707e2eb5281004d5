"""The planning pages' forms: the month's plan, a lease's and a demand's create pages."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.transit.form_base import CreateForm, date_widgets
from accord.transit.models import TransitDemand, TransitLease


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
