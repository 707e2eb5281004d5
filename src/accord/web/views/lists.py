"""One list view for every registry kind, declared in ``kinds`` and answered by the toolkit."""

from __future__ import annotations

from django.urls import reverse

from accord.web.pages import list_page
from accord.web.views.kinds import KINDS


def record_list(request, kind_key: str):
    kind = KINDS[kind_key]
    create_url = reverse(f"web:{kind.key}-create") if kind.may_create(request.user) else None
    return list_page(request, kind.list_page(), {"kind": kind, "create_url": create_url})
