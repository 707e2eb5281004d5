"""The preferences form: for each kind of notification, in the inbox or not, and how by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.notifications.choices import EmailChoice


class PreferencesForm(forms.Form):
    """Two fields per registered kind: ``in_app:<kind>`` and ``email:<kind>``."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = []
        for choice in choices:
            self.fields[f"in_app:{choice.kind}"] = forms.BooleanField(
                label=_("In the inbox"), required=False, initial=choice.in_app
            )
            self.fields[f"email:{choice.kind}"] = forms.ChoiceField(
                label=_("By e-mail"), choices=EmailChoice.choices, initial=choice.email
            )
            self.kinds.append(choice)

    def rows(self):
        """One row per kind, its label and its two fields, for the table."""
        return [(c.label, self[f"in_app:{c.kind}"], self[f"email:{c.kind}"]) for c in self.kinds]

    def service_data(self) -> dict[str, tuple[bool, str]]:
        return {
            c.kind: (self.cleaned_data[f"in_app:{c.kind}"], self.cleaned_data[f"email:{c.kind}"])
            for c in self.kinds
        }
