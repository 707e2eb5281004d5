"""Single sign-on through a real OpenID provider: ``oidc-provider-mock`` (authlib's OpenID
Connect server) started as a subprocess on a free local port. Django's test client plays the
browser on Accord's side; the provider's own sign-in form is posted as a browser would, and
Accord then exchanges the code for tokens with the provider over HTTP, checks the ID token's
signature against the provider's keys, and reads its user info (ADR 0018)."""

import socket
import subprocess
import sys
import time
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from django.test import Client

from accord.audit.models import AuditEntry
from accord.core import accounts
from accord.core.models import User

pytestmark = pytest.mark.django_db

BACKEND = "accord.web.sign_on.SignOnBackend"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def provider():
    """The provider's address, once it answers its discovery document."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def _wait_until_up(process, url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the OpenID provider stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(f"{url}/.well-known/openid-configuration", timeout=2).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    pytest.fail("the OpenID provider did not start within a minute")


@pytest.fixture
def sign_on(provider, settings):
    """Accord configured for the provider, as the ACCORD_OIDC_* variables would set it."""
    discovery = requests.get(f"{provider}/.well-known/openid-configuration", timeout=10).json()
    settings.ACCORD_OIDC = True
    settings.OIDC_RP_CLIENT_ID = "accord"
    settings.OIDC_RP_CLIENT_SECRET = "accord-test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.ACCORD_OIDC_ROLE_MAP = {"accord-delegates": "delegation"}
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    return provider


def _person(provider: str, sub: str, **claims) -> None:
    answer = requests.put(f"{provider}/users/{quote(sub)}", json=claims, timeout=10)
    assert answer.status_code == 204


def _sign_on_as(client: Client, sub: str):
    """Start at Accord's sign-on, choose ``sub`` on the provider's form, come back to Accord."""
    start = client.get("/sign-on/")
    assert start.status_code == 302
    to_provider = start["Location"]
    form = requests.get(to_provider, timeout=10)
    assert form.status_code == 200
    chosen = requests.post(to_provider, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert chosen.status_code == 302
    back = urlsplit(chosen.headers["Location"])
    assert back.path == "/sign-on/callback/"
    assert set(parse_qs(back.query)) >= {"code", "state"}
    return client.get(f"{back.path}?{back.query}")


def test_the_sign_in_page_offers_single_sign_on_only_when_set_up(sign_on, settings):
    assert 'href="/sign-on/' in Client().get("/login/").text
    settings.ACCORD_OIDC = False
    assert 'href="/sign-on/' not in Client().get("/login/").text
    assert Client().get("/sign-on/").status_code == 404


def test_a_new_delegate_signs_on_with_nation_and_role_mapped(sign_on):
    _person(
        sign_on,
        "7f3c-delegate",
        preferred_username="pol-delegate",
        email="delegate@msz.example",
        name="Piotr Nowak",
        nation="pol",
        roles=["accord-delegates", "vpn-users"],
    )
    client = Client()
    done = _sign_on_as(client, "7f3c-delegate")
    assert done.status_code == 302
    assert done["Location"] == "/"
    user = User.objects.get(username="pol-delegate")
    assert user.nation.iso3 == "POL"
    assert list(user.role_grants.values_list("role", flat=True)) == ["delegation"]
    assert user.email == "delegate@msz.example"
    assert (user.first_name, user.last_name) == ("Piotr", "Nowak")
    assert user.sign_on_subject == f"{sign_on} 7f3c-delegate"
    assert not user.has_usable_password()
    assert client.get("/account/").status_code == 200
    entry = AuditEntry.objects.get(action="user.sign_on", object_id=str(user.pk))
    assert entry.outcome == "done"
    assert entry.changes["roles"] == [None, ["delegation"]]
    assert entry.changes["nation"] == [None, "POL"]
    assert AuditEntry.objects.filter(action="user.sign_in", object_id=str(user.pk)).exists()


def test_each_sign_on_brings_the_user_up_to_date(sign_on):
    _person(sign_on, "ab-12", preferred_username="lva-logistics", nation="LVA", roles="logistician")
    _sign_on_as(Client(), "ab-12")
    _person(sign_on, "ab-12", preferred_username="lva-logistics", nation="LVA", roles="trainer")
    _sign_on_as(Client(), "ab-12")
    user = User.objects.get(username="lva-logistics")
    assert list(user.role_grants.values_list("role", flat=True)) == ["trainer"]
    latest = AuditEntry.objects.filter(action="user.sign_on", object_id=str(user.pk)).latest("pk")
    assert latest.changes == {"roles": [["logistician"], ["trainer"]]}


@pytest.mark.parametrize(
    ("claims", "words"),
    [
        (
            {"preferred_username": "xx-delegate", "nation": "XXA", "roles": ["delegation"]},
            "belong to the nation XXA, which Accord does not know",
        ),
        (
            {"preferred_username": "no-role", "nation": "POL"},
            "gives you no role in Accord",
        ),
        (
            {"preferred_username": "no-nation", "roles": ["trainer"]},
            "does not say which nation you belong to",
        ),
    ],
)
def test_a_mapping_that_says_too_little_is_refused_in_words_and_audited(sign_on, claims, words):
    _person(sign_on, "refused-person", **claims)
    client = Client()
    refused = _sign_on_as(client, "refused-person")
    assert refused.status_code == 302
    assert refused["Location"] == "/login/"
    assert "_auth_user_id" not in client.session
    assert words in client.get("/login/").text
    assert not User.objects.filter(username=claims["preferred_username"]).exists()
    entry = AuditEntry.objects.filter(action="user.sign_on").latest("pk")
    assert entry.outcome == "refused"
    assert entry.error_code == "sign_on_refused"
    assert words in entry.changes["detail"]


def test_an_existing_account_is_linked_once_by_its_username(sign_on, persona):
    before = persona("spoke-north")
    _person(
        sign_on,
        "de-0042",
        preferred_username="spoke-north",
        nation="DEU",
        site="taac_north",
        roles=["spoke_staff"],
    )
    assert _sign_on_as(Client(), "de-0042")["Location"] == "/"
    linked = User.objects.get(username="spoke-north")
    assert linked.pk == before.pk
    assert linked.sign_on_subject == f"{sign_on} de-0042"
    assert linked.site.code == "taac_north"
    # Another subject naming the same username takes nothing over: it is refused.
    _person(sign_on, "intruder", preferred_username="spoke-north", nation="DEU", roles="trainer")
    client = Client()
    assert _sign_on_as(client, "intruder")["Location"] == "/login/"
    assert "belongs to another account" in client.get("/login/").text
    assert list(linked.role_grants.values_list("role", flat=True)) == ["spoke_staff"]


def test_a_deactivated_account_is_refused(sign_on, persona):
    _person(sign_on, "nl-7", preferred_username="auditor", nation="NLD", roles=["auditor"])
    accounts.user_deactivate(actor=persona("admin"), user=persona("auditor"))
    client = Client()
    assert _sign_on_as(client, "nl-7")["Location"] == "/login/"
    assert "Your Accord account is deactivated" in client.get("/login/").text


def test_a_role_that_requires_two_factors_trusts_the_provider_for_them(sign_on, settings):
    settings.ACCORD_TWO_FACTOR_REQUIRED = True
    _person(sign_on, "fm-1", preferred_username="hmtf-finance", nation="DEU", roles="fund_manager")
    client = Client()
    assert _sign_on_as(client, "fm-1")["Location"] == "/"
    assert client.get("/").status_code == 200  # not held for an authenticator of Accord's own
