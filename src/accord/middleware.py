"""Request guards that hold for every page and endpoint."""

import functools
import sqlite3
import weakref
import zoneinfo

import django_htmx.middleware as htmx_middleware
import django_otp.middleware as otp_middleware
from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.messages.storage import cookie as cookie_messages
from django.contrib.messages.storage import fallback as fallback_messages
from django.contrib.messages.storage import session as session_messages
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.functional import LazyObject, SimpleLazyObject

from accord.errors import Code


def problem_response(code: Code, title: str, detail: str) -> JsonResponse:
    """A problem+json answer from the middleware, in the API's envelope (which ``accord.api``
    builds for the errors that reach its handlers)."""
    body = {
        "type": f"https://accord.invalid/problems/{code}",
        "title": title,
        "status": code.status,
        "detail": detail,
        "code": code,
    }
    return JsonResponse(body, status=code.status, content_type="application/problem+json")


class RefuseNulCharacters:
    """Refuse a NUL character in the query string before any view sees it.

    PostgreSQL cannot hold NUL in text, so a filter value carrying one would fail deep inside a
    query as a server error. Forms and API bodies refuse it field by field; query parameters of
    API operations are plain strings, so they are checked here, once, for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for values in request.GET.lists() for value in values[1]) or (
            "\x00" in request.path
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        return problem_response(
            Code.NUL_CHARACTER,
            "Unprocessable input",
            "The address contains a NUL character (%00): remove it and try again.",
        )


class ReaderPreferences:
    """Show a signed-in user's pages in the language and time zone of their account.

    Django's LocaleMiddleware has already chosen a language from the cookie or Accept-Language;
    a user's saved choice goes over it, so that it follows them to any browser. An API call
    that names its language (``Accept-Language``) gets it: the API answers what it is asked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._apply(request, user)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _apply(request, user) -> None:
        asked = request.path.startswith("/api/") and "HTTP_ACCEPT_LANGUAGE" in request.META
        if user.language and not asked:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        try:
            timezone.activate(zoneinfo.ZoneInfo(user.time_zone or settings.TIME_ZONE))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()  # a zone the system no longer knows: the default, not a 500


# How long a client should wait before sending again a request refused because the database was
# busy: a few seconds lets the write that held the lock finish.
RETRY_AFTER_SECONDS = 5

# PostgreSQL: lock_not_available (a lock_timeout or NOWAIT expired) and deadlock_detected (the
# transaction chosen as the deadlock's victim): both are gone on a second try.
_PG_BUSY = {"55P03", "40P01"}


def is_lock_timeout(exc: BaseException) -> bool:
    """Whether a database error means "the database was busy, try again": SQLite's "database is
    locked" after its busy timeout, or a PostgreSQL lock timeout or deadlock. Any other database
    error is a defect, not a busy database."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) in _PG_BUSY:
        return True
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        # The primary code is the low byte (SQLITE_BUSY_SNAPSHOT is SQLITE_BUSY plus 2 << 8).
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "database is locked" in str(exc)


def busy_problem() -> JsonResponse:
    """The API's answer to a busy database: problem+json 503 with Retry-After."""
    response = problem_response(
        Code.DATABASE_BUSY,
        "Busy, try again",
        "The database was busy with another change and nothing was saved. Send the same "
        f"request again in {RETRY_AFTER_SECONDS} seconds.",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


_BUSY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Busy, try again</title></head>
<body><main>
<h1>Accord is busy: try again in a few seconds</h1>
<p>The database was busy with another change, so nothing you sent was saved. Wait
{seconds} seconds, then go back and send the form again.</p>
<p><a href="/">Start page</a></p>
</main></body></html>
"""


class DatabaseBusy:
    """Answer a database lock timeout with 503 and ``Retry-After``, never with a 500.

    On SQLite one writer holds the write lock at a time and the others wait up to the busy
    timeout; on PostgreSQL a lock_timeout or a deadlock ends a transaction. Either way the
    change was rolled back whole and the same request will succeed later, which is what 503
    with ``Retry-After`` says. The API answers problem+json (its own exception handler does the
    same for errors inside an operation); a page answers a short page of its own, built without
    the database, which is busy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_timeout(exception):
            return None
        if request.path.startswith("/api/"):
            return busy_problem()
        response = HttpResponse(
            _BUSY_PAGE.format(seconds=RETRY_AFTER_SECONDS),
            status=503,
            content_type="text/html; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class UploadTooLarge(RequestDataTooBig):
    """An uploaded file over ``ACCORD_UPLOAD_MAX_MB``, refused while it streamed in (API: 413)."""

    def __init__(self, limit_mb: int):
        super().__init__(f"The file is over {limit_mb} MB.")
        self.limit_mb = limit_mb


class UploadLimit(FileUploadHandler):
    """Stop reading an upload as soon as it passes ``ACCORD_UPLOAD_MAX_MB``, before the rest of
    it reaches memory or disk (a 100 MB file was once read whole before any limit applied).

    First among the upload handlers, it sees each chunk as it arrives and passes it on until the
    limit. A body whose declared length is already over the limit is refused at its first file
    chunk. On an API path the request then fails with ``UploadTooLarge`` (413 problem+json);
    on a page the form's fields before the file (the CSRF token) are kept, the file is dropped
    and ``upload_refusal(request)`` gives the message the page shows on its form.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The declared length includes the other fields and the multipart framing: a little
        # slack, so that a file just under the limit is not refused for its envelope.
        self.declared_over = content_length > settings.ACCORD_UPLOAD_MAX_BYTES + 64 * 1024
        return None

    def receive_data_chunk(self, raw_data, start):
        limit = settings.ACCORD_UPLOAD_MAX_BYTES
        if getattr(self, "declared_over", False) or start + len(raw_data) > limit:
            limit_mb = settings.ACCORD_UPLOAD_MAX_MB
            if self.request is not None and self.request.path.startswith("/api/"):
                raise UploadTooLarge(limit_mb)
            if self.request is not None:
                self.request.accord_upload_refused = limit_mb
            # Stop here without reading the rest: that is the point of the limit.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the handlers after this one build the file


def upload_refusal(request) -> str | None:
    """The form error for a page whose upload ``UploadLimit`` stopped, or None."""
    limit_mb = getattr(request, "accord_upload_refused", None)
    if limit_mb is None:
        return None
    return (
        f"The file is over {limit_mb} MB, the most Accord accepts in one upload; nothing was "
        "read. Split it into smaller files and upload them one by one."
    )


# --- What the middlewares hang on a request, holding it weakly ---------------------------------
#
# The request holds each of these; each, as Django and the packages make it, holds the request
# back (a closure, a ``partial``, an attribute), so that every request would be left in
# reference cycles with all it holds (its user, session, messages, the layout's values): some
# fifty objects per request that only Python's cycle collector frees, in a pass that lands on
# one request in so many and makes it the slow one. Holding the request weakly breaks each
# cycle; the request outlives all of them, as they are its own attributes, so each finds it
# whenever it is used. ``tests/web/test_rendering.py`` counts what a request leaves.


class Authentication(auth_middleware.AuthenticationMiddleware):
    """Django's: ``request.user`` read lazily from the session, and ``request.auser``."""

    def process_request(self, request):
        super().process_request(request)
        held = weakref.ref(request)
        request.user = SimpleLazyObject(lambda: auth_middleware.get_user(held()))
        request.auser = functools.partial(_auser, held)


async def _auser(held):
    return await auth_middleware.auser(held())


class SecondFactor(otp_middleware.OTPMiddleware):
    """django-otp's: ``request.user.otp_device``, the device that verified this session (None
    if none did), and ``request.user.is_verified()``."""

    def _install_lazy_accessors(self, request):
        held = weakref.ref(request)
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(lambda: self._verify_user_sync(held(), user))
        auser = getattr(request, "auser", None)
        if auser is not None:
            request.auser = functools.partial(self._verified_auser, held, auser)

    async def _verified_auser(self, held, auser):
        return await self._verify_user_async_via_auser(held(), auser)

    @staticmethod
    def _init_user_fields(user):
        user.otp_device = None
        # The user itself, not the lazy object standing for it: the one who asks holds it.
        held = weakref.ref(user._wrapped if isinstance(user, LazyObject) else user)
        user.is_verified = lambda: held().otp_device is not None


class Htmx(htmx_middleware.HtmxMiddleware):
    """django-htmx's ``request.htmx``: what an htmx request's headers say."""

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        request.htmx = HtmxDetails(request)
        return self.get_response(request)

    async def __acall__(self, request):
        request.htmx = HtmxDetails(request)
        return await self.get_response(request)


class _RequestHeldWeakly:
    @property
    def request(self):
        return self._request()

    @request.setter
    def request(self, request):
        self._request = weakref.ref(request)


class HtmxDetails(_RequestHeldWeakly, htmx_middleware.HtmxDetails):
    pass


class CookieMessages(_RequestHeldWeakly, cookie_messages.CookieStorage):
    pass


class SessionMessages(_RequestHeldWeakly, session_messages.SessionStorage):
    pass


class Messages(_RequestHeldWeakly, fallback_messages.FallbackStorage):
    """Django's messages, kept in a cookie and, past its size, in the session
    (``MESSAGE_STORAGE``)."""

    storage_classes = (CookieMessages, SessionMessages)
