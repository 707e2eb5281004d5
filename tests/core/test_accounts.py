"""Users and accounts: administration, invitations, passwords, sessions (accord.core.accounts)."""

import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.audit.models import AuditEntry
from accord.core import accounts, selectors, services
from accord.core.models import AccountSession, Nation, Site, User, UserRole
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db(transaction=False)

LINK = "http://testserver/invitation/{}/".format
STRONG = "Kabul-Spring-2013!"


def _entries(action: str, outcome: str = "done"):
    return AuditEntry.objects.filter(action=action, outcome=outcome)


def _invite(admin, username="new-delegate", **kwargs):
    values = {
        "email": f"{username}@example.org",
        "roles": ["delegation"],
        "nation": Nation.objects.get(iso3="USA"),
    }
    values.update(kwargs)
    return accounts.user_invite(actor=admin, username=username, link=LINK, **values)


def _token_from(message) -> str:
    line = next(line for line in message.body.splitlines() if "/invitation/" in line)
    return line.strip().rstrip("/").rsplit("/", 1)[1]


def test_an_invitation_is_mailed_and_sets_the_password_once(
    persona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = _invite(persona("admin"), full_name="Nora New")
    assert not user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["new-delegate@example.org"]]
    token = _token_from(mail.outbox[0])
    assert accounts.invitation_user(token) == user

    accounts.invitation_accept(actor=None, token=token, password=STRONG)
    user.refresh_from_db()
    assert user.check_password(STRONG)
    assert accounts.invitation_user(token) is None  # used: works once
    with pytest.raises(ValidationFailed) as refused:
        accounts.invitation_accept(actor=None, token=token, password=STRONG + "x")
    assert refused.value.code == Code.INVITATION_INVALID
    assert _entries("user.invite").filter(object_id=str(user.pk)).exists()
    assert _entries("user.invitation_accept").filter(actor_name="new-delegate").exists()


def test_an_invitation_expires(persona, settings):
    user = _invite(persona("admin"))
    token = accounts.invitation_token(user)
    settings.ACCORD_INVITATION_DAYS = 0
    assert accounts.invitation_user(token) is None
    assert accounts.invitation_user(token[:-2] + "xx") is None


def test_an_invitation_refuses_a_weak_password(persona):
    user = _invite(persona("admin"))
    with pytest.raises(ValidationFailed) as refused:
        accounts.invitation_accept(
            actor=None, token=accounts.invitation_token(user), password="1234"
        )
    assert refused.value.code == Code.PASSWORD_REJECTED
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_only_administrators_invite_and_the_refusal_is_audited(persona):
    with pytest.raises(PermissionDenied):
        _invite(persona("delegation-usa"))
    assert not User.objects.filter(username="new-delegate").exists()
    assert _entries("user.invite", "refused").filter(actor_name="delegation-usa").exists()


def test_an_invitation_needs_an_address(persona):
    with pytest.raises(ValidationFailed) as refused:
        _invite(persona("admin"), email="")
    assert refused.value.code == Code.EMAIL_REQUIRED


def test_a_deactivated_user_is_signed_out_and_cannot_sign_in(persona, client):
    auditor = persona("auditor")
    client.force_login(auditor)
    key = client.session.session_key
    accounts.session_open(actor=auditor, session_key=key)
    accounts.user_deactivate(actor=persona("admin"), user=auditor)
    auditor.refresh_from_db()
    assert not auditor.is_active
    assert not SessionStore().exists(key)
    assert client.get("/account/").status_code == 302  # to the sign-in page
    client.post("/login/", {"username": "auditor", "password": "accord-demo"})
    assert "_auth_user_id" not in client.session
    accounts.user_reactivate(actor=persona("admin"), user=auditor)
    assert User.objects.get(pk=auditor.pk).is_active
    assert _entries("user.deactivate").filter(object_id=str(auditor.pk)).exists()
    assert _entries("user.reactivate").filter(object_id=str(auditor.pk)).exists()


def test_the_last_active_administrator_stays(persona):
    admin = persona("admin")
    with pytest.raises(Conflict) as refused:
        accounts.user_deactivate(actor=admin, user=admin)
    assert refused.value.code == Code.LAST_ADMINISTRATOR
    with pytest.raises(Conflict):
        accounts.role_revoke(actor=admin, user=admin, role="administrator")
    assert User.objects.get(pk=admin.pk).is_active
    assert UserRole.objects.filter(user=admin, role="administrator").exists()
    assert _entries("user.deactivate", "refused").filter(error_code="last_administrator").exists()
    assert _entries("user.role_revoke", "refused").filter(error_code="last_administrator").exists()


def test_with_a_second_administrator_the_first_may_go(persona):
    admin, other = persona("admin"), persona("auditor")
    accounts.role_grant(actor=admin, user=other, role="administrator")
    accounts.user_place(actor=other, user=admin, nation=Nation.objects.get(iso3="NLD"), site=None)
    accounts.role_grant(actor=other, user=admin, role="auditor")
    accounts.role_revoke(actor=other, user=admin, role="administrator")
    assert not UserRole.objects.filter(user=admin, role="administrator").exists()
    # Now ``other`` is the last one.
    with pytest.raises(Conflict):
        accounts.user_deactivate(actor=other, user=other)


def test_no_one_raises_their_own_rights(persona):
    admin = persona("admin")
    with pytest.raises(PermissionDenied) as refused:
        accounts.role_grant(actor=admin, user=admin, role="fund_manager")
    assert refused.value.code == Code.OWN_RIGHTS
    with pytest.raises(PermissionDenied):
        accounts.user_place(
            actor=admin, user=admin, nation=Nation.objects.get(iso3="USA"), site=None
        )
    assert sorted(UserRole.objects.filter(user=admin).values_list("role", flat=True)) == [
        "administrator"
    ]
    assert User.objects.get(pk=admin.pk).nation_id is None


def test_a_non_administrator_grants_nothing(persona):
    delegate, other = persona("delegation-usa"), persona("delegation-deu")
    with pytest.raises(PermissionDenied):
        accounts.role_grant(actor=delegate, user=other, role="administrator")
    with pytest.raises(PermissionDenied):
        accounts.role_grant(actor=delegate, user=delegate, role="administrator")
    assert not UserRole.objects.filter(role="administrator", user__in=[delegate, other]).exists()


def test_roles_are_granted_and_revoked_but_not_the_last(persona):
    admin, trainer = persona("admin"), persona("trainer")
    accounts.role_grant(actor=admin, user=trainer, role="auditor")
    assert sorted(trainer.role_grants.values_list("role", flat=True)) == ["auditor", "trainer"]
    accounts.role_revoke(actor=admin, user=trainer, role="trainer")
    with pytest.raises(ValidationFailed) as refused:
        accounts.role_revoke(actor=admin, user=trainer, role="auditor")
    assert refused.value.code == Code.ROLE_REQUIRED
    entry = _entries("user.role_grant").filter(object_id=str(trainer.pk)).get()
    assert entry.changes["roles"] == [["trainer"], ["auditor", "trainer"]]


def test_a_site_role_needs_a_site(persona):
    with pytest.raises(ValidationFailed) as refused:
        accounts.role_grant(actor=persona("admin"), user=persona("trainer"), role="spoke_staff")
    assert refused.value.code == Code.SITE_REQUIRED


def test_nation_and_site_are_set(persona):
    spoke = persona("spoke-north")
    accounts.user_place(
        actor=persona("admin"),
        user=spoke,
        nation=Nation.objects.get(iso3="ITA"),
        site=Site.objects.get(code="taac_west"),
    )
    spoke = User.objects.get(pk=spoke.pk)
    assert (spoke.nation.iso3, spoke.site.code) == ("ITA", "taac_west")
    entry = _entries("user.place").get(object_id=str(spoke.pk))
    assert entry.changes == {"nation": ["DEU", "ITA"], "site": ["taac_north", "taac_west"]}
    # The entry about a user is read as their own record: by their nation, not by others.
    assert (entry.marking, entry.owner_nation_id) == ("NATIONAL", spoke.nation_id)


def test_users_are_read_by_administrators_only(persona):
    admin = persona("admin")
    assert selectors.user_list(actor=admin).count() == User.objects.count()
    for reader in ("delegation-usa", "auditor", "hub-staff"):
        assert selectors.user_list(actor=persona(reader)).count() == 0
    germans = User.objects.filter(nation__iso3="DEU", is_active=True)
    found = selectors.user_list(actor=admin, params={"nation": "DEU", "active": "true"})
    assert sorted(found.values_list("username", flat=True)) == sorted(
        germans.values_list("username", flat=True)
    )
    assert "spoke-north" in found.values_list("username", flat=True)
    auditors = selectors.user_list(actor=admin, params={"role": "auditor"})
    assert "auditor" in auditors.values_list("username", flat=True)
    assert "trainer" not in auditors.values_list("username", flat=True)


def test_a_password_changes_with_the_current_one(persona, client):
    user = persona("trainer")
    with pytest.raises(ValidationFailed) as refused:
        accounts.password_change(actor=user, current_password="wrong", new_password=STRONG)
    assert refused.value.code == Code.PASSWORD_INCORRECT
    with pytest.raises(ValidationFailed) as refused:
        accounts.password_change(actor=user, current_password="accord-demo", new_password="trainer")
    assert refused.value.code == Code.PASSWORD_REJECTED
    accounts.password_change(actor=user, current_password="accord-demo", new_password=STRONG)
    assert User.objects.get(pk=user.pk).check_password(STRONG)


def test_the_email_changes_and_must_be_an_address(persona):
    user = persona("trainer")
    with pytest.raises(ValidationFailed):
        accounts.email_change(actor=user, email="not an address")
    accounts.email_change(actor=user, email="tarik@example.org")
    assert User.objects.get(pk=user.pk).email == "tarik@example.org"


def test_a_reset_mail_goes_to_the_owner_and_the_audit_says_nothing(
    persona, django_capture_on_commit_callbacks
):
    link = "http://testserver/password-reset/{}/{}/".format
    with django_capture_on_commit_callbacks(execute=True):
        accounts.password_reset_request(actor=None, email="AUDITOR@accord.example", link=link)
        accounts.password_reset_request(actor=None, email="nobody@example.org", link=link)
    assert [m.to for m in mail.outbox] == [["auditor@accord.example"]]
    entries = list(_entries("user.password_reset_request"))
    assert len(entries) == 2
    assert [(e.changes, e.object_id) for e in entries] == [({}, ""), ({}, "")]


def test_signing_out_elsewhere_ends_the_other_sessions(persona):
    user = persona("trainer")
    stores = [SessionStore() for _ in range(3)]
    for store in stores:
        store["_auth_user_id"] = str(user.pk)
        store.create()
        accounts.session_open(actor=user, session_key=store.session_key, user_agent="Firefox")
    here = stores[0].session_key
    assert accounts.sessions_end_others(actor=user, keep_session_key=here) == 2
    assert [s.session_key for s in selectors.session_list(actor=user)] == [here]
    assert SessionStore().exists(here)
    assert not any(SessionStore().exists(s.session_key) for s in stores[1:])
    assert AccountSession.objects.filter(user=user, ended_at__isnull=False).count() == 2


def test_createuser_makes_a_user_from_a_script(monkeypatch, capsys):
    monkeypatch.setenv("NEW_PASSWORD", STRONG)
    call_command(
        "createuser",
        "--username=ops-bot",
        "--role=auditor",
        "--nation=nld",
        "--email=ops@example.org",
        "--password-env=NEW_PASSWORD",
    )
    user = User.objects.get(username="ops-bot")
    assert user.check_password(STRONG)
    assert (user.nation.iso3, list(user.role_grants.values_list("role", flat=True))) == (
        "NLD",
        ["auditor"],
    )
    assert AuditEntry.objects.filter(action="user.create", via="cli").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role=delegation"], "needs a nation"),
        (["--role=delegation", "--nation=XXX"], "No nation"),
        (["--role=spoke_staff", "--nation=DEU"], "need a site"),
        (["--role=auditor", "--nation=NLD", "--username=admin"], "already exists"),
    ],
)
def test_createuser_refuses_bad_input(monkeypatch, args, message):
    monkeypatch.setenv("NEW_PASSWORD", STRONG)
    before = User.objects.count()
    arguments = ["--username=ops-bot", *args, "--password-env=NEW_PASSWORD"]
    if any(a.startswith("--username=admin") for a in args):
        arguments = arguments[1:]
    with pytest.raises(CommandError, match=message):
        call_command("createuser", *arguments)
    assert User.objects.count() == before


def test_createuser_refuses_a_weak_or_missing_password(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "12345")
    with pytest.raises(CommandError, match=r"too short|too common|entirely numeric"):
        call_command(
            "createuser", "--username=x", "--role=administrator", "--password-env=NEW_PASSWORD"
        )
    monkeypatch.delenv("NEW_PASSWORD")
    with pytest.raises(CommandError, match="empty"):
        call_command(
            "createuser", "--username=x", "--role=administrator", "--password-env=NEW_PASSWORD"
        )
    assert not User.objects.filter(username="x").exists()


def test_the_demo_creates_users_as_before(persona):
    # user_create (the registry's service) still serves the demo and the command.
    assert services.user_create.audit_action == "user.create"


def test_createuser_reads_the_password_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(STRONG + "\n"))
    call_command("createuser", "--username=root2", "--role=administrator", "--password-stdin")
    assert User.objects.get(username="root2").check_password(STRONG)
