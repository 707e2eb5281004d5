"""The agreements pages' forms: an agreement's edit and create pages, a closure's create page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.model_forms import ConstraintsInWords
from accord.transit.form_base import LABELS, CreateForm
from accord.transit.models import ClosureTarget, TransitAgreement


class AgreementForm(ConstraintsInWords):
    class Meta:
        model = TransitAgreement
        fields = [
            "valid_from",
            "valid_to",
            "effect",
            "cap_amount",
            "cap_unit",
            "note",
            "note_ru",
            "authentic_en",
            "authentic_ru",
        ]
        # The note's label says its language: the Russian version is a field of its own.
        labels = {**LABELS, "note": _("Note in English"), "note_ru": _("Note in Russian")}
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
            "note_ru": forms.Textarea(attrs={"lang": "ru", "dir": "ltr", "rows": 3}),
            "title_ru": forms.TextInput(attrs={"lang": "ru", "dir": "ltr"}),
        }


class ClosureForm(forms.Form):
    code = forms.SlugField(max_length=60, label=_("Code"))
    target_kind = forms.ChoiceField(choices=ClosureTarget.choices, label=_("What is closed"))
    node = forms.ChoiceField(required=False, label=_("Node"))
    leg = forms.ChoiceField(required=False, label=_("Leg"))
    country = forms.CharField(
        required=False, max_length=3, label=_("Country"), help_text=_("ISO3, e.g. PAK")
    )
    start = forms.DateField(
        label=pgettext_lazy("date", "From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        required=False,
        label=pgettext_lazy("date", "To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("empty: open"),
    )
    reason = forms.CharField(
        required=False, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, nodes=(), legs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [("", "—")] + [(n.code, n.local_name) for n in nodes]
        self.fields["leg"].choices = [("", "—")] + [(g.code, str(g)) for g in legs]


class AgreementCreateForm(CreateForm):
    model = TransitAgreement
    model_fields = (
        "title",
        "title_ru",
        "mode",
        "cargo_class",
        "direction",
        *AgreementForm.Meta.fields,
    )
    widgets = AgreementForm.Meta.widgets
    field_order = ["code", "group", "title", "title_ru", "legal_basis", "country"]
    code = forms.SlugField(
        max_length=120, label=_("Code"), help_text=_("e.g. uzb_transit-uzb-rail-lethal")
    )
    group = forms.SlugField(
        max_length=60,
        required=False,
        label=_("Agreement"),
        help_text=_("The agreement the row belongs to; empty: its code."),
    )
    legal_basis = forms.CharField(
        max_length=60, label=_("Legal basis"), help_text=_("Its code in the register of decisions.")
    )
    country = forms.CharField(
        max_length=3, label=_("Transit country"), help_text=_("ISO3, e.g. UZB")
    )
    parties = forms.CharField(
        required=False,
        label=_("Beneficiaries"),
        help_text=_("Beneficiaries' codes, e.g. NATO, USA; empty: everyone."),
    )

    def clean_parties(self):
        return self.codes(self.cleaned_data.get("parties"))
