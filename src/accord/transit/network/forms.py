"""The network pages' forms: a node's and a leg's edit and create pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.model_forms import ConstraintsInWords
from accord.names import column_names, language_widgets
from accord.transit.form_base import LABELS, CreateForm
from accord.transit.models import NodeKind, TransitLeg, TransitNode


def kinds_field() -> forms.MultipleChoiceField:
    """A node's kinds, ticked by their labels (stored as their codes)."""
    return forms.MultipleChoiceField(
        choices=NodeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=LABELS["kinds"],
    )


class LegForm(ConstraintsInWords):
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
        labels = LABELS


class NodeForm(ConstraintsInWords):
    kinds = kinds_field()

    class Meta:
        model = TransitNode
        fields = [
            "name",
            *column_names("name"),
            "kinds",
            "latitude",
            "longitude",
            "coords_estimated",
            "capacity_teu_day",
            "capacity_estimated",
            "notes",
        ]
        labels = LABELS
        widgets = language_widgets("name")


# --- create pages: the model's fields (the edit form's list where there is one) and references ---


class NodeCreateForm(CreateForm):
    model = TransitNode
    model_fields = tuple(NodeForm.Meta.fields)
    widgets = NodeForm.Meta.widgets
    field_order = ["code", "name", "country"]
    code = forms.SlugField(max_length=40, label=_("Code"), help_text=_("lower case, e.g. termez"))
    country = forms.CharField(max_length=3, label=_("Country"), help_text=_("ISO3, e.g. UZB"))
    kinds = kinds_field()


class LegCreateForm(CreateForm):
    model = TransitLeg
    model_fields = ("route", "mode", "distance_km", *LegForm.Meta.fields, "two_way")
    field_order = ["code", "route", "origin", "destination", "mode", "distance_km"]
    code = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{1,40}$", max_length=40, label=_("Code"), help_text=_("e.g. L99")
    )
    origin = forms.ChoiceField(label=pgettext_lazy("place", "From"))
    destination = forms.ChoiceField(label=pgettext_lazy("place", "To"))
    countries = forms.CharField(
        required=False,
        label=_("Countries crossed"),
        help_text=_("ISO3 codes in order, e.g. LVA, RUS; the ends' countries are added."),
    )

    def clean_countries(self):
        return self.codes(self.cleaned_data.get("countries"))
