"""Single sign-on: the claims an OpenID provider vouches for, mapped to an Accord user (ADR 0018).

    user_sign_on   find the user by the provider's subject (else by username, once, which links
                   the account), or create them; set their e-mail, name, nation, site and roles
                   from the claims; refuse in words when the claims do not say enough

The mapping (docs/operations.md, "Single sign-on"), each claim's name set by the environment:

    username  ACCORD_OIDC_USERNAME_CLAIM (preferred_username), else the e-mail address
    nation    ACCORD_OIDC_NATION_CLAIM (nation): an ISO 3166 alpha-3 code Accord knows;
              optional for administrators only
    site      ACCORD_OIDC_SITE_CLAIM (site): a site's code, for hub and spoke staff
    roles     ACCORD_OIDC_ROLES_CLAIM (roles): a list, or names separated by spaces or commas;
              each is an Accord role, or a provider's name that ACCORD_OIDC_ROLE_MAP maps to one;
              other names (the provider's unrelated groups) are ignored, but none at all refuses

The provider is the authority on these: every sign-in sets them again, so a role taken away
there is taken away here at the next sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audited
from accord.core.accounts import _audit_user, _keep_an_administrator, _roles
from accord.core.models import Nation, Site, User, UserRole
from accord.errors import Code, PermissionDenied
from accord.markings import SITE_ROLES, Role


@dataclass(frozen=True)
class SignOnClaims:
    """What the claims say about the person, in Accord's terms (not yet checked against the
    registry)."""

    subject: str
    username: str
    email: str
    first_name: str
    last_name: str
    nation: str
    site: str
    roles: tuple[str, ...]


def _names(value) -> list[str]:
    if isinstance(value, str):
        return value.replace(",", " ").split()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []


def claims_mapped(issuer: str, claims: dict) -> SignOnClaims:
    """The claims in Accord's terms: the role names mapped, unrelated groups dropped."""
    role_map = settings.ACCORD_OIDC_ROLE_MAP
    roles = {
        role_map.get(name, name) for name in _names(claims.get(settings.ACCORD_OIDC_ROLES_CLAIM))
    }
    email = str(claims.get("email") or "")
    full = str(claims.get("name") or "")
    first, _space, last = full.partition(" ")
    return SignOnClaims(
        subject=f"{issuer} {claims.get('sub', '')}",
        username=str(claims.get(settings.ACCORD_OIDC_USERNAME_CLAIM) or email)[:150],
        email=email,
        first_name=str(claims.get("given_name") or first)[:150],
        last_name=str(claims.get("family_name") or last)[:150],
        nation=str(claims.get(settings.ACCORD_OIDC_NATION_CLAIM) or "").strip().upper(),
        site=str(claims.get(settings.ACCORD_OIDC_SITE_CLAIM) or "").strip(),
        roles=tuple(sorted(roles & set(Role.values))),
    )


def _refuse(detail: str) -> PermissionDenied:
    return PermissionDenied(detail, code=Code.SIGN_ON_REFUSED)


def _placed(mapped: SignOnClaims) -> tuple[Nation | None, Site | None]:
    """The nation and site the claims name, refused in words when Accord knows neither."""
    if not mapped.username:
        raise _refuse(
            _("Your organisation's sign-in gave neither a username nor an e-mail address.")
        )
    if not mapped.roles:
        raise _refuse(
            _(
                "Your organisation's sign-in gives you no role in Accord: ask its "
                "administrators to grant you one (for instance delegation or trainer)."
            )
        )
    nation = site = None
    if mapped.nation:
        nation = Nation.objects.filter(iso3=mapped.nation).first()
        if nation is None:
            raise _refuse(
                _(
                    "Your organisation's sign-in says you belong to the nation %(nation)s, which "
                    "Accord does not know: ask its administrators to correct it."
                )
                % {"nation": mapped.nation}
            )
    elif set(mapped.roles) - {Role.ADMINISTRATOR}:
        raise _refuse(
            _(
                "Your organisation's sign-in does not say which nation you belong to, and every "
                "Accord user but an administrator needs one: ask its administrators to add it."
            )
        )
    if mapped.site:
        site = Site.objects.filter(code=mapped.site).first()
        if site is None:
            raise _refuse(
                _("Your organisation's sign-in names the site %(site)s, unknown to Accord.")
                % {"site": mapped.site}
            )
    elif set(mapped.roles) & SITE_ROLES:
        raise _refuse(
            _("Your organisation's sign-in makes you hub or spoke staff but names no site.")
        )
    return nation, site


def _find(mapped: SignOnClaims) -> User | None:
    user = User.objects.filter(sign_on_subject=mapped.subject).first()
    if user is None:
        # A local account of the same name is linked at its first sign-on, and only then.
        user = User.objects.filter(username=mapped.username, sign_on_subject__isnull=True).first()
    return user


@audited("user.sign_on")
def user_sign_on(*, actor, issuer: str, claims: dict) -> User:
    """The user the provider's claims name, created or brought up to date (see the module)."""
    mapped = claims_mapped(issuer, claims)
    nation, site = _placed(mapped)
    user = _find(mapped)
    if user is not None and not user.is_active:
        raise _refuse(_("Your Accord account is deactivated: ask an administrator."))
    created = user is None
    if created:
        user = User(username=mapped.username)
        user.set_unusable_password()
    before = _state(user, created)
    user.sign_on_subject = mapped.subject
    user.email, user.first_name, user.last_name = mapped.email, mapped.first_name, mapped.last_name
    user.nation, user.site = nation, site
    try:
        user.save()
    except IntegrityError:
        raise _refuse(
            _("The username %(username)s belongs to another account that signs in otherwise.")
            % {"username": mapped.username}
        ) from None
    _roles_set(user, list(mapped.roles), created)
    after = _state(user, False)
    changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
    _audit_user(user, user, changes)
    access.forget_principal(user)
    return user


def _state(user: User, created: bool) -> dict:
    if created:
        return dict.fromkeys(("username", "email", "nation", "site", "roles", "sign_on"))
    return {
        "username": user.username,
        "email": user.email,
        "nation": user.nation.iso3 if user.nation_id else None,
        "site": user.site.code if user.site_id else None,
        "roles": _roles(user),
        "sign_on": bool(user.sign_on_subject),
    }


def _roles_set(user: User, roles: list[str], created: bool) -> None:
    before = [] if created else _roles(user)
    if Role.ADMINISTRATOR in before and Role.ADMINISTRATOR not in roles:
        _keep_an_administrator(user)
    UserRole.objects.filter(user=user).exclude(role__in=roles).delete()
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=role) for role in roles if role not in before]
    )
