"""An upload over the limit is refused while it streams in, not after it was read whole.

The bodies are generated as they are read (a 100 MB upload never exists in memory here), and
count how much of them the server read: refused early means read little.
"""

import pytest
from django.test import override_settings

from accord.core.models import User
from accord.core.services import api_token_create
from accord.transit.models import ShipmentEvent

MB = 1024 * 1024
BOUNDARY = "accord-test-boundary"
ROW = b"ndn-2013-0001,departed,2013-06-03T08:00:00Z\n"


class GeneratedUpload:
    """A multipart body with one file field of ``size`` bytes in all, made as it is read."""

    def __init__(self, size: int, field: str = "file"):
        # A form field before the file, as a page's CSRF token is.
        self.head = (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            "token\r\n"
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="carrier.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
            "shipment,event,at\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.read_bytes = 0

    def _byte_range(self, start: int, end: int) -> bytes:
        filler_end = self.size - len(self.tail)
        out = bytearray()
        if start < len(self.head):
            out += self.head[start : min(end, len(self.head))]
        low, high = max(start, len(self.head)), min(end, filler_end)
        if low < high:
            offset = (low - len(self.head)) % len(ROW)
            repeats = (high - low + offset) // len(ROW) + 2
            out += (ROW * repeats)[offset : offset + high - low]
        if end > filler_end:
            out += self.tail[max(start, filler_end) - filler_end : end - filler_end]
        return bytes(out)

    def read(self, size: int = -1) -> bytes:
        left = self.size - self.read_bytes
        size = left if size is None or size < 0 else min(size, left)
        data = self._byte_range(self.read_bytes, self.read_bytes + size)
        self.read_bytes += size
        return data

    def readline(self, size: int = -1) -> bytes:
        return self.read(min(size, 64 * 1024) if size and size > 0 else 64 * 1024)

    def environ(self) -> dict:
        return {
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(self.size),
            "wsgi.input": self,
        }


def post_upload(client, url: str, body: GeneratedUpload, **headers):
    return client.generic("POST", url, b"", **body.environ(), **headers)


def test_a_100_mb_page_upload_is_refused_before_it_is_read(client_as):
    body = GeneratedUpload(100 * MB)
    response = post_upload(client_as("logistician"), "/transit/shipments/import/", body)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file is over 25 MB" in page
    assert "This field is required" not in page
    assert body.read_bytes < MB  # stopped at the first chunk of the file
    assert not ShipmentEvent.objects.exists()


@override_settings(ACCORD_UPLOAD_MAX_MB=1, ACCORD_UPLOAD_MAX_BYTES=MB)
def test_a_file_that_passes_the_limit_while_streaming_is_stopped_there(client_as):
    # The declared length is within the limit's slack, so only the count of the file's bytes
    # as they arrive can stop it.
    body = GeneratedUpload(MB + 20 * 1024)
    response = post_upload(client_as("logistician"), "/transit/shipments/import/", body)
    assert response.status_code == 200
    assert "The file is over 1 MB" in response.content.decode()
    assert not ShipmentEvent.objects.exists()


def test_a_100_mb_api_upload_answers_413_problem_json_before_it_is_read(db):
    from django.test import Client

    _token, secret = api_token_create(actor=User.objects.get(username="admin"), name="upload")
    body = GeneratedUpload(100 * MB)
    response = post_upload(
        Client(), "/api/v1/funds/funds/iati/import", body, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "upload_too_large"
    assert "over 25 MB" in problem["detail"]
    assert body.read_bytes < MB


@pytest.mark.parametrize("size", [2 * MB])
def test_a_file_under_the_limit_is_read_and_checked_as_usual(client_as, size):
    # 2 MB of rows, some 47,000: read whole, then refused by the row limit.
    body = GeneratedUpload(size)
    response = post_upload(client_as("logistician"), "/transit/shipments/import/", body)
    assert response.status_code == 200
    page = response.content.decode()
    assert "over 25 MB" not in page
    assert "more than 20000 rows; split the file" in page
    assert body.read_bytes == size
    assert not ShipmentEvent.objects.exists()
