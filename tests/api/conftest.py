"""API fixtures: Bearer tokens for the personas, and a JSON client that sends them."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client

from accord.core import services


@pytest.fixture
def token_for(persona):
    """``token_for("admin")``: a fresh API token secret for that persona."""

    def make(username: str) -> str:
        _, secret = services.api_token_create(actor=persona(username), name=f"tests-{username}")
        return secret

    return make


class Api:
    """Calls /api/v1 through Django's test client, as a persona's Bearer token or anonymously."""

    def __init__(self, secret: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def _call(self, method: str, path: str, body=None, **params):
        url = "/api/v1" + path
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        if params:
            if method == "get":
                kwargs["data"] = params
            else:
                url += "?" + urlencode(params)
        return getattr(self.client, method)(url, **kwargs)

    def get(self, path, **params):
        return self._call("get", path, **params)

    def post(self, path, body=None, **params):
        return self._call("post", path, body if body is not None else {}, **params)

    def patch(self, path, body, **params):
        return self._call("patch", path, body, **params)

    def delete(self, path, **params):
        return self._call("delete", path, **params)


@pytest.fixture
def api_as(token_for):
    """``api_as("spoke-north")``: an Api client with that persona's token; None is anonymous."""

    def make(username: str | None) -> Api:
        return Api(token_for(username) if username else None)

    return make
