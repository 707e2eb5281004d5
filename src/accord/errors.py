"""Accord's domain errors: one small tree, each with a stable code.

    AccordError                      base; ``code`` is stable, ``status`` is the HTTP status
    ├── PermissionDenied  (403)      permission_denied: the access policy refuses the action
    ├── NotFound          (404)      not_found: absent, or outside the reader's reach (no 403 leak)
    ├── ValidationFailed  (422)      validation_failed and friends: bad input, with field errors
    │   └── ScenarioInvalid          scenario_invalid: a scenario file names file, line and field
    └── Conflict          (409)      conflict, stale_version, duplicate...: the state forbids it

The API answers every one of them as problem+json; the pages as a form error. Later modules add
their own subclasses (``silence_already_broken``, ``insufficient_funds``...), each with its code.
"""

from __future__ import annotations


class AccordError(Exception):
    code = "accord_error"
    status = 400
    title = "The request could not be completed"

    def __init__(self, detail: str, *, code: str | None = None, errors: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        # Field name -> list of messages, for forms and problem+json "errors".
        self.errors = errors or {}


class PermissionDenied(AccordError):
    code = "permission_denied"
    status = 403
    title = "Not permitted"


class NotFound(AccordError):
    code = "not_found"
    status = 404
    title = "Not found"


class ValidationFailed(AccordError):
    code = "validation_failed"
    status = 422
    title = "The input is not valid"


class ScenarioInvalid(ValidationFailed):
    code = "scenario_invalid"
    title = "The scenario file is not valid"


class Conflict(AccordError):
    code = "conflict"
    status = 409
    title = "Conflict with the current state"
