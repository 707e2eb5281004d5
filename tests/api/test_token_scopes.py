"""Token scopes: per module of the API, read or read and write (Issue 16 §1).

A read-only fleet token reads the fleet, is refused a write there (nothing written, the refusal
audited) and refused every other module; tokens made before scopes keep every module; the account
page's form and the API's create make scoped tokens and refuse a scope Accord does not know.
"""

import pytest

from accord.audit.models import AuditEntry
from accord.core import services, token_scopes
from accord.core.models import ApiToken
from accord.fleet.models import Part
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

PART = {"part_number": "P-SCOPE", "name": "Filter"}


def _token(persona, username, scopes=None) -> Api:
    _, secret = services.api_token_create(actor=persona(username), name="sync", scopes=scopes)
    return Api(secret)


def test_a_read_only_fleet_token_reads_the_fleet_and_nothing_else(persona):
    fleet_reader = _token(persona, "maintenance", {"fleet": "read"})
    assert fleet_reader.get("/fleet/parts").status_code == 200

    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    refused = fleet_reader.post("/fleet/parts", PART)
    assert (refused.status_code, refused.json()["code"]) == (403, "token_read_only")
    assert "read and write" in refused.json()["detail"]
    assert not Part.objects.filter(part_number="P-SCOPE").exists()
    [entry] = AuditEntry.objects.filter(pk__gt=last)
    assert (entry.action, entry.outcome, entry.error_code) == (
        "api_token.use",
        "refused",
        "token_read_only",
    )
    assert (entry.actor_name, entry.changes["asked"]) == ("maintenance", ["POST fleet"])

    for path in ("/council/bodies", "/me"):
        other = fleet_reader.get(path)
        assert (other.status_code, other.json()["code"]) == (403, "token_out_of_scope"), path
    assert "account page" in fleet_reader.get("/me").json()["detail"]

    # The same user with a token that may write the fleet makes the part: the scope refused it.
    writer = _token(persona, "maintenance", {"fleet": "write"})
    assert writer.post("/fleet/parts", PART).status_code == 201


def test_tokens_made_before_scopes_keep_every_module(persona):
    migration = __import__(
        "accord.core.migrations.0008_api_token_scopes", fromlist=["Migration"]
    ).Migration
    [added] = migration.operations
    assert added.field.default is token_scopes.all_write
    token, secret = services.api_token_create(actor=persona("maintenance"), name="old")
    ApiToken.objects.filter(pk=token.pk).update(scopes=token_scopes.all_write())
    old = Api(secret)
    assert old.post("/fleet/parts", PART).status_code == 201
    assert old.get("/me").status_code == 200


def test_the_account_page_creates_scoped_tokens(client_as, persona):
    client = client_as("maintenance")
    chosen = {"reach": "chosen", "scope_fleet": "read", "scope_council": "write"}
    made = client.post("/account/", {"name": "fleet reader", **chosen})
    assert made.status_code == 302
    token = ApiToken.objects.get(user=persona("maintenance"), name="fleet reader")
    assert token.scopes == {"fleet": "read", "council": "write"}
    page = client.get("/account/").content.decode()
    assert "the council: read and write; the fleet: read" in page
    assert 'name="scope_registry"' in page
    assert 'name="scope_search"' in page

    client.post("/account/", {"name": "reads all", "reach": "all_read", "scope_fleet": "write"})
    assert ApiToken.objects.get(name="reads all").scopes == {"*": "read"}

    nothing = client.post("/account/", {"name": "nothing", "reach": "chosen"})
    assert nothing.status_code == 200
    assert "at least one module" in nothing.content.decode()
    assert not ApiToken.objects.filter(name="nothing").exists()


def test_the_api_creates_scoped_tokens_and_refuses_unknown_scopes(api_as):
    api = api_as("maintenance")
    count = ApiToken.objects.count()
    for scopes, words in (({"flet": "read"}, "not a module"), ({"fleet": "admin"}, '"read"')):
        refused = api.post("/tokens", {"name": "x", "scopes": scopes})
        assert (refused.status_code, refused.json()["code"]) == (422, "token_scope_invalid")
        assert words in refused.json()["detail"]
    assert ApiToken.objects.count() == count

    made = api.post("/tokens", {"name": "ledger", "scopes": {"funds": "read", "*": "read"}})
    assert made.status_code == 201
    assert made.json()["scopes"] == {"funds": "read", "*": "read"}
    entry = AuditEntry.objects.filter(action="api_token.create").latest("pk")
    assert entry.changes["scopes"] == [None, {"funds": "read", "*": "read"}]
    assert api.get("/tokens").json()[0]["scopes"] == {"funds": "read", "*": "read"}
