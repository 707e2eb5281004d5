"""What the fleet's pages share: the one-form page (``fleet/form.html``), the list declaration
helpers and the cells that say an aircraft's state."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from accord.web.pages import Column, form_page

MARKING = Column(gettext_lazy("Marking"), lambda obj: obj.marking, badge=True)


def invalid_status(request) -> int:
    """A form sent back with its errors answers 422, as the API does; 200 under HTMX."""
    return 200 if getattr(request, "htmx", False) else 422


def fleet_form(
    request, form, *, run, title: str, cancel_url: str, success_url, message, context=None
):
    """One of the fleet's single forms: ``run(actor, cleaned_data)`` is its one service call."""
    return form_page(
        request,
        form=form,
        run=run,
        template="fleet/form.html",
        partial="form",
        success_url=success_url,
        success_message=message,
        context={"title": title, "cancel_url": cancel_url, **(context or {})},
        invalid_status=invalid_status(request),
    )


class Kind:
    """What ``web/list.html`` says of a list's records (its title and its "New ..." button)."""

    def __init__(self, singular, plural):
        self.singular = singular
        self.plural = plural
