"""What every input shares: the ``Input`` base schema and the constrained text types of the API,
and ``Values``, the base of the typed input a service takes for one use case.

A base module, below every app, so that any app's schemas (the audit trail's included) and services
can build on it without importing another app.
"""

from dataclasses import dataclass, fields
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


class Unset:
    """The type of ``UNSET``: a field the caller did not give (not the same as ``None``)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "UNSET"

    def __bool__(self):
        return False


UNSET = Unset()

# A field of a use case's input: a value, or UNSET when the caller leaves it alone.
type Value[T] = T | Unset


@dataclass(frozen=True, kw_only=True)
class Values:
    """Base of a service's typed input: one frozen dataclass per model or use case, every field
    ``Value[...] = UNSET``.

    On create, a field left UNSET takes the model's default (and the model's own validation says
    when a required one is missing); on update it keeps the record's current value. One class
    serves both, so a model's fields are declared once. Unknown names fail at construction
    (``TypeError``), so a caller cannot pass a field the use case does not take.

        @dataclass(frozen=True, kw_only=True)
        class FundValues(Values):
            code: Value[str] = UNSET
            name: Value[str] = UNSET

        fund_create(actor=actor, values=FundValues(**form.cleaned_data))
    """

    def given(self) -> dict:
        """The fields the caller gave, by name (model instances kept as they are, not copied)."""
        return {
            f.name: value
            for f in fields(self)
            if not isinstance(value := getattr(self, f.name), Unset)
        }

    def has(self, name: str) -> bool:
        return not isinstance(getattr(self, name), Unset)
