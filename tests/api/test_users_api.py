"""The users API through Django's test client against the mounted API (middleware, errors)."""

import json

import pytest

from accord.core import accounts, services
from accord.core.models import User

pytestmark = pytest.mark.django_db

STRONG = "Mazar-Winter-2011!"


def _send(client, method: str, path: str, payload=None):
    return client.generic(
        method,
        f"/api/v1{path}",
        data=json.dumps(payload) if payload is not None else "",
        content_type="application/json",
    )


@pytest.mark.parametrize("path", ["/users/spoke-north", "/users/no-such-user"])
def test_a_non_administrator_hears_403_whoever_is_named(client_as, path):
    response = _send(client_as("delegation-rus"), "GET", path)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "spoke-north" not in response.content.decode()


def test_an_unknown_user_is_404_for_an_administrator(client_as):
    assert _send(client_as("admin"), "GET", "/users/no-such-user").status_code == 404


def test_the_list_filters_and_says_what_each_user_holds(client_as):
    response = _send(client_as("admin"), "GET", "/users?role=spoke_staff&nation=ITA")
    assert response.status_code == 200
    [user] = response.json()["items"]
    assert user["username"] == "spoke-west"
    assert (user["roles"], user["nation"], user["site"]) == (["spoke_staff"], "ITA", "taac_west")
    assert user["is_active"] is True
    assert user["invited"] is False


def test_a_user_is_created_with_a_strong_password_only(client_as):
    admin = client_as("admin")
    payload = {"username": "api-made", "roles": ["auditor"], "nation": "NLD"}
    weak = _send(admin, "POST", "/users", {**payload, "password": "api-made"})
    assert weak.status_code == 422
    assert weak.json()["code"] == "password_rejected"
    assert not User.objects.filter(username="api-made").exists()
    made = _send(admin, "POST", "/users", {**payload, "password": STRONG})
    assert made.status_code == 201
    assert made.json()["roles"] == ["auditor"]
    unknown = _send(
        admin, "POST", "/users", {**payload, "username": "x2", "nation": "ZZZ", "password": STRONG}
    )
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_reference"


def test_the_last_administrator_is_a_conflict(client_as):
    admin = client_as("admin")
    response = _send(admin, "POST", "/users/admin/deactivate")
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "last_administrator"
    revoke = _send(admin, "DELETE", "/users/admin/roles/administrator")
    assert revoke.json()["code"] == "last_administrator"


def test_roles_and_nation_through_the_api(client_as):
    admin = client_as("admin")
    granted = _send(admin, "POST", "/users/trainer/roles", {"role": "auditor"})
    assert granted.json()["roles"] == ["auditor", "trainer"]
    revoked = _send(admin, "DELETE", "/users/trainer/roles/trainer")
    assert revoked.json()["roles"] == ["auditor"]
    moved = _send(admin, "PATCH", "/users/spoke-north", {"site": "taac_west"})
    assert (moved.json()["nation"], moved.json()["site"]) == ("DEU", "taac_west")
    own = _send(admin, "POST", "/users/admin/roles", {"role": "auditor"})
    assert own.status_code == 403
    assert own.json()["code"] == "own_rights"


def test_an_invitation_through_the_api(client_as, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(
            client_as("admin"),
            "POST",
            "/users/invitations",
            {"username": "api-invited", "email": "inv@example.org", "roles": ["administrator"]},
        )
    assert response.status_code == 201
    assert response.json()["invited"] is True
    assert "http://testserver/invitation/" in mailoutbox[0].body


def test_one_own_password_and_email(client_as):
    client = client_as("trainer")
    wrong = _send(client, "POST", "/me/password", {"current_password": "x", "new_password": STRONG})
    assert wrong.json()["code"] == "password_incorrect"
    ok = _send(
        client, "POST", "/me/password", {"current_password": "accord-demo", "new_password": STRONG}
    )
    assert ok.status_code == 204
    assert User.objects.get(username="trainer").check_password(STRONG)
    assert _send(client_as("auditor"), "POST", "/me/email", {"email": "nope"}).status_code == 422


def test_a_deactivated_user_token_is_refused(persona, client_as):
    _token, secret = services.api_token_create(actor=persona("trainer"), name="sync")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client_as(None).get("/api/v1/me", **headers).status_code == 200
    accounts.user_deactivate(actor=persona("admin"), user=persona("trainer"))
    assert client_as(None).get("/api/v1/me", **headers).status_code == 401


def test_the_trail_about_users_is_read_by_their_own_nation_only(persona, client_as):
    admin = persona("admin")
    accounts.role_grant(actor=admin, user=persona("delegation-rus"), role="auditor")
    accounts.role_grant(actor=admin, user=persona("delegation-deu"), role="auditor")
    seen = client_as("auditor").get("/api/v1/audit/entries?action=user.role_grant&page_size=500")
    labels = {entry["object_repr"] for entry in seen.json()["items"]}
    assert labels == set(), labels  # the auditor (Netherlands) reads neither
    rus = client_as("delegation-rus").get("/api/v1/audit/entries?action=user.role_grant")
    rus_labels = {entry["object_repr"] for entry in rus.json()["items"]}
    assert any("delegation-rus" in label for label in rus_labels)
    assert not any("delegation-deu" in label for label in rus_labels)
