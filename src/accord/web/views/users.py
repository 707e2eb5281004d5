"""User administration for administrators: the list of users, a user's page, creating and
inviting users, deactivating and reactivating them, their roles, nation and site. Every change
is one service of ``accord.core.accounts``; whoever may not manage users gets the 403 page."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.core import accounts, passkeys, selectors, two_factor
from accord.core.filters import UserFilter
from accord.core.forms import RoleForm, UserCreateForm, UserInviteForm, UserPlaceForm
from accord.core.services import user_create
from accord.markings import Role
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    form_page,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)


@dataclass(frozen=True)
class Kind:
    """What the list and form templates say of users."""

    singular: str
    plural: str
    list_url: str


def _kind() -> Kind:
    return Kind(gettext_lazy("user"), gettext_lazy("Users"), reverse("web:users-list"))


def _separator() -> str:
    return pgettext("list separator", ", ")


def _roles_text(user) -> str:
    return _separator().join(sorted(str(g.get_role_display()) for g in user.role_grants.all()))


def _status_text(user) -> str:
    if not user.is_active:
        return str(_("deactivated"))
    if not user.has_usable_password():
        return str(_("invited"))
    return str(_("active"))


USER_COLUMNS = (
    Column(gettext_lazy("Username"), "username", sort="username", link=True),
    Column(gettext_lazy("Name"), lambda u: u.get_full_name(), sort="name"),
    Column(gettext_lazy("Roles"), _roles_text),
    Column(gettext_lazy("Nation"), lambda u: str(u.nation) if u.nation_id else None),
    Column(gettext_lazy("Site"), lambda u: str(u.site) if u.site_id else None),
    Column(gettext_lazy("Status"), _status_text),
    Column(gettext_lazy("Last sign-in"), "last_login", sort="last_login"),
)


def _roles_named(changes: dict) -> dict:
    """A history entry's roles by their names in the reader's language, not their codes."""
    if "roles" not in changes:
        return changes
    named = [
        None if roles is None else _separator().join(str(Role(r).label) for r in roles)
        for roles in changes["roles"]
    ]
    return {**changes, "roles": named}


def _detail_url(user) -> str:
    return reverse("web:users-detail", args=[user.username])


def users_page() -> ListPage:
    return ListPage(
        name="users",
        model=get_user_model(),
        filterset=UserFilter,
        columns=USER_COLUMNS,
        select=selectors.user_list,
        row_url=_detail_url,
        export_extra=(Column(gettext_lazy("E-mail"), "email"),),
    )


def may_manage_users(actor) -> bool:
    return access.may(actor, "change", get_user_model())


def _refused(request):
    return forbidden(request, _("Only administrators manage users."))


@login_required
def user_list(request):
    if not may_manage_users(request.user):
        return _refused(request)
    context = {
        "kind": _kind(),
        "create_url": reverse("web:users-create"),
        "more_actions": [(_("Invite a user"), reverse("web:users-invite"))],
    }
    return list_page(request, users_page(), context)


@login_required
def user_detail(request, username: str):
    actor = request.user
    if not may_manage_users(actor):
        return _refused(request)
    user = record_or_404(selectors.user_get, actor=actor, username=username)
    held = {g.role for g in user.role_grants.all()}
    context = {
        "kind": _kind(),
        "member": user,
        "roles": sorted(user.role_grants.all(), key=lambda g: g.role),
        "grant_form": RoleForm(),
        "grantable": [
            choice for choice in RoleForm.base_fields["role"].choices if choice[0] not in held
        ],
        "place_form": UserPlaceForm(
            actor=actor,
            initial={
                "nation": user.nation.iso3 if user.nation_id else None,
                "site": user.site.code if user.site_id else None,
            },
        ),
        "status": _status_text(user),
        "is_self": user.pk == actor.pk,
        "two_factor": passkeys.second_factor_enrolled(user),
        "history": history_rows(actor, user, present=_roles_named),
    }
    return render(request, "web/user_detail.html", context)


def _user_form(request, form, *, run, title: str, message):
    return form_page(
        request,
        form=form,
        run=run,
        template="web/form.html",
        partial="form",
        success_url=_detail_url,
        success_message=message,
        context={"kind": _kind(), "title": title, "cancel_url": reverse("web:users-list")},
        invalid_status=200 if getattr(request, "htmx", False) else 422,
    )


def _placed(data: dict) -> dict:
    return {"nation": data.get("nation"), "site": data.get("site")}


def _create(actor, data: dict):
    """The new user, their password first held to Django's validators."""
    accounts.check_new_password(
        data["password"],
        username=data["username"],
        email=data["email"],
        full_name=data["full_name"],
    )
    return user_create(
        actor=actor,
        username=data["username"],
        password=data["password"],
        roles=data["roles"],
        email=data["email"],
        full_name=data["full_name"],
        language=data["language"],
        **_placed(data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_create_page(request):
    if not may_manage_users(request.user):
        return _refused(request)
    form = UserCreateForm(request.POST or None, actor=request.user)
    return _user_form(
        request,
        form,
        run=_create,
        title=_("New user"),
        message=lambda user: _("Created the user %(name)s.") % {"name": user.username},
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_invite_page(request):
    if not may_manage_users(request.user):
        return _refused(request)
    form = UserInviteForm(request.POST or None, actor=request.user)
    return _user_form(
        request,
        form,
        run=lambda actor, data: accounts.user_invite(
            actor=actor,
            username=data["username"],
            email=data["email"],
            roles=data["roles"],
            full_name=data["full_name"],
            language=data["language"],
            link=invitation_link(request),
            **_placed(data),
        ),
        title=_("Invite a user"),
        message=lambda user: (
            _("Invited %(name)s: the link is on its way to %(email)s.")
            % {"name": user.username, "email": user.email}
        ),
    )


def invitation_link(request):
    """The absolute address of an invitation's page, for the e-mail."""
    return lambda token: request.build_absolute_uri(reverse("web:invitation", args=[token]))


def _user_action(request, username: str, *, form, run, done):
    actor = request.user
    if not may_manage_users(actor):
        return _refused(request)
    user = record_or_404(selectors.user_get, actor=actor, username=username)
    return record_action(
        request,
        form=form,
        run=lambda actor, data: run(actor, user, data),
        back_url=_detail_url(user),
        done=done(user),
    )


@login_required
@require_POST
def user_deactivate(request, username: str):
    return _user_action(
        request,
        username,
        form=forms.Form(request.POST),
        run=lambda actor, user, data: accounts.user_deactivate(actor=actor, user=user),
        done=lambda user: (
            _("Deactivated %(name)s: they are signed out and cannot sign in.")
            % {"name": user.username}
        ),
    )


@login_required
@require_POST
def user_two_factor_reset(request, username: str):
    """For a user who lost their phone and their recovery codes."""
    return _user_action(
        request,
        username,
        form=forms.Form(request.POST),
        run=lambda actor, user, data: two_factor.two_factor_reset(actor=actor, user=user),
        done=lambda user: (
            _(
                "Two-factor sign-in of %(name)s is reset: they sign in with their password and "
                "set up a new authenticator."
            )
            % {"name": user.username}
        ),
    )


@login_required
@require_POST
def user_reactivate(request, username: str):
    return _user_action(
        request,
        username,
        form=forms.Form(request.POST),
        run=lambda actor, user, data: accounts.user_reactivate(actor=actor, user=user),
        done=lambda user: _("Reactivated %(name)s.") % {"name": user.username},
    )


@login_required
@require_POST
def role_grant(request, username: str):
    return _user_action(
        request,
        username,
        form=RoleForm(request.POST),
        run=lambda actor, user, data: accounts.role_grant(
            actor=actor, user=user, role=data["role"]
        ),
        done=lambda user: _("Granted the role to %(name)s.") % {"name": user.username},
    )


@login_required
@require_POST
def role_revoke(request, username: str):
    return _user_action(
        request,
        username,
        form=RoleForm(request.POST),
        run=lambda actor, user, data: accounts.role_revoke(
            actor=actor, user=user, role=data["role"]
        ),
        done=lambda user: _("Revoked the role of %(name)s.") % {"name": user.username},
    )


@login_required
@require_POST
def user_place(request, username: str):
    return _user_action(
        request,
        username,
        form=UserPlaceForm(request.POST, actor=request.user),
        run=lambda actor, user, data: accounts.user_place(actor=actor, user=user, **_placed(data)),
        done=lambda user: _("Saved the nation and site of %(name)s.") % {"name": user.username},
    )
