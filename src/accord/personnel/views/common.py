"""What personnel's pages share: signed-in pages, the one-form page, list helpers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy

from accord.web.pages import Column, form_page

MARKING = Column(gettext_lazy("Marking"), lambda obj: obj.marking, badge=True)


def page(view):
    """A personnel page: for signed-in users."""
    return login_required(view)


class Kind:
    """What ``web/list.html`` says of a list's records (its title and its "New ..." button)."""

    def __init__(self, singular, plural):
        self.singular = singular
        self.plural = plural


def invalid_status(request) -> int:
    """A form sent back with its errors answers 422, as the API does; 200 under HTMX."""
    return 200 if getattr(request, "htmx", False) else 422


def one_form(request, form, *, run, title, cancel_url, success_url, message, upload=False):
    """One of personnel's single forms: ``run(actor, cleaned_data)`` is its one service call."""
    return form_page(
        request,
        form=form,
        run=run,
        template="personnel/form.html",
        partial="form",
        success_url=success_url,
        success_message=message,
        context={"title": title, "cancel_url": cancel_url, "upload": upload},
        invalid_status=invalid_status(request),
    )
