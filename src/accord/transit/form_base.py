"""What every transit create page's form shares: the model's own fields (built like an edit
form's) beside the codes and references the service resolves, and the pages' default day."""

import datetime as dt

from django import forms

SCENARIO_DAY = dt.date(2013, 6, 1)  # a day the whole network was open, the pages' default


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
