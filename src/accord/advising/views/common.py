"""What advising's pages share: signed-in pages and the one-form page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy

from accord.web.pages import Column, form_page

MARKING = Column(gettext_lazy("Marking"), lambda obj: obj.marking, badge=True)


def page(view):
    """An advising page: for signed-in users."""
    return login_required(view)


class Kind:
    """What ``web/list.html`` says of a list's records (its title and its "New ..." button)."""

    def __init__(self, singular, plural):
        self.singular = singular
        self.plural = plural


def one_form(
    request, form, *, run, title, cancel_url, success_url, message, intro="", version=None
):
    """One of advising's single forms: ``run(actor, cleaned_data)`` is its one service call.
    A form sent back with its errors answers 422, as the API does; 200 under HTMX. ``version``:
    an edit form's record version, sent back as ``expected_version``."""
    return form_page(
        request,
        form=form,
        run=run,
        template="advising/form.html",
        partial="form",
        success_url=success_url,
        success_message=message,
        context={"title": title, "cancel_url": cancel_url, "intro": intro, "version": version},
        invalid_status=200 if getattr(request, "htmx", False) else 422,
    )


def scope(record) -> dict:
    """The values of a record created under ``record`` (its site and marking), for ``may``."""
    return {
        "site_id": record.site_id,
        "marking": record.marking,
        "owner_nation_id": record.owner_nation_id,
    }


def posted_version(request, current: int) -> int:
    """The version the edit form was opened at (a stale one is refused by the service)."""
    if request.method != "POST":
        return current
    try:
        return int(request.POST.get("expected_version", ""))
    except ValueError:
        return -1
