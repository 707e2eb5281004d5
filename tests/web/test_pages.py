"""The front page, the map data, the audit trail, accounts, sign-in and error pages."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.audit.selectors import audit_entry_list
from accord.core.models import ApiToken
from accord.web import context_processors
from tests.conftest import ALL_PERSONAS

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_get_the_public_portal(client_as):
    page = client_as(None).get("/").text
    assert "the mission's public record" in page
    assert "Troop contributions by nation" in page
    assert "United States" in page
    assert "Sign in" in page
    assert "Audit trail" not in page


def test_signed_in_users_get_the_dashboard(client_as):
    page = client_as("spoke-north").get("/").text
    assert "<h1>Dashboard</h1>" in page
    assert "Sven Spoke" in page
    assert "Spoke staff" in page
    assert "Germany" in page
    assert "Mission strength over time" in page
    assert "Personnel by site" in page
    assert "Recent changes" not in page
    assert 'action="/logout/"' in page


def test_the_layout_is_worked_out_once_per_request_and_again_for_another_reader(rf, persona):
    """The first page renders its panels with the request: they share the page's layout values,
    but a request whose reader changes (signing in) gets the new reader's, never the old."""
    request = rf.get("/")
    request.user = AnonymousUser()
    anonymous = context_processors.accord(request)
    assert context_processors.accord(request) is anonymous
    request.user = persona("admin")
    admin = context_processors.accord(request)
    assert admin["principal"] != anonymous["principal"]
    assert admin["may_manage_users"]
    assert not anonymous["may_manage_users"]


def test_auditors_see_recent_changes_on_the_dashboard(client_as):
    page = client_as("auditor").get("/").text
    assert "Recent changes" in page
    assert "Audit trail" in page


def test_the_page_loads_no_script_from_elsewhere_and_no_inline_script_without_nonce(client_as):
    response = client_as("spoke-north").get("/")
    assert "https://" not in response.text.split("<body")[0]
    assert "nonce-" in response["Content-Security-Policy"]


def map_codes(client, url="/map/sites.geojson"):
    data = client.get(url).json()
    assert data["type"] == "FeatureCollection"
    return {f["properties"]["code"] for f in data["features"]}


def test_the_map_data_respects_markings(client_as, nato_site):
    assert nato_site.code not in map_codes(client_as("delegation-rus"))
    assert nato_site.code not in map_codes(client_as(None))
    assert nato_site.code in map_codes(client_as("delegation-usa"))
    # The portal's map asks for public records only, whoever looks.
    assert nato_site.code not in map_codes(
        client_as("delegation-usa"), "/map/sites.geojson?public=1"
    )
    assert "taac_north" in map_codes(client_as("delegation-rus"))


def test_the_map_features_carry_what_the_popups_need(client_as):
    data = client_as("spoke-north").get("/map/sites.geojson").json()
    north = next(f for f in data["features"] if f["properties"]["code"] == "taac_north")
    assert north["properties"]["url"] == "/sites/taac_north/"
    assert north["properties"]["kind"] == "spoke"
    assert len(north["geometry"]["coordinates"]) == 2


@pytest.mark.parametrize("username", [u for u in ALL_PERSONAS if u not in {"auditor", "admin"}])
def test_the_audit_trail_is_403_for_non_auditors(client_as, username):
    client = client_as(username)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/", {"format": "csv"}).status_code == 403
    assert client.post("/audit/verify/").status_code == 403


def test_the_audit_trail_needs_sign_in(client_as):
    assert client_as(None).get("/audit/")["Location"].startswith("/login/")


def test_auditors_filter_and_export_the_trail(client_as, persona):
    client = client_as("auditor")
    assert client.get("/audit/").status_code == 200
    page = client.get("/audit/", {"action": "site.create"}).text
    assert "site.create" in page
    assert "nation.create" not in page
    response = client.get("/audit/", {"action": "nation.", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    expected = audit_entry_list(actor=persona("auditor"), filters={"action": "nation."}).count()
    assert len(rows) == expected > 0
    assert {r["Action"][:7] for r in rows} == {"nation."}
    xlsx = client.get("/audit/", {"outcome": "done", "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_bad_date_range_is_a_form_error(client_as):
    page = client_as("auditor").get("/audit/", {"since": "2020-02-01", "until": "2020-01-01"})
    assert page.status_code == 200
    assert "must not be before" in page.text


def test_verifying_the_chain_reports_it_intact(client_as):
    response = client_as("auditor").post("/audit/verify/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "The chain is intact." in response.text


def test_the_account_page_creates_a_token_shown_once_and_revokes_it(client_as, persona):
    client = client_as("spoke-north")
    response = client.post("/account/", {"name": "Spoke reporting", "reach": "all_write"})
    assert response.status_code == 302
    page = client.get("/account/").text
    assert "Your new token." in page
    token = ApiToken.objects.get(user=persona("spoke-north"), name="Spoke reporting")
    assert token.prefix in page
    assert "Your new token." not in client.get("/account/").text
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_one_cannot_revoke_someone_elses_token(client_as, persona):
    from accord.core import services

    token, _ = services.api_token_create(actor=persona("auditor"), name="Auditor's")
    assert client_as("spoke-north").post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_sign_in_and_out(client_as):
    client = client_as(None)
    assert client.get("/login/").status_code == 200
    response = client.post("/login/", {"username": "spoke-north", "password": "accord-demo"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "<h1>Dashboard</h1>" in client.get("/").text
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "the mission's public record" in client.get("/").text


def test_repeated_failures_lock_the_sign_in_and_say_when_to_retry(client_as, settings):
    client = client_as(None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "spoke-north", "password": "wrong"})
    response = client.post("/login/", {"username": "spoke-north", "password": "accord-demo"})
    assert response.status_code == 429
    assert "Sign-in locked for a while" in response.text
    assert "Try again in" in response.text


def test_unknown_pages_use_the_layout(client_as):
    response = client_as("spoke-north").get("/sites/no-such-site/")
    assert response.status_code == 404
    assert "There is nothing here that you may read" in response.text
