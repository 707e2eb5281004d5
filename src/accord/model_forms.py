"""Model forms, and services, that answer a broken database rule in the user's words.

Django checks a model's constraints when a model form is validated and, unless told otherwise,
says "Constraint “site_latitude_range” is violated.": the name of a database constraint, which
means nothing to the person at the form. A model says what each of its rules means to a person
in ``constraint_messages`` (constraint name -> (field or None, message)); a rule it does not
describe still gets a message that names no constraint.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

# Django's default text for a broken constraint, with the constraint's name in it.
DJANGO_DEFAULT = re.compile(r"^Constraint “(?P<name>[^”]+)” is violated\.$")
UNDESCRIBED = (
    "These values do not fit together for this kind of record: check the values you changed."
)


class ConstraintsInWords(forms.ModelForm):
    """A model form whose broken constraints read as the model describes them, and whose whole
    numbers are typed in a text box (Chromium's ``<input type=number>`` refuses the Eastern
    digits a Dari or Pashto keyboard gives; Python's ``int`` reads them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField) and isinstance(
                field.widget, forms.NumberInput
            ):
                field.widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def validate_constraints(self):
        super().validate_constraints()
        described = getattr(self._meta.model, "constraint_messages", {})
        for field in list(self.errors):
            broken = [name for name in map(_constraint_named, self.errors[field].data) if name]
            if not broken:
                continue
            kept = [e for e in self.errors[field].data if not _constraint_named(e)]
            if kept:
                self.errors[field].data[:] = kept
            else:
                del self.errors[field]
            for name in broken:
                where, message = described.get(name, (None, UNDESCRIBED))
                if where not in self.fields:
                    where = None if field == NON_FIELD_ERRORS else field
                self.add_error(where, message)


def errors_in_words(model, error: ValidationError) -> tuple[str, dict[str, list[str]]]:
    """A model's validation error (``full_clean``) as a service says it: one message for the
    person, naming the field as the form labels it (never its attribute name) and a broken rule
    as the model describes it; and the errors by field for machines (the API's ``errors``)."""
    raw = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    described = getattr(model, "constraint_messages", {})
    errors: dict[str, list[str]] = {}
    said = []
    for field, messages in raw.items():
        for message in messages:
            match = DJANGO_DEFAULT.match(message)
            if match:
                where, text = described.get(match["name"], (None, UNDESCRIBED))
                where, text = where or field, str(text)
                said.append(text)
            else:
                where, text = field, message
                named = field != NON_FIELD_ERRORS
                said.append(f"{_label(model, field)}: {text}" if named else text)
            errors.setdefault(where, []).append(text)
    return said[0], errors


def _label(model, field: str) -> str:
    try:
        name = str(model._meta.get_field(field).verbose_name)
    except Exception:  # a form-level or computed name: say it as written
        return field.replace("_", " ").capitalize()
    return name[:1].upper() + name[1:]


def _constraint_named(error) -> str | None:
    """The constraint's name if ``error`` is Django's default message for a broken one."""
    text = " ".join(ValidationError(error).messages)
    match = DJANGO_DEFAULT.match(text)
    return match["name"] if match else None
