"""Forms for the registry's pages: input shape and field validation only, never a write.

A form cleans what the user typed; the view hands ``cleaned_data`` (without ``expected_version``)
to the service, which checks the access policy and writes. Choice lists of other records are cut
to what the actor may read, so a form never names a record its user cannot see.
"""

from __future__ import annotations

import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.core import token_scopes
from accord.core.models import Nation, Organisation, Site, Source, TroopContribution
from accord.markings import Role, names_its_nation
from accord.model_forms import ConstraintsInWords
from accord.names import column_names, language_widgets

# Fields the service receives apart from the record's own (see ``service_data``).
CONTROL_FIELDS = ("expected_version",)


# The range of a 64-bit primary key: SQLite cannot bind a larger integer at all.
_PK_RANGE = range(-(2**63), 2**63)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of records that refuses an id no database can hold.

    Django checks the chosen ids with ``pk IN (...)``; on SQLite an integer beyond 64 bits fails
    to bind with ``OverflowError`` (a server error) instead of matching nothing. Such an id names
    no record, so it is refused as any unknown choice is.
    """

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                try:
                    in_range = int(str(pk)) in _PK_RANGE
                except ValueError:
                    continue  # not a number: Django's own check names it as an invalid choice
                if not in_range:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(pk)[:20] + "…"},
                    )
        return super()._check_values(value)


def _formfield(db_field, **kwargs):
    """Model fields become form fields as usual, many-to-many ones bounded (see above)."""
    if db_field.many_to_many:
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


class RecordForm(ConstraintsInWords):
    """A model form that knows its actor and carries the version the user read."""

    class Meta:
        # Subclasses' Meta inherit this one, so every record form gets the bounded fields.
        formfield_callback = _formfield

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if self.instance.pk is not None and not self.is_bound:
            self.initial.setdefault("expected_version", self.instance.version)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "access_rule"):
                field.queryset = access.visible(queryset, actor)
        if "marking" in self.fields:
            self.fields["marking"].choices = access.markings_offered(actor)
            # The marking's fields are declared once for every app (accord.marked), unlabelled
            # there so that no app's migrations change with a label.
            self.fields["marking"].label = _("Marking")
        if "owner_nation" in self.fields:
            self.fields["owner_nation"].label = _("Owner nation")
        if "sources" in self.fields:
            self.fields["sources"].queryset = Source.objects.order_by("code")
            self.fields["sources"].widget.attrs["size"] = 6
            # Sources by their title and date, the code after it (not "S-50" alone).
            self.fields["sources"].label_from_instance = lambda source: source.display_name

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk is not None
            and "expected_version" in self.fields
            and not cleaned.get("expected_version")
        ):
            self.add_error(None, _("The form lost the version you read; reload the page."))
        if names_its_nation(cleaned.get("marking")) and not cleaned.get("owner_nation"):
            self.add_error(
                "owner_nation", _("A NATIONAL record needs the one nation that may read it.")
            )
        return cleaned

    def service_data(self) -> dict:
        """The cleaned fields the service takes, by name: its ``<Entity>Values``' fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in CONTROL_FIELDS}


MARKING_FIELDS = ["marking", "owner_nation"]


class NationForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Nation
        fields = [
            "name",
            *column_names("name"),
            "nato_accession",
            "nrc_member",
            "partner",
            "notes",
            *MARKING_FIELDS,
            "sources",
        ]
        widgets = {
            "nato_accession": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **language_widgets("name"),
        }


class OrganisationForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Organisation
        fields = [
            "code",
            "name",
            *column_names("name"),
            "short_name",
            *column_names("short_name"),
            "kind",
            "nation",
            "parent",
            "notes",
            *MARKING_FIELDS,
            "sources",
        ]
        widgets = language_widgets("name", "short_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # The code names the record in URLs and the API: fixed once created.
            self.fields["code"].disabled = True
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class SiteForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Site
        fields = [
            "code",
            "name",
            *column_names("name"),
            "kind",
            "location",
            "base",
            "latitude",
            "longitude",
            "coords_estimated",
            "lead_nation",
            "partner_nations",
            "counterpart",
            "notes",
            *MARKING_FIELDS,
            "sources",
        ]
        widgets = language_widgets("name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["code"].disabled = True
        self.fields["partner_nations"].widget.attrs["size"] = 6


class ContributionForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = TroopContribution
        fields = [
            "nation",
            "site",
            "as_of",
            "personnel",
            "personnel_low",
            "personnel_high",
            "estimated",
            "note",
            *MARKING_FIELDS,
            "sources",
        ]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].empty_label = _("Mission-wide (no site)")

    def clean(self):
        # A national figure belongs to the contributing nation unless another owner is named
        # (the service applies the same default).
        if names_its_nation(self.data.get(self.add_prefix("marking"))):
            nation = self.cleaned_data.get("nation")
            if nation is not None and not self.cleaned_data.get("owner_nation"):
                self.cleaned_data["owner_nation"] = nation
        cleaned = super().clean()
        low, high = cleaned.get("personnel_low"), cleaned.get("personnel_high")
        if low is not None and high is not None and low > high:
            self.add_error("personnel_high", _("The upper bound must be at least the lower bound."))
        return cleaned


class ConfirmForm(forms.Form):
    """A confirmation (delete) that names the version the user saw."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=_("Name"),
        help_text=_("Name it after the system that will use it."),
        strip=True,
    )
    expires_at = forms.DateTimeField(
        required=False,
        label=_("Expires"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for a token that lasts until revoked."),
    )
    reach = forms.ChoiceField(
        label=_("What it may reach"),
        choices=[
            ("chosen", _("The modules chosen below")),
            ("all_read", _("Every module, read only")),
            ("all_write", _("Every module, read and write")),
        ],
        initial="chosen",
        widget=forms.RadioSelect,
    )

    SCOPE_PREFIX = "scope_"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One choice per module of the API, as the API mounts them (accord.core.token_scopes).
        for module, name in token_scopes.modules().items():
            self.fields[self.SCOPE_PREFIX + module] = forms.ChoiceField(
                label=capfirst(name),
                required=False,
                choices=[
                    ("", _("no access")),
                    (token_scopes.READ, _("read")),
                    (token_scopes.WRITE, _("read and write")),
                ],
            )

    def main_fields(self):
        return [f for f in self if not f.name.startswith(self.SCOPE_PREFIX)]

    def scope_fields(self):
        return [f for f in self if f.name.startswith(self.SCOPE_PREFIX)]

    def clean(self):
        data = super().clean()
        reach = data.get("reach")
        if reach == "all_read":
            data["scopes"] = {token_scopes.EVERY: token_scopes.READ}
        elif reach == "all_write":
            data["scopes"] = token_scopes.all_write()
        elif reach == "chosen":
            data["scopes"] = {
                name.removeprefix(self.SCOPE_PREFIX): level
                for name, level in data.items()
                if name.startswith(self.SCOPE_PREFIX) and level
            }
            if not data["scopes"]:
                raise ValidationError(
                    _(
                        "Choose what the token may reach: read, or read and write, for at least "
                        "one module, or every module."
                    )
                )
        return data


def time_zone_choices() -> list[tuple[str, str]]:
    """Every zone the system knows, the mission's own first (Kabul, Moscow, Brussels, UTC)."""
    mission = ["Asia/Kabul", "Europe/Moscow", "Europe/Brussels", "UTC"]
    rest = sorted(zoneinfo.available_timezones() - set(mission))
    return [(zone, zone.replace("_", " ")) for zone in [*mission, *rest]]


class PreferencesForm(forms.Form):
    """A user's own language and time zone."""

    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("As my browser asks"))],
        help_text=_("Pages, e-mails and messages come in this language."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("Deadlines, meetings and times are shown in this zone, with its name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As my browser asks")), *settings.LANGUAGES]


# --- users and accounts ------------------------------------------------------------------------


class UserPlaceForm(forms.Form):
    """A user's nation and site, chosen among those the administrator reads."""

    nation = forms.ModelChoiceField(
        queryset=Nation.objects.all(), to_field_name="iso3", required=False, label=_("Nation")
    )
    site = forms.ModelChoiceField(
        queryset=Site.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Site"),
        help_text=_("For hub and spoke staff: the site they work at."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].queryset = access.visible(Nation.objects.all(), actor)
        self.fields["site"].queryset = access.visible(Site.objects.all(), actor)


class UserInviteForm(UserPlaceForm):
    """Whom to invite: they choose their own password through the e-mailed link."""

    field_order = ["username", "full_name", "email", "roles", "nation", "site", "language"]

    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        label=_("Username"),
        help_text=_("Letters, digits and . @ + - _ only; they sign in with it."),
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    full_name = forms.CharField(max_length=150, required=False, label=_("Full name"))
    email = forms.EmailField(label=_("E-mail"))
    roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple, label=_("Roles")
    )
    language = forms.ChoiceField(required=False, label=_("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As their browser asks")), *settings.LANGUAGES]


class UserCreateForm(UserInviteForm):
    """A user with a password the administrator gives them (to change on first sign-in)."""

    field_order = ["username", "full_name", "email", "password", "roles", "nation", "site"]

    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


# A password field the browser may fill with a password it suggests, never with a saved one.
NEW_PASSWORD = forms.PasswordInput(attrs={"autocomplete": "new-password"})


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(label=_("New password"), strip=False, widget=NEW_PASSWORD)
    new_password_again = forms.CharField(
        label=_("New password again"), strip=False, widget=NEW_PASSWORD
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("The two new passwords differ: type it again."))
        return data


class TwoFactorCodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code at sign-in."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class PasswordConfirmForm(forms.Form):
    """The user's password, asked again before a change to how they sign in."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class NewPasswordForm(forms.Form):
    """The password an invitee chooses."""

    password = forms.CharField(label=_("Password"), strip=False, widget=NEW_PASSWORD)
    password_again = forms.CharField(label=_("Password again"), strip=False, widget=NEW_PASSWORD)

    def clean(self):
        data = super().clean()
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ: type it again."))
        return data


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
