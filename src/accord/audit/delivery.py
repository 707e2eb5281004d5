"""Delivering a checkpoint outside the database: to a file, or by HTTP POST to a URL.

Both run outside any transaction (a slow disk or server must not hold the write lock), and both
either deliver the whole checkpoint or raise ``CheckpointNotDelivered`` saying what to check.
"""

from __future__ import annotations

import base64
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from functools import cache

from accord.errors import AccordError, Code, ValidationFailed
from accord.l10n import gettext as _

CHECKPOINT_TIMEOUT = 15  # seconds to wait for the server a checkpoint is posted to


class CheckpointNotDelivered(AccordError):
    """The checkpoint could not be written to its file or posted to its URL."""

    code = Code.CHECKPOINT_NOT_DELIVERED
    title = "The checkpoint could not be delivered"


def write_file(text: str, output: str) -> str:
    """Write the file whole or not at all: a temporary file beside it, then renamed over it."""
    path = os.path.abspath(output)
    try:
        fd, temporary = tempfile.mkstemp(
            dir=os.path.dirname(path), prefix=".checkpoint-", suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise CheckpointNotDelivered(
            f"The checkpoint could not be written to {path} ({exc.strerror or exc}). Check that "
            "the directory exists and that Accord may write there."
        ) from None
    return path


def _public_url(parts: urllib.parse.SplitResult) -> str:
    """The URL without credentials or query, as it may be listed and shown."""
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the checkpoint: take it as a failure."""

    def redirect_request(self, *args, **kwargs):
        return None


@cache
def _no_redirects() -> urllib.request.OpenerDirector:
    """The opener, built at the first checkpoint sent: building it loads the system's
    certificates for HTTPS (a few hundredths of a second every process would pay)."""
    return urllib.request.build_opener(_RefuseRedirects)


def post(text: str, url: str) -> str:
    """POST the checkpoint as JSON; any answer but 2xx (a redirect included) is a failure.
    Returns the URL as it may be listed: without credentials or query."""
    try:
        parts = urllib.parse.urlsplit(url)
        shown = _public_url(parts)
    except ValueError:
        raise ValidationFailed(
            _("That is not a web address: give one like %(example)s.")
            % {"example": "https://auditors.example.org/checkpoints"},
            code=Code.CHECKPOINT_DESTINATION,
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed(
            _("Send checkpoints to an http:// or https:// address, not %(address)s.")
            % {"address": repr(shown)},
            code=Code.CHECKPOINT_DESTINATION,
        )
    headers = {"Content-Type": "application/json"}
    if parts.username is not None:
        # https://user:password@host/...: sent as HTTP Basic authentication, never listed.
        credentials = f"{urllib.parse.unquote(parts.username)}:"
        credentials += urllib.parse.unquote(parts.password or "")
        headers["Authorization"] = "Basic " + base64.b64encode(credentials.encode()).decode()
        netloc = parts.netloc.rpartition("@")[2]
        url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        url, data=text.encode(), headers=headers, method="POST"
    )
    try:
        with _no_redirects().open(request, timeout=CHECKPOINT_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CheckpointNotDelivered(
            f"The checkpoint could not be sent to {shown} ({reason}). Check the address and "
            "that the server is up, then run the checkpoint again."
        ) from None
    if not 200 <= status < 300:
        raise CheckpointNotDelivered(
            f"{shown} refused the checkpoint (HTTP {status}). Check the address and what the "
            "server expects, then run the checkpoint again."
        )
    return shown
