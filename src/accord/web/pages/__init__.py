"""The page toolkit every app's views are made of.

    record_or_404(get, **kw)     a selector's record, or the 404 page (never a 403 that leaks)
    history_rows(actor, obj)     the history panel: the record's audit entries the reader may see
    form_page(request, ...)      one form, one service: validation, domain errors as form errors
                                 with their code, HTMX partials and inline checks, the redirect
    record_action(request, ...)  the same for a button on a record's page: back to the page, with
                                 what happened (or the refusal and its code) as a message
    ListPage, Column,            a list declared once: filter set, sortable columns, pagination,
    list_page(request, page)     HTMX rows, CSV and XLSX export
    paginate(request, rows)      one page of any other list
    export_response(...)         a streamed CSV or an XLSX of any rows
    acting, principal,           who acts (and through the web), the 403 page, the redirect
    forbidden, success_redirect

Role questions are not here: views ask ``access.may`` (see ``accord/access.py``).
"""

from accord.web.pages.exports import EXPORT_FORMATS, export_response
from accord.web.pages.forms import (
    HINTS,
    apply_domain_error,
    error_messages,
    form_page,
    quiet_missing,
    record_action,
    validating,
)
from accord.web.pages.lists import (
    Column,
    ListPage,
    filter_params,
    list_page,
    paginate,
    sort_columns,
)
from accord.web.pages.records import change_rows, history_rows, record_or_404
from accord.web.pages.responses import acting, forbidden, principal, success_redirect

__all__ = [
    "EXPORT_FORMATS",
    "HINTS",
    "Column",
    "ListPage",
    "acting",
    "apply_domain_error",
    "change_rows",
    "error_messages",
    "export_response",
    "filter_params",
    "forbidden",
    "form_page",
    "history_rows",
    "list_page",
    "paginate",
    "principal",
    "quiet_missing",
    "record_action",
    "record_or_404",
    "sort_columns",
    "success_redirect",
    "validating",
]
