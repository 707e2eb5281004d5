"""Forms of the web pages that are not about one registry record: the audit trail's filters, and
the base of every upload form."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from accord.errors import Code

OBJECT_TYPES = [
    ("", "Any"),
    ("core.nation", "Nation"),
    ("core.organisation", "Organisation"),
    ("core.site", "Site"),
    ("core.troopcontribution", "Troop contribution"),
    ("core.missionstrength", "Mission strength"),
    ("core.user", "User"),
    ("core.apitoken", "API token"),
]
OUTCOMES = [("", "Any"), ("done", "Done"), ("refused", "Refused")]


class AuditFilterForm(forms.Form):
    action = forms.CharField(required=False, help_text="Starts with, e.g. contribution.")
    actor = forms.CharField(required=False, label="Actor")
    object_type = forms.ChoiceField(required=False, choices=OBJECT_TYPES, label="Object type")
    outcome = forms.ChoiceField(required=False, choices=OUTCOMES)
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        required=False, label="Until", widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date must not be before the start date.")
        return cleaned

    def selector_filters(self) -> dict:
        """Filters for ``audit_entry_list``: dates as the start of a day, ``until`` inclusive."""
        data = {k: v for k, v in self.cleaned_data.items() if v}
        zone = timezone.get_current_timezone()
        for name, shift in (("since", 0), ("until", 1)):
            if name in data:
                day = data[name] + timedelta(days=shift)
                data[name] = timezone.make_aware(
                    timezone.datetime(day.year, day.month, day.day), zone
                )
        return data


class UploadForm(forms.Form):
    """A form with one ``file`` field, which knows when the upload was stopped while streaming.

    ``accord.middleware.UploadLimit`` stops a file past the size limit before it is read, so the
    form receives no file; ``refused`` (from ``accord.middleware.upload_refusal``) then says why
    on the file field, instead of a misleading "this field is required".
    """

    def __init__(self, *args, refused: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused
        if refused:
            self.fields["file"].required = False

    def clean_file(self):
        if self.refused:
            raise forms.ValidationError(self.refused, code=Code.UPLOAD_TOO_LARGE)
        return self.cleaned_data["file"]
