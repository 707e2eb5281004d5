"""The JSON API at /api/v1: one NinjaAPI, one router per app, one error envelope.

Every error answers in one problem+json shape (RFC 9457): ``type``, ``title``, ``status``,
``detail``, a stable ``code`` and, for bad input, ``errors`` by field. Systems authenticate with
``Authorization: Bearer <token>``; the pages' session works too (with its CSRF check on writes).
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accord.apiauth import AUTH
from accord.audit.api import router as audit_router
from accord.budget.api import router as budget_router
from accord.core.api import router as core_router
from accord.council.api import router as council_router
from accord.errors import AccordError
from accord.funds.api import router as funds_router
from accord.transit.api import router as transit_router

PROBLEM = "application/problem+json"


api = NinjaAPI(
    title="Accord API",
    version="1",
    description=(
        "The mission registry, the audit trail and (as they land) the council, funds and transit. "
        "Authenticate with `Authorization: Bearer <token>` (create one on your account page). "
        "Errors are `application/problem+json` with a stable `code`."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)


def problem(request, status: int, code: str, title: str, detail: str, errors=None):
    body = {
        "type": f"https://accord.invalid/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


@api.exception_handler(AccordError)
def on_domain_error(request, exc: AccordError):
    return problem(request, exc.status, exc.code, exc.title, exc.detail, exc.errors or None)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = ".".join(
            str(part) for part in error.get("loc", ()) if part not in ("body", "payload")
        )
        errors.setdefault(loc or "__all__", []).append(error.get("msg", "invalid"))
    first = next(iter(errors.items()))
    return problem(
        request,
        422,
        "validation_failed",
        "The input is not valid",
        f"{first[0]}: {first[1][0]}",
        errors,
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    response = problem(
        request,
        401,
        "not_authenticated",
        "Not signed in",
        "Send 'Authorization: Bearer <token>' or sign in.",
    )
    response["WWW-Authenticate"] = 'Bearer realm="accord"'
    return response


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return problem(request, 404, "not_found", "Not found", str(exc) or "No such record.")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return problem(request, exc.status_code, "http_error", "Request refused", str(exc))


api.add_router("/", core_router)
api.add_router("/audit", audit_router)
api.add_router("/council", council_router)
api.add_router("/funds", funds_router)
api.add_router("/budget", budget_router)
api.add_router("/transit", transit_router)
