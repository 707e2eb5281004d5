"""The forms of a record's attachments panel: upload, replace with a new version, remove."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord import access


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=False)
    marking = forms.ChoiceField(
        label=_("Marking"),
        required=False,
        help_text=_("Leave empty to mark it as its record; a narrower marking may be chosen."),
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        # National: read by the uploader's own nation alone.
        offered = access.markings_offered(actor)
        self.fields["marking"].choices = [("", _("As the record")), *offered]


class ReplaceForm(forms.Form):
    file = forms.FileField(label=_("New version"), allow_empty_file=False)


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason for removal"), max_length=1000)
