"""``{% attachments record %}``: a record's attachments panel, one line in each record's page.

Lists the attachments the reader may read (name and download, size, type, marking, who uploaded
it and when, the start of its SHA-256, the preview of a PDF's first page or "preparing", the
earlier versions it replaced), and the upload, replace and remove forms when the reader may change
the record (``access.may``).
"""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from accord import access
from accord.documents import kinds, selectors
from accord.documents.forms import RemoveForm, ReplaceForm, UploadForm
from accord.l10n import format_number

register = template.Library()


@register.inclusion_tag("documents/panel.html", takes_context=True)
def attachments(context, record):
    request = context["request"]
    actor = request.user
    kind = kinds.of_record(record)
    found = selectors.attachments_of(actor=actor, record=record, history=True) if kind else []
    rows = selectors.with_history(list(found))
    may_upload = bool(kind) and access.may(actor, "change", type(record), record)
    return {
        "kind": kind,
        "key": kind.key_of(record) if kind else "",
        "rows": rows,
        "may_upload": may_upload,
        "form": UploadForm(actor=actor) if may_upload else None,
        "replace_form": ReplaceForm() if may_upload else None,
        "remove_form": RemoveForm() if may_upload else None,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.filter
def file_size(size: int) -> str:
    """A file's size in the reader's figures: bytes, KB or MB."""
    if size < 1024:
        return _("%(n)s bytes") % {"n": format_number(size)}
    if size < 1024 * 1024:
        return _("%(n)s KB") % {"n": format_number(Decimal(size * 10 // 1024) / 10, places=1)}
    return _("%(n)s MB") % {"n": format_number(Decimal(size * 10 // 1048576) / 10, places=1)}
