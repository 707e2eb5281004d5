"""What every transit create page's form shares: the model's own fields (built like an edit
form's) beside the codes and references the service resolves, and the pages' default day."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

SCENARIO_DAY = dt.date(2013, 6, 1)  # a day the whole network was open, the pages' default


# The labels of the model fields the transit forms show, in the reader's language: the forms
# name them as the pages do (an agreement's fields carry no verbose name of their own).
LABELS = {
    "availability": _("Availability"),
    "cap_amount": _("Cap"),
    "cap_unit": _("Cap unit"),
    "capacity_teu_month": _("Capacity (TEU a month)"),
    "capacity_tonnes_month": _("Capacity (tonnes a month)"),
    "cargo_class": _("Cargo class"),
    "coords_estimated": _("Position estimated"),
    "cost_per_sortie": _("Cost per sortie (USD)"),
    "cost_per_teu": _("Cost per TEU (USD)"),
    "cost_per_tonne": _("Cost per tonne (USD)"),
    "days": _("Transit days"),
    "departure": _("Departure"),
    "direction": _("Direction"),
    "distance_km": _("Distance (km)"),
    "effect": _("Effect"),
    "hours_per_sortie": _("Flying hours per sortie"),
    "kinds": _("Kinds"),
    "latest_days": _("Latest arrival (days)"),
    "latitude": _("Latitude"),
    "longitude": _("Longitude"),
    "max_sorties_month": _("Most sorties a month"),
    "mode": _("Mode"),
    "name": _("Name"),
    "note": _("Note"),
    "notes": _("Notes"),
    "notice_days": _("Notice (days)"),
    "operator": _("Operator"),
    "period_end": _("Period ends"),
    "period_start": _("Period starts"),
    "provider": _("Provider"),
    "quota_group": _("Quota group"),
    "quota_hours_year": _("Quota (flying hours a year)"),
    "route": _("Route"),
    "teu": _("TEU"),
    "teu_per_sortie": _("TEU per sortie"),
    "title": _("Instrument"),
    "tonnes": _("Tonnes"),
    "tonnes_per_sortie": _("Tonnes per sortie"),
    "two_way": _("Both ways"),
    "valid_from": _("Valid from"),
    "valid_to": _("Valid to"),
}


def date_widgets(*names: str) -> dict:
    return {name: forms.DateInput(attrs={"type": "date"}) for name in names}


class CreateForm(forms.Form):
    """A create page's form: ``model_fields`` built from the model like the edit form's, then
    the fields declared on the class (codes and references, checked by the service), shown in
    ``field_order``."""

    model = None
    model_fields: tuple = ()
    widgets: dict = {}

    def __init__(self, *args, nodes=(), legs=(), **kwargs):
        super().__init__(*args, **kwargs)
        built = forms.fields_for_model(
            self.model, fields=list(self.model_fields), widgets=self.widgets, labels=LABELS
        )
        self.fields = {**built, **self.fields}
        self.order_fields(self.field_order)
        node_choices = [(n.code, f"{n.local_name} ({n.country.iso3})") for n in nodes]
        for name in ("origin", "destination"):
            if name in self.fields:
                self.fields[name].choices = [("", "—"), *node_choices]
        if "legs" in self.fields:
            self.fields["legs"].choices = [(g.code, str(g)) for g in legs]

    @staticmethod
    def codes(text: str, upper: bool = True) -> list[str]:
        items = [c.strip() for c in (text or "").replace(";", ",").split(",") if c.strip()]
        return [c.upper() for c in items] if upper else items
