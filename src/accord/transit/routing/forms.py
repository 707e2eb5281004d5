"""The route planner's form: a query's places, cargo, dates, modes and countries to avoid."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.transit.form_base import SCENARIO_DAY
from accord.transit.models import CargoClass, Direction, Mode
from accord.web.forms import CountField


class RouteForm(forms.Form):
    origin = forms.ChoiceField(label=pgettext_lazy("place", "From"))
    destination = forms.ChoiceField(label=pgettext_lazy("place", "To"))
    cargo_class = forms.ChoiceField(choices=CargoClass.choices, label=_("Cargo class"))
    direction = forms.ChoiceField(
        choices=Direction.choices, initial=Direction.TO_AFGHANISTAN, label=_("Direction")
    )
    on_date = forms.DateField(
        label=_("Departure"), initial=SCENARIO_DAY, widget=forms.DateInput(attrs={"type": "date"})
    )
    latest_arrival = forms.DateField(
        required=False, label=_("Latest arrival"), widget=forms.DateInput(attrs={"type": "date"})
    )
    modes = forms.MultipleChoiceField(
        choices=Mode.choices,
        required=False,
        label=_("Modes"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every mode."),
    )
    avoid_countries = forms.CharField(
        required=False, label=_("Countries to avoid"), help_text=_("ISO3 codes, e.g. RUS, PAK")
    )
    shipper = forms.CharField(
        label=_("Shipping nation"),
        help_text=_(
            "The nation whose cargo it is, by its ISO3 code (e.g. USA, DEU): only agreements "
            "made for it are used. A NATO member's cargo also moves under NATO's agreements."
        ),
        error_messages={
            "required": _(
                "Name the nation the cargo is shipped for: which agreements a route may rest on "
                "depends on whose cargo it is."
            )
        },
    )
    # Optional in a shared link (a query string): one TEU and three alternatives when left out.
    teu = CountField(min_value=1, max_value=100_000, initial=1, required=False, label=_("TEU"))
    k = CountField(
        min_value=1, max_value=20, initial=3, required=False, label=_("Alternatives (k)")
    )

    def clean_teu(self):
        return self.cleaned_data.get("teu") or 1

    def clean_k(self):
        return self.cleaned_data.get("k") or 3

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n.code, f"{n.local_name} ({n.country.iso3})") for n in nodes]
        self.fields["origin"].choices = choices
        self.fields["destination"].choices = choices

    @staticmethod
    def codes(text: str) -> tuple[str, ...]:
        return tuple(c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip())
