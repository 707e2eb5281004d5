"""The agreements pages' forms: an agreement's edit and create pages, a closure's create page."""

from django import forms

from accord.model_forms import ConstraintsInWords
from accord.transit.form_base import CreateForm
from accord.transit.models import ClosureTarget, TransitAgreement


class AgreementForm(ConstraintsInWords):
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


class AgreementCreateForm(CreateForm):
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
