"""What the situation's pages share: the one-form page, the marking column, the tabs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from accord.web.pages import Column, form_page

MARKING = Column(gettext_lazy("Marking"), lambda obj: obj.marking, badge=True)


class Kind:
    """What ``web/list.html`` says of a list's records (its title and its "New ..." button)."""

    def __init__(self, singular, plural):
        self.singular = singular
        self.plural = plural


def situation_form(request, form, *, run, title, cancel_url, success_url, message, upload=False):
    """One of the situation's single forms: ``run(actor, cleaned_data)`` is its service call."""
    return form_page(
        request,
        form=form,
        run=run,
        template="situation/form.html",
        partial="form",
        success_url=success_url,
        success_message=message,
        context={"title": title, "cancel_url": cancel_url, "upload": upload},
        invalid_status=200 if getattr(request, "htmx", False) else 422,
    )
