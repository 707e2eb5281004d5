"""The transit pages' forms: route query, month's plan, CSV import, edit and create pages."""

import datetime as dt

from django import forms

from accord.transit.models import (
    CargoClass,
    ClosureTarget,
    Direction,
    EventKind,
    Mode,
    Shipment,
    TransitAgreement,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)
from accord.web.forms import UploadForm

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


class ImportForm(UploadForm):
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


# --- create pages: the model's fields (the edit form's list where there is one) and references ---


def _date_widgets(*names: str) -> dict:
    return {name: forms.DateInput(attrs={"type": "date"}) for name in names}


class _CreateForm(forms.Form):
    """A create page's form: ``model_fields`` built from the model like the edit form's, then
    the fields declared on the class (codes and references, checked by the service), shown in
    ``field_order``."""

    model = None
    model_fields: tuple = ()
    widgets: dict = {}

    def __init__(self, *args, nodes=(), legs=(), **kwargs):
        super().__init__(*args, **kwargs)
        built = forms.fields_for_model(
            self.model, fields=list(self.model_fields), widgets=self.widgets
        )
        self.fields = {**built, **self.fields}
        self.order_fields(self.field_order)
        node_choices = [(n.code, f"{n.name} ({n.country.iso3})") for n in nodes]
        for name in ("origin", "destination"):
            if name in self.fields:
                self.fields[name].choices = [("", "—"), *node_choices]
        if "legs" in self.fields:
            self.fields["legs"].choices = [(g.code, str(g)) for g in legs]

    @staticmethod
    def codes(text: str, upper: bool = True) -> list[str]:
        items = [c.strip() for c in (text or "").replace(";", ",").split(",") if c.strip()]
        return [c.upper() for c in items] if upper else items


class NodeCreateForm(_CreateForm):
    model = TransitNode
    model_fields = tuple(NodeForm.Meta.fields)
    field_order = ["code", "name", "country"]
    code = forms.SlugField(max_length=40, help_text="lower case, e.g. termez")
    country = forms.CharField(max_length=3, help_text="ISO3, e.g. UZB")

    def clean_kinds(self):
        return self.cleaned_data.get("kinds") or []


class LegCreateForm(_CreateForm):
    model = TransitLeg
    model_fields = ("route", "mode", "distance_km", *LegForm.Meta.fields, "two_way")
    field_order = ["code", "route", "origin", "destination", "mode", "distance_km"]
    code = forms.RegexField(regex=r"^[A-Za-z0-9_-]{1,40}$", max_length=40, help_text="e.g. L99")
    origin = forms.ChoiceField(label="From")
    destination = forms.ChoiceField(label="To")
    countries = forms.CharField(
        required=False,
        label="Countries crossed",
        help_text="ISO3 codes in order, e.g. LVA, RUS; the ends' countries are added.",
    )

    def clean_countries(self):
        return self.codes(self.cleaned_data.get("countries"))


class AgreementCreateForm(_CreateForm):
    model = TransitAgreement
    model_fields = ("title", "mode", "cargo_class", "direction", *AgreementForm.Meta.fields)
    widgets = AgreementForm.Meta.widgets
    field_order = ["code", "group", "title", "legal_basis", "country"]
    code = forms.SlugField(max_length=120, help_text="e.g. uzb_transit-uzb-rail-lethal")
    group = forms.SlugField(
        max_length=60, required=False, help_text="The agreement the row belongs to; empty: code."
    )
    legal_basis = forms.CharField(
        max_length=60, label="Legal basis", help_text="Its code in the council's register."
    )
    country = forms.CharField(max_length=3, label="Transit country", help_text="ISO3, e.g. UZB")
    parties = forms.CharField(
        required=False, help_text="Beneficiaries' codes, e.g. NATO, USA; empty: everyone."
    )

    def clean_parties(self):
        return self.codes(self.cleaned_data.get("parties"))


class LeaseCreateForm(_CreateForm):
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
    widgets = _date_widgets("period_start", "period_end")
    field_order = ["code", "provider", "participant", "mode", "legs"]
    code = forms.SlugField(max_length=60)
    participant = forms.CharField(
        required=False, max_length=3, help_text="ISO3 of the nation leasing it; empty: NATO."
    )
    legs = forms.MultipleChoiceField(required=False, help_text="The legs it flies.")


class DemandCreateForm(_CreateForm):
    model = TransitDemand
    model_fields = ("cargo_class", "direction", "teu", "tonnes", "latest_days")
    field_order = ["code", "month", "origin", "destination"]
    code = forms.SlugField(max_length=60)
    month = forms.CharField(
        initial="2013-06", widget=forms.TextInput(attrs={"type": "month"}), help_text="YYYY-MM"
    )
    origin = forms.ChoiceField(label="From")
    destination = forms.ChoiceField(label="To")
    clean_month = PlanForm.clean_month


class ShipmentCreateForm(_CreateForm):
    model = Shipment
    model_fields = ("cargo_class", "direction", "teu", "tonnes", "departure", "notes")
    widgets = _date_widgets("departure")
    field_order = ["reference", "origin", "destination", "route"]
    reference = forms.SlugField(max_length=40, help_text="e.g. ndn-2013-0100")
    origin = forms.ChoiceField(label="From")
    destination = forms.ChoiceField(label="To")
    route = forms.CharField(
        max_length=1000, help_text="The planned legs' codes in order, e.g. L01, L02."
    )
    shipper = forms.CharField(
        required=False, help_text="Codes the cargo belongs to, e.g. USA or NATO."
    )

    def clean_route(self):
        return self.codes(self.cleaned_data.get("route"), upper=False)

    def clean_shipper(self):
        return self.codes(self.cleaned_data.get("shipper"))
