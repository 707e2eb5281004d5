"""The JSON API at /api/v1: one NinjaAPI, one router per app, one error envelope.

Every error answers in one problem+json shape (RFC 9457): ``type``, ``title``, ``status``,
``detail``, a stable ``code`` and, for bad input, ``errors`` by field. Systems authenticate with
``Authorization: Bearer <token>``; the pages' session works too (with its CSRF check on writes).

A body over Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` answers 413 ``body_too_large``; an unexpected
error answers 500 ``internal_error`` with an ``error_id`` to quote, and is logged under that id
(the traceback stays in the log, never in the answer). ``urls.py`` routes Django's own 400 and
500 handlers for /api/ paths here too, so nothing on /api/ answers HTML.
"""

import json
import logging
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import OperationalError
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from accord.advising.api import router as advising_router
from accord.audit.api import router as audit_router
from accord.budget.api import router as budget_router
from accord.core.api import router as core_router
from accord.core.apiauth import AUTH
from accord.core.token_scopes import register_module
from accord.core.users_api import router as users_router
from accord.council.api import router as council_router
from accord.documents.api import router as documents_router
from accord.errors import AccordError, Code
from accord.fleet.api import router as fleet_router
from accord.funds.api import router as funds_router
from accord.jobs.api import router as jobs_router
from accord.middleware import UploadTooLarge, busy_problem, is_lock_timeout
from accord.notifications.api import router as notifications_router
from accord.oversight.api import router as oversight_router
from accord.personnel.api import router as personnel_router
from accord.search.api import router as search_router
from accord.situation.api import router as situation_router
from accord.training.api import router as training_router
from accord.transit.api import router as transit_router

PROBLEM = "application/problem+json"

log = logging.getLogger("accord.api")


def body_limit_mb() -> str:
    """Django's body limit in megabytes as people write it ("2.5 MB")."""
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g} MB"


def body_limit_note() -> str:
    return (
        f"A request body may be at most {body_limit_mb()} "
        f"({settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes); a larger one answers 413 "
        "`body_too_large`."
    )


class ExactNumbers(Parser):
    """JSON bodies with every number that has a fraction read as a Decimal, never a float: an
    amount sent as ``1250.10`` keeps its digits, and one with too many decimals is refused by
    ``accord.money`` instead of rounded on the way in (float fields still take a Decimal)."""

    def parse_body(self, request):
        return json.loads(request.body, parse_float=Decimal)


api = NinjaAPI(
    parser=ExactNumbers(),
    title="Accord API",
    version="1",
    description=(
        "The mission registry, the audit trail and (as they land) the council, funds and transit. "
        "Authenticate with `Authorization: Bearer <token>` (create one on your account page). "
        "Errors are `application/problem+json` with a stable `code`. " + body_limit_note()
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)


def problem(request, code: Code, title: str, detail: str, errors=None, *, status: int = 0, **extra):
    """A problem+json answer for ``code``, with the status the catalogue gives it unless the
    error at hand names its own (a domain error's class, a refusal ninja raised)."""
    status = status or code.status
    body = {
        "type": f"https://accord.invalid/problems/{code}",
        # In the language asked for (Accept-Language); a text already translated where it was
        # raised, or not in a catalogue, stays as it is.
        "title": gettext(title),
        "status": status,
        "detail": gettext(detail),
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def problem_body_too_large(request):
    return problem(
        request,
        Code.BODY_TOO_LARGE,
        _("The request is too large"),
        _(
            "The request body is larger than the %(limit)s the API accepts. Send less in one "
            "request: split a large file into parts of at most %(limit)s each."
        )
        % {"limit": body_limit_mb()},
    )


def problem_bad_request(request):
    return problem(
        request,
        Code.BAD_REQUEST,
        _("The request could not be read"),
        _("The request is malformed: check its headers and body and send it again."),
    )


def problem_server_error(request, exc_info=None):
    """A 500 that names an error id to quote and nothing internal; the traceback is logged."""
    error_id = uuid.uuid4().hex[:12]
    log.error(
        "unexpected error %s on %s %s", error_id, request.method, request.path, exc_info=exc_info
    )
    return problem(
        request,
        Code.INTERNAL_ERROR,
        _("Something went wrong on our side"),
        _(
            "The request failed because of an error in Accord, not because of what you sent. "
            "Try again later; if it keeps failing, tell the administrators and quote error "
            "%(error_id)s."
        )
        % {"error_id": error_id},
        error_id=error_id,
    )


@api.exception_handler(AccordError)
def on_domain_error(request, exc: AccordError):
    return problem(request, exc.code, exc.title, exc.detail, exc.errors or None, status=exc.status)


# Pydantic's own messages are English: the kinds of error a request's shape can have, said in
# the reader's language (by pydantic's error ``type``; the placeholders are its ``ctx``).
# A kind not here (a validator's own message) keeps pydantic's words.
SHAPE_ERRORS = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "float_type": gettext_lazy("Enter a number."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "bool_type": gettext_lazy("Enter true or false."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Enter a date and time as YYYY-MM-DDTHH:MM:SSZ."),
    "datetime_from_date_parsing": gettext_lazy("Enter a date and time as YYYY-MM-DDTHH:MM:SSZ."),
    "datetime_type": gettext_lazy("Enter a date and time as YYYY-MM-DDTHH:MM:SSZ."),
    "string_type": gettext_lazy("Enter text."),
    "list_type": gettext_lazy("Enter a list."),
    "dict_type": gettext_lazy("Enter an object."),
    "model_type": gettext_lazy("Enter an object."),
    "model_attributes_type": gettext_lazy("Enter an object."),
    "greater_than": gettext_lazy("Enter a value above %(gt)s."),
    "greater_than_equal": gettext_lazy("Enter a value of at least %(ge)s."),
    "less_than": gettext_lazy("Enter a value below %(lt)s."),
    "less_than_equal": gettext_lazy("Enter a value of at most %(le)s."),
    "string_too_short": gettext_lazy("Enter at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "too_short": gettext_lazy("Give at least %(min_length)s items."),
    "too_long": gettext_lazy("Give at most %(max_length)s items."),
    "literal_error": gettext_lazy("Choose one of %(expected)s."),
    "enum": gettext_lazy("Choose one of %(expected)s."),
    "string_pattern_mismatch": gettext_lazy("The value does not have the expected form."),
    "extra_forbidden": gettext_lazy("This field is not accepted here."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
}


def shape_error_message(error: dict) -> str:
    """One pydantic error in the reader's language (pydantic's own words for a kind not known)."""
    said = SHAPE_ERRORS.get(error.get("type", ""))
    if said is None:
        return error.get("msg", "invalid")
    try:
        return str(said) % {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return error.get("msg", "invalid")


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = ".".join(
            str(part) for part in error.get("loc", ()) if part not in ("body", "payload")
        )
        errors.setdefault(loc or "__all__", []).append(shape_error_message(error))
    first = next(iter(errors.items()))
    return problem(
        request,
        Code.VALIDATION_FAILED,
        _("The input is not valid"),
        f"{first[0]}: {first[1][0]}",
        errors,
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    response = problem(
        request,
        Code.NOT_AUTHENTICATED,
        _("Not signed in"),
        _("Send 'Authorization: Bearer <token>' or sign in."),
    )
    response["WWW-Authenticate"] = 'Bearer realm="accord"'
    return response


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return problem(request, Code.NOT_FOUND, _("Not found"), str(exc) or _("No such record."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return problem(request, Code.HTTP_ERROR, _("Request refused"), str(exc), status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_body_too_large(request, exc):
    return problem_body_too_large(request)


# Django's own refusals keep the statuses Django gives them (the catch-all below would otherwise
# turn them into 500s), in the API's envelope.
@api.exception_handler(SuspiciousOperation)
@api.exception_handler(BadRequest)
def on_bad_request(request, exc):
    return problem_bad_request(request)


@api.exception_handler(DjangoPermissionDenied)
def on_django_permission_denied(request, exc):
    return problem(request, Code.PERMISSION_DENIED, _("Not permitted"), _("You may not do this."))


@api.exception_handler(Exception)
def on_unexpected_error(request, exc: Exception):
    if settings.DEBUG:
        raise exc  # a developer's machine shows Django's traceback page
    return problem_server_error(request, exc_info=exc)


@api.exception_handler(OperationalError)
def on_database_error(request, exc: OperationalError):
    """A lock not granted in time (SQLite busy, PostgreSQL lock timeout) is 503 with Retry-After:
    the change was rolled back whole and the same request succeeds later. Any other database
    error is unexpected."""
    if is_lock_timeout(exc):
        return busy_problem()
    return on_unexpected_error(request, exc)


@api.exception_handler(UploadTooLarge)
def on_upload_too_large(request, exc: UploadTooLarge):
    return problem(
        request,
        Code.UPLOAD_TOO_LARGE,
        _("The file is too large"),
        _(
            "The file is over %(limit)s MB, the most Accord accepts in one upload; nothing was "
            "read. Split it into smaller files and send them one by one."
        )
        % {"limit": exc.limit_mb},
    )


# Each router at its module's address. A token's scopes name these modules (registered in
# accord.core.token_scopes), so a module mounted here can be granted on the account page and in
# the API without another list to edit.
MODULES = [
    ("/", core_router, pgettext_lazy("API module", "the registry")),
    ("/", users_router, pgettext_lazy("API module", "the registry")),
    ("/audit", audit_router, pgettext_lazy("API module", "the audit trail")),
    ("/council", council_router, pgettext_lazy("API module", "the council")),
    ("/funds", funds_router, pgettext_lazy("API module", "the funds")),
    ("/budget", budget_router, pgettext_lazy("API module", "the budget")),
    ("/transit", transit_router, pgettext_lazy("API module", "transit")),
    ("/fleet", fleet_router, pgettext_lazy("API module", "the fleet")),
    ("/training", training_router, pgettext_lazy("API module", "training")),
    ("/tasks", jobs_router, pgettext_lazy("API module", "background tasks")),
    ("/documents", documents_router, pgettext_lazy("API module", "documents")),
    ("/notifications", notifications_router, pgettext_lazy("API module", "notifications")),
    ("/personnel", personnel_router, pgettext_lazy("API module", "personnel")),
    ("/situation", situation_router, pgettext_lazy("API module", "the situation")),
    ("/oversight", oversight_router, pgettext_lazy("API module", "oversight")),
    ("/advising", advising_router, pgettext_lazy("API module", "advising")),
    ("/search", search_router, pgettext_lazy("API module", "search")),
]
for _prefix, _router, _label in MODULES:
    api.add_router(_prefix, _router)
    register_module(_prefix, _label)
