"""Model forms that answer a broken database rule in the user's words.

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
    """A model form whose broken constraints read as the model describes them."""

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


def _constraint_named(error) -> str | None:
    """The constraint's name if ``error`` is Django's default message for a broken one."""
    text = " ".join(ValidationError(error).messages)
    match = DJANGO_DEFAULT.match(text)
    return match["name"] if match else None
