"""What the budget's pages share: the fiscal year a page is about, and the budget's one-form
page (``budget/form.html``)."""

from __future__ import annotations

from accord.budget import selectors
from accord.web.pages import form_page, record_or_404


def fiscal_year_asked(request):
    """The fiscal year named by ``?fiscal_year=``, else the current one (None if there is none);
    a year that does not exist, or that the reader may not read, is the 404 page."""
    label = request.GET.get("fiscal_year")
    if label:
        return record_or_404(selectors.fiscal_year_get, actor=request.user, label=label)
    return selectors.fiscal_year_current(actor=request.user)


def invalid_status(request) -> int:
    """The status of a budget form sent back with its errors: 422, as the API answers bad input;
    200 under HTMX, which swaps no 4xx answer into the page."""
    return 200 if getattr(request, "htmx", False) else 422


def budget_form(request, form, *, run, title: str, cancel_url: str, success_url, message):
    """One of the budget's single forms: ``run(actor, cleaned_data)`` is its one service call;
    HTMX submits it and checks it as the user types."""
    return form_page(
        request,
        form=form,
        run=run,
        template="budget/form.html",
        partial="form",
        success_url=success_url,
        success_message=message,
        context={"title": title, "cancel_url": cancel_url},
        invalid_status=invalid_status(request),
    )
