"""The pages of user administration and of each user's account, through Django's test client."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from accord.audit.models import AuditEntry
from accord.core.models import AccountSession, User

pytestmark = pytest.mark.django_db

STRONG = "Herat-Autumn-2012!"


def _link(message, marker: str) -> str:
    return re.search(rf"https?://testserver(/{marker}/\S+)", message.body).group(1)


def test_the_list_filters_by_role_nation_and_activity(client_as):
    page = client_as("admin").get("/users/?role=spoke_staff&nation=DEU")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'href="/users/spoke-north/"' in text
    assert 'href="/users/spoke-west/"' not in text
    assert 'href="/users/auditor/"' not in text
    export = client_as("admin").get("/users/?format=csv&active=true")
    csv = b"".join(export.streaming_content).decode()
    assert "delegation-rus" in csv
    assert "delegation-rus@accord.example" in csv


@pytest.mark.parametrize("who", ["delegation-usa", "auditor", "hub-staff"])
def test_no_one_else_sees_users(client_as, who):
    client = client_as(who)
    assert client.get("/users/").status_code == 403
    assert client.get("/users/spoke-north/").status_code == 403
    assert client.get("/users/?format=csv").status_code == 403
    assert b'href="/users/"' not in client.get("/account/").content  # no menu entry


def test_the_menu_offers_users_to_administrators(client_as):
    assert b'href="/users/"' in client_as("admin").get("/account/").content


def test_an_administrator_creates_a_user_with_a_strong_password(client_as):
    admin = client_as("admin")
    form = {
        "username": "new-trainer",
        "full_name": "Nia Trainer",
        "email": "",
        "password": "password",
        "roles": ["trainer"],
        "nation": "TUR",
    }
    weak = admin.post("/users/new/", form)
    assert weak.status_code == 422
    assert b"too common" in weak.content
    assert not User.objects.filter(username="new-trainer").exists()
    made = admin.post("/users/new/", {**form, "password": STRONG})
    assert made.status_code == 302
    assert made["Location"] == "/users/new-trainer/"
    user = User.objects.get(username="new-trainer")
    assert user.check_password(STRONG)
    assert user.nation.iso3 == "TUR"
    detail = admin.get("/users/new-trainer/").content.decode()
    assert "user.create" in detail or "Nia Trainer" in detail


def test_an_invitee_sets_a_password_through_the_link(client_as, django_capture_on_commit_callbacks):
    admin = client_as("admin")
    with django_capture_on_commit_callbacks(execute=True):
        sent = admin.post(
            "/users/invite/",
            {
                "username": "invited-rus",
                "email": "invited@example.org",
                "roles": ["delegation"],
                "nation": "RUS",
                "language": "ru",
            },
        )
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["invited@example.org"]
    assert "Accord" in mail.outbox[0].subject
    path = _link(mail.outbox[0], "invitation")
    visitor = Client()
    assert b"invited-rus" in visitor.get(path).content
    differ = visitor.post(path, {"password": STRONG, "password_again": STRONG + "x"})
    assert differ.status_code == 422
    done = visitor.post(path, {"password": STRONG, "password_again": STRONG})
    assert done.status_code == 302
    assert done["Location"] == "/login/"
    assert visitor.get(path).status_code == 410  # works once
    signed_in = visitor.post("/login/", {"username": "invited-rus", "password": STRONG})
    assert signed_in.status_code == 302
    assert AccountSession.objects.filter(user__username="invited-rus").count() == 1


def test_roles_nation_and_activity_from_the_users_page(client_as):
    admin = client_as("admin")
    assert admin.post("/users/trainer/roles/grant/", {"role": "auditor"}).status_code == 302
    assert set(User.objects.get(username="trainer").role_grants.values_list("role", flat=True)) == {
        "trainer",
        "auditor",
    }
    admin.post("/users/trainer/roles/revoke/", {"role": "trainer"})
    admin.post("/users/trainer/place/", {"nation": "NLD", "site": ""})
    assert User.objects.get(username="trainer").nation.iso3 == "NLD"
    admin.post("/users/trainer/deactivate/")
    assert not User.objects.get(username="trainer").is_active
    page = admin.get("/users/trainer/").content.decode()
    assert "Reactivate" in page
    # The history names the roles, not their codes.
    assert "Auditor, Trainer" in page
    assert "auditor, trainer" not in page
    # The last administrator: refused, with the code, and audited.
    refused = admin.post("/users/admin/deactivate/", follow=True)
    assert b"last_administrator" in refused.content
    assert User.objects.get(username="admin").is_active
    assert AuditEntry.objects.filter(action="user.deactivate", outcome="refused").exists()


def test_an_administrator_cannot_grant_themselves_a_role(client_as):
    answer = client_as("admin").post("/users/admin/roles/grant/", {"role": "auditor"}, follow=True)
    assert b"own_rights" in answer.content
    assert list(User.objects.get(username="admin").role_grants.values_list("role", flat=True)) == [
        "administrator"
    ]


def test_a_password_change_keeps_this_session_and_ends_the_others(persona):
    here, there = Client(), Client()
    for client in (here, there):
        client.post("/login/", {"username": "trainer", "password": "accord-demo"})
    assert AccountSession.objects.filter(user__username="trainer", ended_at=None).count() == 2
    wrong = here.post(
        "/account/password/",
        {"current_password": "nope", "new_password": STRONG, "new_password_again": STRONG},
    )
    assert wrong.status_code == 422
    changed = here.post(
        "/account/password/",
        {"current_password": "accord-demo", "new_password": STRONG, "new_password_again": STRONG},
    )
    assert changed.status_code == 302
    assert here.get("/account/").status_code == 200
    assert there.get("/account/").status_code == 302  # signed out
    assert AccountSession.objects.filter(user__username="trainer", ended_at=None).count() == 1


def test_signing_out_elsewhere_from_the_account_page():
    here, there = Client(), Client()
    for client in (here, there):
        client.post("/login/", {"username": "auditor", "password": "accord-demo"})
    page = here.get("/account/").content.decode()
    assert "this session" in page
    assert here.post("/account/sessions/end/").status_code == 302
    assert here.get("/account/").status_code == 200
    assert there.get("/account/").status_code == 302


def test_the_email_is_changed_on_the_account_page(client_as):
    client = client_as("trainer")
    assert client.post("/account/email/", {"email": "not-an-address"}).status_code == 422
    assert client.post("/account/email/", {"email": "tarik@example.org"}).status_code == 302
    assert User.objects.get(username="trainer").email == "tarik@example.org"


def test_a_password_is_reset_by_email_without_telling_who_exists(
    django_capture_on_commit_callbacks,
):
    visitor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = visitor.post("/password-reset/", {"email": "nobody@example.org"})
        known = visitor.post("/password-reset/", {"email": "auditor@accord.example"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mail.outbox] == [["auditor@accord.example"]]
    path = _link(mail.outbox[0], "password-reset")
    form_page = visitor.get(path, follow=True)
    assert form_page.status_code == 200
    assert b"new_password1" in form_page.content
    url = form_page.redirect_chain[-1][0]
    done = visitor.post(url, {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    assert done["Location"] == "/password-reset/done/"
    assert User.objects.get(username="auditor").check_password(STRONG)
    assert AuditEntry.objects.filter(action="user.password_reset", actor_name="auditor").exists()
    assert AuditEntry.objects.filter(action="user.password_reset_request").count() == 2


@pytest.mark.parametrize("language", ["ru", "fa-af", "ps"])
def test_the_new_pages_speak_the_reader_language(client_as, language):
    admin = client_as("admin")
    admin.cookies["django_language"] = language
    for url in ("/users/", "/users/invite/", "/users/trainer/", "/account/"):
        text = admin.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        for english in ("Invite a user", "Where you are signed in", "Grant the role"):
            assert english not in text, url


def _queries(client, url: str) -> int:
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_of_users_cost_the_same_queries_for_one_row_and_many(client_as):
    """The administrators' lists (the shared query-count baselines read as the auditor, who may
    not open them): no query per row, on the page and in the API."""
    admin = client_as("admin")
    with override_settings(ACCORD_PAGE_SIZE=1):
        few = _queries(admin, "/users/")
    with override_settings(ACCORD_PAGE_SIZE=500):
        many = _queries(admin, "/users/")
    assert few == many
    assert _queries(admin, "/api/v1/users?page_size=1") == _queries(
        admin, "/api/v1/users?page_size=500"
    )


@pytest.mark.parametrize("language", ["ru", "fa-af", "ps"])
def test_the_password_reset_speaks_the_reader_language_django_texts_too(language):
    visitor = Client(HTTP_ACCEPT_LANGUAGE=language)
    text = visitor.get("/password-reset/").content.decode()
    assert ">Email<" not in text
    assert "Send the link" not in text
    weak = visitor.post("/invitation/not-a-token/", {"password": "1", "password_again": "1"})
    assert "Ask an administrator" not in weak.content.decode()
