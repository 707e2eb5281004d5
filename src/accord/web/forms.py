"""Forms of the web pages that are not about one registry record: the audit trail's filters, the
base of every upload form, the amount field every money form uses and the count field every
whole number is typed in."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord import money
from accord.errors import Code
from accord.l10n import reader_locale, western_digits

OBJECT_TYPES = [
    ("", _("Any")),
    ("core.nation", _("Nation")),
    ("core.organisation", _("Organisation")),
    ("core.site", _("Site")),
    ("core.troopcontribution", _("Troop contribution")),
    ("core.missionstrength", _("Mission strength")),
    ("core.user", _("User")),
    ("core.apitoken", _("API token")),
]
OUTCOMES = [("", _("Any")), ("done", _("Done")), ("refused", _("Refused"))]


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        required=False, label=_("Action"), help_text=_("Starts with, e.g. contribution.")
    )
    actor = forms.CharField(required=False, label=_("Actor"))
    object_type = forms.ChoiceField(required=False, choices=OBJECT_TYPES, label=_("Object type"))
    outcome = forms.ChoiceField(required=False, choices=OUTCOMES, label=_("Outcome"))
    since = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        required=False,
        label=_("Until"),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must not be before the start date."))
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


class AmountField(forms.Field):
    """An amount as a person types it, in the page's language ("1,234.50"; "1 234,50" in
    Russian), cleaned to an exact Decimal by :mod:`accord.money`. With ``currency`` it also
    refuses more decimals than the currency has, on the field; without, the service does (when
    the currency is another field of the form). Never a float."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    #: Longer text is no amount Accord keeps (its largest has 16 figures and their separators).
    MAX_LENGTH = 40

    def __init__(self, *, currency: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.currency = currency

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value)
        if len(text) > self.MAX_LENGTH:
            raise forms.ValidationError(
                _("That is too long for an amount; write it in figures, e.g. 1,234.50."),
                code="amount_invalid",
            )
        try:
            amount = money.parse_decimal_text(text, currency=self.currency or "")
            if self.currency:
                money.to_minor(amount, self.currency)
        except money.MoneyError as error:
            raise forms.ValidationError(error.detail, code=error.code) from None
        return amount

    def prepare_value(self, value):
        # An initial Decimal is shown as the reader writes it, so that it reads back the same.
        if isinstance(value, Decimal) and value.is_finite() and self.currency:
            return money.format_amount(money.to_minor(value, self.currency), self.currency)
        return value

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.MAX_LENGTH)}


#: The separators a person may put between thousands in a count, beside their language's own:
#: spaces and the Arabic thousands mark. Not "." or ",": "1.5" must be refused, not read as 15.
_COUNT_GROUPING = {" ", "\u00a0", "\u202f", "\u066c"}


class CountField(forms.IntegerField):
    """A whole number as a person types it: in Eastern digits from a Dari or Pashto keyboard
    ("۱۲"), grouped as their language groups thousands ("1 200", "1,200"). A text box with the
    numeric keyboard, not ``<input type=number>``: Chromium refuses Eastern digits there, so a
    Pashto technician could not type a count at all."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            grouping = _COUNT_GROUPING | {reader_locale().number_symbols["latn"]["group"]}
            value = "".join(c for c in western_digits(value.strip()) if c not in grouping)
        return super().to_python(value)
