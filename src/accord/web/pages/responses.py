"""The answers every page gives: who is acting, the 403 page, the redirect after a write."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect

from accord import access
from accord.audit.services import set_via


def principal(request) -> access.Principal:
    return access.principal_of(request.user)


def acting(request):
    """The actor for a service call from a page; marks the audit entries as written via the web."""
    set_via("web")
    return request.user


def forbidden(request, message: str) -> HttpResponse:
    """The 403 page, for a record the user may read but not change."""
    return render(request, "403.html", {"message": message}, status=403)


def success_redirect(request, url: str, message: str = "") -> HttpResponse:
    """After a successful POST: HX-Redirect for HTMX, a plain redirect otherwise."""
    if message:
        messages.success(request, message)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)
