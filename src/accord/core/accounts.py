"""Every write to users and their accounts: administration, invitations, passwords, e-mail,
sessions. One audited service per use case, as in ``accord.core.services``.

Administration (administrators only; a refusal is audited like any other):

    user_invite          a user who sets their own password through an e-mailed, expiring link
    user_deactivate      signs them out everywhere; the last active administrator stays
    user_reactivate
    role_grant           never to oneself: no one raises their own rights
    role_revoke          never the last role, never the last active administrator's
    user_place           nation and site, never one's own

Each user's own account:

    invitation_accept        the invitee's password, through the link's token
    password_change          with the current password and Django's password validators
    password_reset_request   the reset e-mail (Django's token); says nothing about the address
    password_reset_complete  the new password, through the reset link
    email_change
    session_open             recorded at sign-in
    session_close            signing out
    sessions_end_others      sign out everywhere but here
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.core.models import AccountSession, Nation, Site, User, UserRole
from accord.core.services import _check_roles, _validated
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Role

log = logging.getLogger(__name__)

INVITATION_SALT = "accord.core.invitation"


# --- administration ----------------------------------------------------------------------------


def _require_administrator(actor) -> None:
    if not access.may(actor, "change", User):
        raise PermissionDenied(_("Only administrators manage users."))


def _require_other(actor, user: User) -> None:
    """No one changes their own rights: another administrator must."""
    if access.principal_of(actor).user_id == user.pk:
        raise PermissionDenied(_(Code.OWN_RIGHTS.message), code=Code.OWN_RIGHTS)


def _active_administrators() -> QuerySet:
    admins = UserRole.objects.filter(role=Role.ADMINISTRATOR).values("user")
    return User.objects.filter(is_active=True, pk__in=admins)


def _keep_an_administrator(user: User) -> None:
    """Refuse when ``user`` is the last active administrator.

    Race-safe on PostgreSQL: the active administrators' rows are locked first, so that two
    administrators removing each other wait for one another; the count is then read again in a
    statement of its own, whose snapshot sees what the other committed (the locking statement's
    own snapshot may predate a revoked role). SQLite's one writer at a time gives the same.
    """
    list(_active_administrators().select_for_update().values_list("pk", flat=True))
    if list(_active_administrators().values_list("pk", flat=True)) == [user.pk]:
        raise Conflict(_(Code.LAST_ADMINISTRATOR.message), code=Code.LAST_ADMINISTRATOR)


def _roles(user: User) -> list[str]:
    return sorted(user.role_grants.values_list("role", flat=True))


def _audit_user(actor, user: User, changes: dict) -> None:
    """The entry about a user, read as the user's own record (``User.marking``): by
    administrators and the auditors of the user's nation, never by other nations."""
    audit_record(actor=actor, action=audited_action(), obj=user, changes=changes)


def _sign_out_everywhere(user: User, *, keep: str = "") -> int:
    """End the user's recorded sessions (all but ``keep``) in the session store."""
    store: type[SessionBase] = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    open_sessions = AccountSession.objects.filter(user=user, ended_at__isnull=True).exclude(
        session_key=keep
    )
    keys = list(open_sessions.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    open_sessions.update(ended_at=timezone.now())
    return len(keys)


@audited("user.invite")
def user_invite(
    *,
    actor,
    username: str,
    email: str,
    roles: list[str],
    nation: Nation | None = None,
    site: Site | None = None,
    full_name: str = "",
    language: str = "",
    link: Callable[[str], str],
) -> User:
    """Create a user without a password and e-mail them a link to set one, valid for
    ``settings.ACCORD_INVITATION_DAYS`` days; ``link(token)`` makes the link's address."""
    _require_administrator(actor)
    if not email:
        raise ValidationFailed(
            _(Code.EMAIL_REQUIRED.message),
            code=Code.EMAIL_REQUIRED,
            errors={"email": [gettext_noop("required")]},
        )
    _check_roles(roles, nation, site)
    first, _space, last = full_name.partition(" ")
    user = User(
        username=username,
        email=email,
        nation=nation,
        site=site,
        first_name=first,
        last_name=last,
        language=language,
    )
    user.set_unusable_password()
    _validated(user, exclude=["password"])
    try:
        user.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(
            _("The username %(username)s is taken.") % {"username": username}, code=Code.DUPLICATE
        ) from exc
    UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in sorted(set(roles))])
    _audit_user(
        actor,
        user,
        {
            "username": [None, username],
            "email": [None, email],
            "roles": [None, sorted(set(roles))],
            "nation": [None, nation.iso3 if nation else None],
            "site": [None, site.code if site else None],
        },
    )
    _mail_after_commit(
        user, "invitation", {"link": link(invitation_token(user)), "days": invitation_days()}
    )
    return user


def invitation_days() -> int:
    return settings.ACCORD_INVITATION_DAYS


def _invitation_state(user: User) -> str:
    # Changes once the password is set, so a link works once.
    return salted_hmac(
        INVITATION_SALT, f"{user.pk}:{user.password}", algorithm="sha256"
    ).hexdigest()[:20]


def invitation_token(user: User) -> str:
    """The signed, dated token of a user's invitation link."""
    return signing.TimestampSigner(salt=INVITATION_SALT).sign_object(
        {"u": user.pk, "s": _invitation_state(user)}
    )


def invitation_user(token: str) -> User | None:
    """The invited user a token names, if it is genuine, not expired and not used yet."""
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    try:
        data = signer.unsign_object(token, max_age=invitation_days() * 86400)
        user = User.objects.get(pk=data["u"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if user.has_usable_password() or data.get("s") != _invitation_state(user):
        return None
    return user


@audited("user.invitation_accept")
def invitation_accept(*, actor, token: str, password: str) -> User:
    """The invitee sets their password through the link; the link then works no more."""
    user = invitation_user(token)
    if user is None:
        raise ValidationFailed(_(Code.INVITATION_INVALID.message), code=Code.INVITATION_INVALID)
    _check_password(password, user, field="password")
    user.set_password(password)
    User.objects.filter(pk=user.pk).update(password=user.password)
    _audit_user(user, user, {"password": [None, "set"]})
    return user


@audited("user.deactivate")
def user_deactivate(*, actor, user: User) -> User:
    """A user who may no longer sign in: their sessions end, their records and history stay."""
    _require_administrator(actor)
    if not user.is_active:
        return user
    _keep_an_administrator(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    ended = _sign_out_everywhere(user)
    _audit_user(actor, user, {"is_active": [True, False], "sessions_ended": [None, ended]})
    access.forget_principal(user)
    return user


@audited("user.reactivate")
def user_reactivate(*, actor, user: User) -> User:
    _require_administrator(actor)
    if user.is_active:
        return user
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    _audit_user(actor, user, {"is_active": [False, True]})
    return user


@audited("user.role_grant")
def role_grant(*, actor, user: User, role: str) -> User:
    """Give a user one more role; never oneself."""
    _require_administrator(actor)
    _require_other(actor, user)
    before = _roles(user)
    _check_roles([*before, role], user.nation, user.site)
    if role in before:
        return user
    UserRole.objects.get_or_create(user=user, role=role)
    _audit_user(actor, user, {"roles": [before, sorted([*before, role])]})
    access.forget_principal(user)
    return user


@audited("user.role_revoke")
def role_revoke(*, actor, user: User, role: str) -> User:
    """Take one role from a user: not their last, and not the last active administrator's."""
    _require_administrator(actor)
    before = _roles(user)
    if role not in before:
        return user
    if role == Role.ADMINISTRATOR:
        _keep_an_administrator(user)
    else:
        _require_other(actor, user)
    if before == [role]:
        raise ValidationFailed(
            _(Code.ROLE_REQUIRED.message),
            code=Code.ROLE_REQUIRED,
            errors={"role": [gettext_noop("required")]},
        )
    UserRole.objects.filter(user=user, role=role).delete()
    _audit_user(actor, user, {"roles": [before, [r for r in before if r != role]]})
    access.forget_principal(user)
    return user


@audited("user.place")
def user_place(*, actor, user: User, nation: Nation | None, site: Site | None) -> User:
    """Set the nation a user belongs to and the site they work at; never one's own, since a
    nation decides what its users read."""
    _require_administrator(actor)
    _require_other(actor, user)
    _check_roles(_roles(user), nation, site)
    before = {
        "nation": user.nation.iso3 if user.nation_id else None,
        "site": user.site.code if user.site_id else None,
    }
    after = {"nation": nation.iso3 if nation else None, "site": site.code if site else None}
    User.objects.filter(pk=user.pk).update(nation=nation, site=site)
    user.nation, user.site = nation, site
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    _audit_user(actor, user, changes)
    access.forget_principal(user)
    return user


# --- each user's own account -------------------------------------------------------------------


def _me(actor) -> User:
    principal = access.principal_of(actor)
    if principal.user_id is None:
        raise PermissionDenied(_("Sign in to change your account."))
    return User.objects.get(pk=principal.user_id)


def check_new_password(password: str, *, username: str, email: str = "", full_name: str = ""):
    """Django's password validators on the password of a user still to be created (``accord
    createuser``, the API's and the page's "new user"; the demo's shared password skips them)."""
    first, _space, last = full_name.partition(" ")
    candidate = User(username=username, email=email, first_name=first, last_name=last)
    _check_password(password, candidate, field="password")


def _check_password(password: str, user: User, *, field: str) -> None:
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed(
            " ".join(exc.messages), code=Code.PASSWORD_REJECTED, errors={field: exc.messages}
        ) from None


@audited("user.password_change")
def password_change(
    *, actor, current_password: str, new_password: str, keep_session_key: str = ""
) -> User:
    """The user's own new password, after their current one. Every other session of theirs
    ends; the interface keeps the one that asked (``update_session_auth_hash``)."""
    user = _me(actor)
    if not user.check_password(current_password):
        raise ValidationFailed(
            _(Code.PASSWORD_INCORRECT.message),
            code=Code.PASSWORD_INCORRECT,
            errors={"current_password": [gettext_noop("not correct")]},
        )
    _check_password(new_password, user, field="new_password")
    user.set_password(new_password)
    User.objects.filter(pk=user.pk).update(password=user.password)
    _sign_out_everywhere(user, keep=keep_session_key)
    _audit_user(actor, user, {"password": ["…", "changed"]})
    return user


@audited("user.email_change")
def email_change(*, actor, email: str) -> User:
    user = _me(actor)
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationFailed(
            _("%(email)s is not an e-mail address.") % {"email": email},
            errors={"email": [gettext_noop("not an e-mail address")]},
        ) from None
    before = user.email
    User.objects.filter(pk=user.pk).update(email=email)
    user.email = email
    _audit_user(actor, user, {"email": [before, email]})
    return user


@audited("user.password_reset_request")
def password_reset_request(*, actor, email: str, link: Callable[[str, str], str]) -> None:
    """E-mail a reset link (Django's token generator, ``PASSWORD_RESET_TIMEOUT``) to each active
    user with this address and a password. The caller hears the same whether or not one exists,
    and the audit entry does not say either."""
    users = User.objects.filter(email__iexact=email.strip(), is_active=True)
    for user in users:
        if not user.has_usable_password():
            continue
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        _mail_after_commit(
            user,
            "password_reset",
            {"link": link(uid, default_token_generator.make_token(user)), "user": user},
        )
    audit_record(actor=actor, action=audited_action(), object_label="core.user")


@audited("user.password_reset")
def password_reset_complete(*, actor, user: User, password: str) -> User:
    """The new password set through a reset link (the interface checked its token); every
    session of the user ends, as after any change of password."""
    _check_password(password, user, field="new_password1")
    user.set_password(password)
    User.objects.filter(pk=user.pk).update(password=user.password)
    _sign_out_everywhere(user)
    _audit_user(user, user, {"password": ["…", "reset"]})
    return user


@audited("user.sign_in")
def session_open(*, actor, session_key: str, user_agent: str = "", ip_address=None):
    """Record the session a user just signed in with (the sign-in page calls it)."""
    user = _me(actor)
    session, _created = AccountSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "started_at": timezone.now(),
            "user_agent": user_agent[:200],
            "ip_address": ip_address,
            "ended_at": None,
        },
    )
    _audit_user(actor, user, {})
    return session


@audited("user.sessions_end")
def sessions_end_others(*, actor, keep_session_key: str) -> int:
    """Sign the user out of every session but the one asking; the number ended."""
    user = _me(actor)
    ended = _sign_out_everywhere(user, keep=keep_session_key)
    _audit_user(actor, user, {"sessions_ended": [None, ended]})
    return ended


@audited("user.sign_out")
def session_close(*, actor, session_key: str) -> None:
    """Note that the user signed out of this session (the sign-out page calls it)."""
    user = _me(actor)
    AccountSession.objects.filter(user=user, session_key=session_key, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    _audit_user(actor, user, {})


# --- e-mail ----------------------------------------------------------------------------------


def _mail_after_commit(user: User, kind: str, context: dict) -> None:
    """Send ``core/email/<kind>.txt`` in the user's language once the change is committed."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = render_to_string(f"core/email/{kind}.txt", {"user": user, **context})
    subject, _newline, body = text.strip().partition("\n")

    def send():
        try:
            send_mail(
                subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email]
            )
        except Exception:  # the change stands; a mail server being down must not undo it
            log.exception("could not send the %s e-mail to user %s", kind, user.pk)

    transaction.on_commit(send, robust=True)
