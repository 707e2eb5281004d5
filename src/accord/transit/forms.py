"""The transit pages' forms: route query, month's plan, CSV import, leg edit."""

import datetime as dt

from django import forms

from accord.transit.models import (
    CargoClass,
    ClosureTarget,
    Direction,
    EventKind,
    Mode,
    TransitAgreement,
    TransitLeg,
    TransitNode,
)

SCENARIO_DAY = dt.date(2013, 6, 1)  # a day the whole network was open, the pages' default


class RouteForm(forms.Form):
    origin = forms.ChoiceField(label="From")
    destination = forms.ChoiceField(label="To")
    cargo_class = forms.ChoiceField(choices=CargoClass.choices, label="Cargo class")
    direction = forms.ChoiceField(choices=Direction.choices, initial=Direction.TO_AFGHANISTAN)
    on_date = forms.DateField(
        label="Departure", initial=SCENARIO_DAY, widget=forms.DateInput(attrs={"type": "date"})
    )
    latest_arrival = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    modes = forms.MultipleChoiceField(
        choices=Mode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty for every mode.",
    )
    avoid_countries = forms.CharField(
        required=False, label="Countries to avoid", help_text="ISO3 codes, e.g. RUS, PAK"
    )
    shipper = forms.CharField(
        required=False,
        label="Shipping for",
        help_text="Party codes the cargo belongs to, e.g. USA or NATO; empty: any.",
    )
    # Optional in a shared link (a query string): one TEU and three alternatives when left out.
    teu = forms.IntegerField(min_value=1, max_value=100_000, initial=1, required=False, label="TEU")
    k = forms.IntegerField(
        min_value=1, max_value=20, initial=3, required=False, label="Alternatives (k)"
    )

    def clean_teu(self):
        return self.cleaned_data.get("teu") or 1

    def clean_k(self):
        return self.cleaned_data.get("k") or 3

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n.code, f"{n.name} ({n.country.iso3})") for n in nodes]
        self.fields["origin"].choices = choices
        self.fields["destination"].choices = choices

    @staticmethod
    def codes(text: str) -> tuple[str, ...]:
        return tuple(c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip())


class PlanForm(forms.Form):
    month = forms.CharField(
        initial="2013-06",
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text="YYYY-MM",
    )
    days_weight = forms.FloatField(
        min_value=0, initial=0, required=False, help_text="USD per TEU-day; 0 minimises cost only"
    )

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        try:
            return dt.date.fromisoformat(f"{text[:7]}-01")
        except ValueError:
            raise forms.ValidationError("Write the month as YYYY-MM.") from None


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Carrier CSV",
        help_text="Columns: shipment, event, at, node, delay_days, note",
    )


class LegForm(forms.ModelForm):
    class Meta:
        model = TransitLeg
        fields = [
            "days",
            "cost_per_teu",
            "cost_per_tonne",
            "capacity_teu_month",
            "capacity_tonnes_month",
            "operator",
        ]


class NodeForm(forms.ModelForm):
    class Meta:
        model = TransitNode
        fields = ["name", "kinds", "latitude", "longitude", "coords_estimated", "notes"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = TransitAgreement
        fields = ["valid_from", "valid_to", "effect", "cap_amount", "cap_unit", "note"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }


class ClosureForm(forms.Form):
    code = forms.SlugField(max_length=60)
    target_kind = forms.ChoiceField(choices=ClosureTarget.choices, label="What is closed")
    node = forms.ChoiceField(required=False)
    leg = forms.ChoiceField(required=False)
    country = forms.CharField(required=False, max_length=3, help_text="ISO3, e.g. PAK")
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="empty: open"
    )
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, nodes=(), legs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [("", "—")] + [(n.code, n.name) for n in nodes]
        self.fields["leg"].choices = [("", "—")] + [(g.code, str(g)) for g in legs]


class EventForm(forms.Form):
    kind = forms.ChoiceField(choices=EventKind.choices, label="Event")
    at = forms.DateTimeField(
        label="When (UTC)", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    node = forms.ChoiceField(required=False, label="Where")
    delay_days = forms.DecimalField(
        required=False, min_value=0, max_digits=6, decimal_places=1, label="Delay (days)"
    )
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [("", "—")] + [(n.code, n.name) for n in nodes]
