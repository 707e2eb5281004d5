"""What every API input shares: the ``Input`` base schema and the constrained text types.

A base module, below every app, so that any app's schemas (the audit trail's included) can build on
it without importing another app.
"""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, StringConstraints, field_validator


def no_nul(value):
    """PostgreSQL cannot store NUL characters: refuse them as bad input (422), not a 500."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# A text path or query parameter.
Text = Annotated[str, AfterValidator(no_nul)]
ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,40}$")]


class Input(Schema):
    """Base of every schema that reads input: no field may carry a NUL character."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        return no_nul(value)
