"""The API of users and accounts: administrators list, create, invite, deactivate and
reactivate users, grant and revoke roles, set a nation and a site; everyone changes their own
password and e-mail. Thin, as the registry's API: each operation resolves codes through
selectors and calls one service of ``accord.core.accounts``."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accord import access
from accord.core import accounts, selectors, services
from accord.core.schemas import (
    EmailIn,
    PasswordChangeIn,
    RoleIn,
    UserIn,
    UserInviteIn,
    UserOut,
    UserPlacePatch,
)
from accord.errors import Code, NotFound, PermissionDenied, ValidationFailed
from accord.inputs import Input, Text
from accord.markings import Role
from accord.pagination import Pages

router = Router(tags=["users"])


class UserQuery(Input):
    q: str | None = None
    role: str | None = None
    nation: str | None = None
    site: str | None = None
    active: bool | None = None
    sort: str | None = None


def _require_manager(request) -> None:
    """Whoever may not manage users hears 403 before any user is looked up, so the answer tells
    nothing about who exists."""
    if not access.may(request.user, "change", get_user_model()):
        raise PermissionDenied(_("Only administrators manage users."))


def _user(request, username: str):
    _require_manager(request)
    return selectors.user_get(actor=request.user, username=username)


def _reference(getter, field: str, code: str | None):
    if code is None:
        return None
    try:
        return getter(code)
    except NotFound:
        raise ValidationFailed(
            _("%(field)s: no record with the code %(code)s") % {"field": field, "code": repr(code)},
            code=Code.UNKNOWN_REFERENCE,
            errors={field: ["unknown code"]},
        ) from None


def _placed(request, nation: str | None, site: str | None) -> dict:
    actor = request.user
    return {
        "nation": _reference(lambda c: selectors.nation_get(actor=actor, iso3=c), "nation", nation),
        "site": _reference(lambda c: selectors.site_get(actor=actor, code=c), "site", site),
    }


def _fresh(request, user):
    return selectors.user_get(actor=request.user, username=user.username)


@router.get("/users", response=list[UserOut])
@paginate(Pages)
def user_list(request, filters: Query[UserQuery]):
    _require_manager(request)
    params = {k: v for k, v in filters.dict().items() if v is not None}
    return selectors.user_list(actor=request.user, params=params)


@router.post("/users", response={201: UserOut})
def user_create(request, payload: UserIn):
    _require_manager(request)
    accounts.check_new_password(
        payload.password,
        username=payload.username,
        email=payload.email,
        full_name=payload.full_name,
    )
    user = services.user_create(
        actor=request.user,
        username=payload.username,
        password=payload.password,
        roles=[str(r) for r in payload.roles],
        email=payload.email,
        full_name=payload.full_name,
        language=payload.language,
        **_placed(request, payload.nation, payload.site),
    )
    return Status(201, _fresh(request, user))


@router.post("/users/invitations", response={201: UserOut})
def user_invite(request, payload: UserInviteIn):
    _require_manager(request)
    user = accounts.user_invite(
        actor=request.user,
        username=payload.username,
        email=payload.email,
        roles=[str(r) for r in payload.roles],
        full_name=payload.full_name,
        language=payload.language,
        link=lambda token: request.build_absolute_uri(reverse("web:invitation", args=[token])),
        **_placed(request, payload.nation, payload.site),
    )
    return Status(201, _fresh(request, user))


@router.get("/users/{username}", response=UserOut)
def user_get(request, username: Text):
    return _user(request, username)


@router.patch("/users/{username}", response=UserOut)
def user_place(request, username: Text, payload: UserPlacePatch):
    user = _user(request, username)
    given = payload.dict(exclude_unset=True)
    nation = given.get("nation", user.nation.iso3 if user.nation_id else None)
    site = given.get("site", user.site.code if user.site_id else None)
    accounts.user_place(actor=request.user, user=user, **_placed(request, nation, site))
    return _fresh(request, user)


@router.post("/users/{username}/deactivate", response=UserOut)
def user_deactivate(request, username: Text):
    user = accounts.user_deactivate(actor=request.user, user=_user(request, username))
    return _fresh(request, user)


@router.post("/users/{username}/reactivate", response=UserOut)
def user_reactivate(request, username: Text):
    user = accounts.user_reactivate(actor=request.user, user=_user(request, username))
    return _fresh(request, user)


@router.post("/users/{username}/roles", response=UserOut)
def role_grant(request, username: Text, payload: RoleIn):
    user = accounts.role_grant(actor=request.user, user=_user(request, username), role=payload.role)
    return _fresh(request, user)


@router.delete("/users/{username}/roles/{role}", response=UserOut)
def role_revoke(request, username: Text, role: Role):
    user = accounts.role_revoke(actor=request.user, user=_user(request, username), role=role)
    return _fresh(request, user)


@router.post("/me/password", response={204: None}, tags=["account"])
def password_change(request, payload: PasswordChangeIn):
    accounts.password_change(
        actor=request.user,
        current_password=payload.current_password,
        new_password=payload.new_password,
    )
    return Status(204, None)


@router.post("/me/email", response={204: None}, tags=["account"])
def email_change(request, payload: EmailIn):
    accounts.email_change(actor=request.user, email=payload.email)
    return Status(204, None)
