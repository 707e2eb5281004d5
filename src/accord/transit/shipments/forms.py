"""The shipments pages' forms: a shipment's create page, a carrier event, the CSV import."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.transit.form_base import CreateForm, date_widgets
from accord.transit.models import EventKind, Shipment
from accord.web.forms import CountField, UploadForm


class EventForm(forms.Form):
    kind = forms.ChoiceField(choices=EventKind.choices, label=_("Event"))
    at = forms.DateTimeField(
        label=_("When (UTC)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    node = forms.ChoiceField(required=False, label=_("Where"))
    delay_days = forms.DecimalField(
        required=False, min_value=0, max_digits=6, decimal_places=1, label=_("Delay (days)")
    )
    note = forms.CharField(required=False, max_length=300, label=_("Note"))

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [("", "—")] + [(n.code, n.local_name) for n in nodes]


class ImportForm(UploadForm):
    file = forms.FileField(
        label=_("Carrier CSV"),
        help_text=_("Columns: shipment, event, at, node, delay_days, note"),
    )


class ShipmentCreateForm(CreateForm):
    model = Shipment
    model_fields = ("cargo_class", "direction", "teu", "tonnes", "departure", "notes")
    widgets = date_widgets("departure")
    field_order = ["reference", "origin", "destination", "route"]
    reference = forms.SlugField(
        max_length=40, label=_("Reference"), help_text=_("e.g. ndn-2013-0100")
    )
    origin = forms.ChoiceField(label=pgettext_lazy("place", "From"))
    destination = forms.ChoiceField(label=pgettext_lazy("place", "To"))
    route = forms.CharField(
        max_length=1000,
        label=_("Planned route"),
        help_text=_("The planned legs' codes in order, e.g. L01, L02."),
    )
    shipper = forms.CharField(
        required=False,
        label=_("Shipping for"),
        help_text=_("Codes the cargo belongs to, e.g. USA or NATO."),
    )

    allocation = CountField(
        required=False,
        min_value=1,
        label=_("Planned movement"),
        help_text=_("Its number on a plan over several months, if the shipment serves one."),
    )

    def clean_route(self):
        return self.codes(self.cleaned_data.get("route"), upper=False)

    def clean_shipper(self):
        return self.codes(self.cleaned_data.get("shipper"))
